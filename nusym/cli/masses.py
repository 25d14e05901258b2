"""``nusym masses``: absolute neutrino masses (Table I of Segarra & Bernabeu 2020)."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_dps_argument,
    add_json_argument,
    add_ordering_argument,
    add_preset_argument,
    check_dps,
    dps_value,
    format_number,
    format_table,
    write_json,
)


def register(subparsers: "argparse._SubParsersAction") -> None:
    p = subparsers.add_parser(
        "masses",
        help="neutrino masses m1, m2, m3 from the lightest mass",
        description="Print m1, m2, m3 in eV for a mass ordering and lightest mass "
        "(m1 for normal, m3 for inverted ordering).",
    )
    add_ordering_argument(p)
    p.add_argument("--lightest", required=True, metavar="EV",
                   help="lightest neutrino mass in eV (>= 0)")
    add_preset_argument(p)
    add_dps_argument(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from nusym.masses import mass_spectrum, parse_mass
    from nusym.presets import load_parameters, normalise_ordering

    dps = check_dps(dps_value(args))
    ordering = normalise_ordering(args.ordering)
    params = load_parameters(args.preset, ordering)
    import mpmath

    with mpmath.workdps(dps + 10):
        lightest = parse_mass(args.lightest)
    masses = mass_spectrum(ordering, args.lightest, preset=params, dps=dps)
    values = [format_number(m, dps) for m in masses]
    if args.json:
        write_json({
            "ordering": ordering,
            "preset": params.name,
            "lightest_eV": format_number(lightest, dps),
            "masses_eV": values,
        })
    else:
        print(f"# {ordering} ordering, preset {params.name}, lightest mass "
              f"{format_number(lightest, dps)} eV")
        print(format_table([[f"m{i}", v] for i, v in enumerate(values, 1)],
                           ["state", "mass/eV"]))
    return 0
