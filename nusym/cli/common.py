"""Helpers shared by the subcommands of :mod:`nusym.cli`.

``atomic_write_bytes``, ``atomic_write_text`` and ``prepare_output_dir`` are
re-exported from :mod:`nusym.io` (where they live; import them from there).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any, Optional, Sequence

from nusym.errors import InvalidOptionError
# file writing lives in nusym.io; re-exported here for existing callers
from nusym.io import atomic_write_bytes, atomic_write_text, prepare_output_dir

__all__ = [
    "add_preset_argument",
    "add_ordering_argument",
    "add_dps_argument",
    "add_json_argument",
    "check_dps",
    "dps_value",
    "write_json",
    "format_table",
    "format_number",
    "atomic_write_text",
    "atomic_write_bytes",
    "prepare_output_dir",
]


def add_preset_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--preset NAME_OR_TOML`` (default ``segarra2020``)."""
    parser.add_argument(
        "--preset", default="segarra2020", metavar="NAME|FILE.toml",
        help="oscillation-parameter preset: segarra2020 (default), nufit-6.0, "
        "or a path to a TOML file in the same format",
    )


def add_ordering_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """Add ``--ordering`` (normal/NO/NH or inverted/IO/IH; validated later)."""
    parser.add_argument(
        "--ordering", required=required, metavar="ORDERING",
        help="mass ordering: normal (NO, NH) or inverted (IO, IH)",
    )


def add_neutrino_arguments(parser: argparse.ArgumentParser) -> None:
    """--nature, --ordering and --lightest, as every command that evaluates V(r) takes them."""
    parser.add_argument("--nature", default="dirac", help="dirac (default) or majorana")
    parser.add_argument("--ordering", default="normal", metavar="ORDERING",
                        help="mass ordering: normal (NO, NH; default) or inverted (IO, IH)")
    parser.add_argument("--lightest", default="0", metavar="EV",
                        help="lightest neutrino mass in eV (default 0)")


def add_dps_argument(parser: argparse.ArgumentParser, default: int = 30) -> None:
    """Add ``--dps N`` (decimal digits of the output); None when not given (then ``default``)."""
    parser.add_argument("--dps", type=int, default=None, metavar="N",
                        help=f"significant decimal digits (default {default})")
    parser.set_defaults(dps_default=default)


def dps_value(args: argparse.Namespace) -> int:
    """The ``--dps`` given, or the command's default."""
    return args.dps if args.dps is not None else args.dps_default


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--json`` (machine-readable output: exactly one JSON object on stdout)."""
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object instead of a table")


def check_dps(dps: int, maximum: int = 10000, option: str = "--dps") -> int:
    """Validate a digits option (``--dps`` unless ``option`` names another)."""
    if not 1 <= dps <= maximum:
        raise InvalidOptionError(f"{option} must be between 1 and {maximum}, got {dps}")
    return dps


def format_number(x: Any, dps: int) -> str:
    """``mpmath.nstr(x, dps)``, but exactly ``"0"`` for zero."""
    import mpmath

    if x == 0:
        return "0"
    return mpmath.nstr(x, dps)


def write_json(obj: Any, stream: Optional[IO[str]] = None) -> None:
    """Write ``obj`` as one JSON document followed by a newline."""
    stream = sys.stdout if stream is None else stream
    stream.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def format_table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """Left-aligned plain-text table with a dashed rule under the headers.

    >>> print(format_table([["m1", "0"], ["m2", "0.05"]], ["state", "mass/eV"]))
    state  mass/eV
    -----  -------
    m1     0
    m2     0.05
    """
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
