"""``nusym potential A B --r ...``: the two-neutrino potential V(r) (Eq. 1) against gravity."""

from __future__ import annotations

import argparse

from nusym.cli.common import (
    add_dps_argument,
    add_json_argument,
    add_neutrino_arguments,
    add_preset_argument,
    dps_value,
    format_number,
    format_table,
    write_json,
)


def register(subparsers: "argparse._SubParsersAction") -> None:
    p = subparsers.add_parser(
        "potential",
        help="two-neutrino-exchange potential V(r) between two sources (Eq. 1), or between "
        "extended bodies (--geometry)",
        description="Evaluate V(r) of Eq. (1) of Segarra & Bernabeu (2020) between sources "
        "A and B (isotopes such as Fe-56, 56Fe, 'Z=26,N=30', or materials such as W, SiO2, "
        "CuBe2, 'mass:Cu=0.98,Be=0.02', per pair of mean atoms) at the given distances, with the "
        "Newtonian potential for comparison.",
    )
    p.add_argument("a", metavar="A", help="first source: an isotope (Fe-56) or a material (W, SiO2)")
    p.add_argument("b", metavar="B", help="second source: an isotope or a material")
    p.add_argument("--r", nargs="+", default=None, metavar="LENGTH",
                   help="distances with units, e.g. 1um 2um 5um (units: m, cm, mm, um, nm, pm, fm); "
                   "'-' reads them from standard input (whitespace separated); required unless "
                   "--geometry is an extended body")
    add_neutrino_arguments(p)
    add_preset_argument(p)
    add_dps_argument(p)
    p.add_argument("--method", default="integral",
                   help="integral (default), closed, asymptotic (needs --order) or massless")
    p.add_argument("--order", type=int, default=None, metavar="N",
                   help="order of the long-distance series (method asymptotic)")
    add_json_argument(p)
    g = p.add_argument_group(
        "extended bodies",
        "--geometry other than 'atoms': uniform bodies of materials A and B; energy (J and eV) and "
        "force F = -dE/d(gap) in N (plane-plane: per m^2), positive = repulsive. Double precision: "
        "sums of closed-form Yukawa geometry factors over the spectral (sum-of-Yukawas) form of "
        "Eq. (1) (nusym.geometry); --dps, --method and --order do not apply.")
    g.add_argument("--geometry", default="atoms",
                   help="atoms (default: one atom of A and one of B, Eq. (1)), sphere-sphere, "
                   "sphere-plane (A is the sphere, B the plate) or plane-plane (per unit area)")
    g.add_argument("--gap", nargs="+", default=None, metavar="LENGTH",
                   help="surface-to-surface gaps with units, e.g. 1um 10um")
    g.add_argument("--radius1", default=None, metavar="LENGTH", help="radius of sphere A")
    g.add_argument("--radius2", default=None, metavar="LENGTH", help="radius of sphere B (sphere-sphere)")
    g.add_argument("--thickness", default=None, metavar="LENGTH",
                   help="thickness of the plate(s) (sphere-plane: plate B; plane-plane: both); "
                   "default: half-space")
    g.add_argument("--thickness1", default=None, metavar="LENGTH", help="thickness of plate A (plane-plane)")
    g.add_argument("--thickness2", default=None, metavar="LENGTH", help="thickness of plate B")
    g.add_argument("--density1", default=None, metavar="KG_M3",
                   help="mass density of body A in kg/m^3 (default: the natural element's)")
    g.add_argument("--density2", default=None, metavar="KG_M3", help="mass density of body B in kg/m^3")
    p.set_defaults(handler=run)


_GEOMETRY_OPTIONS = ("gap", "radius1", "radius2", "thickness", "thickness1", "thickness2",
                     "density1", "density2")


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
    from nusym.errors import InvalidOptionError
    from nusym.geometry import GEOMETRIES

    geometry = args.geometry.strip().lower()
    if geometry not in GEOMETRIES:
        raise InvalidOptionError(f"unknown --geometry {args.geometry!r}; allowed: {', '.join(GEOMETRIES)}")
    if geometry != "atoms":
        return _run_geometry(args, geometry)
    given = [f"--{k}" for k in _GEOMETRY_OPTIONS if getattr(args, k) is not None]
    if given:
        raise InvalidOptionError(
            f"{', '.join(given)} {'needs' if len(given) == 1 else 'need'} --geometry sphere-sphere, sphere-plane or plane-plane "
            f"(the default geometry 'atoms' takes --r)")
    if args.r is None:
        raise InvalidOptionError("the following arguments are required: --r (distances, e.g. --r 1um), "
                                 "or --geometry with --gap for extended bodies")
    return _run_atoms(args)


