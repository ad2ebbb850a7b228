"""The frozen bundle's entry point: the same ``main`` as the ``mscreg`` console script.

PyInstaller needs a script, not a ``module:function`` entry point.  ``freeze_support`` first, so that
should any code start a multiprocessing child on Windows or macOS the frozen executable does not
start a second copy of the app instead.
"""

import multiprocessing
import sys

from mscreg.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
