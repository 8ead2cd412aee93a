"""The embedded store: a DuckDB file holding the SCHEMA.md records (see README.md)."""

from sitroom.store.connection import reading, writing
from sitroom.store.errors import StoreBusy, StoreError
from sitroom.store.writer import Store, WriteReport, is_coded

__all__ = ["Store", "StoreBusy", "StoreError", "WriteReport", "is_coded", "reading", "writing"]
