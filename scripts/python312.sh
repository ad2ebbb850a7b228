#!/usr/bin/env bash
# Print the path of a working Python 3.12 (with venv and ensurepip), for the suite's second run in CI:
#     PYTHON="$(scripts/python312.sh)" VENV=.venv312 ./scripts/test.sh
#
# Looks, in this order, at $PYTHON312, python3.12 on PATH, pyenv's versions 3.12.* (the project's
# machines have one), /usr/local/bin and /usr/bin.  A name on PATH is run, not trusted: pyenv's shim
# for python3.12 exists even when the selected version is another one, and then fails.  If none works
# and Debian's archive has a python3.12 package, installs it (root only).  Otherwise it fails, loudly
# and with what to do, rather than letting CI skip the Python 3.12 run.  No pip package provides a
# CPython, and the project's machines reach no other download site, so there is no further fallback.
set -euo pipefail
want=3.12

works() {
  [ -n "$1" ] && "$1" -c "import sys, venv, ensurepip; sys.exit(sys.version_info[:2] != (${want%.*}, ${want#*.}))" \
    >/dev/null 2>&1
}

candidates=()
[ -n "${PYTHON312:-}" ] && candidates+=("$PYTHON312")
found=$(command -v "python$want" 2>/dev/null || true)
[ -n "$found" ] && candidates+=("$found")
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
if [ -d "$pyenv_root/versions" ]; then
  while IFS= read -r version; do
    candidates+=("$pyenv_root/versions/$version/bin/python$want")
  done < <(ls "$pyenv_root/versions" | grep -E "^$want(\.[0-9]+)?$" | sort -V -r)
fi
candidates+=("/usr/local/bin/python$want" "/usr/bin/python$want")

for candidate in "${candidates[@]}"; do
  if works "$candidate"; then
    "$candidate" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done

# Debian or Ubuntu with python3.12 in its archive (Debian 13, Ubuntu 24.04): install it.
apt_note="not tried (no apt-get, or not root)"
debian_candidate() { apt-cache policy "python$want" 2>/dev/null | awk '/Candidate:/ { print $2 }'; }
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  candidate=$(debian_candidate)
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    candidate=$(debian_candidate)
  fi
  apt_note="the archive this machine reaches has no python$want package"
  if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
    apt_note="installing python$want $candidate did not give a working /usr/bin/python$want"
    echo "installing Debian's python$want $candidate" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$want" "python$want-venv" >/dev/null
    if works "/usr/bin/python$want"; then
      echo "/usr/bin/python$want"
      exit 0
    fi
  fi
fi

cat >&2 <<EOF
ERROR: no Python $want found, and none could be installed.
  Looked at: ${candidates[*]}
  Debian/Ubuntu package: $apt_note.
  The test suite must also pass on Python $want (PySide6 6.12); this run is not skipped.
  Do one of:
    - pyenv install $want    (the project's machines carry it under ~/.pyenv/versions/$want.*)
    - use a distribution that packages python$want (Debian 13, Ubuntu 24.04): apt-get install python$want python$want-venv
    - PYTHON312=/path/to/python$want bash .ci/run
EOF
exit 1
