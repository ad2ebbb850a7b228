#!/usr/bin/env bash
# The packaging check anyone can run here: build the Linux bundle, use it as a user would (no Python on
# PATH, offscreen Qt, a fresh HOME so it creates its own database), validate the desktop integration
# files, and report times and sizes.  Exit 0 only if every step passed.
#
# Usage: packaging/check.sh [--no-build]     (--no-build: check the bundle already in dist/mscreg)
# Needs: what build_linux.sh needs; desktop-file-validate and appstreamcli (Debian: desktop-file-utils,
# appstream) and poppler-utils for the PDF checks; a missing tool fails the check rather than skipping,
# because a release must not go out unvalidated.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
APP_ID=org.mscreg.Mscreg
BUNDLE=$ROOT/dist/mscreg

# Elapsed time from /proc/uptime (the wall clock of build machines is not to be trusted for durations).
uptime_s() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }'; }
T0=$(uptime_s)
fail() { echo "FAIL: $*" >&2; exit 1; }

for tool in desktop-file-validate appstreamcli pdffonts pdftotext; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install desktop-file-utils appstream poppler-utils)"
done

if [ "${1:-}" != "--no-build" ]; then
  echo "== build (packaging/build_linux.sh)"
  T=$(uptime_s)
  packaging/build_linux.sh 2>&1 | grep -v "is ignored: it is neither a file nor a directory" || fail "build"
  BUILD_S=$(since "$T")
  echo "build: ${BUILD_S} s"
fi
[ -x "$BUNDLE/mscreg" ] || fail "no bundle at $BUNDLE"

echo "== smoke test from the bundle"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$SCRATCH/home" "$SCRATCH/bin"  # bin: an empty PATH, so nothing can fall back on a system Python
# env -i: no PYTHONPATH, no VIRTUAL_ENV, no MSCREG_DB; the bundle must bring everything it needs.
run() { (cd "$SCRATCH" && env -i HOME="$SCRATCH/home" PATH="$SCRATCH/bin" QT_QPA_PLATFORM=offscreen \
          LANG=C.UTF-8 "$BUNDLE/mscreg" "$@"); }
PATH="$SCRATCH/bin" command -v python3 >/dev/null 2>&1 && fail "python3 still reachable on the stripped PATH"

VERSION_OUT=$(run --version) || fail "--version"
echo "$VERSION_OUT" | sed 's/^/  /'
echo "$VERSION_OUT" | head -1 | grep -Eq '^mscreg [0-9]+\.[0-9]+' || fail "--version first line"
echo "$VERSION_OUT" | grep -q "Build: PyInstaller bundle" || fail "--version does not report a frozen build"
echo "$VERSION_OUT" | grep -q "Data set: unknown" && fail "the bundle cannot find mscreg/data/seed.json"

# First start creates the database (migrations + seed); the second is a normal start.
PAINT1=$(run --quit-after-first-paint 2>/dev/null | tail -1) || fail "--quit-after-first-paint (first start)"
PAINT2=$(run --quit-after-first-paint 2>/dev/null | tail -1) || fail "--quit-after-first-paint (second start)"
[[ "$PAINT1" =~ ^[0-9]+$ && "$PAINT2" =~ ^[0-9]+$ ]] || fail "first paint printed '$PAINT1' / '$PAINT2'"
[ -f "$SCRATCH/home/.local/share/mscreg/mscreg.sqlite" ] || fail "no database created in the temporary HOME"
echo "  first paint with products: ${PAINT1} ms (first start, creates the database), ${PAINT2} ms (second)"

