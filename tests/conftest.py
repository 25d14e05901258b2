"""Shared helpers for the tests (the mpmath precision fixture is in ../conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run_nusym(*args: str, cwd: "str | os.PathLike[str] | None" = None,
              timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m nusym ARGS`` in a subprocess with this repository importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "nusym", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout,
    )


@pytest.fixture(name="run_nusym")
def run_nusym_fixture():
    """The :func:`run_nusym` helper as a fixture (use the fixture, not an import)."""
    return run_nusym
