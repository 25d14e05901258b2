"""Command-line interface: ``nusym <subcommand> ...``.

Each subcommand lives in ``nusym.cli.<name>`` and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` (a
function ``handler(args) -> int``) with ``set_defaults``.  Errors caused by
bad input (:class:`nusym.errors.NusymError`) are printed as one line
``nusym: error: <message>`` on stderr with exit status 2; a
:class:`nusym.errors.VerificationError` gives one line and status 1.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn, Optional, Sequence

from nusym._version import __version__
from nusym.errors import NusymError, VerificationError

__all__ = ["main", "build_parser", "SUBCOMMANDS", "NusymArgumentParser"]

#: subcommand modules, in the order they appear in ``nusym --help``
SUBCOMMANDS: list[str] = ["masses", "charges", "derive", "potential", "reproduce", "alpha", "wep"]


class NusymArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors are a single ``nusym: error:`` line (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"nusym: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every subcommand in :data:`SUBCOMMANDS`.

    Subcommand modules are imported unconditionally: a broken module is an
    error, never silently skipped.
    """
    parser = NusymArgumentParser(
        prog="nusym",
        description="Two-neutrino-exchange potential between bulk matter "
        "(Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020)).",
    )
    parser.add_argument("--version", action="version", version=f"nusym {__version__}")
    subparsers = parser.add_subparsers(title="subcommands", dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"nusym.cli.{name}").register(subparsers)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except NusymError as exc:
        print(f"nusym: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except VerificationError as exc:
        print(f"nusym: verification failed: {_one_line(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `nusym ... | head`
        return 1


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