run check >/dev/null || fail "mscreg check (integrity + audit chain)"
run timeline --approvals --out "$SCRATCH/approvals.pdf" >/dev/null || fail "timeline --approvals"
run timeline --approvals --lang zh_CN --out "$SCRATCH/approvals-zh.pdf" >/dev/null || fail "timeline zh_CN"
# whole outputs into files first: `tool | grep -q` fails under pipefail when grep stops reading early
pdffonts "$SCRATCH/approvals.pdf" > "$SCRATCH/fonts.txt"
pdftotext "$SCRATCH/approvals.pdf" "$SCRATCH/approvals.txt"
pdftotext "$SCRATCH/approvals-zh.pdf" "$SCRATCH/approvals-zh.txt"
grep -q "NotoSansCJKsc.*yes" "$SCRATCH/fonts.txt" || fail "CJK font not embedded in the PDF"
grep -q "艾米迈托赛" "$SCRATCH/approvals.txt" || fail "艾米迈托赛 missing from the PDF text"
grep -q "全球" "$SCRATCH/approvals-zh.txt" || fail "Chinese title missing from the zh_CN PDF"
echo "  timeline PDFs: CJK font embedded, Chinese text present"
run export --format xlsx --out "$SCRATCH/data.xlsx" >/dev/null || fail "export xlsx (openpyxl)"
run export --format ics --as-of 2026-01-01 --out "$SCRATCH/deadlines.ics" >/dev/null || fail "export ics (icalendar)"
run deadlines --as-of 2026-01-01 >/dev/null || fail "deadlines (China calendar)"
echo "  check, xlsx and ics export, deadlines: ok"

echo "== bundle contents"
for f in _internal/mscreg/resources/fonts/NotoSansSC-mscreg.otf _internal/mscreg/data/seed.json \
         _internal/mscreg/resources/translations/mscreg_zh_CN.qm _internal/mscreg/resources/icons/app.svg \
         _internal/mscreg/storage/migrations/env.py _internal/PySide6/Qt/translations/qtbase_zh_CN.qm \
         _internal/PySide6/Qt/plugins/imageformats/libqsvg.so _internal/PySide6/Qt/plugins/platforms/libqxcb.so \
         _internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so _internal/tzdata/zoneinfo/Asia/Shanghai \
         _internal/pypinyin/pinyin_dict.json _internal/opencc_purepy/dicts/TSCharacters.txt; do
  [ -e "$BUNDLE/$f" ] || fail "missing from the bundle: $f"
done
find "$BUNDLE" -name 'python3*' -type f -perm -u+x | grep -q . && fail "a python executable was bundled"
echo "  fonts, seed, migrations, Qt zh_CN translations and plugins, tzdata, pypinyin and OpenCC data: present"

echo "== desktop integration"
desktop-file-validate "$BUNDLE/share/applications/$APP_ID.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$BUNDLE/share/metainfo/$APP_ID.metainfo.xml" || fail "appstreamcli validate"
for s in 16 32 48 128 256; do
  [ -f "$BUNDLE/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png" ] || fail "no ${s}px icon"
done
[ -f "$BUNDLE/share/icons/hicolor/scalable/apps/$APP_ID.svg" ] || fail "no scalable icon"
# install.sh into a scratch prefix: the launcher must point at the installed executable.
"$BUNDLE/install.sh" --prefix "$SCRATCH/prefix" >/dev/null
grep -q "^Exec=$SCRATCH/prefix/lib/mscreg/mscreg" "$SCRATCH/prefix/share/applications/$APP_ID.desktop" \
  || fail "install.sh did not point Exec at the installed bundle"
"$SCRATCH/prefix/bin/mscreg" --version >/dev/null || fail "installed mscreg does not run"
"$BUNDLE/install.sh" --prefix "$SCRATCH/prefix" --uninstall >/dev/null
[ ! -e "$SCRATCH/prefix/bin/mscreg" ] || fail "uninstall left bin/mscreg"
echo "  desktop file, metainfo, hicolor icons, install.sh and --uninstall: ok"

echo "== figures"
echo "  bundle: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files"
ls dist/mscreg-*-linux-*.tar.gz >/dev/null 2>&1 && echo "  archive: $(du -h dist/mscreg-*-linux-*.tar.gz | tail -1)"
[ -n "${BUILD_S:-}" ] && echo "  build: ${BUILD_S} s"
echo "  whole check: $(since "$T0") s"
echo "OK: packaging check passed"
