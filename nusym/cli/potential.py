"""``nusym potential A B --r ...``: the two-neutrino potential V(r) (Eq. 1) against gravity."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_dps_argument,
    add_json_argument,
    add_preset_argument,
    format_number,
    format_table,
    write_json,
)


def register(subparsers: "argparse._SubParsersAction") -> None:
    p = subparsers.add_parser(
        "potential",
        help="two-neutrino-exchange potential V(r) between two sources (Eq. 1)",
        description="Evaluate V(r) of Eq. (1) of Segarra & Bernabeu (2020) between sources "
        "A and B (e.g. Fe-56, 56Fe, 'Z=26,N=30') at the given distances, with the "
        "Newtonian potential for comparison.",
    )
    p.add_argument("a", metavar="A", help="first source, e.g. Fe-56")
    p.add_argument("b", metavar="B", help="second source, e.g. Fe-56")
    p.add_argument("--r", nargs="+", required=True, metavar="LENGTH",
                   help="distances with units, e.g. 1um 2um 5um (units: m, cm, mm, um, nm, pm, fm); "
                   "'-' reads them from standard input (whitespace separated)")
    p.add_argument("--nature", default="dirac", help="dirac (default) or majorana")
    p.add_argument("--ordering", default="normal", metavar="ORDERING",
                   help="mass ordering: normal (NO, NH; default) or inverted (IO, IH)")
    p.add_argument("--lightest", default="0", metavar="EV", help="lightest neutrino mass in eV (default 0)")
    add_preset_argument(p)
    add_dps_argument(p)
    p.add_argument("--method", default="integral",
                   help="integral (default), closed, asymptotic (needs --order) or massless")
    p.add_argument("--order", type=int, default=None, metavar="N",
                   help="order of the long-distance series (method asymptotic)")
    add_json_argument(p)
    p.set_defaults(handler=run)


def _r_string(r_m, dps: int) -> str:
    """Shortest float repr if it equals r to dps + 5 digits (e.g. '1e-06'), else dps digits."""
    import mpmath

    short = repr(float(r_m))
    with mpmath.workdps(dps + 20):
        if abs(mpmath.mpf(short) - r_m) <= mpmath.mpf(10) ** (-(dps + 5)) * abs(r_m):
            return short
        return mpmath.nstr(r_m, dps, min_fixed=0, max_fixed=0)


def _length_arguments(items: list[str]) -> list[str]:
    """The --r values; a lone '-' means: read them from standard input."""
    import sys

    from nusym.errors import InvalidLengthError

    if "-" not in items:
        return list(items)
    if items != ["-"]:
        raise InvalidLengthError("--r takes either lengths or a single '-' (read from standard input)")
    tokens = sys.stdin.read().split()
    if not tokens:
        raise InvalidLengthError("--r -: no lengths on standard input (expected e.g. '1um 2um')")
    return tokens


def run(args: argparse.Namespace) -> int:
    import mpmath

    from nusym.numeric.potential import _check_dps, _lengths, gravity_potential, potential
    from nusym.presets import load_parameters, normalise_ordering
    from nusym.sources import parse_source
    from nusym.symbolic.absorptive import normalise_nature

    dps = _check_dps(args.dps)
    nature = normalise_nature(args.nature)
    ordering = normalise_ordering(args.ordering)
    params = load_parameters(args.preset, ordering)  # read once, passed on below
    src_a, src_b = parse_source(args.a), parse_source(args.b)
    lengths, _ = _lengths(_length_arguments(args.r), dps + 20)
    values = potential(lengths, src_a, src_b, nature=nature, ordering=ordering,
                       lightest=args.lightest, preset=params, method=args.method,
                       dps=dps, order=args.order)
    grav = gravity_potential(lengths, src_a, src_b, dps=dps)
    r_text = [_r_string(r, dps) for r in lengths]
    method = args.method.strip().lower()
    if args.json:
        write_json({
            "a": src_a.label,
            "b": src_b.label,
            "nature": nature,
            "ordering": ordering,
            "lightest_eV": args.lightest.strip(),
            "preset": params.name,
            "method": method,
            "r_m": r_text,
            "V_eV": [format_number(v, dps) for v in values],
            "V_gravity_eV": [format_number(g, dps) for g in grav],
        })
        return 0
    print(f"# V(r) of Eq. (1), {src_a.label} - {src_b.label}, {nature} neutrinos, {ordering} "
          f"ordering, lightest mass {args.lightest.strip()} eV, preset {params.name}, "
          f"method {method}, {dps} digits")
    rows = []
    with mpmath.workdps(dps + 5):
        for rt, v, g in zip(r_text, values, grav):
            rows.append([rt, format_number(v, dps), format_number(g, dps), format_number(v / g, 6)])
    print(format_table(rows, ["r/m", "V/eV", "V_grav/eV", "V/V_grav"]))
    return 0
