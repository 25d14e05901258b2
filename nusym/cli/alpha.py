"""``nusym alpha A B --lambda ...``: the 2-nu force as an effective Yukawa strength alpha(lambda)."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_json_argument,
    add_neutrino_arguments,
    add_preset_argument,
    format_table,
    write_json,
)

__all__ = ["register", "run"]


def register(subparsers: "argparse._SubParsersAction") -> None:
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
    add_neutrino_arguments(p)
    add_preset_argument(p)
    p.add_argument("--dps", type=int, default=None, metavar="N",
                   help="verified digits via nusym.potential (default: double precision)")
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym alpha``."""
    import math

    import mpmath

    from nusym.fifth_force import _check_definition, alpha_eff, yukawa_limits
    from nusym.numeric.potential import _lengths
    from nusym.sources import parse_source
    from nusym.symbolic.absorptive import normalise_nature
    from nusym.presets import normalise_ordering

    definition = _check_definition(args.definition)
    nature = normalise_nature(args.nature)
    ordering = normalise_ordering(args.ordering)
    src_a, src_b = parse_source(args.a), parse_source(args.b)
    lengths, _ = _lengths(list(args.lam), 30)
    lam_m = [float(x) for x in lengths]
    kw = dict(definition=definition, nature=nature, ordering=ordering, lightest=args.lightest,
              preset=args.preset)
    if args.dps is None:
        import numpy as np

        values = [float(v) for v in np.atleast_1d(alpha_eff(np.array(lam_m), src_a, src_b, **kw))]
        # potential/force: 0.0 is an underflow of exp(-2 m lambda) (the --dps route has no
        # underflow); spectral: 0 is exact above the largest range 1/(2 m_lightest)
        text = [f"{v:.10g}" if v != 0 or definition == "spectral"
                else "underflow (use --dps)" for v in values]
    else:
        values = alpha_eff(lengths, src_a, src_b, dps=args.dps, **kw)
        text = [mpmath.nstr(v, args.dps) for v in values]
    env = yukawa_limits("isl_envelope")
    limit = [float(x) for x in env.alpha_at(lam_m)]
    limit_text = ["-" if math.isnan(x) else f"{x:.2g}" for x in limit]
    if args.json:
        write_json({
            "a": src_a.label, "b": src_b.label, "definition": definition, "nature": nature,
            "ordering": ordering, "lightest_eV": str(args.lightest).strip(),
            "lambda_m": [repr(x) for x in lam_m], "alpha": text,
            "limit_envelope": [None if math.isnan(x) else float(f"{x:.2g}") for x in limit],
        })
        return 0
    print(f"# alpha_eff ({definition}) of the 2-nu force, {src_a.label} - {src_b.label}, {nature} "
          f"neutrinos, {ordering} ordering, lightest mass {str(args.lightest).strip()} eV; "
          "abs(alpha) limit: envelope of published limits (coarse)")
    rows = [[repr(x), t, lt] for x, t, lt in zip(lam_m, text, limit_text)]
    print(format_table(rows, ["lambda/m", "alpha", "limit |alpha|"]))
    return 0
