"""Running a unit of work again when another program's change collided with it.

mscreg's own writers queue behind one lock (``storage.database``), so two of them never collide.
Other programs on a shared PostgreSQL server can: an older mscreg that takes the lock only when it
writes its audit row, a script, an administrator's session.  When the server aborts our transaction
for a deadlock or a serialization failure, or a duplicate key appears that was not there when we
looked, nothing of ours was written, and the same action run again sees the other change and either
succeeds (the track now exists: the event goes on it) or is refused with its own message (the
product now exists: exit 5, naming it).  Only after a few collisions in a row is the user asked to
try again.
"""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from mscreg.domain.errors import Problem
from mscreg.storage.database import WriteCollision

ATTEMPTS = 5

P = ParamSpec("P")
T = TypeVar("T")


def retry_on_collision(action: Callable[P, T]) -> Callable[P, T]:
    """Run ``action`` (one whole unit of work, nothing done outside its transaction) up to
    :data:`ATTEMPTS` times while it ends in a :class:`WriteCollision`."""

    @functools.wraps(action)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return action(*args, **kwargs)
            except WriteCollision as exc:
                if attempt == ATTEMPTS:
                    p = exc.problems[0]
                    raise WriteCollision(Problem(p.field, p.value, p.code, {**p.params, "attempts": attempt})
                                         ) from None
                # a short random pause, so that two colliding programs do not collide again in step
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")

    return run
