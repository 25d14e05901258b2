"""Helpers shared by the subcommands of :mod:`nusym.cli`: options, the one Model, output.

Every option is validated by :mod:`nusym.inputs`; every subcommand that
evaluates something builds exactly one :class:`nusym.Model` from its neutrino
options (:func:`add_model_arguments`, :func:`model_from_args`). Files are
written by :mod:`nusym.io`.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping, Sequence
from typing import IO, Any

import mpmath

from nusym._version import __version__
from nusym.errors import InvalidLengthError, InvalidOptionError, NusymError
from nusym.inputs import DPS_MAX, DPS_MIN, MAX_ORDER, check_dps, parse_density, parse_int, parse_lengths
from nusym.model import Model
from nusym.presets import DEFAULT_PRESET
from nusym.resources import read_text, tomllib
from nusym.sectors import load_model

__all__ = [
    "add_preset_argument",
    "add_json_argument",
    "write_json",
    "JSON_SCHEMA_ID",
    "JSON_SCHEMA_FILE",
    "json_schema",
    "json_document",
    "emit_json",
    "decimal_text",
    "decimals",
    "format_table",
    "format_number",
    "one_line",
    "add_model_arguments",
    "model_from_args",
    "model_from_file",
    "shorthand_given",
    "SHORTHAND_OPTIONS",
    "add_dps_option",
    "dps_from_args",
    "digits_from_args",
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


def write_json(obj: Any, stream: IO[str] | None = None) -> None:
    """Write ``obj`` as one JSON document followed by a newline."""
    stream = sys.stdout if stream is None else stream
    stream.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


#: the ``$id`` of the one JSON schema of every ``--json`` output (nusym/data/schema/output.json)
JSON_SCHEMA_ID = "urn:nusym:schema:output:1"


def decimal_text(x: Any, dps: int) -> str:
    """A physical value as a decimal string of at most ``dps`` significant digits.

    ``x`` may be an mpmath number, a float, an int or a decimal string (kept as
    given). Zero is ``"0"``; an underflowed (signed) float zero too.

    >>> decimal_text(0.1 + 0.2, 10), decimal_text(-0.0, 5), decimal_text(30, 5), decimal_text("1e-06", 3)
    ('0.3', '0', '30', '1e-06')
    >>> decimal_text(mpmath.mpf(2) / 3, 12), decimal_text(mpmath.mpf(26), 10)
    ('0.666666666667', '26')
    """
    if isinstance(x, str):
        return x
    if isinstance(x, bool):
        raise TypeError("a flag is not a decimal value")
    if isinstance(x, float):
        if not math.isfinite(x):
            raise InvalidOptionError(f"a value is not finite ({x}): outside the range that can be represented")
        return "0" if x == 0 else f"{x:.{dps}g}"
    if isinstance(x, int):
        return str(x)
    text = format_number(x, dps)
    return text[:-2] if text.endswith(".0") else text


def decimals(obj: Any, dps: int, *, keep: Sequence[str] = ()) -> Any:
    """``obj`` with every float/mpmath number turned into :func:`decimal_text` (recursively).

    Strings, ``None``, booleans and plain ``int`` (counts) are kept; the values of
    the keys in ``keep`` are kept as they are.

    >>> decimals({"V": [0.5, None], "n": 3, "ok": True, "seed": 7}, 4)
    {'V': ['0.5', None], 'n': 3, 'ok': True, 'seed': 7}
    """
    if isinstance(obj, Mapping):
        return {k: (v if k in keep else decimals(v, dps, keep=keep)) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [decimals(v, dps, keep=keep) for v in obj]
    if obj is None or isinstance(obj, (str, bool, int)):
        return obj
    if hasattr(obj, "tolist") and not isinstance(obj, (float,)):  # NumPy scalars and arrays
        return decimals(obj.tolist(), dps, keep=keep)
    return decimal_text(obj, dps)


def json_document(command: str, payload: Mapping[str, Any], *, dps: int | None = None,
                  precision: str | None = None, model: Any = None) -> dict[str, Any]:
    """The one shape of every ``--json`` output (schema ``nusym/data/schema/output.json``).

    ``nusym_version``, ``schema``, ``command`` first; then ``precision`` ("double" or
    "multiple") and ``dps`` (the significant digits of the decimal strings) when
    given; then ``payload``; last ``model`` (:meth:`nusym.Model.describe` with ``dps``
    digits, 15 in double precision) when a model was used.

    >>> doc = json_document("masses", {"x": "1"}, dps=12, precision="multiple")
    >>> list(doc), doc["command"]
    (['nusym_version', 'schema', 'command', 'precision', 'dps', 'x'], 'masses')
    """
    doc: dict[str, Any] = {"nusym_version": __version__, "schema": JSON_SCHEMA_ID, "command": command}
    if precision is not None:
        doc["precision"] = precision
    if dps is not None:
        doc["dps"] = int(dps)
    doc.update(payload)
    if model is not None:
        doc["model"] = model.describe(15 if dps is None or precision == "double" else dps)
    return doc


#: the schema file inside the package data (``nusym/data/schema/output.json``)
JSON_SCHEMA_FILE = "schema/output.json"


def json_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of every ``--json`` output, from the package data.

    >>> s = json_schema()
    >>> s["$id"] == JSON_SCHEMA_ID, sorted(s["properties"]["command"]["enum"])[:3]
    (True, ['alpha', 'budget', 'charges'])
    """
    return json.loads(read_text(JSON_SCHEMA_FILE))


