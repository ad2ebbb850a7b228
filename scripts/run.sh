#!/usr/bin/env bash
# Start the mscreg desktop application from this checkout, installing it into .venv first when needed
# (the database is created with the shipped data set in the user data folder on first run).  Extra
# arguments go to mscreg.
#
# pip runs only when .venv is new or constraints.txt or pyproject.toml changed since the last install
# (their checksum is kept in .venv/.mscreg-installed): a start is then as quick as .venv/bin/mscreg.
# The first install shows pip's progress; it takes a minute or so.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
STAMP=.venv/.mscreg-installed
wanted=$(cat constraints.txt pyproject.toml | cksum)
if [ ! -x .venv/bin/mscreg ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$wanted" ]; then
    [ -x .venv/bin/python ] || "$PY" -m venv .venv
    rm -f "$STAMP"
    .venv/bin/python -m pip install --disable-pip-version-check --progress-bar on -c constraints.txt -e .
    printf '%s\n' "$wanted" > "$STAMP.tmp" && mv "$STAMP.tmp" "$STAMP"
fi
exec .venv/bin/mscreg "$@"
