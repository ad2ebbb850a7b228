"""Helpers of the flood and bomb tests: a CPU deadline, a refused import, the command line."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused

EVENT_HEADER = ("product", "jurisdiction", "indication", "pathway", "type", "date")
needs_cpu_timer = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the CPU deadline needs POSIX timers")


class DeadlineExceeded(BaseException):
    """Not an Exception, so that no ``except Exception`` of the code under test can take it for a damaged file."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail the test (instead of hanging the suite) when the block uses more than ``seconds`` of CPU.

    CPU time, not wall time: the bombs burn CPU, and the machines that run the suite are shared, so a
    wall-clock bound would measure the neighbours."""
    def expired(*_: object) -> None:
        raise DeadlineExceeded()

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    except DeadlineExceeded:
        pytest.fail(f"still running after {seconds} s of CPU", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def refusal(ws, path: Path, seconds: float = 10) -> ImportRefused:
    """The refusal of importing ``path``, which must come within ``seconds`` of CPU."""
    with deadline(seconds), pytest.raises(ImportRefused) as exc:
        import_file(ws, path)
    return exc.value


def codes(exc: ImportRefused) -> list[tuple[str, int, str]]:
    return [(i.sheet, i.row, i.problem.code) for i in exc.issues]


def cli(*args: str, lang: str = "en", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"})
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args, "--lang", lang], capture_output=True,
                          text=True, timeout=timeout, env=env)
