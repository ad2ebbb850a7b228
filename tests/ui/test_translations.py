"""The Simplified-Chinese interface and its Qt Linguist workflow.

``scripts/update_translations.sh`` runs pyside6-lupdate over mscreg/ui into
mscreg/resources/translations/mscreg_zh_CN.ts and pyside6-lrelease into the committed .qm.  These tests
fail when that workflow has been skipped or left half done:

* lupdate run on the current sources (into a copy of the committed .ts) finds a message that is new,
  unfinished or empty in zh_CN;
* a translate()/QT_TRANSLATE_NOOP call has a context or text lupdate cannot read (a variable, an
  f-string), or lupdate misses a literal the Python parser sees (lupdate reads literals only);
* the committed .qm is not what lrelease makes of the committed .ts, or a translation breaks a place
  marker, an accelerator or the ending punctuation (lrelease -fail-on-invalid);
* a translation departs from the reviewed glossary of the domain's bilingual tables;
* the real main window (every page, a product open, the timelines installed), switched to Chinese
  while it runs, still shows an English text anywhere, or does not come back to the same English
  texts when switched back; or a dialog opened in Chinese shows an English text.

A screenshot of the Chinese window is saved beside the test's temporary files: look at it (the bundled
CJK font must draw every character; no boxes).
"""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "mscreg" / "ui"
TS = ROOT / "mscreg" / "resources" / "translations" / "mscreg_zh_CN.ts"
QM = ROOT / "mscreg" / "resources" / "translations" / "mscreg_zh_CN.qm"
RERUN = "translate them in mscreg/resources/translations/mscreg_zh_CN.ts and run scripts/update_translations.sh"


def tool(name: str) -> str:
    """The Linguist tool of the PySide6 this interpreter runs (the .venv's), else one on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def ui_sources() -> list[Path]:
    """Every Python file under mscreg/ui, tracked or not: the same set the update script reads."""
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


@dataclasses.dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    kind: str  # the translation's type attribute: "" (finished), "unfinished", "vanished", "obsolete"
    translations: tuple[str, ...]

    @property
    def done(self) -> bool:
        return self.kind == "" and bool(self.translations) and all(t.strip() for t in self.translations)


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            forms = tuple(f.text or "" for f in tr.findall("numerusform")) if tr is not None else ()
            if tr is not None and not forms:
                forms = (tr.text or "",)
            messages.append(Message(name, m.findtext("source") or "", m.get("numerus") == "yes",
                                    tr.get("type", "") if tr is not None else "unfinished", forms))
    return messages


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> list[Message]:
    """The committed .ts brought up to date with the current sources, in a temporary copy."""
    ts = tmp_path_factory.mktemp("lupdate") / TS.name
    shutil.copy(TS, ts)
    run = subprocess.run([tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                          *map(str, ui_sources()), "-ts", str(ts)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return read_ts(ts)


# ----- (a) every message of the current sources is translated ------------------------------------------

def test_lupdate_finds_no_message_missing_or_unfinished_in_chinese(fresh_ts):
    missing = [f"  [{m.context}] {m.source!r}" for m in fresh_ts if not m.done]
    assert fresh_ts, "lupdate found no messages at all"
    assert not missing, (f"{len(missing)} interface texts have no finished Simplified-Chinese translation; "
                         f"{RERUN}:\n" + "\n".join(missing))


# ----- (a) only literals, and lupdate reads every literal -------------------------------------------------

_TR_FUNCS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3", "QT_TR_NOOP"}


def _func_name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _is_translation_call(call: ast.Call) -> bool:
    name = _func_name(call)
    if name != "translate":
        return name in _TR_FUNCS
    f = call.func  # QCoreApplication.translate or a local name bound to it; not QPainter.translate
    return isinstance(f, ast.Name) or (isinstance(f.value, ast.Name) and f.value.id.endswith("Application"))


def _is_str(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _literal_calls(path: Path):
    """(kind, line, context or None, text node) for each tr/translate/NOOP call in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    classes: list[tuple[int, int, str]] = [(n.lineno, n.end_lineno or n.lineno, n.name)
                                           for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]

    def enclosing_class(line: int) -> str:
        inside = [c for c in classes if c[0] <= line <= c[1]]
        return max(inside, key=lambda c: c[0])[2] if inside else ""

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _is_translation_call(node):
            continue
        name = _func_name(node)
        if name in ("tr", "QT_TR_NOOP"):
            yield name, node.lineno, ast.Constant(enclosing_class(node.lineno)), node.args[0] if node.args else None
        else:
            yield name, node.lineno, node.args[0] if node.args else None, node.args[1] if len(node.args) > 1 else None


