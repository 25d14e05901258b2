"""``nusym masses``: absolute neutrino masses (Table I of Segarra & Bernabeu 2020)."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_dps_option,
    add_json_argument,
    add_model_arguments,
    digits_from_args,
    emit_json,
    format_number,
    format_table,
    model_from_args,
)

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``masses`` subcommand."""
    p = subparsers.add_parser(
        "masses",
        help="neutrino masses m1, m2, m3 from the lightest mass",
        description="Print m1, m2, m3 in eV for a mass ordering and lightest mass "
        "(m1 for normal, m3 for inverted ordering; defaults: normal ordering, lightest mass 0, "
        "as in every subcommand), with the model they belong to; or the n masses of a model file "
        "(--model).",
    )
    add_model_arguments(p, nature=False)
    add_dps_option(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym masses``."""
    dps = digits_from_args(args)
    model = model_from_args(args)
    origin = dict(model.origin)
    values = [format_number(m, dps) for m in model.masses]
    ordering = origin.get("ordering")
    lightest = min(model.masses) if ordering is None else (
        model.masses[0] if ordering == "normal" else model.masses[2])
    if args.json:
        emit_json("masses", {
            "ordering": ordering,
            "preset": origin.get("preset"),
            "lightest_eV": format_number(lightest, dps),
            "masses_eV": values,
        }, dps=dps, precision="multiple", model=model)
        return 0
    if ordering is not None:
        print(f"# {ordering} ordering, preset {origin.get('preset')}, lightest mass "
              f"{format_number(lightest, dps)} eV")
    else:
        print(f"# {model.n} mass states, lightest mass {format_number(lightest, dps)} eV")
    print(f"# model: {model.summary()}")
    print(format_table([[f"m{i}", v] for i, v in enumerate(values, 1)], ["state", "mass/eV"]))
    return 0
