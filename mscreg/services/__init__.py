"""Use cases the command line and the window share."""
