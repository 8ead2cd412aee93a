"""Sources stage: files, directories and globs -> ``RawDocument`` (or ``ReadProblem``)."""

from sitroom.sources.dispatch import read_inputs

__all__ = ["read_inputs"]