def _run_geometry(args: argparse.Namespace, geometry: str) -> int:
    """``--geometry sphere-sphere|sphere-plane|plane-plane`` (double precision, nusym.geometry)."""
    from nusym.errors import InvalidOptionError
    from nusym.geometry import _gaps, interaction
    from nusym.materials import material
    from nusym.presets import load_parameters, normalise_ordering
    from nusym.symbolic.absorptive import normalise_nature

    if args.r is not None:
        raise InvalidOptionError(f"--geometry {geometry} takes --gap (surface-to-surface), not --r")
    if args.gap is None:
        raise InvalidOptionError(f"--geometry {geometry} needs --gap (surface-to-surface), e.g. --gap 10um")
    if args.method.strip().lower() != "integral" or args.order is not None or args.dps is not None:
        raise InvalidOptionError(f"--method, --order and --dps do not apply to --geometry {geometry} "
                                 f"(double precision sums of Yukawas)")
    # the length options of each geometry, checked here so that errors name the options
    takes = {"sphere-sphere": ("--radius1", "--radius2"),
             "sphere-plane": ("--radius1", "--thickness"),
             "plane-plane": ("--thickness", "--thickness1", "--thickness2")}[geometry]
    needs = {"sphere-sphere": ("--radius1", "--radius2"), "sphere-plane": ("--radius1",),
             "plane-plane": ()}[geometry]
    given = {"--radius1": args.radius1, "--radius2": args.radius2, "--thickness": args.thickness,
             "--thickness1": args.thickness1, "--thickness2": args.thickness2}
    missing = [o for o in needs if given[o] is None]
    unused = [o for o, v in given.items() if v is not None and o not in takes]
    if missing or unused:
        what = [f"needs {' and '.join(missing)}"] if missing else []
        what += [f"does not take {', '.join(unused)}"] if unused else []
        raise InvalidOptionError(f"--geometry {geometry} {'; '.join(what)} "
                                 f"(it takes {', '.join(takes)})")
    thickness1, thickness2 = args.thickness1, args.thickness2
    if args.thickness is not None:
        if thickness1 is not None or thickness2 is not None:
            raise InvalidOptionError("give either --thickness or --thickness1/--thickness2, not both")
        thickness2 = args.thickness
        if geometry == "plane-plane":
            thickness1 = args.thickness
    nature = normalise_nature(args.nature)
    ordering = normalise_ordering(args.ordering)
    params = load_parameters(args.preset, ordering)
    mat_a, mat_b = material(args.a, density=args.density1), material(args.b, density=args.density2)
    gap_m, _ = _gaps(list(args.gap))
    res = interaction(geometry, gap_m, mat_a, mat_b, radius1=args.radius1, radius2=args.radius2,
                      thickness1=thickness1, thickness2=thickness2, nature=nature, ordering=ordering,
                      lightest=args.lightest, preset=params)
    per_area = res.per_area
    units = (("eV/m^2", "J/m^2", "N/m^2") if per_area else ("eV", "J", "N"))

    def txt(x: float) -> str:
        return f"{x:.10g}"

    def plate(t: "str | None") -> str:
        return "half-space" if t is None else f"plate of thickness {t}"

    bodies = {"sphere-sphere": f"sphere A ({mat_a.label}, radius {args.radius1}) and sphere B "
                               f"({mat_b.label}, radius {args.radius2})",
              "sphere-plane": f"sphere A ({mat_a.label}, radius {args.radius1}) and "
                              f"{plate(thickness2)} B ({mat_b.label})",
              "plane-plane": f"{plate(thickness1)} A ({mat_a.label}) and {plate(thickness2)} B "
                             f"({mat_b.label}), per unit area"}[geometry]
    if args.json:
        write_json({
            "geometry": geometry, "a": mat_a.label, "b": mat_b.label,
            "density1_kg_m3": mat_a.density_kg_m3, "density2_kg_m3": mat_b.density_kg_m3,
            "radius1": args.radius1, "radius2": args.radius2, "thickness1": thickness1,
            "thickness2": thickness2, "nature": nature, "ordering": ordering,
            "lightest_eV": args.lightest.strip(), "preset": params.name, "precision": "double",
            "per_area": per_area,
            "units": {"energy_eV": units[0], "energy_J": units[1], "force_N": units[2]},
            "gap_m": [repr(float(g)) for g in gap_m],
            "energy_eV": [txt(x) for x in res.energy_eV],
            "energy_J": [txt(x) for x in res.energy_J],
            "force_N": [txt(x) for x in res.force_N],
        })
        return 0
    print(f"# 2-nu interaction of {bodies}; {nature} neutrinos, {ordering} ordering, lightest mass "
          f"{args.lightest.strip()} eV, preset {params.name}")
    print("# double precision: closed-form Yukawa geometry factors summed over the spectral "
          "(sum-of-Yukawas) form of Eq. (1); F = -dE/d(gap), positive = repulsive")
    rows = [[repr(float(g)), txt(e), txt(j), txt(f)]
            for g, e, j, f in zip(gap_m, res.energy_eV, res.energy_J, res.force_N)]
    force_name = "P" if per_area else "F"
    print(format_table(rows, ["gap/m", f"E/({units[0]})", f"E/({units[1]})", f"{force_name}/({units[2]})"]))
    return 0


def _run_atoms(args: argparse.Namespace) -> int:
    import mpmath

    from nusym.numeric.potential import _check_dps, _lengths, gravity_potential, potential
    from nusym.presets import load_parameters, normalise_ordering
    from nusym.sources import parse_source
    from nusym.symbolic.absorptive import normalise_nature

    dps = _check_dps(dps_value(args))
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