def test_translation_calls_use_literals_lupdate_can_read():
    """lupdate is a static parser: a context or text in a variable, an f-string or a concatenation is
    never extracted, so it would stay English at run time.  A text looked up by name (a column title
    marked with QT_TRANSLATE_NOOP elsewhere) is allowed; its context must still be a literal."""
    bad = []
    for path in ui_sources():
        rel = path.relative_to(ROOT)
        for name, line, context, text in _literal_calls(path):
            if name.startswith("QT_") and not (_is_str(context) and _is_str(text)):
                bad.append(f"  {rel}:{line}: {name} with a non-literal argument")
            elif not _is_str(context):
                bad.append(f"  {rel}:{line}: {name} with a context lupdate cannot read "
                           f"({ast.unparse(context) if context else 'none'})")
            elif isinstance(text, ast.JoinedStr | ast.BinOp | ast.Call | ast.IfExp) or text is None:
                bad.append(f"  {rel}:{line}: {name} of a computed text "
                           f"({ast.unparse(text) if text else 'none'}); put the literal in the call")
    assert not bad, "translation calls lupdate cannot extract:\n" + "\n".join(bad)


def test_lupdate_extracts_every_literal_the_sources_translate(fresh_ts):
    """lupdate's Python parser silently skips some calls (for one, a numerus argument written as
    ``(a - b).days``); each literal the Python parser sees must reach the .ts."""
    extracted = {(m.context, m.source) for m in fresh_ts}
    skipped = []
    for path in ui_sources():
        for _name, line, context, text in _literal_calls(path):
            if _is_str(context) and _is_str(text) and (context.value, text.value) not in extracted:
                skipped.append(f"  {path.relative_to(ROOT)}:{line}: [{context.value}] {text.value!r}")
    assert not skipped, ("lupdate does not extract these texts (simplify the call: literal arguments, the "
                         "count in a plain variable):\n" + "\n".join(skipped))


# ----- (b) the committed .qm is the compiled committed .ts -------------------------------------------------

