"""sitroom: a sourced, geocoded, time-resolved database of political events, actors and claims."""

from sitroom.python_api import open
from sitroom.version import PIPELINE_VERSION, __version__

__all__ = ["PIPELINE_VERSION", "__version__", "open"]
