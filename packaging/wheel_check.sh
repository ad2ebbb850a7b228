#!/usr/bin/env bash
# The wheel check: mscreg installed the way Python tools are installed must work from any folder.
#
#   1. build the wheel (pip wheel) from a clean copy of the tracked sources, as a fresh clone would;
#   2. install it into a new venv, and run it from / with a fresh HOME: --version, init (the seed data
#      set), products --json (20 products), deadlines (the China calendar), check (migrations, audit
#      chain), a Chinese timeline PDF with the bundled CJK font embedded (pdffonts), and the window
#      offscreen (--quit-after-first-paint);
#   3. the same with `pipx install .` (pipx is installed from PyPI into a scratch venv if absent).
# Nothing here can find the source tree: the commands run from /, and the check fails if the running
# package is not the installed one.  Exit 0 only if every step passed.
#
# Usage: packaging/wheel_check.sh           Env: PYTHON (default python3), the interpreter to install for.
# Needs: pdffonts and pdftotext (Debian: poppler-utils); a missing tool fails the check.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3}
CONSTRAINTS=$ROOT/constraints.txt

uptime_s() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(uptime_s)" 'BEGIN { printf "%.1f", b - a }'; }
T0=$(uptime_s)
fail() { echo "FAIL: $*" >&2; exit 1; }

for tool in pdffonts pdftotext; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install poppler-utils)"
done

