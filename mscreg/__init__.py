"""mscreg: an offline tracker of MSC drug products through regulatory pathways, country by country."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mscreg")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"
