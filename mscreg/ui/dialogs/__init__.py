"""Dialogs that edit products, tracks and events.

Each dialog returns a value (``value()``: a ProductDraft, TrackDraft or EventDraft, and ``reason()``)
and never queries the database; the caller persists it, so a dialog is tested by clicking its buttons,
with no database behind it.  A caller may install a *saver* with ``set_saver``: OK then calls it, and
a refusal it returns is shown inside the dialog, which stays open with everything the user typed.
"""
