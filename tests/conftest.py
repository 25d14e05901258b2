"""Shared helpers for the tests (the mpmath precision fixture is in ../conftest.py).

CLI tests run in-process through :func:`nusym.cli.main` with the ``cli``
fixture (output captured by pytest's ``capsys``); only ``tests/test_cli_smoke.py``
starts ``python -m nusym`` in a subprocess (fixture ``run_nusym``).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

REPO = Path(__file__).resolve().parent.parent


class CliResult(NamedTuple):
    """Exit status and captured output of one in-process CLI run (names as subprocess.CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(name="cli")
def cli_fixture(capsys, monkeypatch):
    """Run ``nusym ARGS`` in-process: ``cli("masses", "--json", stdin="...")`` -> CliResult.

    ``nusym.cli.main`` returns the status; argparse's usage errors and
    ``--version``/``--help`` raise SystemExit, whose code is returned instead.
    """
    from nusym.cli import main

    def run(*args: str, stdin: str | None = None) -> CliResult:
        capsys.readouterr()                       # drop anything printed before
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:                 # argparse: usage error, --help, --version
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(int(status), captured.out, captured.err)

    return run


def run_nusym(*args: str, cwd: str | os.PathLike[str] | None = None,
              timeout: float = 120, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m nusym ARGS`` in a subprocess with this repository importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "nusym", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout, input=stdin,
    )


@pytest.fixture(name="run_nusym")
def run_nusym_fixture():
    """The :func:`run_nusym` helper as a fixture (subprocess; for the smoke tests only)."""
    return run_nusym
