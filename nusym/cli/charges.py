"""``nusym charges SOURCE``: coherent weak-charge matrix Q^{ij}_W (Eq. 5) and flavour charges (Eq. 7)."""

from __future__ import annotations

import argparse

from nusym.cli.common import add_json_argument, add_preset_argument, format_table, write_json


def register(subparsers: "argparse._SubParsersAction") -> None:
    p = subparsers.add_parser(
        "charges",
        help="coherent weak charges Q^ij_W of an isotope (Eq. 5) and its flavour charges (Eq. 7)",
        description="Print the Hermitian 3x3 matrix Q^{ij}_W(Z, N) = 2 Z U_ei U*_ej - N delta_ij "
        "(row i = mass state i) derived from the couplings of Eq. (4), and the flavour charges "
        "Q^e = 2Z - N, Q^mu = Q^tau = -N, per atom.",
    )
    p.add_argument("source", help="isotope: Fe-56, 56Fe, Fe56 or Z=26,N=30")
    p.add_argument("--ordering", default="normal",
                   help="mass ordering whose mixing angles to use (presets may differ); default normal")
    add_preset_argument(p)
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import mpmath

    from nusym.presets import load_parameters, normalise_ordering
    from nusym.sources import parse_source
    from nusym.symbolic.charges import charge_matrix_numeric, flavour_charges

    src = parse_source(args.source)
    ordering = normalise_ordering(args.ordering)
    params = load_parameters(args.preset, ordering)
    q = charge_matrix_numeric(src.Z * src.atoms, src.N * src.atoms, params, dps=17)
    flav = {k: int(v) for k, v in flavour_charges(int(src.Z), int(src.N)).items()}
    if args.json:
        write_json({
            "source": args.source,
            "Z": int(src.Z),
            "N": int(src.N),
            "preset": params.name,
            "ordering": ordering,
            "flavour": flav,
            "Q_real": [[float(mpmath.re(z)) for z in row] for row in q],
            "Q_imag": [[float(mpmath.im(z)) for z in row] for row in q],
        })
        return 0
    print(f"# {src.label}: Z = {src.Z}, N = {src.N}; preset {params.name}, {ordering} ordering")
    print("# Q^ij_W (row i = mass state i), Eq. (5)")
    rows = [[f"{i + 1}"] + [mpmath.nstr(z, 10) for z in row] for i, row in enumerate(q)]
    print(format_table(rows, ["i", "j=1", "j=2", "j=3"]))
    print("# flavour charges (Eq. 7): " + ", ".join(f"Q^{k} = {v}" for k, v in flav.items()))
    return 0
