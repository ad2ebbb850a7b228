"""Give the Chinese texts of the text catalogue Chinese punctuation, in place.

A text typed on an English keyboard often ends up with ASCII commas, colons, semicolons and
parentheses inside Chinese sentences ("日期(如 2024-07)").  The catalogue test refuses them; this
rewrites each Chinese text (the second element of every ``code: (English, Chinese)`` entry) of the
files given, changing only ASCII ``,:;()`` that touch a Chinese character or Chinese punctuation, and
both parentheses of a pair when either does.  English texts and the code are left alone.

    python scripts/catalogue_punctuation.py mscreg/domain/messages.py mscreg/domain/catalogue/*.py
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

_CHINESE = r"[\u201c\u201d\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
_IS_CHINESE = re.compile(_CHINESE)
_PAIR = re.compile(r"\(([^()]*)\)")
_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def chinese_punctuation(text: str) -> str:
    """``text`` with ASCII ``,:;()`` next to Chinese replaced by their full-width forms."""

    def pair(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        inner = m.group(1)
        edges = (before, after, inner[:1], inner[-1:])
        return f"（{inner}）" if any(e and _IS_CHINESE.match(e) for e in edges) else m.group(0)

    previous = None
    while previous != text:
        previous = text
        text = _PAIR.sub(pair, text)
    text = re.sub(f"(?<={_CHINESE})[,:;] ?|[,:;](?={_CHINESE})", lambda m: _FULL[m.group(0)[0]], text)
    text = re.sub(f"(?<={_CHINESE})\\(|\\)(?={_CHINESE})", lambda m: _FULL[m.group(0)], text)
    return re.sub(r"(?<=（) +| +(?=）)", "", text)


def _chinese_spans(tree: ast.AST) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for value in node.values:
                if isinstance(value, ast.Tuple) and len(value.elts) == 2:
                    zh = value.elts[1]
                    spans.append(((zh.lineno, zh.col_offset), (zh.end_lineno or 0, zh.end_col_offset or 0)))
    return spans


def fix_file(path: Path) -> int:
    """Rewrite the Chinese string literals of ``path``; returns how many changed."""
    source = path.read_text(encoding="utf-8")
    spans = _chinese_spans(ast.parse(source))
    lines = source.splitlines(keepends=True)
    edits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type != tokenize.STRING or not any(a <= tok.start and tok.end <= b for a, b in spans):
            continue
        # columns from tokenize count characters, as the line strings below do
        prefix = re.match(r"[a-zA-Z]*", tok.string).group(0)  # type: ignore[union-attr]  # always matches
        quote = tok.string[len(prefix)]
        body = tok.string[len(prefix) + 1:-1]
        fixed = chinese_punctuation(body)
        if fixed != body:
            edits.append((tok.start, tok.end, f"{prefix}{quote}{fixed}{quote}"))
    for (row, col), (_, end_col), replacement in reversed(edits):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + replacement + line[end_col:]
    path.write_text("".join(lines), encoding="utf-8")
    return len(edits)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {fix_file(Path(name))} texts changed")
