"""Pure regulatory logic: no Qt, no SQL."""
