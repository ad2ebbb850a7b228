#!/usr/bin/env bash
# Install mscreg into .venv (as ./scripts/test.sh does) and run the benchmark suite:
#   ./scripts/bench.sh                 # every figure, median of 5 runs after 1 warm-up (~6 minutes)
#   ./scripts/bench.sh --quick --runs 1 --warmups 0   # small data: checks the suite itself
# Other options: python -m benchmarks --help.  The import floor needs the sqlite3 shell
# (Debian: apt-get install sqlite3).  Figures and how they were taken: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
command -v sqlite3 >/dev/null || echo "note: no sqlite3 shell on PATH: the import benchmark will say how to install it" >&2
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
exec .venv/bin/python -m benchmarks "$@"
