"""``python -m mscreg.cli``: the same as the ``mscreg`` command."""

import sys

from mscreg.cli.main import main

sys.exit(main())
