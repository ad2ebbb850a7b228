#!/usr/bin/env bash
# Build the Linux one-folder bundle: dist/mscreg/ (run dist/mscreg/mscreg) and
# dist/mscreg-<version>-linux-<arch>.tar.gz (the same folder plus share/ and install.sh for IT).
#
# Usage: packaging/build_linux.sh            (from anywhere; needs python3 >= 3.11 and the package registry)
# Env:   MSCREG_PACK_VENV  the build venv (default build/pack-venv, git-ignored; never the dev .venv,
#                          which others share: PyInstaller must not be installed into it)
#        PYTHON            the interpreter that creates the venv (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${MSCREG_PACK_VENV:-$ROOT/build/pack-venv}
PY=${PYTHON:-python3}
APP_ID=org.mscreg.Mscreg

echo "== build venv: $VENV"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
# constraints.txt keeps PySide6 < 6.12 on Python 3.11 (6.12.0 corrupts None's refcount there).
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -c constraints.txt -c packaging/pack-constraints.txt -e . pyinstaller

echo "== icons from mscreg/resources/icons/app/$APP_ID.svg"
"$VENV/bin/python" packaging/make_icons.py build/icons

echo "== pyinstaller"
rm -rf dist/mscreg
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/mscreg.spec

echo "== desktop integration files"
# Inside the folder under share/, in the layout install.sh copies to <prefix>/share.
SHARE=dist/mscreg/share
mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons"
cp packaging/linux/$APP_ID.desktop "$SHARE/applications/"
cp packaging/linux/$APP_ID.metainfo.xml "$SHARE/metainfo/"
cp -r build/icons/hicolor "$SHARE/icons/"
cp packaging/linux/install.sh dist/mscreg/install.sh
chmod +x dist/mscreg/install.sh

VERSION=$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("mscreg"))')
TARBALL=dist/mscreg-$VERSION-linux-$(uname -m).tar.gz
tar -C dist -czf "$TARBALL" mscreg
echo "built dist/mscreg ($(du -sh dist/mscreg | cut -f1)) and $TARBALL ($(du -h "$TARBALL" | cut -f1))"
