"""Command-line interface: ``nusym <subcommand> ...``.

Each subcommand lives in ``nusym.cli.<name>`` and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` (a
function ``handler(args) -> int``) with ``set_defaults``.  Errors caused by
bad input (:class:`nusym.errors.NusymError`) are printed as one line
``nusym: error: <message>`` on stderr with exit status 2; a
:class:`nusym.errors.VerificationError` gives one line and status 1; Ctrl-C
gives ``nusym: interrupted`` and status 130; any other exception one line
``nusym: internal error: ...`` and status 1 (set ``NUSYM_TRACEBACK=1`` to see
the traceback).

Every option is validated by :mod:`nusym.inputs` (the one validator module),
and every subcommand that evaluates something builds exactly one
:class:`nusym.Model` from its neutrino options (:func:`nusym.cli.common.add_model_arguments`,
:func:`nusym.cli.common.model_from_args`) and passes it on as ``model=``; the human output
states it in one line (:meth:`nusym.Model.summary`) and the JSON output carries
it as ``"model"`` (:meth:`nusym.Model.describe`). ``--model FILE.toml`` builds it from a
model file (:func:`nusym.sectors.load_model`) instead of the preset options.

Every subcommand's ``--json`` output is one document of the one schema
``nusym/data/schema/output.json`` (:func:`nusym.cli.common.json_document`: ``nusym_version``,
``schema``, ``command``, ``precision``, ``dps``, the values as decimal strings, ``model``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from nusym._version import __version__
from nusym.cli.common import one_line
from nusym.errors import NusymError, VerificationError

__all__ = [
    "main",
    "build_parser",
    "SUBCOMMANDS",
    "NusymArgumentParser",
    "EXIT_USAGE",
    "EXIT_INTERRUPTED",
]

#: subcommand modules, in the order they appear in ``nusym --help``
SUBCOMMANDS: list[str] = [
    "masses", "charges", "derive", "potential", "reproduce", "alpha", "wep", "budget", "scan",
]

#: exit status of bad input (argparse's convention)
EXIT_USAGE = 2
#: exit status after Ctrl-C (128 + SIGINT)
EXIT_INTERRUPTED = 130


class NusymArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors are a single ``nusym: error:`` line (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"nusym: error: {one_line(message)} (see '{self.prog} --help')\n")


# ----------------------------------------------------------------------------- entry point
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    argparse's usage errors, ``--help`` and ``--version`` raise SystemExit (status 2, 0, 0).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args) or 0)
    except NusymError as exc:
        print(f"nusym: error: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except VerificationError as exc:
        print(f"nusym: verification failed: {one_line(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `nusym ... | head`
        return 1
    except KeyboardInterrupt:
        print("nusym: interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - never a traceback on the command line
        if os.environ.get("NUSYM_TRACEBACK"):
            raise
        print(f"nusym: internal error: {type(exc).__name__}: {one_line(exc)} (please report it; "
              "NUSYM_TRACEBACK=1 shows the traceback)", file=sys.stderr)
        return 1
