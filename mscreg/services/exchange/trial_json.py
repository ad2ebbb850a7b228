"""A trial registration as JSON, for the export and the import: the shape lives with the trial itself
(:mod:`mscreg.domain.trial_json`) because the shipped data set's loader reads it too."""

from mscreg.domain.trial_json import trial_from_json, trial_to_json

__all__ = ["trial_from_json", "trial_to_json"]
