"""One way to translate: every text shown outside Qt widgets comes from the one catalogue.

Widgets translate with Qt Linguist; everything else (refusals, command-line output, report, export
and check texts, the names of the regulatory vocabulary) is a catalogue code rendered by
``messages.text`` or, for refusals, ``render_problem``.  These tests keep it that way: every entry is
complete in both languages, no Chinese literal hides in the code outside the catalogue, and every
code the code asks for exists.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from mscreg.domain import messages
from mscreg.domain.messages import MESSAGES, text

PACKAGE = Path(messages.__file__).resolve().parent.parent
CATALOGUE = {"domain/messages.py"} | {
    p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "domain" / "catalogue").glob("*.py")}

# Data, not user text: these literals are what they are in every language.
ALLOWED = {
    "services/exchange/common_hanzi.py": "the common Chinese characters an encoding guess counts",
    "domain/china_calendar.py": "the State Council notices the holiday calendar is copied from",
    "services/demo_names.py": "syllables and words synthetic Chinese product names are made of",
    "ui/preferences_dialog.py": "a language is offered under its own name; a label's trailing colon in either script",
    "ui/window_actions.py": "a language is offered under its own name, whatever the current language",
    "ui/product_view.py": "a web address ends at a Chinese closing parenthesis too",
    "ui/timeline_pages.py": "a label's trailing colon in either script",
    "cli/lookup.py": "an example of what to type in --help, in the script a user types it",
    "ui/timeline_printing.py": "a label's trailing colon in either script",
    "services/product_search.py": "owned by the product-search work; its literals are search data",
    "services/exchange/trial_layouts.py": "the column headings and status words of the Chinese trial registry's "
                                          "export, matched against files and never shown",
}
TEMPORARY: dict[str, str] = {}

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# An ASCII comma, colon, semicolon or parenthesis touching a Chinese character or Chinese punctuation.
# Chinese quotation marks count: “（” and “(” read alike in a Chinese sentence.
_CHINESE = r"[\u201c\u201d\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
ASCII_PUNCT_IN_CHINESE = re.compile(f"{_CHINESE}[,:;()]|[,:;()]{_CHINESE}")


def _sources() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(PACKAGE).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(PACKAGE.rglob("*.py"))]


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _placeholders(template: str) -> set[str]:
    """The parameters a text takes; a plural form "{count|row|rows}" takes "count"."""
    return {name.split("|")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_is_complete_in_both_languages():
    incomplete = []
    for code, entry in MESSAGES.items():
        if not (isinstance(entry, tuple) and len(entry) == 2 and all(isinstance(t, str) and t.strip()
                                                                      for t in entry)):
            incomplete.append(f"{code}: needs a non-empty English and Chinese text")
            continue
        en, zh = entry
        if _placeholders(en) != _placeholders(zh):
            incomplete.append(f"{code}: {{}} differ: {_placeholders(en)} vs {_placeholders(zh)}")
        words = re.sub(r"\{\w+\}", "", zh)
        if re.search("[A-Za-z]{3}", words) and not CJK.search(words) and zh != en:
            incomplete.append(f"{code}: the Chinese text has no Chinese in it: {zh!r}")
        bad = ASCII_PUNCT_IN_CHINESE.search(zh)
        if bad:
            incomplete.append(f"{code}: ASCII punctuation in Chinese text: …{bad.group()}… in {zh!r}")
    assert not incomplete, "\n".join(incomplete)


def test_no_chinese_literal_outside_the_catalogue():
    found = []
    for rel, tree in _sources():
        if rel in CATALOGUE or rel in ALLOWED or rel in TEMPORARY:
            continue
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and CJK.search(node.value)):
                found.append(f"{rel}:{node.lineno}: {node.value[:60]!r}")
    assert not found, "Chinese text outside the catalogue (add a catalogue code instead):\n" + "\n".join(found)


def test_the_allow_lists_name_files_that_exist_and_still_need_it():
    sources = dict(_sources())
    for rel in {*ALLOWED, *TEMPORARY}:
        assert rel in sources, f"{rel} is allowed but no longer exists"
        assert any(isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
                   for n in ast.walk(sources[rel])), f"{rel} holds no Chinese literal any more"


def _text_names(tree: ast.Module) -> set[str]:
    """Local names under which this module imported ``messages.text``."""
    return {alias.asname or alias.name for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "mscreg.domain.messages"
            for alias in node.names if alias.name == "text"}


def _codes_used() -> list[tuple[str, int, str]]:
    used = []
    for rel, tree in _sources():
        names = _text_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            callee = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            arg = None
            if (isinstance(func, ast.Name) and func.id in names) or (
                    isinstance(func, ast.Attribute) and func.attr == "text"
                    and isinstance(func.value, ast.Name) and func.value.id == "messages"):
                arg = node.args[0] if node.args else None
            elif callee in {"Problem", "invalid"}:
                arg = node.args[2] if len(node.args) > 2 else next(
                    (k.value for k in node.keywords if k.arg == "code"), None)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                used.append((rel, node.lineno, arg.value))
    return used


def test_every_code_the_code_asks_for_is_in_the_catalogue():
    used = _codes_used()
    assert len(used) > 100, "the scan found too few codes to be looking at the right calls"
    missing = [f"{rel}:{line}: {code}" for rel, line, code in used if code not in MESSAGES]
    assert not missing, "codes missing from the catalogue:\n" + "\n".join(missing)


def test_every_entry_is_used_somewhere():
    """A text no code asks for is one nobody reviews against what the program does: it goes.  A code
    counts as used when it is written out in the code, or begins with the fixed part of an f-string
    (``f"event_type.{code}.name"`` uses every event type's name)."""
    written, prefixes = set(), set()
    for rel, tree in _sources():
        keys = set()
        if rel in CATALOGUE:  # the table's own keys are not uses
            keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys if k}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in keys:
                written.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefix = node.values[0].value
                if isinstance(prefix, str) and "." in prefix:
                    prefixes.add(prefix)
    unused = [code for code in MESSAGES if code not in written and not code.startswith(tuple(prefixes))]
    assert not unused, f"catalogue entries no code uses: {unused}"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_text_renders_every_entry_without_a_missing_parameter(lang):
    for code, (en, _zh) in MESSAGES.items():
        params = {name: "x" for name in _placeholders(en)}
        assert text(code, lang, **params)


