"""Parts of the one text catalogue, kept in separate modules only so that no file grows unreadable.

Each part is a plain ``code: (English, Chinese)`` table with no imports.  They are merged into
:data:`mscreg.domain.messages.MESSAGES`, the single table every text outside Qt widgets is looked up
in (refusals through ``render_problem``, everything else through ``text``); a code defined twice is
refused at import, so two parts can never disagree about one text.
"""

from __future__ import annotations

from mscreg.domain.catalogue import changes, cli, holders, reports, timelines, vocabulary

PARTS: tuple[dict[str, tuple[str, str]], ...] = (
    vocabulary.TEXTS, cli.TEXTS, reports.TEXTS, timelines.TEXTS, changes.TEXTS, holders.TEXTS)
