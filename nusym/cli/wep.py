"""``nusym wep A B --source S --distance D``: equivalence-principle violation by the 2-nu force."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_json_argument,
    add_neutrino_arguments,
    add_preset_argument,
    write_json,
)

__all__ = ["register", "run"]


def register(subparsers: "argparse._SubParsersAction") -> None:
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
    p.add_argument("--source-density", default=None, metavar="KG_M3",
                   help="source mass density in kg/m^3 (default: the natural element's)")
    add_neutrino_arguments(p)
    add_preset_argument(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def _g(x: float) -> str:
    # an underflowed (signed) zero prints as 0, not -0
    return f"{x + 0.0:.10g}" if x != 0 else "0"


def run(args: argparse.Namespace) -> int:
    """Run ``nusym wep``."""
    import numpy as np

    from nusym.materials import material
    from nusym.numeric.potential import _lengths
    from nusym.presets import load_parameters, normalise_ordering
    from nusym.symbolic.absorptive import normalise_nature
    from nusym.wep import _source_body, eotvos

    nature = normalise_nature(args.nature)
    ordering = normalise_ordering(args.ordering)
    params = load_parameters(args.preset, ordering)
    mat_a, mat_b, mat_s = material(args.a), material(args.b), material(args.source)
    lengths, _ = _lengths(list(args.distance), 30)
    distances = np.array([float(x) for x in lengths])
    body = _source_body(mat_s, args.source_radius, args.source_thickness, args.source_density)
    res = eotvos(mat_a, mat_b, mat_s, distances, source_radius=args.source_radius,
                 source_thickness=args.source_thickness, source_density=args.source_density,
                 nature=nature, ordering=ordering, lightest=args.lightest, preset=params)
    la, lb, ls = mat_a.label, mat_b.label, mat_s.label
    shape = (f"sphere of radius {body.size_m!r} m" if body.shape == "sphere"
             else f"plate of thickness {body.size_m!r} m")
    if args.json:
        write_json({
            "a": la, "b": lb, "source": ls, "source_shape": body.shape, "source_size_m": repr(body.size_m),
            "source_density_kg_m3": repr(body.rho_kg_m3), "nature": nature, "ordering": ordering,
            "lightest_eV": str(args.lightest).strip(), "preset": params.name,
            "precision": "double", "sign": "accelerations positive towards the source",
            "distance_m": [repr(float(d)) for d in distances],
            "accel_a_m_s2": [_g(x) for x in res.accel_a], "accel_b_m_s2": [_g(x) for x in res.accel_b],
            "delta_accel_m_s2": [_g(x) for x in res.delta_accel],
            "accel_gravity_m_s2": [_g(x) for x in res.accel_gravity],
            "eta": [_g(x) for x in res.eta],
        })
        return 0
    default = " (default)" if body.shape == "sphere" and args.source_radius is None else ""
    print(f"# 2-nu equivalence-principle test: {la} and {lb} towards {ls}, {shape}{default}, "
          f"{body.rho_kg_m3:g} kg/m^3; {nature} neutrinos, {ordering} ordering, lightest mass "
          f"{str(args.lightest).strip()} eV, preset {params.name}")
    print("# accelerations per unit mass, positive towards the source; double precision "
          "(Yukawa sum of nusym.numeric.spectral over the source volume)")
    for i, d in enumerate(distances):
        if i:
            print()
        print(f"distance from the source surface: {float(d)!r} m")
        print(f"a_2nu({la}): {_g(res.accel_a[i])} m/s^2")
        print(f"a_2nu({lb}): {_g(res.accel_b[i])} m/s^2")
        print(f"delta_a = a_2nu({la}) - a_2nu({lb}): {_g(res.delta_accel[i])} m/s^2")
        print(f"a_gravity: {_g(res.accel_gravity[i])} m/s^2")
        print(f"eta({la}, {lb}) = 2(a_{la} - a_{lb})/(a_{la} + a_{lb}): {_g(res.eta[i])}")
    return 0