def test_committed_qm_is_what_lrelease_makes_of_the_committed_ts(tmp_path):
    qm = tmp_path / QM.name
    run = subprocess.run([tool("pyside6-lrelease"), "-removeidentical", "-fail-on-invalid", str(TS), "-qm", str(qm)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, "lrelease refuses the .ts (place markers, accelerators, punctuation):\n" \
        + run.stdout + run.stderr
    assert QM.exists(), f"{QM.relative_to(ROOT)} is not committed; run scripts/update_translations.sh"
    assert qm.read_bytes() == QM.read_bytes(), \
        "the committed .qm is stale: run scripts/update_translations.sh and commit the .qm with the .ts"


def test_translations_keep_place_markers_accelerators_and_ellipses():
    problems = []
    for m in read_ts(TS):
        for t in m.translations:
            if not m.done:
                continue
            if sorted(re.findall(r"%(?:n|\d)", m.source)) != sorted(re.findall(r"%(?:n|\d)", t)):
                problems.append(f"  [{m.context}] {m.source!r} → {t!r}: place markers differ")
            if ("&" in m.source.replace("&&", "")) != ("&" in t.replace("&&", "")) and ";;" not in m.source:
                problems.append(f"  [{m.context}] {m.source!r} → {t!r}: accelerator added or lost")
            if m.source.endswith("…") != t.endswith("…"):
                problems.append(f"  [{m.context}] {m.source!r} → {t!r}: trailing … differs")
            if m.source.startswith(" ") != t.startswith(" "):
                problems.append(f"  [{m.context}] {m.source!r} → {t!r}: leading space differs")
            if re.search(r"[A-Za-z]", t) and not re.search(r"[\u4e00-\u9fff]", t) and t not in ALLOWED:
                problems.append(f"  [{m.context}] {m.source!r} → {t!r}: no Chinese in the translation")
    assert not problems, "\n".join(problems)


# ----- the reviewed glossary ----------------------------------------------------------------------------

# Where an English source uses one of these terms, the translation uses the domain's reviewed word for it
# (mscreg/domain/states.py, event_types.py, jurisdictions.py, messages.py, ui/timeline_style.py).
GLOSSARY = {
    r"\baudit trail\b": "审计追踪",
    r"\btracks?\b": "申报路径",
    r"\bdeadlines?\b": "时限",
    r"\bjurisdictions?\b": "国家/地区",
    r"\bindication\b": "适应症",
    r"\bconditional approval\b": "附条件批准",
    r"\bconditional and time-limited approval\b": "附条件和限期批准",
    r"\bimplied permission\b": "默示许可",
    r"\bcomplete response letter\b": "完整回复函",
    r"\bmarketing authorisation\b": "上市许可",
}
# Variants a machine translation or a hurried hand would produce for the same regulatory terms.
NOT_IN_GLOSSARY = ("有条件批准", "条件性批准", "附条件及期限", "附条件及限期", "有条件和有期限",
                   "隐含许可", "暗示许可", "默许", "完全回复信", "完全答复函",
                   "审核跟踪", "审计跟踪", "审计线索", "截止日期", "辖区", "司法管辖", "轨道", "追踪记录")


def test_translations_use_the_reviewed_glossary():
    problems = []
    for m in read_ts(TS):
        for t in m.translations:
            for pattern, zh in GLOSSARY.items():
                if re.search(pattern, m.source, re.IGNORECASE) and zh not in t:
                    problems.append(f"  [{m.context}] {m.source!r} → {t!r}: expected {zh}")
            problems += [f"  [{m.context}] {m.source!r} → {t!r}: {w} is not the glossary's word"
                         for w in NOT_IN_GLOSSARY if w in t]
    assert not problems, "\n".join(problems)


def test_glossary_words_are_the_domain_tables_words():
    """The words the translations are held to are the ones the domain shows for states and events."""
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.states import State, state_name

    assert state_name(State.AUTHORISED_CONDITIONAL, "CN", "zh_CN") == GLOSSARY[r"\bconditional approval\b"]
    assert state_name(State.AUTHORISED_TIME_LIMITED, "JP", "zh_CN") == \
        GLOSSARY[r"\bconditional and time-limited approval\b"]
    assert EVENT_TYPES["cta_implied_permission"].name("zh_CN") == GLOSSARY[r"\bimplied permission\b"]
    assert EVENT_TYPES["complete_response_letter"].name("zh_CN").startswith(GLOSSARY[r"\bcomplete response letter\b"])
    assert state_name(State.AUTHORISED_FULL, "EU", "zh_CN") == GLOSSARY[r"\bmarketing authorisation\b"]


# ----- (c) the running window, switched to Chinese and back -----------------------------------------------

# Latin-script texts that may stay as they are in the Chinese interface, each with its reason.
ALLOWED = {
    "mscreg": "the program's name",
    "English": "the language menu names each language in that language (简体中文 in English too)",
    "ISO": "the date-format standard's name",
}
# Abbreviations and codes Chinese regulatory staff write as they are, inside Chinese texts: agencies,
# application and document types, trial registry numbers, file formats, UTC, paper sizes, the unit
# symbol mm (SI symbols are written the same in Chinese), the environment variable's name.
ALLOWED_CODES = re.compile(
    r"\b(?:INN|IND|BLA|NDA|MAA|CTA|CDE|NMPA|FDA|CBER|EMA|CHMP|PMDA|MHLW|MFDS|CDSCO|DCGI|NCT|CRL|RMAT|SAKIGAKE|"
    r"NOC/c|NOC|MSC|PDF|PNG|UTC|A[345]|Letter|Legal|mm|MSCREG_DB|"
    r"ClinicalTrials\.gov|ChiCTR|CTR|jRCT|CTIS|CRIS|CTRI|IRCT|ANZCTR)\b")
SHORTCUT = re.compile(r"\b(?:Ctrl|Shift|Alt|Meta)(?:\+[\w/]+)+")  # key names in tooltips and placeholders


def _strings_in(obj, depth: int = 0) -> set[str]:
    """Every string held in a dataclass tree (product, tracks, events): the user's data, not translated."""
    if isinstance(obj, str):
        return {obj}
    if depth > 4:
        return set()
    if isinstance(obj, list | tuple | set | frozenset):
        return set().union(*(_strings_in(x, depth + 1) for x in obj)) if obj else set()
    if isinstance(obj, dict):
        return _strings_in(list(obj.values()), depth + 1)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return set().union(*(_strings_in(getattr(obj, f.name), depth + 1) for f in dataclasses.fields(obj)))
    return set()


def _data_strings(window) -> list[str]:
    """Names, aliases, companies, INN, indications, references, sources, notes, actors, reasons from the
    database, longest first (so a name containing another is removed whole)."""
    found = set()
    for ov in window.snapshot.overviews:
        found |= _strings_in(ov)
    for entry in getattr(window.audit_view, "_entries", ()) or ():
        found |= {entry.actor, entry.reason} | _strings_in(entry.context)
        for change in entry.changes:
            found |= _strings_in(change.old) | _strings_in(change.new) | {change.field}
    found.add(window.snapshot.name)
    return sorted((s for s in found if s and re.search(r"[A-Za-z]", s)), key=len, reverse=True)


def _untranslatable_residue(text: str, data: list[str]) -> str:
    """What is left of ``text`` once data, codes, shortcuts and allowed words are taken out."""
    from mscreg.domain.jurisdictions import JURISDICTIONS

    for s in data:
        if s in text:
            text = text.replace(s, " ")
    text = SHORTCUT.sub(" ", text)
    text = ALLOWED_CODES.sub(" ", text)
    for word in ALLOWED:
        text = re.sub(rf"\b{re.escape(word)}\b", " ", text)
    text = re.sub(r"\b(?:" + "|".join(JURISDICTIONS) + r")\b", " ", text)  # ISO 3166 codes of the columns
    text = re.sub(r"https?://\S+|\S+\.(?:sqlite|db|log|pdf|png)\b", " ", text)  # addresses and file names
    return text if re.search(r"[A-Za-z]{2,}", text) else ""


def _plain(text: str) -> str:
    from PySide6.QtGui import QTextDocumentFragment

    if re.search(r"<(?:b|i|br|span|table|tr|td|p|a)\b", text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def visible_texts(window) -> dict[str, str]:
    """Every text the user can see in the window, keyed by where it is: window title, menus and their
    actions, tool buttons, tabs, labels, buttons, group boxes, combo box items, placeholders, spin box
    suffixes, tooltips, and the headers and cells of the item views (first rows)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTabBar,
        QWidget,
    )

    out: dict[str, str] = {}

    def put(key: str, text: str | None) -> None:
        if text and _plain(text):
            out[key] = _plain(text)

    def path(w: QWidget) -> str:
        parts = []
        while w is not None and w is not window:
            parent = w.parentWidget()
            siblings = parent.findChildren(type(w)) if parent is not None else []
            parts.append(f"{w.objectName() or type(w).__name__}#{siblings.index(w) if w in siblings else 0}")
            w = parent
        return "/".join(reversed(parts))

    put("windowTitle", window.windowTitle())

    def walk_menu(menu: QMenu, key: str) -> None:
        put(key, menu.title())
        for i, action in enumerate(menu.actions()):
            if action.menu() is not None:
                walk_menu(action.menu(), f"{key}/{i}")
            elif not action.isSeparator():
                put(f"{key}/{i}", action.text())
                if action.toolTip() != action.text().replace("&", ""):
                    put(f"{key}/{i}/tip", action.toolTip())

    menu_bar = window.menuBar() if hasattr(window, "menuBar") else None
    for i, action in enumerate(menu_bar.actions() if menu_bar is not None else ()):
        if action.menu() is not None:
            walk_menu(action.menu(), f"menu{i}")

    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or isinstance(w, QMenu):
            continue
        key = path(w)
        put(f"{key}:tip", w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            put(key, w.text())
        elif isinstance(w, QGroupBox):
            put(key, w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                put(f"{key}:tab{i}", w.tabText(i))
                put(f"{key}:tab{i}:tip", w.tabToolTip(i))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                put(f"{key}:item{i}", w.itemText(i))
            if w.isEditable() and w.lineEdit() is not None:
                put(f"{key}:placeholder", w.lineEdit().placeholderText())
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            put(f"{key}:placeholder", w.placeholderText())
        elif isinstance(w, QAbstractSpinBox):
            put(f"{key}:special", w.specialValueText())
            for attr in ("suffix", "prefix"):
                if hasattr(w, attr):
                    put(f"{key}:{attr}", getattr(w, attr)())
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            for c in range(model.columnCount()):
                put(f"{key}:header{c}", model.headerData(c, Qt.Orientation.Horizontal))

            _cells(model, w.rootIndex(), f"{key}:cell", put)
    return out


def _cells(model, parent, prefix: str, put, depth: int = 0) -> None:
    """Display texts and tooltips of a view's first rows (and of the first rows under each, in trees)."""
    from PySide6.QtCore import Qt

    for r in range(min(model.rowCount(parent), 12)):
        for c in range(model.columnCount(parent)):
            index = model.index(r, c, parent)
            value = index.data()
            if isinstance(value, str):
                put(f"{prefix}:{r},{c}", value)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and tip != value:
                put(f"{prefix}:{r},{c}:tip", tip)
        if depth < 1 and model.rowCount(model.index(r, 0, parent)) > 0:
            _cells(model, model.index(r, 0, parent), f"{prefix}:{r}", put, depth + 1)


def _show_every_page(qapp, qtbot, window) -> dict[str, str]:
    """Texts of every page: products (with a product open), deadlines, audit trail (once its rows are
    read), timelines."""
    from mscreg.ui.timeline_panel import TimelinePanel

    texts: dict[str, str] = {}
    for page in range(window.pages.count()):
        window.pages.setCurrentIndex(page)
        qapp.processEvents()
        if window.pages.currentWidget() is window.audit_view:
            qtbot.waitUntil(lambda: window.audit_view.model.rowCount() > 0, timeout=20_000)
        qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=20_000)
        for panel in window.findChildren(TimelinePanel):  # timelines are laid out off the UI thread
            panel.wait()
        qapp.processEvents()
        texts |= {f"page{page}:{k}": v for k, v in visible_texts(window).items()}
    window.pages.setCurrentIndex(0)
    qapp.processEvents()
    return texts


def _with_timelines(window):
    """The timeline tab and page, installed as the window will install them if it has not yet."""
    from mscreg.ui.timeline_integration import install_timelines
    from mscreg.ui.timeline_panel import TimelinePanel

    if not window.findChildren(TimelinePanel):
        install_timelines(window).set_workspace(window.ws)


def test_switching_to_chinese_at_run_time_translates_every_visible_text(qapp, qtbot, window, tmp_path):
    """Needs the whole window: every visible text of every page, switched while it runs."""
    from mscreg.ui.language import current_language, set_language

    _with_timelines(window)
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews
                             if ov.product.name == "Amimestrocel Injection"))
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=20_000)
    english = _show_every_page(qapp, qtbot, window)
    assert english["page0:windowTitle"].startswith("mscreg")

    set_language("zh_CN")
    qapp.processEvents()
    assert current_language() == "zh_CN"
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=20_000)
    chinese = _show_every_page(qapp, qtbot, window)
    shots = Path(tmp_path)
    window.grab().save(str(shots / "main-window-zh_CN.png"))

    data = _data_strings(window)
    sources = {m.source.replace("&", ""): m.context for m in read_ts(TS)}
    untranslated: dict[str, str] = {}  # where (the same widget on several pages once) -> text
    for key, text in sorted(chinese.items()):
        same_as_english = english.get(key) == text
        is_source = text in sources or text.rstrip("…") + "…" in sources
        if (same_as_english or is_source) and _untranslatable_residue(text, data):
            untranslated.setdefault(key.split(":", 1)[1], text)
    listed = [f"  {k}: {t[:140]!r}" for k, t in untranslated.items()]
    assert not untranslated, (f"{len(listed)} texts are still English after switching to Chinese "
                              f"(screenshot: {shots / 'main-window-zh_CN.png'}):\n" + "\n".join(listed[:80])
                              + ("\n  …" if len(listed) > 80 else ""))
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", t)) for t in chinese.values()) > 100

    set_language("en")
    qapp.processEvents()
    qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=20_000)
    back = _show_every_page(qapp, qtbot, window)
    differ = [f"  {k}: {english.get(k)!r} → {back.get(k)!r}" for k in sorted(set(english) | set(back))
              if english.get(k) != back.get(k) and not k.endswith("windowTitle")]
    assert not differ, "switching back to English does not restore the English texts:\n" + "\n".join(differ)


