"""mscreg: an offline tracker of MSC drug products through regulatory pathways, country by country.

``__version__`` is looked up on first use: ``importlib.metadata`` costs about 70 ms of imports on this
machine, which the window's first paint should not pay.
"""

from __future__ import annotations


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mscreg")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        value = _installed_version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'mscreg' has no attribute {name!r}")
