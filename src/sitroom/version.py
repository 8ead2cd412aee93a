"""Versions. ``PIPELINE_VERSION`` is stored on every row the pipeline writes, so a newer
pipeline can find and re-extract what an older one produced; bump it whenever extraction
output can change."""

__version__ = "0.1.0"
PIPELINE_VERSION = "0.1.0"
