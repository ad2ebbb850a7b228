"""mscreg's benchmark suite: ``python -m benchmarks`` prints side-by-side figures.

Not part of the test run: every figure is a median of several runs after a warm-up, each set against
the floor or the alternative a user has (a bare PySide6 window, the raw SQLite query, the sqlite3
shell's ``.import``, the 16.7 ms frame budget).  See docs/performance.md.
"""
