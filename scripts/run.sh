#!/usr/bin/env bash
# Install mscreg into .venv and start the desktop application on its embedded SQLite database
# (created with the shipped data set in the user data folder on first run).  Extra args go to mscreg.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e .
exec .venv/bin/mscreg "$@"
