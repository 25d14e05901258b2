"""``nusym potential A B --r ...``: the two-neutrino potential V(r) (Eq. 1) against gravity."""

from __future__ import annotations

import argparse
import sys

import mpmath

from nusym.cli.common import (
    add_dps_option,
    add_json_argument,
    add_model_arguments,
    decimal_text,
    decimals,
    digits_from_args,
    emit_json,
    format_number,
    format_table,
    model_from_args,
    option_density,
    option_lengths,
    order_from_args,
)
from nusym.errors import InvalidLengthError, InvalidOptionError
from nusym.geometry import GEOMETRIES, interaction
from nusym.inputs import MAX_ORDER, check_choice, check_method, check_nature, check_ordering, parse_int
from nusym.materials import material
from nusym.model import Model
from nusym.numeric.potential import gravity_potential, potential
from nusym.sources import parse_source
from nusym.uncertainties import DEFAULT_UNCERTAINTY_PRESET, phase_range, uncertainty

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``potential`` subcommand."""
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
    add_model_arguments(p)
    add_dps_option(p)
    p.add_argument("--method", default="integral",
                   help="integral (default), adaptive, closed, asymptotic (needs --order) or massless")
    p.add_argument("--order", default=None, metavar="N",
                   help="order of the long-distance series (method asymptotic): V through "
                   f"r^(-5/2-N), 0 <= N <= {MAX_ORDER}")
    add_json_argument(p)
    p.add_argument("--certified", action="store_true",
                   help="also a certified enclosure of V at each r (Arb ball arithmetic and rigorous "
                   "integration; relative width <= 10^-dps): columns V_lower, V_upper; JSON "
                   "V_eV_interval [[lo, hi], ...] as decimal strings")
    u = p.add_argument_group(
        "uncertainties (nusym.uncertainties)",
        "bands from the inputs' 1 sigma ranges (a preset with an uncertainty table: nufit-6.0, the "
        "default for these options) and the range over the unknown Majorana phases")
    u.add_argument("--uncertainty", action="store_true",
                   help="add sigma_plus and sigma_minus of V from the 1 sigma ranges of the oscillation "
                   "parameters and G_F (one input shifted at a time, added in quadrature) and the budget "
                   "per input")
    u.add_argument("--monte-carlo", dest="monte_carlo", default="0", metavar="N",
                   help="with --uncertainty: also a Monte Carlo over the inputs with N samples (cross-check)")
    u.add_argument("--phases", default=None, metavar="range",
                   help="'range': the minimum and maximum of the Majorana V over alpha21, alpha31 in "
                   "[0, 360) deg (exact extremes of the trigonometric form of V in the phases)")
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
    g.add_argument("--density1", default=None, metavar="DENSITY",
                   help="mass density of body A: kg/m^3, or with a unit (19.3g/cm3, 19300kg/m3); "
                   "default: the natural element's")
    g.add_argument("--density2", default=None, metavar="DENSITY", help="mass density of body B (as --density1)")
    p.set_defaults(handler=run)


_GEOMETRY_OPTIONS = ("gap", "radius1", "radius2", "thickness", "thickness1", "thickness2",
                     "density1", "density2")


def _r_string(r_m, dps: int) -> str:
    """Shortest float repr if it equals r to dps + 5 digits (e.g. '1e-06'), else dps digits."""
    short = repr(float(r_m))
    with mpmath.workdps(dps + 20):
        if abs(mpmath.mpf(short) - r_m) <= mpmath.mpf(10) ** (-(dps + 5)) * abs(r_m):
            return short
        return mpmath.nstr(r_m, dps, min_fixed=0, max_fixed=0)


def _length_arguments(items: list[str]) -> list[str]:
    """The --r values; a lone '-' means: read them from standard input."""
    if "-" not in items:
        return list(items)
    if items != ["-"]:
        raise InvalidLengthError("--r takes either lengths or a single '-' (read from standard input)")
    tokens = sys.stdin.read().split()
    if not tokens:
        raise InvalidLengthError("--r -: no lengths on standard input (expected e.g. '1um 2um')")
    return tokens


def _finite(values: list, what: str) -> list:
    """``values`` unchanged if every one is finite (never print nan or inf)."""
    for v in values:
        if not mpmath.isfinite(v):
            raise InvalidOptionError(f"{what} is not finite ({v}); the inputs are outside the range "
                                     "where it can be represented")
    return values


def run(args: argparse.Namespace) -> int:
    """Run ``nusym potential``."""
    geometry = check_choice(args.geometry, "--geometry", GEOMETRIES)
    if geometry != "atoms":
        return _run_geometry(args, geometry)
    given = [f"--{k}" for k in _GEOMETRY_OPTIONS if getattr(args, k) is not None]
    if given:
        raise InvalidOptionError(
            f"{', '.join(given)} {'needs' if len(given) == 1 else 'need'} --geometry sphere-sphere, "
            f"sphere-plane or plane-plane (the default geometry 'atoms' takes --r)")
    if args.r is None:
        raise InvalidOptionError("the following arguments are required: --r (distances, e.g. --r 1um), "
                                 "or --geometry with --gap for extended bodies")
    return _run_atoms(args)


def _length_m(value: str | None, option: str) -> float | None:
    """A length option in metres (float), validated by nusym.inputs; None stays None."""
    if value is None:
        return None
    with mpmath.workdps(30):
        return float(option_lengths([value], option)[0])


def _run_geometry(args: argparse.Namespace, geometry: str) -> int:
    """``--geometry sphere-sphere|sphere-plane|plane-plane`` (double precision, nusym.geometry)."""
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
    if args.thickness is not None and (args.thickness1 is not None or args.thickness2 is not None):
        raise InvalidOptionError("give either --thickness or --thickness1/--thickness2, not both")
    lengths = {o: _length_m(v, o) for o, v in given.items()}
    thickness1, thickness2 = lengths["--thickness1"], lengths["--thickness2"]
    if lengths["--thickness"] is not None:
        thickness2 = lengths["--thickness"]
        if geometry == "plane-plane":
            thickness1 = lengths["--thickness"]
    density1 = option_density(args.density1, "--density1")
    density2 = option_density(args.density2, "--density2")
    with mpmath.workdps(30):
        gap_m = [float(g) for g in option_lengths(args.gap, "--gap")]
    model = model_from_args(args)
    mat_a, mat_b = material(args.a, density=density1), material(args.b, density=density2)
    res = interaction(geometry, gap_m, mat_a, mat_b, radius1=lengths["--radius1"],
                      radius2=lengths["--radius2"], thickness1=thickness1, thickness2=thickness2,
                      density1=density1, density2=density2, model=model)
    per_area = res.per_area
    units = (("eV/m^2", "J/m^2", "N/m^2") if per_area else ("eV", "J", "N"))
    columns = {"energy_eV": list(res.energy_eV), "energy_J": list(res.energy_J),
               "force_N": list(res.force_N)}
    for key, values in columns.items():
        _finite([mpmath.mpf(float(v)) for v in values], key)

    def txt(x: float) -> str:
        return f"{float(x) + 0.0:.10g}"

    def metres(x: float | None) -> str | None:
        return None if x is None else repr(x)

    def plate(t: float | None) -> str:
        return "half-space" if t is None else f"plate of thickness {t!r} m"

    r1, r2 = lengths["--radius1"], lengths["--radius2"]
    bodies = {"sphere-sphere": f"sphere A ({mat_a.label}, radius {r1!r} m) and sphere B "
                               f"({mat_b.label}, radius {r2!r} m)",
              "sphere-plane": f"sphere A ({mat_a.label}, radius {r1!r} m) and "
                              f"{plate(thickness2)} B ({mat_b.label})",
              "plane-plane": f"{plate(thickness1)} A ({mat_a.label}) and {plate(thickness2)} B "
                             f"({mat_b.label}), per unit area"}[geometry]
    origin = dict(model.origin)
    if args.json:
        emit_json("potential", {
            "kind": "bodies", "geometry": geometry, "a": mat_a.label, "b": mat_b.label,
            "density1_kg_m3": _density_text(mat_a.density_kg_m3),
            "density2_kg_m3": _density_text(mat_b.density_kg_m3),
            "radius1_m": metres(r1), "radius2_m": metres(r2), "thickness1_m": metres(thickness1),
            "thickness2_m": metres(thickness2), "nature": model.nature,
            "ordering": origin.get("ordering"), "lightest_eV": origin.get("lightest_eV"),
            "preset": origin.get("preset"), "per_area": per_area,
            "units": {"energy_eV": units[0], "energy_J": units[1], "force_N": units[2]},
            "gap_m": [repr(g) for g in gap_m],
            **{key: [txt(x) for x in values] for key, values in columns.items()},
        }, dps=10, precision="double", model=model)
        return 0
    print(f"# 2-nu interaction of {bodies}")
    print(f"# model: {model.summary()}")
    print("# double precision: closed-form Yukawa geometry factors summed over the spectral "
          "(sum-of-Yukawas) form of Eq. (1); F = -dE/d(gap), positive = repulsive")
    rows = [[repr(g), txt(e), txt(j), txt(f)]
            for g, e, j, f in zip(gap_m, *columns.values(), strict=True)]
    force_name = "P" if per_area else "F"
    print(format_table(rows, ["gap/m", f"E/({units[0]})", f"E/({units[1]})", f"{force_name}/({units[2]})"]))
    return 0


def _run_atoms(args: argparse.Namespace) -> int:
    dps = digits_from_args(args)
    order = order_from_args(args)
    if order is None and args.method.strip().lower() == "asymptotic":
        raise InvalidOptionError(f"--method asymptotic needs --order N (0 <= N <= {MAX_ORDER}): the "
                                 "series keeps V through r^(-5/2-N)")
    method, order = check_method(args.method, order)
    if getattr(args, "model_file", None) is not None and (args.uncertainty or args.phases is not None):
        raise InvalidOptionError("--uncertainty and --phases vary the inputs of a preset: they take the "
                                 "preset options (--preset, --ordering, --lightest, ...), not --model")
    model = model_from_args(args)
    src_a, src_b = parse_source(args.a), parse_source(args.b)
    items = _length_arguments(args.r)
    with mpmath.workdps(dps + 20):
        lengths = option_lengths(items, "--r")
    if args.uncertainty or args.phases is not None:
        return _run_bands(args, lengths, src_a, src_b, dps)
    if args.monte_carlo != "0":
        raise InvalidOptionError("--monte-carlo N goes with --uncertainty")
    values = _finite(potential(lengths, src_a, src_b, model=model, method=method, dps=dps, order=order),
                     "V")
    grav = gravity_potential(lengths, src_a, src_b, dps=dps)
    r_text = [_r_string(r, dps) for r in lengths]
    origin = dict(model.origin)
    intervals = (potential(items, src_a, src_b, model=model, dps=dps, certified=True)
                 if args.certified else None)
    if args.json:
        emit_json("potential", {
            "kind": "atoms",
            "a": src_a.label,
            "b": src_b.label,
            "nature": model.nature,
            "ordering": origin.get("ordering"),
            "lightest_eV": origin.get("lightest_eV"),
            "preset": origin.get("preset"),
            "method": method,
            **({"order": order} if order is not None else {}),
            "r_m": r_text,
            "V_eV": [format_number(v, dps) for v in values],
            "V_gravity_eV": [format_number(g, dps) for g in grav],
            **({"V_eV_interval": [list(iv.as_strings(dps)) for iv in intervals]} if intervals else {}),
        }, dps=dps, precision="multiple", model=model)
        return 0
    print(f"# V(r) of Eq. (1), {src_a.label} - {src_b.label}, method {method}"
          + (f" (order {order}: V through r^(-5/2-{order}))" if order is not None else "")
          + f", {dps} digits")
    print(f"# model: {model.summary()}")
    rows = []
    with mpmath.workdps(dps + 5):
        for k, (rt, v, g) in enumerate(zip(r_text, values, grav, strict=True)):
            rows.append([rt, format_number(v, dps), format_number(g, dps), format_number(v / g, 6)]
                        + (list(intervals[k].as_strings(dps)) if intervals else []))
    print(format_table(rows, ["r/m", "V/eV", "V_grav/eV", "V/V_grav"]
                       + (["V_lower/eV (certified)", "V_upper/eV (certified)"] if intervals else [])))
    return 0


def _run_bands(args: argparse.Namespace, lengths: list, src_a, src_b, dps: int) -> int:
    """``--uncertainty`` and ``--phases range`` (nusym.uncertainties; double precision unless --dps)."""
    if args.method.strip().lower() != "integral" or args.order is not None:
        raise InvalidOptionError("--uncertainty and --phases take the default method (integral) only")
    if args.phases is not None and not args.uncertainty and any(
            getattr(args, k) is not None for k in ("delta", "alpha21", "alpha31")):
        raise InvalidOptionError("--phases range varies alpha21 and alpha31 over [0, 360) deg: drop --delta, "
                                 "--alpha21 and --alpha31 (or add --uncertainty for bands at given phases)")
    preset = args.preset if args.preset is not None else DEFAULT_UNCERTAINTY_PRESET
    ordering = check_ordering(args.ordering) if args.ordering is not None else "normal"
    lightest = args.lightest if args.lightest is not None else 0
    digits = dps if args.dps is not None else None
    out: dict = {"kind": "bands", "a": src_a.label, "b": src_b.label,
                 "r_m": [_r_string(r, dps) for r in lengths]}
    lines = []
    central = None
    if args.uncertainty:
        samples = parse_int(args.monte_carlo, "--monte-carlo", 0, 10**6, error=InvalidOptionError)
        res = uncertainty(list(lengths), src_a, src_b, preset=preset, ordering=ordering, lightest=lightest,
                          nature=args.nature if args.nature is not None else "dirac", delta=args.delta,
                          alpha21=args.alpha21, alpha31=args.alpha31, dps=digits, monte_carlo=samples)
        band = res.as_dict()
        band.pop("model", None)  # the model is the document's "model" (an object, not a summary)
        band.pop("dps", None)    # the document's "dps"
        out["uncertainty"] = band
        central = res.model
        lines.append(f"# V(r) with 1 sigma bands from {res.table.name} ({res.table.ordering} ordering); "
                     f"model: {res.model.summary()}")
        rows = [[rt, _plain(v, digits), _plain(sp, 3), _plain(sm, 3), _relative(v, sp, sm)]
                for rt, v, sp, sm in zip(out["r_m"], _seq(res.value_eV), _seq(res.sigma_plus_eV),
                                         _seq(res.sigma_minus_eV), strict=True)]
        lines.append(format_table(rows, ["r/m", "V/eV", "sigma+/eV", "sigma-/eV", "relative"]))
    if args.phases is not None:
        if check_choice(args.phases, "--phases", ("range",)) == "range":
            if args.nature is not None and check_nature(args.nature) != "majorana":
                raise InvalidOptionError("--phases range is for Majorana neutrinos (the Dirac V does not "
                                         "depend on the phases); drop --nature or give --nature majorana")
            pr = phase_range(list(lengths), src_a, src_b, preset=preset, ordering=ordering,
                             lightest=lightest, dps=digits)
            v_min, v_max = _seq(pr.v_min), _seq(pr.v_max)
            if digits is None and not all(v_min):
                raise InvalidOptionError("V underflows double precision at some r (it is below ~1e-308 eV): "
                                         "give --dps N for the phase range there")
            out["phase_range"] = {"preset": str(preset), "ordering": ordering,
                                  "V_min_eV": [_plain(v, digits) for v in v_min],
                                  "V_max_eV": [_plain(v, digits) for v in v_max],
                                  "argmin_deg": _phases_json(pr.argmin), "argmax_deg": _phases_json(pr.argmax)}
            if central is None:  # the preset's model, at the preset's phases
                central = Model.from_preset(preset, nature="majorana", ordering=ordering, lightest=lightest)
            lines.append("# Majorana V over alpha21, alpha31 in [0, 360) deg (global extremes)")
            rows = [[rt, _plain(lo, digits), _plain(hi, digits),
                     format_number(hi / lo, 4) if lo else "n/a (V underflows)"]
                    for rt, lo, hi in zip(out["r_m"], v_min, v_max, strict=True)]
            lines.append(format_table(rows, ["r/m", "V_min/eV", "V_max/eV", "max/min"]))
    if args.json:
        json_dps = 15 if digits is None else digits
        emit_json("potential", decimals(out, json_dps, keep=("samples", "seed", "rejected")),
                  dps=json_dps, precision="double" if digits is None else "multiple", model=central)
    else:
        print("\n".join(lines))
    return 0


def _density_text(value) -> str | None:
    """A density in kg/m^3 as a decimal string (None if unknown)."""
    return None if value is None else decimal_text(value if isinstance(value, str) else float(value), 15)


def _plain(v, digits):
    """A value for the table and JSON: ``digits`` significant digits (mpmath), or the float's repr."""
    return format_number(mpmath.mpf(v), digits) if digits is not None else repr(float(v))


def _seq(values) -> list:
    """A scalar or an array/list of values as a list."""
    ndim: int = getattr(values, "ndim", 0)
    return list(values) if isinstance(values, (list, tuple)) or ndim else [values]


def _relative(v, sp, sm) -> str:
    """+sigma_plus / -sigma_minus in per cent of |V| ("n/a" where V is 0: underflow)."""
    if not v:
        return "n/a (V underflows; give --dps N)"
    with mpmath.workdps(20):
        v, sp, sm = abs(mpmath.mpf(v)), mpmath.mpf(sp), mpmath.mpf(sm)
        return f"+{mpmath.nstr(100 * sp / v, 3)}% / -{mpmath.nstr(100 * sm / v, 3)}%"


def _phases_json(phases) -> object:
    """Phases of the extremes: a list per r for the phases that vary with r (alpha21, alpha31),
    one number for a fixed one (delta); numbers stay numbers here (made decimal strings later)."""
    if isinstance(phases, dict):
        return {k: _phases_json(v) for k, v in phases.items()}
    if hasattr(phases, "tolist"):
        return phases.tolist()
    if isinstance(phases, (list, tuple)):
        return [_phases_json(v) for v in phases]
    return phases
