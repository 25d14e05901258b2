"""``nusym budget A B --gap ...``: the two-neutrino force of finite bodies against gravity and Casimir."""

from __future__ import annotations

import argparse

import mpmath

from nusym.budgets import BUDGET_GEOMETRIES, budget
from nusym.casimir import CASIMIR_MODELS, check_temperature
from nusym.cli.common import (
    add_json_argument,
    add_model_arguments,
    emit_json,
    format_table,
    model_from_args,
    option_density,
    option_lengths,
)
from nusym.errors import InvalidLengthError
from nusym.inputs import check_choice

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``budget`` subcommand."""
    p = subparsers.add_parser(
        "budget",
        help="force budget of two bodies: two-neutrino force (Eq. 1) vs Newtonian gravity and Casimir",
        description="For two uniform bodies of materials A and B (a sphere above a plate, two spheres "
        "or two plates per unit area) at the given gaps: the two-neutrino force of Eq. (1) of Segarra "
        "& Bernabeu (2020), the Newtonian gravity of the same bodies and the Casimir force (ideal "
        "conductors, or the Lifshitz formula with plasma- or Drude-model metals at a temperature; "
        "proximity-force approximation for spheres). Forces in N (plane-plane: N/m^2), positive = "
        "repulsive.",
    )
    p.add_argument("a", metavar="A", help="material of body A (the sphere in sphere-plane), e.g. Au, W")
    p.add_argument("b", metavar="B", help="material of body B, e.g. Au, Si")
    p.add_argument("--geometry", default="sphere-plane",
                   help="sphere-plane (default; A the sphere, B the plate), sphere-sphere or plane-plane")
    p.add_argument("--gap", nargs="+", required=True, metavar="LENGTH",
                   help="surface-to-surface gaps with units, e.g. 1um 10um")
    p.add_argument("--radius1", default=None, metavar="LENGTH", help="radius of sphere A")
    p.add_argument("--radius2", default=None, metavar="LENGTH", help="radius of sphere B (sphere-sphere)")
    p.add_argument("--thickness", default=None, metavar="LENGTH",
                   help="thickness of the plate(s) (sphere-plane: plate B; plane-plane: both); plates "
                   "need one (the gravity of a half-space diverges)")
    p.add_argument("--thickness1", default=None, metavar="LENGTH", help="thickness of plate A (plane-plane)")
    p.add_argument("--thickness2", default=None, metavar="LENGTH", help="thickness of plate B")
    p.add_argument("--density1", default=None, metavar="DENSITY",
                   help="mass density of body A: kg/m^3 or with a unit (19.3g/cm3); default: the element's")
    p.add_argument("--density2", default=None, metavar="DENSITY", help="mass density of body B")
    p.add_argument("--casimir", default="ideal",
                   help="ideal (default: perfect conductors), plasma, drude (Lifshitz with "
                   "nusym/data/optical.csv) or none")
    p.add_argument("--temperature", default="0", metavar="K",
                   help="temperature in kelvin for the Casimir force (default 0)")
    p.add_argument("--differences", action="store_true",
                   help="add the Dirac - Majorana difference of the two-neutrino force and its "
                   "difference between lightest masses 0 and 0.1 eV")
    add_model_arguments(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def _length(value: str | None, option: str) -> float | None:
    if value is None:
        return None
    with mpmath.workdps(30):
        values = option_lengths([value], option)
    if len(values) != 1:
        raise InvalidLengthError(f"{option} takes one length")
    return float(values[0])


def run(args: argparse.Namespace) -> int:
    """Run ``nusym budget``."""
    geometry = check_choice(args.geometry, "--geometry", BUDGET_GEOMETRIES)
    casimir = check_choice(args.casimir, "--casimir", CASIMIR_MODELS + ("none",))
    temperature = check_temperature(args.temperature)
    with mpmath.workdps(30):
        gaps = [float(g) for g in option_lengths(args.gap, "--gap")]
    lengths = {k: _length(getattr(args, k), f"--{k}")
               for k in ("radius1", "radius2", "thickness", "thickness1", "thickness2")}
    density1 = option_density(args.density1, "--density1")
    density2 = option_density(args.density2, "--density2")
    model = model_from_args(args)
    res = budget(args.a, args.b, geometry=geometry, gap=gaps, **lengths, density1=density1,
                 density2=density2, casimir=None if casimir == "none" else casimir,
                 temperature=temperature, model=model, differences=args.differences)
    if args.json:
        doc = res.as_dict()
        doc.pop("model", None)  # the document's "model"
        emit_json("budget", doc, dps=10, precision="double", model=model)
        return 0
    d = res.as_dict(6)
    print(f"# force budget, {geometry}: A = {res.a}, B = {res.b}; "
          + ", ".join(f"{k} {v}" for k, v in d["bodies"].items() if v is not None))
    print(f"# model: {model.summary()}")
    print(f"# Casimir: {casimir}" + (f" at {temperature:g} K" if casimir != "none" else "")
          + f"; forces in {res.unit}, positive = repulsive")
    rows_f = [k for k, v in d["force_N"].items() if v is not None]
    rows = [[g, *(d["force_N"][k][i] for k in rows_f), *(d["ratios"][k][i] for k in d["ratios"])]
            for i, g in enumerate(d["gap_m"])]
    print(format_table(rows, ["gap/m", *(f"{k}/{res.unit}" for k in rows_f), *d["ratios"]]))
    return 0