def emit_json(command: str, payload: Mapping[str, Any], **kwargs: Any) -> None:
    """Print :func:`json_document` as one JSON document on stdout."""
    write_json(json_document(command, payload, **kwargs))


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
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


#: the options of :func:`add_model_arguments` that build a Model from a preset (not with ``--model``)
SHORTHAND_OPTIONS = ("nature", "ordering", "lightest", "preset", "delta", "alpha21", "alpha31")


def add_model_arguments(parser: argparse.ArgumentParser, *, nature: bool = True, lightest: bool = True,
                        ordering_required: bool = False, lightest_required: bool = False,
                        model_file: bool = True) -> None:
    """The neutrino-sector options from which :func:`model_from_args` builds one :class:`~nusym.Model`.

    ``--model FILE.toml`` (if ``model_file``; a model file of :func:`nusym.sectors.load_model`,
    ``-`` reads it from standard input), or the preset shorthand: ``--nature`` (if
    ``nature``), ``--ordering``, ``--lightest`` (if ``lightest``), ``--preset``,
    ``--delta``, ``--alpha21``, ``--alpha31``. All are read as text and validated by
    :mod:`nusym.inputs` (through :meth:`nusym.Model.from_preset`). ``--model`` and the
    shorthand options exclude each other.
    """
    g = parser.add_argument_group(
        "neutrino model", "one nusym.Model is built from these options (a model file, or "
        "Model.from_preset) and stated in the output")
    if model_file:
        g.add_argument("--model", dest="model_file", default=None, metavar="FILE.toml",
                       help="a model file (sterile states, non-unitary mixing, [current]; see "
                       "docs/examples/), '-' reads it from standard input; excludes the options below")
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


def shorthand_given(args: argparse.Namespace) -> list[str]:
    """The preset shorthand options given on the command line (``--nature``, ``--ordering``, ...)."""
    return [f"--{k}" for k in SHORTHAND_OPTIONS if getattr(args, k, None) is not None]


def model_from_file(spec: str) -> Model:
    """The Model of ``--model FILE.toml`` (``-``: the TOML text on standard input), by
    :func:`nusym.sectors.load_model`."""
    if spec == "-":
        text = sys.stdin.read()
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InvalidOptionError(f"--model -: standard input is not a valid TOML model file: {exc}") from None
        return load_model(data)
    return load_model(spec)


def model_from_args(args: argparse.Namespace) -> Model:
    """The one :class:`~nusym.Model` of this invocation (options of :func:`add_model_arguments`).

    ``--model FILE.toml`` together with a shorthand option is an
    :class:`~nusym.errors.InvalidOptionError` naming them.
    """
    spec = getattr(args, "model_file", None)
    if spec is not None:
        given = shorthand_given(args)
        if given:
            raise InvalidOptionError(
                f"--model {spec} describes the whole neutrino sector: drop {', '.join(given)} (or drop "
                f"--model and build the model from a preset with --nature, --ordering, --lightest, "
                f"--preset, --delta, --alpha21, --alpha31)")
        return model_from_file(spec)
    keys = ("nature", "ordering", "lightest", "delta", "alpha21", "alpha31")
    given_keys = {k: getattr(args, k) for k in keys if getattr(args, k, None) is not None}
    preset = getattr(args, "preset", None)
    return Model.from_preset(DEFAULT_PRESET if preset is None else preset, **given_keys)


def add_dps_option(parser: argparse.ArgumentParser, default: int | None = 30, *,
                   help_text: str | None = None, aliases: Sequence[str] = ()) -> None:
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


def dps_from_args(args: argparse.Namespace, option: str = "--dps") -> int | None:
    """The validated ``--dps`` (or the command's default; None = double precision)."""
    if args.dps is None:
        return args.dps_default
    return check_dps(parse_int(args.dps, option, DPS_MIN, DPS_MAX, error=InvalidOptionError))


def digits_from_args(args: argparse.Namespace, option: str = "--dps") -> int:
    """:func:`dps_from_args` of a command whose default is a number of digits (never double precision).

    Registered with ``add_dps_option(parser, default=<int>)``; a ``None`` default is a programming error.
    """
    dps = dps_from_args(args, option)
    if dps is None:
        raise TypeError(f"{option}: the command was registered with add_dps_option(default=None); "
                        "use dps_from_args")
    return dps


def order_from_args(args: argparse.Namespace, maximum: int = MAX_ORDER) -> int | None:
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


def option_density(value: str | None, option: str) -> float | None:
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
