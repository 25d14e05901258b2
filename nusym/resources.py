"""Lazy, cached access to the files in :mod:`nusym.data` (never at import time)."""

from __future__ import annotations

import functools
import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):  # pragma: no cover - version dependent
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["tomllib", "read_text", "load_toml"]


def read_text(name: str) -> str:
    """Return the text of the data file ``nusym/data/<name>``."""
    return resources.files("nusym.data").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse (once) the TOML data file ``nusym/data/<name>``.

    The returned dictionary is shared; callers must not mutate it.
    """
    return tomllib.loads(read_text(name))