def _dialog(kind: str, ws, window):
    """One of the edit, delete, preferences and page setup dialogs, in the current language, on a seeded
    product (Amimestrocel Injection, its CN marketing track and that track's first event)."""
    from mscreg.services import editing
    from mscreg.services.tracker import find_product, list_events
    from mscreg.ui.dialogs.delete_dialog import DeleteDialog
    from mscreg.ui.dialogs.event_dialog import EventDialog
    from mscreg.ui.dialogs.product_dialog import ProductDialog
    from mscreg.ui.dialogs.track_dialog import TrackDialog
    from mscreg.ui.preferences_dialog import PreferencesDialog
    from mscreg.ui.timeline_pages import PageOptions
    from mscreg.ui.timeline_printing import PageSetupDialog

    product = find_product(ws, "Amimestrocel Injection")
    view = next(v for v in list_events(ws, product="Amimestrocel Injection", jurisdiction="CN"))
    log = editing.track_log(ws, view.track.id)
    data = _strings_in(product) | _strings_in(log)
    factories = {
        "new product": lambda: ProductDialog(window),
        "edit product": lambda: ProductDialog(window, product),
        "new track": lambda: TrackDialog(window, product),
        "edit track": lambda: TrackDialog(window, product, log.track),
        "new event": lambda: EventDialog(window, log.track, log.events),
        "edit event": lambda: EventDialog(window, log.track, log.events, log.events[0]),
        "delete": lambda: DeleteDialog(window, "Amimestrocel Injection"),
        "preferences": lambda: PreferencesDialog(window.prefs, window.dialogs, window),
        "page setup": lambda: PageSetupDialog(PageOptions(), window),
    }
    return factories[kind](), data


@pytest.mark.parametrize("kind", ["new product", "edit product", "new track", "edit track", "new event",
                                  "edit event", "delete", "preferences", "page setup"])
def test_dialogs_opened_in_chinese_show_no_english_text(qapp, qtbot, window, kind, tmp_path):
    """Needs the whole window: its open database gives the dialogs real records, and it is their parent, as in
    use."""
    from mscreg.ui.language import set_language

    texts = {}
    for lang in ("en", "zh_CN"):
        set_language(lang)
        qapp.processEvents()
        dialog, data = _dialog(kind, window.ws, window)
        qtbot.addWidget(dialog)
        dialog.open()
        qapp.processEvents()
        texts[lang] = visible_texts(dialog)
        dialog.grab().save(str(tmp_path / f"{kind.replace(' ', '-')}-{lang}.png"))  # to look at
        dialog.reject()
    data_list = sorted((d for d in data | set(_data_strings(window)) if d), key=len, reverse=True)
    english = [f"  {k}: {t[:140]!r}" for k, t in sorted(texts["zh_CN"].items())
               if texts["en"].get(k) == t and _untranslatable_residue(t, data_list)]
    assert texts["en"] and not english, f"the {kind} dialog in Chinese still shows English:\n" + "\n".join(english)