SCRATCH=$(mktemp -d /tmp/mscreg-wheel-check.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

echo "== sources: a clean copy of the tracked files"
SRC=$SCRATCH/src
# Tracked and new (not ignored) files only: no build/, dist/, venvs or egg-info of this checkout can
# leak into the wheel, and a resource that exists only as an ignored file here is missing there too.
"$PY" - "$ROOT" "$SRC" <<'EOF'
import shutil, subprocess, sys
from pathlib import Path

root, dst = Path(sys.argv[1]), Path(sys.argv[2])
try:
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode().split("\0")
except (OSError, subprocess.CalledProcessError):
    sys.exit("wheel_check: needs a git checkout (the files to build are the tracked ones)")
for name in filter(None, listed):
    source = root / name
    if source.is_file():
        (dst / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dst / name)
EOF

echo "== build the wheel ($("$PY" --version))"
T=$(uptime_s)
"$PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$SCRATCH/dist" "$SRC" 2>&1 \
  | grep -v "is ignored: it is neither a file nor a directory" || true
WHEEL=$(ls "$SCRATCH"/dist/mscreg-*.whl 2>/dev/null | head -1)
[ -n "$WHEEL" ] || fail "pip wheel made no mscreg wheel"
"$PY" - "$WHEEL" <<'EOF' || fail "the wheel lacks files the application loads"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
needed = ["mscreg/resources/fonts/NotoSansSC-mscreg.otf", "mscreg/resources/fonts/OFL.txt",
          "mscreg/resources/translations/mscreg_zh_CN.qm", "mscreg/resources/icons/app.svg",
          "mscreg/data/seed.json", "mscreg/data/china_calendar/README.md", "mscreg/storage/migrations/env.py",
          "mscreg/storage/migrations/script.py.mako"]
missing = [n for n in needed if n not in names]
if not any(n.startswith("mscreg/storage/migrations/versions/") for n in names):
    missing.append("mscreg/storage/migrations/versions/*.py")
if missing:
    sys.exit("missing from the wheel: " + ", ".join(missing))
EOF
echo "  $(basename "$WHEEL"): $(du -h "$WHEEL" | cut -f1), built in $(since "$T") s"

# smoke LABEL BINDIR PYTHON: run the installed mscreg from / with a fresh HOME and an empty environment.
smoke() {
  local label=$1 bindir=$2 python=$3 home=$SCRATCH/home-$1 db=$SCRATCH/$1.sqlite out
  mkdir -p "$home"
  run() { (cd / && env -i HOME="$home" PATH="$bindir:/usr/bin:/bin" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
            "$bindir/mscreg" "$@"); }
  where=$(cd / && env -i HOME="$home" "$python" -c 'import mscreg; print(mscreg.__file__)')
  case "$where" in "$ROOT"/*|"$SRC"/*) fail "$label: mscreg runs from the source tree ($where)";; esac
  echo "  package: $where"
  out=$(run --version) || fail "$label: --version"
  echo "$out" | grep -q "Build: Python package" || fail "$label: --version: $out"
  echo "$out" | grep -q "Data set: unknown" && fail "$label: --version cannot find the data set"
  out=$(run --db "$db" init) || fail "$label: init"
  echo "  $out"
  echo "$out" | grep -q "20 products" || fail "$label: init did not load the 20 products of the data set"
  count=$(run --db "$db" products --json | "$python" -c 'import json, sys; print(len(json.load(sys.stdin)))') \
    || fail "$label: products --json"
  [ "$count" = 20 ] || fail "$label: products --json listed $count products, not 20"
  run --db "$db" deadlines --as-of 2026-01-01 >/dev/null || fail "$label: deadlines (China calendar)"
  run --db "$db" check >/dev/null || fail "$label: check (integrity, audit chain)"
  run --db "$db" timeline --approvals --lang zh_CN --out "$SCRATCH/$label.pdf" >/dev/null \
    || fail "$label: timeline --approvals --lang zh_CN"
  pdffonts "$SCRATCH/$label.pdf" | awk '/NotoSansCJKsc/ && $(NF-4) == "yes" { found = 1 } END { exit !found }' \
    || { pdffonts "$SCRATCH/$label.pdf" >&2; fail "$label: the CJK font is not embedded in the Chinese PDF"; }
  pdftotext "$SCRATCH/$label.pdf" "$SCRATCH/$label.txt"  # a file: `| grep -q` fails under pipefail
  grep -q "艾米迈托赛" "$SCRATCH/$label.txt" || fail "$label: 艾米迈托赛 missing from the PDF text"
  paint=$(run --db "$db" --quit-after-first-paint 2>/dev/null | tail -1) || fail "$label: the window (offscreen)"
  [[ "$paint" =~ ^[0-9]+$ ]] || fail "$label: --quit-after-first-paint printed '$paint'"
  echo "  from /: --version, init, products --json (20), deadlines, check, Chinese PDF (CJK font embedded),"
  echo "  window offscreen (first paint ${paint} ms): ok"
}

echo "== the wheel in a fresh venv"
T=$(uptime_s)
"$PY" -m venv "$SCRATCH/venv"
"$SCRATCH/venv/bin/python" -m pip install -q --disable-pip-version-check -c "$CONSTRAINTS" "$WHEEL" 2>&1 \
  | grep -v "is ignored: it is neither a file nor a directory" || true
[ -x "$SCRATCH/venv/bin/mscreg" ] || fail "installing the wheel gave no mscreg command"
smoke venv "$SCRATCH/venv/bin" "$SCRATCH/venv/bin/python"
echo "  wheel in a venv: $(since "$T") s"

echo "== pipx install ."
T=$(uptime_s)
PIPX=$(command -v pipx || true)
if [ -z "$PIPX" ]; then
  "$PY" -m venv "$SCRATCH/pipx-venv"
  "$SCRATCH/pipx-venv/bin/python" -m pip install -q --disable-pip-version-check \
      -c packaging/pack-constraints.txt pipx 2>&1 | grep -v "is ignored: it is neither a file nor a directory" || true
  PIPX=$SCRATCH/pipx-venv/bin/pipx
fi
export PIPX_HOME=$SCRATCH/pipx PIPX_BIN_DIR=$SCRATCH/pipx-bin PIPX_MAN_DIR=$SCRATCH/pipx-man
(cd "$SRC" && "$PIPX" install --python "$(command -v "$PY")" --pip-args="-c $CONSTRAINTS" . 2>&1) \
  | grep -v "is ignored: it is neither a file nor a directory" | sed 's/^/  /' || true
[ -x "$PIPX_BIN_DIR/mscreg" ] || fail "pipx install . gave no mscreg command"
smoke pipx "$PIPX_BIN_DIR" "$PIPX_HOME/venvs/mscreg/bin/python"
echo "  pipx ($("$PIPX" --version)): $(since "$T") s"

echo "  whole check: $(since "$T0") s"
echo "OK: wheel check passed"
