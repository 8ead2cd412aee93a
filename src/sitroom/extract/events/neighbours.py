"""Lazy access to the other extractors' helpers (actors, places, times, attribution).

Those modules are written alongside this one; events must keep working, with fewer
fields filled, when one of them is absent or fails to import. Each helper returns None
when its module is unavailable.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any


@cache
def helper(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name`` if that module imports and defines it, else None."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def call(module: str, name: str, *args: Any) -> Any:
    """Call ``module.name(*args)``; None when the helper is missing."""
    fn = helper(module, name)
    return fn(*args) if fn is not None else None
