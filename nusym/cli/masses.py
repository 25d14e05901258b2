"""``nusym masses``: absolute neutrino masses (Table I of Segarra & Bernabeu 2020)."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_dps_option,
    add_json_argument,
    add_model_arguments,
    dps_from_args,
    format_number,
    format_table,
    model_from_args,
    write_json,
)

__all__ = ["register", "run"]


def register(subparsers: "argparse._SubParsersAction") -> None:
    """Add the ``masses`` subcommand."""
    p = subparsers.add_parser(
        "masses",
        help="neutrino masses m1, m2, m3 from the lightest mass",
        description="Print m1, m2, m3 in eV for a mass ordering and lightest mass "
        "(m1 for normal, m3 for inverted ordering), with the model they belong to.",
    )
    add_model_arguments(p, nature=False, ordering_required=True, lightest_required=True)
    add_dps_option(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym masses``."""
    dps = dps_from_args(args)
    model = model_from_args(args)
    origin = dict(model.origin)
    values = [format_number(m, dps) for m in model.masses]
    lightest = model.masses[0] if origin["ordering"] == "normal" else model.masses[2]
    if args.json:
        write_json({
            "ordering": origin["ordering"],
            "preset": origin["preset"],
            "lightest_eV": format_number(lightest, dps),
            "masses_eV": values,
            "model": model.describe(dps),
        })
        return 0
    print(f"# {origin['ordering']} ordering, preset {origin['preset']}, lightest mass "
          f"{format_number(lightest, dps)} eV")
    print(f"# model: {model.summary()}")
    print(format_table([[f"m{i}", v] for i, v in enumerate(values, 1)], ["state", "mass/eV"]))
    return 0
