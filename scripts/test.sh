#!/usr/bin/env bash
# Install mscreg with its test tools into .venv and run every check: ruff, the layer contracts,
# the Alembic drift check and the whole test suite (offscreen Qt).  Usage: ./scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check mscreg tests
echo "== import contracts"; .venv/bin/lint-imports
echo "== pytest"; .venv/bin/python -m pytest "$@"
