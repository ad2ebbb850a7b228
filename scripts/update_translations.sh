#!/usr/bin/env bash
# Qt Linguist workflow for the interface (lupdate reads only literal texts, so every tr()/translate()
# call in the sources passes literals):
#   1. pyside6-lupdate extracts every tr()/translate()/QT_TRANSLATE_NOOP literal from mscreg/ui/**/*.py
#      (git-tracked and not-yet-tracked files alike) into mscreg/resources/translations/mscreg_zh_CN.ts,
#      keeping the translations already there and dropping messages no longer in the sources;
#   2. pyside6-lrelease compiles it to mscreg_zh_CN.qm, which is committed (the app loads it at run
#      time without a build step).
#   3. English gets a plurals-only catalogue (lupdate -pluralonly into mscreg_en.ts, then .qm): without
#      it Qt shows "%n day(s)" as "940 day(s)".  Its forms are made from the source text ("(s)" dropped
#      for one, "s" for many) where they are still unfinished; an irregular plural is edited by hand.
# New or changed source texts arrive as type="unfinished"; tests/ui/test_translations.py fails until
# each one is translated in the .ts (with Qt Linguist, or by editing the XML) and this script re-run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

venv_bin="${MSCREG_VENV_BIN:-$root/.venv/bin}"
lupdate="$venv_bin/pyside6-lupdate"
lrelease="$venv_bin/pyside6-lrelease"
ts="mscreg/resources/translations/mscreg_zh_CN.ts"
qm="mscreg/resources/translations/mscreg_zh_CN.qm"

mkdir -p mscreg/resources/translations

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t sources < <(git ls-files --cached --others --exclude-standard -- 'mscreg/ui/*.py' | sort -u)
else
    mapfile -t sources < <(find mscreg/ui -name '*.py' -not -path '*/__pycache__/*' | sort)
fi
# Only files that exist now (a tracked file may have been deleted in the working tree).
existing=()
for f in "${sources[@]}"; do
    [[ -f "$f" ]] && existing+=("$f")
done
if [[ ${#existing[@]} -eq 0 ]]; then
    echo "update_translations: no Python sources under mscreg/ui" >&2
    exit 1
fi

"$lupdate" -no-obsolete -locations relative -source-language en -target-language zh_CN \
    "${existing[@]}" -ts "$ts"
"$lrelease" -removeidentical "$ts" -qm "$qm"

en_ts="mscreg/resources/translations/mscreg_en.ts"
en_qm="mscreg/resources/translations/mscreg_en.qm"
"$lupdate" -no-obsolete -pluralonly -locations relative -source-language en -target-language en \
    "${existing[@]}" -ts "$en_ts"
"$venv_bin/python" - "$en_ts" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()

def fill(match):
    block = match.group(0)
    if 'type="unfinished"' not in block:
        return block
    source = re.search(r"<source>(.*?)</source>", block, re.S).group(1)
    one, many = source.replace("(s)", ""), source.replace("(s)", "s")
    forms = f"<numerusform>{one}</numerusform><numerusform>{many}</numerusform>"
    return re.sub(r'<translation type="unfinished">.*?</translation>', lambda _m: f"<translation>{forms}</translation>",
                  block, flags=re.S)

open(path, "w", encoding="utf-8").write(re.sub(r"<message numerus=\"yes\">.*?</message>", fill, text, flags=re.S))
PY
"$lrelease" "$en_ts" -qm "$en_qm"
