"""``nusym charges SOURCE``: coherent weak-charge matrix Q^{ij}_W (Eq. 5) and flavour charges (Eq. 7).

SOURCE is an isotope (``Fe-56``) or a material (``W``, ``SiO2``, ``CuBe2``,
``"mass:Cu=0.98,Be=0.02"``, see :mod:`nusym.materials`); ``--per atom|kg|u``
chooses the unit (a material's mean atom, a kilogram, a unit of atomic mass).
"""

from __future__ import annotations

import argparse

import mpmath

from nusym.cli.common import (
    add_dps_option,
    add_json_argument,
    add_model_arguments,
    decimal_text,
    digits_from_args,
    emit_json,
    format_table,
    model_from_args,
)
from nusym.inputs import DPS_MAX, check_choice
from nusym.materials import PER_UNITS, charges_per, material

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``charges`` subcommand."""
    p = subparsers.add_parser(
        "charges",
        help="coherent weak charges Q^ij_W of an isotope or a material (Eq. 5) and its flavour "
        "charges (Eq. 7), per atom, per kg or per u",
        description="Print the Hermitian 3x3 matrix Q^{ij}_W(Z, N) = 2 Z U_ei U*_ej - N delta_ij "
        "(row i = mass state i) derived from the couplings of Eq. (4), its neutral-current part "
        "(-N delta_ij) and charged-current part (2Z U_ei U*_ej), and the flavour charges "
        "Q^e = 2Z - N, Q^mu = Q^tau = -N, per atom (a material's mean atom), per kg or per u; "
        "with Z/A, N/A and the mean atomic mass. Materials use natural isotopic compositions "
        "(CIAAW 2021) and AME2020 masses.",
    )
    p.add_argument("source", help="isotope (Fe-56, 56Fe, Fe56, Z=26,N=30) or material: element (W), "
                   "formula (SiO2, CuBe2, Ca(OH)2; symbols case-sensitive) or mass fractions "
                   "('mass:Cu=0.98,Be=0.02')")
    p.add_argument("--per", default="atom", metavar="UNIT",
                   help="charges per atom (default; the mean atom of a material), per kg or per u")
    # the charges depend on the mixing only: no --nature, no --lightest
    add_model_arguments(p, nature=False, lightest=False)
    # --digits: the old name of --dps, still accepted (hidden from --help, no warning)
    add_dps_option(p, default=10, aliases=("--digits",))
    add_json_argument(p)
    p.set_defaults(handler=run)


def _number(x, digits: int):
    """int if x is integral (isotopes: exact charges), else a string with ``digits`` digits."""
    if x == int(x) and abs(x) < 10**15:
        return int(x)
    return mpmath.nstr(x, digits)


def _entry(z, digits: int) -> str:
    """A matrix entry: real part only when the imaginary part is 0 (no CP phases)."""
    return mpmath.nstr(z.real if z.imag == 0 else z, digits)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym charges``."""
    digits = digits_from_args(args)
    per = check_choice(args.per, "--per unit", PER_UNITS)
    model = model_from_args(args)
    mat = material(args.source)
    c = charges_per(mat, per, model=model, dps=min(digits + 5, DPS_MAX))
    unit = {"atom": "per atom", "kg": "per kg", "u": "per u (atomic mass unit)"}[c.per]
    flav = {k: _number(v, digits) for k, v in c.flavour.items()}
    zn = {k: _number(getattr(c, k), digits) for k in ("Z_per_atom", "N_per_atom", "A_per_atom")}
    if args.json:
        def dec(x) -> str:
            return decimal_text(x, digits)

        emit_json("charges", {
            "source": args.source,
            "label": c.label,
            "per": c.per,
            "Z": dec(c.Z_per_atom),
            "N": dec(c.N_per_atom),
            "A": dec(c.A_per_atom),
            "mass_u": dec(c.mass_u_per_atom),
            "Z_over_A": dec(c.Z_over_A),
            "N_over_A": dec(c.N_over_A),
            "atoms_per_kg": dec(c.atoms_per_kg),
            "density_kg_m3": None if mat.density_kg_m3 is None else str(mat.density_kg_m3),
            "preset": c.preset,
            "ordering": c.ordering,
            "Z_per_unit": dec(c.Z),
            "N_per_unit": dec(c.N),
            "flavour": {k: dec(v) for k, v in c.flavour.items()},
            "Q_real": [[dec(mpmath.re(z)) for z in row] for row in c.Q],
            "Q_imag": [[dec(mpmath.im(z)) for z in row] for row in c.Q],
            "components": [{"isotope": comp.label, "atoms": str(comp.atoms), "mass_u": str(comp.mass_u)}
                           for comp in mat.components],
        }, dps=digits, precision="multiple", model=model)
        return 0
    single = len(mat.components) == 1
    what = "isotope" if single else f"mean atom of {len(mat.components)} isotopes"
    print(f"# {c.label}: Z = {zn['Z_per_atom']}, N = {zn['N_per_atom']} ({what}); "
          f"preset {c.preset}, {c.ordering} ordering")
    print(f"# model (its mixing matrix enters Eq. 5): {model.summary()}")
    print(f"# mean atomic mass {mpmath.nstr(c.mass_u_per_atom, digits)} u, "
          f"Z/A = {mpmath.nstr(c.Z_over_A, digits)}, N/A = {mpmath.nstr(c.N_over_A, digits)}, "
          f"{mpmath.nstr(c.atoms_per_kg, digits)} atoms/kg"
          + (f", density {mat.density_kg_m3} kg/m^3" if mat.density_kg_m3 else ""))
    print(f"# Q^ij_W {unit} (row i = mass state i), Eq. (5)")
    rows = [[f"{i + 1}"] + [_entry(z, digits) for z in row] for i, row in enumerate(c.Q)]
    print(format_table(rows, ["i"] + [f"j={j + 1}" for j in range(len(c.Q))]))
    print(f"# {unit}: Z = {_number(c.Z, digits)}, N = {_number(c.N, digits)}; neutral-current part "
          f"-N delta_ij = {_number(c.Q_nc, digits)} delta_ij, charged-current part "
          f"2Z U_ei U*_ej = {_number(c.Q_cc_e, digits)} U_ei U*_ej")
    print(f"# flavour charges (Eq. 7) {unit}: " + ", ".join(f"Q^{k} = {v}" for k, v in flav.items()))
    return 0
