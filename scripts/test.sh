#!/usr/bin/env bash
# Install mscreg with its test tools into .venv and run every check: ruff, the layer contracts, the type
# check (mypy, as configured in pyproject.toml), the Alembic drift check and the whole test suite (offscreen Qt).  Usage: ./scripts/test.sh [pytest args]
#
# PYTHON=… picks the interpreter that creates the venv (default python3) and VENV=… the venv folder
# (default .venv): CI runs the suite once more as PYTHON=python3.12 VENV=.venv312.  A venv that exists
# is reused, so give each interpreter its own folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${VENV:-.venv}
# CI installs each venv first (MSCREG_TEST_INSTALL_ONLY=1), one after the other because an editable install
# writes into the source tree, and then runs the two suites side by side (MSCREG_TEST_INSTALLED=1).
if [ "${MSCREG_TEST_INSTALLED:-}" != 1 ]; then
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
fi
[ "${MSCREG_TEST_INSTALL_ONLY:-}" = 1 ] && exit 0
export MYPY_CACHE_DIR="$VENV/.mypy_cache"  # one cache per interpreter: two runs may check at once
export QT_QPA_PLATFORM=offscreen
echo "== $("$VENV/bin/python" -c 'import sys, PySide6; print(f"Python {sys.version.split()[0]}, PySide6 {PySide6.__version__}")') ($VENV)"
echo "== ruff"; "$VENV/bin/ruff" check mscreg tests
echo "== import contracts"; "$VENV/bin/lint-imports"
echo "== types"; "$VENV/bin/mypy"
echo "== pytest"; "$VENV/bin/python" -m pytest "$@"
