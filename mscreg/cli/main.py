"""The ``mscreg`` command: the desktop app with no arguments, scriptable subcommands otherwise.

Heavy modules (SQLAlchemy, Alembic, Qt) are imported inside the commands that need them, so
``mscreg --version`` answers at once and the window can paint before the database layer loads.
Every refusal prints the field, the value and the reason in the user's language (``--lang`` or the
locale) and exits non-zero; nothing is written by a refused command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from mscreg.cli.common import as_of as _as_of
from mscreg.cli.common import out as _out
from mscreg.cli.common import workspace as _workspace
from mscreg.domain import messages
from mscreg.domain.errors import MscregError, Problem
from mscreg.domain.messages import user_language


class _VersionAction(argparse.Action):
    """``--version``: the facts of :mod:`mscreg.about`, gathered only when asked (they load QtCore)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        from mscreg.about import version_report

        print(version_report())  # stdout, as argparse's own "version" action does
        parser.exit()


class _UsageError(Exception):
    """What argparse would have printed before exiting 2, kept so that it can be said in the user's
    language, and as JSON with ``--json``."""

    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser = parser
        self.text = message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)


def _common() -> _Parser:
    # Of the parser's own class: the subcommands' parsers are, and they take their parents as the same type.
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH",
                        help="database file or URL (default: $MSCREG_DB, else the user data folder)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output")
    common.add_argument("--lang", default=argparse.SUPPRESS, choices=["en", "zh_CN"],
                        help="language of messages (default: from the locale)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="mscreg", parents=[common],
        description="Track MSC drug products through regulatory pathways, country by country. "
                    "With no command, starts the desktop application.")
    parser.add_argument("--version", action=_VersionAction, help="show the version, Qt, PySide6, Python, "
                        "SQLite and data-set versions, and exit")
    parser.add_argument("--quit-after-first-paint", action="store_true",
                        help="start the window, print milliseconds to first paint with products, exit")
    parser.add_argument("--startup-report", action="store_true",
                        help="with --quit-after-first-paint: wait for the deadlines too, then print one JSON "
                             "line: milliseconds from process start to the window's first paint, the filled "
                             "product list and the computed deadlines, and resident memory in MB")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", parents=[common], help="start the desktop application")

    p = sub.add_parser("products", parents=[common], help="list products with each track's state as of a day")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD (default: today): events dated later are not "
                   "yet known, and a statutory term that ran out with nothing recorded has ended")

    p = sub.add_parser("events", parents=[common], help="list regulatory events")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD: only the events known on that day "
                   "(default: every event recorded)")
    p.add_argument("--product", metavar="NAME", help="any name or alias, part of one, or its pinyin or initials "
                   "(see `mscreg search`)")
    p.add_argument("--jurisdiction", metavar="CODE", help="ISO 3166 code or EU (`mscreg jurisdictions` lists them)")

    p = sub.add_parser("add-event", parents=[common], help="record one event (refused transitions change nothing)")
    p.add_argument("--product", required=True, metavar="NAME",
                   help="any name or alias, part of one, or its pinyin or initials (see `mscreg search`)")
    p.add_argument("--jurisdiction", required=True, metavar="CODE",
                   help="ISO 3166 code or EU (`mscreg jurisdictions` lists them)")
    p.add_argument("--indication", default="",
                   help="the track's indication; may be left out when the product has one track there")
    p.add_argument("--pathway", default="marketing", choices=["clinical", "marketing"])
    p.add_argument("--type", required=True, metavar="EVENT_TYPE",
                   help="the event type's code (`mscreg types --jurisdiction CODE` lists them with their names)")
    p.add_argument("--date", required=True, metavar="DATE",
                   help="YYYY, YYYY-MM or YYYY-MM-DD (a planned event may also be YYYY-Qn)")
    p.add_argument("--approximate", action="store_true", help="the date was worked out indirectly")
    p.add_argument("--planned", action="store_true",
                   help="a plan, not a fact: kept and listed, never changes the track's state; may be dated "
                        "in the future or by quarter (2027-Q2)")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")
    p.add_argument("--agency", default="")
    p.add_argument("--reference", default="", help=messages.text("cli.help.reference", "en"))
    p.add_argument("--source", default="", help="citation or URL")
    p.add_argument("--confidence", default="medium", help="high, medium or low")
    p.add_argument("--note", default="")
    p.add_argument("--note-zh", default="", metavar="TEXT", help="the note in Chinese (shown in the Chinese interface)")
    p.add_argument("--indication-zh", default="", metavar="TEXT",
                   help="the indication in Chinese, for a track this event starts (an existing track keeps its own)")
    p.add_argument("--attribute", action="append", default=[], metavar="KEY=VALUE",
                   help="event attribute, e.g. time_limit_years=7 (repeatable)")
    p.add_argument("--no-create-track", action="store_true", help="refuse if the track does not exist yet")
    p.add_argument("--new-track", action="store_true",
                   help="start a new track with this indication even though the product has other tracks there "
                        "(without it, an indication that matches none of them is refused)")

    p = sub.add_parser("mark-happened", parents=[common],
                       help="turn a planned event into the actual one, with its real date (one audited change)")
    p.add_argument("--event", required=True, type=int, metavar="ID", help="the planned event's id (see `events`)")
    p.add_argument("--date", required=True, metavar="DATE", help="when it happened: YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")

    p = sub.add_parser("init", parents=[common], help="create a database (refuses to overwrite)")
    p.add_argument("--empty", action="store_true", help="do not load the shipped data set")

    p = sub.add_parser("check", parents=[common],
                       help="integrity check, audit-chain verification, and the trail against its anchors")
    p.add_argument("--anchor", metavar="FILE",
                   help="also prove that the audit trail still extends the anchor in FILE (see `mscreg anchor`)")
    p.add_argument("--key", metavar="FILE",
                   help="the key the anchor was signed with (default: the key in the user's config folder)")

    p = sub.add_parser("clock", parents=[common], help="compute one statutory clock from a start date")
    p.add_argument("rule", nargs="?", metavar="RULE", help="rule id (see --list)")
    p.add_argument("--start", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--period", type=int, metavar="N", help="override the rule's period (e.g. a 5-year time limit)")
    p.add_argument("--list", action="store_true", help="list every rule with its description and legal basis")

    for module in _command_modules():
        module.register(sub, common)
    return parser


# Command groups in modules of their own: each has ``register(sub, common)`` adding its parsers and
# ``COMMANDS`` mapping a command name to ``handler(args, lang) -> exit code``.  Their top-level imports
# must stay light (no SQLAlchemy, Qt or openpyxl) so that the window still paints first.
_COMMAND_MODULES: tuple[str, ...] = ("mscreg.cli.maintenance", "mscreg.cli.timeline", "mscreg.cli.exchange",
                                     "mscreg.cli.demo", "mscreg.cli.tracks", "mscreg.cli.lookup",
                                     "mscreg.cli.deadlines", "mscreg.cli.event_edits", "mscreg.cli.changes",
                                     "mscreg.cli.landscape", "mscreg.cli.obligations",
                                     "mscreg.cli.trials", "mscreg.cli.holders")


def _command_modules():
    import importlib

    return [importlib.import_module(name) for name in _COMMAND_MODULES]


_GUI_FLAGS = {"--quit-after-first-paint": "quit_after_first_paint", "--startup-report": "startup_report"}
_GUI_OPTIONS = {"--db": "db", "--lang": "lang"}


def _app_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the window (``mscreg [--db PATH] [--lang en|zh_CN]
    [--quit-after-first-paint [--startup-report]]``), read without building the parser of every
    command: that takes ~6 ms of the ~180 ms to the first paint.  Anything else, or anything
    doubtful (a repeated option, a missing value, an unknown language), goes to the full parser,
    which then decides exactly as before."""
    found: dict[str, object] = {"command": None, "quit_after_first_paint": False, "startup_report": False}
    seen: set[str] = set()
    items = list(argv)
    while items:
        name, has_value, value = items.pop(0).partition("=")
        if name in seen:
            return None
        seen.add(name)
        if name in _GUI_FLAGS and not has_value:
            found[_GUI_FLAGS[name]] = True
        elif name in _GUI_OPTIONS:
            if not has_value:
                if not items or items[0].startswith("-"):
                    return None
                value = items.pop(0)
            found[_GUI_OPTIONS[name]] = value
        else:
            return None
    if found.get("lang") not in (None, "en", "zh_CN") or found.get("db") == "":
        return None
    return argparse.Namespace(**found)


def _no_display() -> bool:
    """No screen for the window on X11/Wayland systems: Qt would print its own words and abort (exit 134).
    A platform chosen with QT_QPA_PLATFORM (offscreen, vnc, eglfs …) is left to Qt."""
    import os

    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _usage_refusal(exc: _UsageError, raw: Sequence[str]) -> int:
    """A command line argparse refused: which option is missing, or argparse's own words, on stderr
    with the usage line, or as JSON on stdout with ``--json``; exit 2 either way."""
    import re

    from mscreg.cli.common import print_refusal

    lang = user_language(_raw_lang(raw))
    command = exc.parser.prog  # "mscreg" or "mscreg add-event"
    missing = re.fullmatch(r"the following arguments are required: (.+)", exc.text)
    which = re.fullmatch(r"argument ([^:]+): (.+)", exc.text, re.DOTALL)
    unknown = re.fullmatch(r"unrecognized arguments: (.+)", exc.text, re.DOTALL)
    if missing:  # argparse lists them with ", ", as an English sentence does
        names = missing.group(1).replace(", ", messages.text("list.enumeration", lang))
        problem = Problem(names, "", "option.required", {"command": command})
    elif which:  # "argument --pathway: invalid choice: …": the option is the field
        problem = _option_problem(which.group(1), which.group(2), command, lang)
    elif unknown:
        problem = Problem("", unknown.group(1), "command_line.unrecognized", {"command": command})
    else:
        problem = Problem("", exc.text, "command_line.usage", {"command": command})
    as_json = "--json" in raw
    if not as_json:
        exc.parser.print_usage(sys.stderr)
    print_refusal([problem], lang, as_json)
    return 2


def _option_problem(option: str, detail: str, command: str, lang: str) -> Problem:
    """argparse's words about one option, as a refusal in the reader's language: the value given is the
    value, and the choices are listed; anything else keeps argparse's words."""
    import re

    from mscreg.domain.messages import text

    params = {"command": command}
    choice = re.fullmatch(r"invalid choice: '?(.*?)'? \(choose from (.+)\)", detail, re.DOTALL)
    if choice:
        choices = [c.strip().strip("'") for c in choice.group(2).split(",")]
        return Problem(option, choice.group(1), "option.invalid_choice",
                       {**params, "choices": text("list.comma", lang).join(choices)})
    if detail == "expected one argument":
        return Problem(option, "", "option.needs_value", params)
    value = re.fullmatch(r"invalid \S+ value: '(.*)'", detail, re.DOTALL)
    if value:
        return Problem(option, value.group(1), "option.invalid_value", params)
    return Problem(option, detail, "option.usage", params)


def _raw_lang(raw: Sequence[str]) -> str | None:
    """``--lang`` as typed, for a command line too wrong to be parsed."""
    for i, item in enumerate(raw):
        if item.startswith("--lang="):
            return item.partition("=")[2]
        if item == "--lang" and i + 1 < len(raw):
            return raw[i + 1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    raw = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _app_start(raw) or build_parser().parse_args(raw)
    except _UsageError as exc:
        return _usage_refusal(exc, raw)
    lang = user_language(getattr(args, "lang", None))
    command = args.command or "gui"
    try:
        if command == "gui" or args.quit_after_first_paint:
            if _no_display():
                from mscreg.domain.messages import text

                print(text("display.none", lang), file=sys.stderr)
                return 2
            from mscreg.services.object_churn import pause_for_start_up, resume_after_start_up

            pause_for_start_up()  # the window resumes it once the list is shown
            try:
                from mscreg.ui.app import run_app

                # Only an explicit --lang overrides the language chosen in Preferences (else the locale).
                return run_app(db=getattr(args, "db", None), lang=getattr(args, "lang", None),
                               quit_after_first_paint=args.quit_after_first_paint,
                               startup_report=args.startup_report)
            finally:
                resume_after_start_up()
        handler = _COMMANDS.get(command)
        if handler is None:
            handler = next(m.COMMANDS[command] for m in _command_modules() if command in m.COMMANDS)
        return handler(args, lang)
    except MscregError as exc:
        from mscreg.cli.common import print_refusal

        print_refusal(exc.problems, lang, bool(getattr(args, "json", False)))
        return exc.exit_code
    except BrokenPipeError:  # output piped into `head`: not an error of ours
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl+C: the transaction under way is rolled back; no traceback
        from mscreg.cli.crash import EXIT_INTERRUPTED

        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: logged, and said in a sentence (see crash)
        from mscreg.cli.crash import report_unexpected

        return report_unexpected(exc, raw, lang)


def cmd_products(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import report_formats as fmt
    from mscreg.services.tracker import product_overviews

    day = _as_of(getattr(args, "as_of", None))
    with _workspace(args) as ws:
        overviews = product_overviews(ws, as_of=day)
    _out(args, [fmt.product_json(ov, lang, day) for ov in overviews], fmt.products_text(overviews, lang, day))
    return 0


def cmd_events(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import report_formats as fmt
    from mscreg.services.tracker import list_events

    day = _as_of(args.as_of) if getattr(args, "as_of", None) is not None else None
    with _workspace(args) as ws:
        views = list_events(ws, product=args.product, jurisdiction=args.jurisdiction, as_of=day)
    text = fmt.events_text(views, lang) if views else _no_events(args, lang)
    _out(args, [fmt.event_json(v) for v in views], text)
    return 0


def _no_events(args: argparse.Namespace, lang: str) -> str:
    """What an empty listing says: which options found nothing, as they were typed."""
    import shlex

    from mscreg.domain.messages import text

    given = [(flag, value) for flag, value in (("--product", args.product), ("--jurisdiction", args.jurisdiction),
                                               ("--as-of", getattr(args, "as_of", None))) if value]
    if not given:
        return text("events.none_at_all", lang)
    return text("events.none", lang, filters=" ".join(f"{flag} {shlex.quote(value)}" for flag, value in given))


def _attributes(pairs: list[str]) -> dict[str, str]:
    from mscreg.domain.errors import invalid

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise invalid("attribute", pair, "attribute.value", expected="KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


def cmd_add_event(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.event import EventDraft
    from mscreg.domain.states import state_name
    from mscreg.domain.track import TrackDraft
    from mscreg.services import report_formats as fmt
    from mscreg.services.tracker import record_event

    if not args.date.strip():  # the command line records dated events; an unknown date is for imports
        from mscreg.domain.errors import invalid

        raise invalid("date", args.date, "date.format")
    draft = EventDraft(type=args.type, date=args.date, approximate=args.approximate, agency=args.agency,
                       reference=args.reference, source=args.source, confidence=args.confidence,
                       note=args.note, note_zh=args.note_zh, attributes=_attributes(args.attribute),
                       planned=args.planned)
    with _workspace(args) as ws:
        result = record_event(ws, product=args.product,
                              track=TrackDraft(args.jurisdiction, args.indication, args.pathway, args.indication_zh),
                              draft=draft, reason=args.reason, create_track=not args.no_create_track,
                              new_track=args.new_track)
    state = state_name(result.status.state, result.track.jurisdiction, lang)
    if result.event.planned:  # a plan changes no state: never say "the track is now …"
        from mscreg.domain.event_types import EVENT_TYPES

        text = messages.text("planned.recorded", lang, event=result.event.id, track=result.track.label(lang),
                             type=EVENT_TYPES[result.event.type].name(lang), state=state,
                             date=result.event.date.display() if result.event.date else "—")
    else:
        text = messages.text("cli.event.recorded", lang, event=result.event.id, track=result.track.label(lang),
                             state=state)
    if result.track_created:
        text = messages.text("cli.track.created", lang, id=result.track.id, track=result.track.label(lang)) + (
            "\n" + text)
    payload = {"event": fmt.event_json_parts(result.track, result.event), "state": result.status.state.value,
               "track_created": result.track_created}
    _out(args, payload, text)
    return 0


def cmd_mark_happened(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.messages import text as message
    from mscreg.domain.states import state_name
    from mscreg.services import report_formats as fmt
    from mscreg.services.tracker import event_by_id, mark_event_happened

    with _workspace(args) as ws:
        before = event_by_id(ws, args.event)
        result = mark_event_happened(ws, args.event, args.date, reason=args.reason)
    e = result.event
    text = message("planned.marked", lang, event=e.id, track=result.track.label(lang),
                   type=EVENT_TYPES[e.type].name(lang), date=e.date.display() if e.date else "—",
                   other_date=before.date.display() if before.date else "—",
                   state=state_name(result.status.state, result.track.jurisdiction, lang))
    payload = {"event": fmt.event_json_parts(result.track, e), "state": result.status.state.value,
               "was_planned_for": before.date.iso() if before.date else None}
    _out(args, payload, text)
    return 0


def cmd_init(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.workspace import init_database
    from mscreg.services.workspace_location import resolve_location

    location, _ = resolve_location(getattr(args, "db", None))
    ws = init_database(location, empty=args.empty)
    try:
        from mscreg.services.anchoring import record_created

        record_created(ws)  # a new database here: anchors of an earlier file at this place no longer apply
    finally:
        ws.close()
    location = ws.location  # a server URL is printed without its password
    report: Any = ws.seed_report  # the services hand the seed loader's report over untyped
    if report is None:
        text = messages.text("cli.init.empty", lang, location=location)
        payload: dict[str, Any] = {"database": location, "seeded": False}
    else:
        text = messages.text("cli.init.seeded", lang, location=location, version=report.dataset_version,
                             products=report.products, tracks=report.tracks, events=report.events,
                             obligations=report.obligations, transfers=report.holder_transfers,
                             trials=report.trials)
        payload = {"database": location, "seeded": True, "dataset_version": report.dataset_version,
                   "products": report.products, "tracks": report.tracks, "events": report.events,
                   "obligations": report.obligations, "holder_transfers": report.holder_transfers,
                   "trials": report.trials}
    _out(args, payload, text)
    return 0


def cmd_check(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.integrity import check_database, mismatch_json

    anchored = None
    with _workspace(args) as ws:
        report = check_database(ws, history=True)
        if args.anchor:
            from mscreg.services.anchoring import check_anchor_file

            anchored = check_anchor_file(ws, args.anchor, args.key)
    payload: dict[str, Any] = {
        "ok": report.ok and (anchored is None or anchored.ok), "integrity": report.integrity,
        "audit_rows": report.chain.rows, "broken_row": report.chain.broken_id,
        "problem": report.chain.problem(lang), "products": report.products, "events": report.events,
        "derived": [mismatch_json(m) for m in report.derived],
        "history": _history_json(report.history, lang)}
    lines = [report.summary(lang, failed_elsewhere=anchored is not None and not anchored.ok)]
    if anchored is not None:
        payload["anchor"] = _anchor_check_json(anchored, lang)
        lines.append(_anchor_check_text(anchored, lang))
    if payload["ok"]:
        _out(args, payload, "\n".join(lines))
        return 0
    if getattr(args, "json", False):
        _out(args, payload, "")
    else:
        print("\n".join(lines), file=sys.stderr)
    return 7


def _history_json(history: Any, lang: str) -> dict[str, Any] | None:
    if history is None:
        return None
    return {"ok": history.ok, "anchors": len(history.findings),
            "newest_row": history.newest.tail_id if history.newest else None,
            "problems": [f.problem().message(lang) for f in history.failures],
            "ignored_bad_signature": history.tampered}


def _anchor_check_json(check: Any, lang: str) -> dict[str, Any]:
    a = check.anchor
    return {"file": str(check.file), "ok": check.ok, "relation": check.finding.relation, "row": a.tail_id,
            "hash": a.tail_hash, "made_utc": a.made_utc, "signed": a.signed, "key_id": a.key_id or None,
            "rows_after_anchor": check.rows_after,
            "problem": None if check.ok else check.finding.problem().message(lang),
            "restores_since": [{"audit_row": r, "at_utc": at, "file": f} for r, at, f in check.restores_since]}


def _anchor_check_text(check: Any, lang: str) -> str:
    from mscreg.services.anchoring import shown_time

    a = check.anchor
    if not check.ok:
        lines = [check.finding.problem().message(lang)]
        for row, at, source in check.restores_since:
            lines.append(messages.text("cli.anchor.restored_since", lang, at=shown_time(at), source=source, row=row))
        return "\n".join(lines)
    sig = (messages.text("cli.anchor.signed", lang, key=a.key_id) if a.signed else
           messages.text("cli.anchor.unsigned", lang))
    return messages.text("cli.anchor.extends", lang, file=check.file, row=a.tail_id, made=shown_time(a.made_utc),
                         sig=sig, after=_rows(check.rows_after, lang))


def _rows(n: int, lang: str) -> str:
    return messages.text("cli.rows.one" if n == 1 else "cli.rows.many", lang, n=n)


def cmd_clock(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.clock_rules import CLOCK_RULES
    from mscreg.domain.clocks import compute, get_rule
    from mscreg.domain.errors import invalid
    from mscreg.domain.partial_date import PartialDate

    if args.list or not args.rule:
        rows = [{"rule": r.id, "description": r.description(lang), "basis": r.basis,
                 "jurisdictions": sorted(r.jurisdictions)} for r in CLOCK_RULES.values()]
        text = "\n".join(f"{r['rule']:<34} {r['description']}\n{'':<34} [{r['basis']}]" for r in rows)
        _out(args, rows, text)
        return 0
    rule = get_rule(args.rule)
    if args.start is None:
        raise invalid("--start", "", "clock.start_missing", rule=rule.id)
    start = PartialDate.parse(args.start, field="--start")
    due = compute(rule, start, period=args.period)  # a period out of range is refused, naming its bounds
    payload = {"rule": rule.id, "start": start.iso(), "due_earliest": due.earliest.isoformat(),
               "due_latest": due.latest.isoformat(), "provisional": due.provisional, "basis": rule.basis,
               "description": rule.description(lang)}
    note = ""
    if due.provisional:
        note = messages.text("cli.clock.provisional", lang)
    text = f"{rule.id}: {start.display()} → {due.display()} {note}\n  {rule.description(lang)}\n  [{rule.basis}]"
    _out(args, payload, text)
    return 0


_COMMANDS = {
    "clock": cmd_clock,
    "products": cmd_products,
    "events": cmd_events,
    "add-event": cmd_add_event,
    "mark-happened": cmd_mark_happened,
    "init": cmd_init,
    "check": cmd_check,
}

