"""sitroom: a sourced, geocoded, time-resolved database of political events, actors and claims."""

from sitroom.version import PIPELINE_VERSION, __version__
from sitroom.api_python import open  # noqa: A004  (sitroom.open(db): the Python API)

__all__ = ["PIPELINE_VERSION", "__version__", "open"]
