#!/usr/bin/env bash
# Build the macOS application: dist/mscreg.app (bundle id org.mscreg.Mscreg, Info.plist with the version
# and the .mscreg document type, icon from the one SVG) and dist/mscreg-<version>-macos-<arch>.dmg.
# Signing and notarisation are separate steps (packaging/README.md); this script builds unsigned
# (PyInstaller applies an ad-hoc signature, enough to run on the build machine).
#
# Usage: packaging/build_macos.sh     Needs: python3 >= 3.11 (python.org or Homebrew), Xcode command-line tools.
# The .app runs only on the architecture of the Python that built it (arm64 or x86_64); build on each.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${MSCREG_PACK_VENV:-$PWD/build/pack-venv}
PY=${PYTHON:-python3}

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -c constraints.txt -c packaging/pack-constraints.txt -e . pyinstaller
"$VENV/bin/python" packaging/make_icons.py build/icons
rm -rf dist/mscreg dist/mscreg.app
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/mscreg.spec

QT_QPA_PLATFORM=offscreen dist/mscreg.app/Contents/MacOS/mscreg --version
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" dist/mscreg.app/Contents/Info.plist

VERSION=$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("mscreg"))')
DMG=dist/mscreg-$VERSION-macos-$(uname -m).dmg
rm -f "$DMG"
hdiutil create -volname "mscreg $VERSION" -srcfolder dist/mscreg.app -ov -format UDZO "$DMG"
echo "built dist/mscreg.app and $DMG (unsigned: see packaging/README.md, macOS signing and notarisation)"
