"""A writer for the SIGKILL harness: records events through the service layer as fast as it can and
prints ``EVENT_ID TRACK_ID`` after each one is committed (acknowledged), until it is killed.

Each event starts a new clinical track in China, so every unit of work writes a track, an event and
two audit rows: the kill can land between any of them, and none may survive without the others.
"""

from __future__ import annotations

import sys

from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.tracker import record_event
from mscreg.services.workspace import open_workspace


def main(db: str, tag: str) -> None:
    products = ("Cartistem", "Stemirac", "Akuugo", "Ryoncil", "Alofisel")
    with open_workspace(db) as ws:
        print("ready", flush=True)
        i = 0
        while True:
            res = record_event(ws, product=products[i % len(products)],
                               track=TrackDraft("CN", f"kill run {tag} item {i}", "clinical"),
                               draft=EventDraft("cta_accepted", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"),
                               reason=f"SIGKILL run {tag} #{i}", new_track=True)
            print(f"{res.event.id} {res.track.id}", flush=True)
            i += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
