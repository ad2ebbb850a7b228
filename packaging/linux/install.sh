#!/bin/sh
# Install (or remove) this mscreg folder bundle with its launcher, icons and AppStream data.
#   ./install.sh                   per user: ~/.local/lib/mscreg, ~/.local/bin/mscreg, ~/.local/share/…
#   sudo ./install.sh --prefix /usr/local     for every user of the machine
#   ./install.sh --uninstall [--prefix P]     removes the program; the user's database is never touched
# (databases live in ~/.local/share/mscreg, which this script does not write or remove).
set -eu
PREFIX="${HOME}/.local"
ACTION=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --uninstall) ACTION=uninstall; shift ;;
    *) echo "usage: $0 [--prefix DIR] [--uninstall]" >&2; exit 2 ;;
  esac
done
APP_ID=org.mscreg.Mscreg
HERE="$(cd "$(dirname "$0")" && pwd)"
LIB="$PREFIX/lib/mscreg"
SIZES="16x16 22x22 24x24 32x32 48x48 64x64 128x128 256x256 512x512"

refresh() {  # menus and software centres notice new launchers and icons sooner; harmless if absent
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
}

if [ "$ACTION" = uninstall ]; then
  rm -rf "$LIB"
  rm -f "$PREFIX/bin/mscreg" "$PREFIX/share/applications/$APP_ID.desktop" \
        "$PREFIX/share/metainfo/$APP_ID.metainfo.xml" "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for s in $SIZES; do rm -f "$PREFIX/share/icons/hicolor/$s/apps/$APP_ID.png"; done
  refresh
  echo "mscreg removed from $PREFIX (user data in ~/.local/share/mscreg kept)"
  exit 0
fi

mkdir -p "$LIB" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
rm -rf "$LIB" && mkdir -p "$LIB"
cp -R "$HERE/mscreg" "$HERE/_internal" "$LIB/"
ln -sf "$LIB/mscreg" "$PREFIX/bin/mscreg"
cp -R "$HERE/share/icons" "$PREFIX/share/"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/"
# Absolute Exec/TryExec: the launcher must work even when $PREFIX/bin is not on the desktop's PATH.
sed -e "s|^Exec=mscreg|Exec=$LIB/mscreg|" -e "s|^TryExec=mscreg|TryExec=$LIB/mscreg|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$PREFIX/share/applications/$APP_ID.desktop"
refresh
echo "mscreg installed in $LIB (command: $PREFIX/bin/mscreg)"
