"""``nusym wep A B --source S --distance D``: equivalence-principle violation by the 2-nu force."""

from __future__ import annotations

import argparse
import math

import mpmath

from nusym.cli.common import (
    add_json_argument,
    add_model_arguments,
    emit_json,
    model_from_args,
    option_density,
    option_lengths,
)
from nusym.errors import InvalidOptionError
from nusym.materials import material
from nusym.wep import DEFAULT_SOURCE_RADIUS, eotvos

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``wep`` subcommand."""
    p = subparsers.add_parser(
        "wep",
        help="differential 2-nu acceleration of two test materials towards a source, and eta",
        description="Accelerations per unit mass of point-like test bodies of materials A and B "
        "at a distance from the surface of a source body (a uniform sphere, 1 cm radius by "
        "default, or a plate with --source-thickness) due to the two-neutrino force of Eq. (1) "
        "of Segarra & Bernabeu (2020), their difference, the Newtonian acceleration towards the "
        "same source, and the Eotvos parameter eta = 2(a_A - a_B)/(a_A + a_B) of the total "
        "accelerations (gravity + 2-nu). Accelerations are positive towards the source. Double "
        "precision: the atom-atom potential as a sum of Yukawas (nusym.numeric.spectral) summed "
        "over the source volume in closed form (nusym.wep).",
    )
    p.add_argument("a", metavar="A", help="test material A, e.g. Be (element, formula, isotope)")
    p.add_argument("b", metavar="B", help="test material B, e.g. Ti")
    p.add_argument("--source", required=True, metavar="S", help="source material, e.g. W")
    p.add_argument("--distance", nargs="+", required=True, metavar="LENGTH",
                   help="distances of the test bodies from the source surface, e.g. 10um 100um")
    p.add_argument("--source-radius", default=None, metavar="LENGTH",
                   help="radius of the spherical source (default 1cm)")
    p.add_argument("--source-thickness", default=None, metavar="LENGTH",
                   help="make the source a plate of this thickness (infinite lateral extent)")
    p.add_argument("--source-density", default=None, metavar="DENSITY",
                   help="source mass density: kg/m^3, or with a unit (19.3g/cm3); default: the "
                   "natural element's")
    add_model_arguments(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def _g(x: float) -> str:
    # an underflowed (signed) zero prints as 0, not -0
    return f"{x + 0.0:.10g}" if x != 0 else "0"


def _metres(value: str, option: str) -> float:
    with mpmath.workdps(30):
        return float(option_lengths([value], option)[0])


def run(args: argparse.Namespace) -> int:
    """Run ``nusym wep``."""
    if args.source_radius is not None and args.source_thickness is not None:
        raise InvalidOptionError("give either --source-radius (a spherical source) or "
                                 "--source-thickness (a plate), not both")
    with mpmath.workdps(30):
        distances = [float(x) for x in option_lengths(args.distance, "--distance")]
    if args.source_thickness is not None:
        shape, size = "plate", _metres(args.source_thickness, "--source-thickness")
        radius, thickness = None, size
    else:
        shape = "sphere"
        size = _metres(DEFAULT_SOURCE_RADIUS if args.source_radius is None else args.source_radius,
                       "--source-radius")
        radius, thickness = size, None
    density = option_density(args.source_density, "--source-density")
    model = model_from_args(args)
    mat_a, mat_b = material(args.a), material(args.b)
    mat_s = material(args.source, density=density)
    res = eotvos(mat_a, mat_b, mat_s, distances, source_radius=radius, source_thickness=thickness,
                 source_density=density, model=model)
    columns = {name: [float(x) for x in getattr(res, name)]
               for name in ("accel_a", "accel_b", "delta_accel", "accel_gravity", "eta")}
    for name, values in columns.items():
        if not all(math.isfinite(x) for x in values):
            raise InvalidOptionError(f"{name} is not finite for these inputs (outside the range "
                                     "where it can be represented)")
    assert mat_s.density_kg_m3 is not None  # eotvos has raised InvalidMaterialError otherwise
    rho = float(mat_s.density_kg_m3)
    la, lb, ls = mat_a.label, mat_b.label, mat_s.label
    shape_text = (f"sphere of radius {size!r} m" if shape == "sphere"
                  else f"plate of thickness {size!r} m")
    origin = dict(model.origin)
    if args.json:
        emit_json("wep", {
            "a": la, "b": lb, "source": ls, "source_shape": shape, "source_size_m": repr(size),
            "source_density_kg_m3": repr(rho), "nature": model.nature,
            "ordering": origin.get("ordering"), "lightest_eV": origin.get("lightest_eV"),
            "preset": origin.get("preset"),
            "sign": "accelerations positive towards the source",
            "distance_m": [repr(d) for d in distances],
            "accel_a_m_s2": [_g(x) for x in columns["accel_a"]],
            "accel_b_m_s2": [_g(x) for x in columns["accel_b"]],
            "delta_accel_m_s2": [_g(x) for x in columns["delta_accel"]],
            "accel_gravity_m_s2": [_g(x) for x in columns["accel_gravity"]],
            "eta": [_g(x) for x in columns["eta"]],
        }, dps=10, precision="double", model=model)
        return 0
    default = " (default)" if shape == "sphere" and args.source_radius is None else ""
    print(f"# 2-nu equivalence-principle test: {la} and {lb} towards {ls}, {shape_text}{default}, "
          f"{rho:g} kg/m^3")
    print(f"# model: {model.summary()}")
    print("# accelerations per unit mass, positive towards the source; double precision "
          "(Yukawa sum of nusym.numeric.spectral over the source volume)")
    for i, d in enumerate(distances):
        if i:
            print()
        print(f"distance from the source surface: {d!r} m")
        print(f"a_2nu({la}): {_g(columns['accel_a'][i])} m/s^2")
        print(f"a_2nu({lb}): {_g(columns['accel_b'][i])} m/s^2")
        print(f"delta_a = a_2nu({la}) - a_2nu({lb}): {_g(columns['delta_accel'][i])} m/s^2")
        print(f"a_gravity: {_g(columns['accel_gravity'][i])} m/s^2")
        print(f"eta({la}, {lb}) = 2(a_{la} - a_{lb})/(a_{la} + a_{lb}): {_g(columns['eta'][i])}")
    return 0