def test_a_count_chooses_the_singular_or_the_plural_word():
    """No "row(s)": a count of one reads "1 row", any other "2 rows"; Chinese, which has no plural, is the same."""
    assert not [code for code, (en, _zh) in MESSAGES.items() if re.search(r"\w\(s\)", en)]
    assert text("import.refused", "en", total=1).endswith("1 error.")
    assert text("import.refused", "en", total=3).endswith("3 errors.")
    assert text("planned.ics_count", "en", count=1) == "Also 1 planned event, as tentative items."
    assert text("import.refused", "zh_CN", total=1) == text("import.refused", "zh_CN", total=1)


def test_text_refuses_an_unknown_code():
    with pytest.raises(KeyError):
        text("no.such.code", "en")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_vocabulary_entry_finds_its_name(lang):
    """Codes built from the vocabulary (``event_type.<code>.name``) are not literals the scan above can
    check, so each is looked up here."""
    from mscreg.domain.clock_rules import CLOCK_RULES
    from mscreg.domain.clocks import Status
    from mscreg.domain.event_types import EVENT_TYPES, Pathway
    from mscreg.domain.jurisdictions import JURISDICTIONS
    from mscreg.domain.product import ATTRIBUTES, attribute_name
    from mscreg.domain.states import _LOCAL_NAMES, State, state_name

    names = [t.name(lang) for t in EVENT_TYPES.values()]
    names += [j.name(lang) + j.agency(lang) for j in JURISDICTIONS.values()]
    names += [r.description(lang) for r in CLOCK_RULES.values()]
    names += [state_name(s, "", lang) for s in State] + [state_name(s, j, lang) for j, s in _LOCAL_NAMES]
    names += [text(f"pathway.{p.value}", lang) for p in Pathway]
    names += [text(f"deadline.{s.value}", lang) for s in Status]
    names += [attribute_name(field, m.value, lang) for field, (_, vocabulary) in ATTRIBUTES.items()
              for m in vocabulary]
    assert all(names)
    if lang == "zh_CN":
        assert all(CJK.search(n) for n in names), [n for n in names if not CJK.search(n)]


# Files that still pick a name out of an (English, Chinese) pair, and why they may for now.
PAIR_PICKING_ALLOWED: dict[str, str] = {}


def _about_chinese(node: ast.AST) -> bool:
    """Whether a condition asks for the Chinese interface: ``is_chinese()``, ``zh``, ``lang.startswith("zh")``,
    ``lang == "zh_CN"``."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id in {"zh", "is_chinese"}:
            return True
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value in {"zh", "zh_CN"}:
            return True
    return False


def _picks_from_a_pair(node: ast.IfExp) -> bool:
    """``1 if zh else 0`` (an index into a pair), ``pair[1] if zh else pair[0]``, ``zh if zh_ui else en``."""
    branches = (node.body, node.orelse)
    if all(isinstance(b, ast.Constant) and b.value in (0, 1) and not isinstance(b.value, bool) for b in branches):
        return True
    if all(isinstance(b, ast.Subscript) and isinstance(b.slice, ast.Constant) and b.slice.value in (0, 1)
           for b in branches):
        return True
    return {b.id for b in branches if isinstance(b, ast.Name)} == {"en", "zh"}


def test_names_come_from_the_catalogue_in_the_interface_language_never_from_a_pair():
    """One way to name the vocabulary: ``text(code, lang)`` (or a helper over it such as
    ``attribute_name``).  A table of (English, Chinese) pairs and a "[1 if zh else 0]" beside it are a
    second way, which drifts from the first: none outside the catalogue."""
    found = []
    for rel, tree in _sources():
        if rel in CATALOGUE or rel in PAIR_PICKING_ALLOWED:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.IfExp) and _about_chinese(node.test) and _picks_from_a_pair(node):
                found.append(f"{rel}:{node.lineno}: {ast.unparse(node)[:70]}")
            elif isinstance(node, ast.ImportFrom) and node.module == "mscreg.domain.product" and not rel.startswith(
                    "domain/"):
                found += [f"{rel}:{node.lineno}: imports {a.name}" for a in node.names if a.name.endswith("_NAMES")]
    assert not found, "a name picked from an (English, Chinese) pair; ask the catalogue instead:\n" + "\n".join(found)


def test_the_pair_picking_allow_list_names_files_that_still_need_it():
    sources = dict(_sources())
    for rel in PAIR_PICKING_ALLOWED:
        assert rel in sources, f"{rel} is allowed but no longer exists"
        assert any(isinstance(n, ast.IfExp) and _about_chinese(n.test) and _picks_from_a_pair(n)
                   for n in ast.walk(sources[rel])), f"{rel} picks from no pair any more"


def test_attribute_names_are_the_catalogue_texts():
    from mscreg.domain.product import ATTRIBUTES, attribute_name

    for field, (prefix, vocabulary) in ATTRIBUTES.items():
        for member in vocabulary:
            for lang in ("en", "zh_CN"):
                assert attribute_name(field, member.value, lang) == text(f"{prefix}.{member.value}", lang)
    assert attribute_name("source_tissue", "moon_rock", "zh_CN") == "moon_rock"  # shown as stored
