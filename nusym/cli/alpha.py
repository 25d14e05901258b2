"""``nusym alpha A B --lambda ...``: the 2-nu force as an effective Yukawa strength alpha(lambda)."""

from __future__ import annotations

import argparse
import math

import mpmath

from nusym.cli.common import (
    add_dps_option,
    add_json_argument,
    add_model_arguments,
    dps_from_args,
    emit_json,
    format_table,
    model_from_args,
    option_lengths,
)
from nusym.errors import InvalidOptionError
from nusym.fifth_force import DEFINITIONS, alpha_eff, yukawa_limits
from nusym.inputs import check_choice
from nusym.sources import parse_source

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``alpha`` subcommand."""
    p = subparsers.add_parser(
        "alpha",
        help="the 2-nu force as an effective Yukawa strength alpha(lambda) relative to gravity",
        description="Express the two-neutrino potential between one atom of A and one of B as the "
        "strength alpha of a Yukawa correction -G m_A m_B alpha exp(-r/lambda)/r to gravity "
        "(definitions in docs/fifth_force.md; alpha < 0 where V_2nu is repulsive), beside the "
        "envelope of published limits on abs(alpha) (coarse, nusym/data/yukawa_limits.csv).",
    )
    p.add_argument("a", metavar="A", help="first body: isotope (Fe-56) or material (Au, SiO2)")
    p.add_argument("b", metavar="B", help="second body")
    p.add_argument("--lambda", dest="lam", nargs="+", required=True, metavar="LENGTH",
                   help="Yukawa ranges with units, e.g. 1um 10um 1mm")
    p.add_argument("--definition", default="potential",
                   help="potential (V matched at r = lambda; default), force (F matched at "
                   "r = lambda) or spectral (weight per unit ln lambda)")
    add_model_arguments(p)
    add_dps_option(p, default=None, help_text="verified digits via nusym.potential, 5..1000 "
                   "(default: double precision)")
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym alpha``."""
    definition = check_choice(args.definition, "alpha definition", DEFINITIONS)
    dps = dps_from_args(args)
    model = model_from_args(args)
    src_a, src_b = parse_source(args.a), parse_source(args.b)
    with mpmath.workdps(30):
        lengths = option_lengths(args.lam, "--lambda")
        lam_m = [float(x) for x in lengths]
    if dps is None:
        import numpy as np

        raw = alpha_eff(np.array(lam_m), src_a, src_b, definition=definition, model=model)
        values = [float(v) for v in np.atleast_1d(raw)]
        # potential/force: 0.0 is an underflow of exp(-2 m lambda) (the --dps route has no
        # underflow); spectral: 0 is exact above the largest range 1/(2 m_lightest)
        text = [f"{v:.10g}" if v != 0 or definition == "spectral"
                else "underflow (use --dps)" for v in values]
    else:
        values = alpha_eff(lengths, src_a, src_b, definition=definition, model=model, dps=dps)
        text = [mpmath.nstr(v, dps) for v in values]
    if any(not mpmath.isfinite(v) for v in values):
        raise InvalidOptionError("alpha is not finite for these inputs (outside the range where it "
                                 "can be represented)")
    env = yukawa_limits("isl_envelope")
    limit = [float(x) for x in env.alpha_at(lam_m)]
    limit_text = ["-" if math.isnan(x) else f"{x:.2g}" for x in limit]
    origin = dict(model.origin)
    if args.json:
        emit_json("alpha", {
            "a": src_a.label, "b": src_b.label, "definition": definition, "nature": model.nature,
            "ordering": origin.get("ordering"), "lightest_eV": origin.get("lightest_eV"),
            "preset": origin.get("preset"),
            # null: V underflows double precision there (the table says "underflow (use --dps)")
            "lambda_m": [repr(x) for x in lam_m], "alpha": [None if "underflow" in t else t for t in text],
            "limit_envelope": [None if math.isnan(x) else f"{x:.2g}" for x in limit],
        }, dps=10 if dps is None else dps, precision="double" if dps is None else "multiple", model=model)
        return 0
    print(f"# alpha_eff ({definition}) of the 2-nu force, {src_a.label} - {src_b.label}, "
          + ("double precision" if dps is None else f"{dps} digits")
          + "; abs(alpha) limit: envelope of published limits (coarse)")
    print(f"# model: {model.summary()}")
    rows = [[repr(x), t, lt] for x, t, lt in zip(lam_m, text, limit_text, strict=True)]
    print(format_table(rows, ["lambda/m", "alpha", "limit |alpha|"]))
    return 0
