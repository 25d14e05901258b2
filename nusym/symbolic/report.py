"""Text and LaTeX reports of the symbolic derivations (``nusym derive ...``).

Each ``derive_*_text(*, ...)`` returns what ``nusym derive <target>`` prints:
SymPy text by default, LaTeX with ``latex=True`` (``--latex``). They take plain
keyword arguments (``nature``, ``latex``); the command line maps its options onto
them (:mod:`nusym.cli.derive`). The functions only format what the symbolic
modules derive; no formula is written here by hand except the printed equations
of the paper that the derivation is compared with (``printed_eq*``).

>>> text = derive_charges_text(latex=False)
>>> "sin^2(theta_W) cancels: True" in text
True
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import sympy as sp

from nusym.inputs import check_nature

from . import absorptive as ab
from .charges import charge_matrix, coupling_sum, flavour_charges, printed_eq5
from .couplings import pmns, printed_eq4, vector_couplings
from .symbols import alpha21, alpha31, delta, s2w, theta12, theta13
from .symbols import latex as _latex

__all__ = [
    "majorana_phase_conditions",
    "majorana_printed_form_holds",
    "eq6_comparison",
    "eq7_identity",
    "derive_couplings_text",
    "derive_charges_text",
    "derive_absorptive_text",
    "derive_threshold_text",
]


@cache
def majorana_phase_conditions() -> tuple[sp.Expr, ...]:
    """Quantities that must vanish for the printed Majorana Eq. (6) to hold.

    The derived Majorana absorptive part differs from the printed one by
    ``PREFACTOR * Im Q_A^{ij} Im Q_B^{ij} * (kernel_vector - kernel_axial)``, and
    ``Im Q^{ij} = 2 Z Im(U_ei U*_ej)`` for i != j (Eq. 5). So the printed form holds
    for all sources iff ``Im(U_ei U*_ej) = 0`` for the three pairs i < j. Returned
    in the order (1,2), (1,3), (2,3), simplified.

    >>> c = majorana_phase_conditions()
    >>> [sorted(str(s) for s in e.free_symbols) for e in c][0]
    ['alpha21', 'theta12', 'theta13']
    """
    U = pmns()
    out = []
    for i, j in ((0, 1), (0, 2), (1, 2)):
        expr = sp.im(sp.expand_complex(U[0, i] * sp.conjugate(U[0, j])))
        out.append(sp.simplify(sp.trigsimp(expr)))
    return tuple(out)


def majorana_printed_form_holds(delta_rad: float, alpha21_rad: float, alpha31_rad: float) -> bool:
    """Whether the printed Majorana Eq. (6) holds at these phases (generic angles).

    >>> import math
    >>> majorana_printed_form_holds(0, 0, 0), majorana_printed_form_holds(math.radians(212), 0, 0)
    (True, False)
    """
    vals = {delta: delta_rad, alpha21: alpha21_rad, alpha31: alpha31_rad, theta12: 0.58, theta13: 0.15}
    return all(abs(float(c.subs(vals))) < 1e-12 for c in majorana_phase_conditions()) and math.isfinite(
        delta_rad
    )


@cache
def eq6_comparison(nature: str) -> dict[str, sp.Expr]:
    """Derived minus printed Eq. (6), per weight, divided by PREFACTOR.

    Returns ``{"dirac": 0}`` for Dirac; for Majorana ``{"axial": 0, "vector": d}``
    where the printed form has no vector term, so ``d`` is the whole vector kernel
    minus the axial kernel (the printed Eq. 6 multiplies Re(Q_A conj Q_B) =
    ReRe + ImIm by the axial kernel).
    """
    nature = check_nature(nature)
    printed = ab.printed_eq6(nature)
    out = {}
    for term in ab.absorptive_terms(nature):
        if term.weight == "vector":
            diff = term.kernel - ab.absorptive_terms(nature)[0].kernel
        else:
            diff = term.kernel - printed
        out[term.weight] = sp.factor(sp.simplify(diff))
    return out


def eq7_identity() -> sp.Expr:
    """sum_ij Q_A^ij conj(Q_B^ij) - sum_alpha Q_A^alpha Q_B^alpha for symbolic sources (Eq. 7).

    Zero for unitary U (the symbolic PMNS matrix).

    >>> eq7_identity()
    0
    """
    za, na, zb, nb = sp.symbols("Z_A N_A Z_B N_B", nonnegative=True)
    lhs = coupling_sum(charge_matrix(za, na), charge_matrix(zb, nb))
    fa, fb = flavour_charges(za, na), flavour_charges(zb, nb)
    rhs = sum(fa[f] * fb[f] for f in fa)
    return sp.simplify(sp.expand_trig(sp.expand(sp.expand_complex(lhs) - rhs)))


def _matrix_text(mat: sp.Matrix, use_latex: bool, name: str = "Q") -> str:
    if use_latex:
        return _latex(mat)
    return "\n".join(
        f"{name}[{i + 1},{j + 1}] = {mat[i, j]}" for i in range(mat.rows) for j in range(mat.cols)
    )


def derive_couplings_text(*, latex: bool = False) -> str:
    """``nusym derive couplings``: Eq. (4) from SM quantum numbers and the Fierzed CC term."""
    g = vector_couplings()
    printed = printed_eq4()
    lines = ["# Vector couplings g^psi_{V,ij} of Eq. (4), derived from T3, Q and the Fierzed CC term"]
    for f in ("e", "p", "n"):
        same = sp.simplify(g[f] - printed[f]) == sp.zeros(3, 3)
        lines.append(f"## psi = {f}  (equals printed Eq. 4: {same})")
        lines.append(_matrix_text(g[f], bool(latex), f"g^{f}"))
    return "\n".join(lines)


def derive_charges_text(*, latex: bool = False) -> str:
    """``nusym derive charges``: Eqs. (5) and (7)."""
    use_latex = bool(latex)
    q = charge_matrix()
    same = sp.simplify(q - printed_eq5()) == sp.zeros(3, 3)
    cancels = not any(e.has(s2w) for e in q)
    fl = flavour_charges()
    lines = [
        "# Coherent weak charges Q^{ij}_W(Z, N) of Eq. (5), derived from Eq. (4)",
        f"# sin^2(theta_W) cancels: {cancels}; equals printed Eq. (5): {same}",
        _matrix_text(q, use_latex),
        "# Flavour charges (Eq. 7): "
        + ", ".join(f"Q^{k} = {_latex(v) if use_latex else v}" for k, v in fl.items()),
        f"# sum_ij Q_A^ij conj(Q_B^ij) - sum_alpha Q_A^alpha Q_B^alpha = {eq7_identity()} (Eq. 7)",
    ]
    return "\n".join(lines)


def derive_absorptive_text(*, nature: str = "dirac", latex: bool = False, current: Any = None) -> str:
    """``nusym derive absorptive --nature N [--current C] [--latex]``: Eq. (6) derived, and the comparison.

    ``current`` (beyond V-A; anything :func:`nusym.symbolic.absorptive.absorptive_terms`
    accepts): the derived terms of that current, their threshold powers and the
    interference terms that vanish for static sources.
    """
    nature = check_nature(nature)
    use_latex = bool(latex)
    if current is not None and ab.structure_of(current)[0] is not None:
        return _derive_current_text(nature, use_latex, current)
    terms = ab.absorptive_terms(nature)
    lines = [f"# Im M_ij(t) for {nature} neutrinos, derived from Eqs. (2)-(3)"]
    if use_latex:
        lines.append(ab.im_M_latex(nature))
    else:
        lines.append("# Im M_ij = -G_F^2/(48 pi) * sum_k w_k * kernel_k(t)")
        for term in terms:
            lines.append(f"w = {term.weight_expr}   [{term.weight}]")
            lines.append(f"kernel = {ab.paper_form(term.kernel)}")
            lines.append(f"       = {term.kernel}")
    diffs = eq6_comparison(nature)
    if nature == "dirac":
        lines.append(f"# derived - printed Eq. (6): {diffs['dirac']}  -> identical to Eq. (6)")
    else:
        lines.append(f"# axial term - printed Eq. (6): {diffs['axial']}  -> the printed form is the axial term")
        lines.append(
            "# DIFFERS from Eq. (6) for complex mixing: an extra term Im Q_A^ij Im Q_B^ij with "
            "X_ij = mbar^2 - 3 m_i m_j (S-wave)"
        )
        lines.append(f"# vector kernel - axial kernel = {diffs['vector']}")
        conds = majorana_phase_conditions()
        lines.append("# printed Eq. (6) holds iff these vanish (Im U_ei U*_ej, i<j):")
        for (i, j), c in zip(((1, 2), (1, 3), (2, 3)), conds, strict=True):
            lines.append(f"#   ({i},{j}): {_latex(c) if use_latex else c}")
    return "\n".join(lines)


def derive_threshold_text(*, nature: str = "dirac", latex: bool = False, current: Any = None) -> str:
    """``nusym derive threshold``: leading power of k near threshold (Eq. 6, remark v).

    ``current``: as in :func:`nusym.symbolic.absorptive.absorptive_terms` (None: V-A).
    """
    nature = check_nature(nature)
    lines = [f"# threshold behaviour, t = t_ij (1 + k^2/(m_i m_j)), {nature} neutrinos"]
    for term in ab.absorptive_terms(nature, current):
        lead = ab.threshold_leading_term(term.kernel)
        p = ab.threshold_power(term.kernel)
        wave = {1: "S-wave", 3: "P-wave"}.get(int(p), f"k^{p}")
        name = term.weight if current is None else term.label
        lines.append(f"{name}: kernel ~ {_latex(lead) if latex else lead}   ({wave})")
    return "\n".join(lines)


def _derive_current_text(nature: str, use_latex: bool, current: Any) -> str:
    """The derived Im M_ij of a current beyond V-A (text or LaTeX)."""
    structure, _ = ab.structure_of(current)
    kind = "gamma^mu (c_V - c_A gamma5), weak charges Q^ij" if structure == "VA" else \
        "c_S + i c_P gamma5, scalar charges Q_S^ij = [Z (g_e + g_p) + N g_n] sum_a U_ai conj(U_aj)"
    lines = [f"# Im M_ij(t) for {nature} neutrinos, current {kind}, derived from the traces (Eqs. 2-3)"]
    if isinstance(current, (dict, tuple)):  # numbers given: say which
        lines.append("# with " + ", ".join(f"c_{k} = {v}" for k, v in dict(current).items()))
    if use_latex:
        lines.append(ab.im_M_latex(nature, current))
    else:
        lines.append("# Im M_ij = -G_F^2/(48 pi) * sum_k c_k * w_k * kernel_k(t)")
        for term in ab.absorptive_terms(nature, current):
            p = ab.threshold_power(term.kernel)
            wave = {1: "S-wave", 3: "P-wave"}.get(int(p), f"k^{p}")
            lines.append(f"c = {term.coefficient}   w = {term.weight_expr}   [{term.label}, {wave}]")
            lines.append(f"kernel = {ab.paper_form(term.kernel)}")
            lines.append(f"       = {term.kernel}")
    gone = ", ".join(f"{a} x {b}" for a, b in ab.INTERFERENCE_PAIRS)
    left = ab.surviving_interference(nature)
    lines.append(f"# interference for static coherent sources ({gone}): "
                 + ("none survives" if not left else "SURVIVING: " + ", ".join(map(str, left))))
    return "\n".join(lines)
