"""Helpers shared by the subcommands of :mod:`nusym.cli`: options, the one Model, output.

Every option is validated by :mod:`nusym.inputs`; every subcommand that
evaluates something builds exactly one :class:`nusym.Model` from its neutrino
options (:func:`add_model_arguments`, :func:`model_from_args`). Files are
written by :mod:`nusym.io`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any, Optional, Sequence

import mpmath

from nusym.errors import InvalidLengthError, InvalidOptionError, NusymError
from nusym.inputs import DPS_MAX, DPS_MIN, MAX_ORDER, check_dps, parse_density, parse_int, parse_lengths
from nusym.model import Model
from nusym.presets import DEFAULT_PRESET

__all__ = [
    "add_preset_argument",
    "add_json_argument",
    "write_json",
    "format_table",
    "format_number",
    "one_line",
    "add_model_arguments",
    "model_from_args",
    "add_dps_option",
    "dps_from_args",
    "order_from_args",
    "option_lengths",
    "option_density",
]


def add_preset_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--preset NAME_OR_TOML`` (default ``segarra2020``)."""
    parser.add_argument(
        "--preset", default="segarra2020", metavar="NAME|FILE.toml",
        help="oscillation-parameter preset: segarra2020 (default), nufit-6.0, "
        "or a path to a TOML file in the same format",
    )


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--json`` (machine-readable output: exactly one JSON object on stdout)."""
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object instead of a table")


def format_number(x: Any, dps: int) -> str:
    """``mpmath.nstr(x, dps)``, but exactly ``"0"`` for zero."""
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


def add_model_arguments(parser: argparse.ArgumentParser, *, nature: bool = True, lightest: bool = True,
                        ordering_required: bool = False, lightest_required: bool = False) -> None:
    """The neutrino-sector options from which :func:`model_from_args` builds one :class:`~nusym.Model`.

    ``--nature`` (if ``nature``), ``--ordering``, ``--lightest`` (if ``lightest``),
    ``--preset``, ``--delta``, ``--alpha21``, ``--alpha31``. All are read as text
    and validated by :mod:`nusym.inputs` (through :meth:`nusym.Model.from_preset`).
    """
    g = parser.add_argument_group(
        "neutrino model", "one nusym.Model is built from these options (Model.from_preset) and "
        "stated in the output")
    if nature:
        g.add_argument("--nature", default=None, metavar="NATURE",
                       help="dirac (default) or majorana (also D, M)")
    g.add_argument("--ordering", default=None, required=ordering_required, metavar="ORDERING",
                   help="mass ordering: normal (NO, NH" + ("" if ordering_required else "; default")
                   + ") or inverted (IO, IH)")
    if lightest:
        g.add_argument("--lightest", default=None, required=lightest_required, metavar="MASS",
                       help="lightest neutrino mass (m1 normal, m3 inverted): eV, or with a unit "
                       "(0.1eV, 100meV)" + ("" if lightest_required else "; default 0"))
    g.add_argument("--preset", default=None, metavar="NAME|FILE.toml",
                   help=f"oscillation-parameter preset: {DEFAULT_PRESET} (default), nufit-6.0, or a "
                   "TOML file in the same format (FILE.toml#NAME picks one of several)")
    g.add_argument("--delta", default=None, metavar="DEG",
                   help="Dirac CP phase in degrees (default: the preset's)")
    g.add_argument("--alpha21", default=None, metavar="DEG",
                   help="Majorana phase alpha21 in degrees (default: the preset's)")
    g.add_argument("--alpha31", default=None, metavar="DEG",
                   help="Majorana phase alpha31 in degrees (default: the preset's)")


def model_from_args(args: argparse.Namespace) -> Model:
    """The one :class:`~nusym.Model` of this invocation (options of :func:`add_model_arguments`)."""
    keys = ("nature", "ordering", "lightest", "delta", "alpha21", "alpha31")
    given = {k: getattr(args, k) for k in keys if getattr(args, k, None) is not None}
    preset = getattr(args, "preset", None)
    return Model.from_preset(DEFAULT_PRESET if preset is None else preset, **given)


def add_dps_option(parser: argparse.ArgumentParser, default: Optional[int] = 30, *,
                   help_text: Optional[str] = None, aliases: Sequence[str] = ()) -> None:
    """``--dps N``: significant digits, an integer in [DPS_MIN, DPS_MAX] (5..1000).

    ``default=None`` means double precision when the option is absent. ``aliases``
    are further option names accepted for it but not shown in ``--help``.
    """
    text = help_text or (f"significant decimal digits, {DPS_MIN}..{DPS_MAX} (default "
                         f"{'double precision' if default is None else default})")
    parser.add_argument("--dps", dest="dps", default=None, metavar="N", help=text)
    for alias in aliases:
        parser.add_argument(alias, dest="dps", default=None, help=argparse.SUPPRESS)
    parser.set_defaults(dps_default=default)


def dps_from_args(args: argparse.Namespace, option: str = "--dps") -> Optional[int]:
    """The validated ``--dps`` (or the command's default; None = double precision)."""
    if args.dps is None:
        return args.dps_default
    return check_dps(parse_int(args.dps, option, DPS_MIN, DPS_MAX, error=InvalidOptionError))


def order_from_args(args: argparse.Namespace, maximum: int = MAX_ORDER) -> Optional[int]:
    """The validated ``--order`` (None if absent): an integer in [0, maximum]."""
    if args.order is None:
        return None
    return parse_int(args.order, "--order", 0, maximum, error=InvalidOptionError)


def option_lengths(values: Sequence[str], option: str) -> list[Any]:
    """The lengths of ``option`` in metres (mpf at the current precision), validated by
    :func:`nusym.inputs.parse_lengths`; an error names the option."""
    try:
        return parse_lengths(list(values), option)[0]
    except InvalidLengthError as exc:
        if option in str(exc):
            raise
        raise InvalidLengthError(f"{option}: {one_line(exc)}") from None


def option_density(value: Optional[str], option: str) -> Optional[float]:
    """A density option in kg/m^3 (bare number) or with a unit ("19.3g/cm3"), validated by
    :func:`nusym.inputs.parse_density`; None stays None; an error names the option."""
    if value is None:
        return None
    try:
        return parse_density(value)
    except NusymError as exc:
        raise type(exc)(f"{option}: {one_line(exc)}") from None


def one_line(exc: Any) -> str:
    """The message of ``exc`` on one line (long ones shortened in the middle)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= 2000 else text[:1000] + " ... " + text[-200:]
