"""Where are the asymptotic forms accurate?  Fe-56 atoms, normal ordering.

For the lightest mass m_min in (0, 0.01, 0.05, 0.1) eV and both natures, this
script computes the full potential V(r) (Eq. 1, per channel by an mpmath
quadrature of the transform T, see ``docs/dev/CONTRACTS.md``) and compares it
with

* the long-distance series of order N = 1 and 3 (:mod:`nusym.symbolic.asymptotic`,
  Eq. 9 and higher orders; a massless partner and a massless pair get their own
  forms),
* Eq. (8), V = G_F^2/(16 pi^3 r^5) sum Q_A Q_B (the order-0 short-distance form),

on a logarithmic grid of r (8 points per decade, 0.1 nm to 10 cm).  It reports
the smallest grid r beyond which (for the series) or the largest grid r below
which (for Eq. 8) the relative error stays below 1e-3 and 1e-6.  Nothing is
typed in: masses from :func:`nusym.masses.mass_spectrum`, charges from
:func:`nusym.symbolic.charges.charge_matrix_numeric`, hbar c and G_F from
:mod:`nusym.constants`.

Run:  python derivations/accuracy_table.py [OUTDIR]   (writes accuracy_table.csv and .md)
"""

from __future__ import annotations

import csv
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import mpmath
import sympy as sp

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

from nusym.constants import constant  # noqa: E402
from nusym.masses import mass_spectrum  # noqa: E402
from nusym.presets import load_parameters  # noqa: E402
from nusym.symbolic.absorptive import WEIGHTS, absorptive_terms, kernel_in_x  # noqa: E402
from nusym.symbolic.asymptotic import long_distance_series, short_distance_transform  # noqa: E402
from nusym.symbolic.charges import charge_matrix_numeric  # noqa: E402
from nusym.symbolic.symbols import QA_im, QA_re, QB_im, QB_re, m_i, m_j, r, x  # noqa: E402

DPS = 25
M_MIN = ("0", "0.01", "0.05", "0.1")
NATURES = ("dirac", "majorana")
ORDERS = (1, 3)
TOLS = (1e-3, 1e-6)
Z_FE, N_FE = 26, 30
#: r grid in metres: 10^(k/8), k = -80 .. -8  (0.1 nm .. 10 cm)
R_GRID_M = [mpmath.mpf(10) ** (mpmath.mpf(k) / 8) for k in range(-80, -7)]


def channels(nature: str, ordering: str, m_min: str) -> list[tuple[Any, Any, sp.Expr, Any]]:
    """[(m_i, m_j, kernel, weight)] over the nine ordered pairs, Fe-56 on both sides."""
    params = load_parameters("segarra2020", ordering)
    q = charge_matrix_numeric(Z_FE, N_FE, params, dps=DPS)
    masses = mass_spectrum(ordering, m_min, dps=DPS)
    out = []
    for i in range(3):
        for j in range(3):
            qa = qb = q[i][j]
            vals = {QA_re: mpmath.re(qa), QA_im: mpmath.im(qa), QB_re: mpmath.re(qb), QB_im: mpmath.im(qb)}
            for term in absorptive_terms(nature):
                w = sp.lambdify(list(vals), WEIGHTS[term.weight], "mpmath")(*vals.values())
                if w != 0:
                    out.append((masses[i], masses[j], term.kernel, w))
    return out


@lru_cache(maxsize=None)
def _g_function(kernel: sp.Expr) -> Any:
    return sp.lambdify((x, m_i, m_j), kernel_in_x(kernel), "mpmath")


def full_transform(kernel: sp.Expr, mi: Any, mj: Any, R: Any) -> Any:
    """T(r) = exp(-s r) int_0^oo exp(-x r) g(x) dx by mpmath.quad (both massless: exact 12/r^4)."""
    if mi == 0 and mj == 0:
        return 12 / R**4
    g = _g_function(kernel)
    s = mi + mj
    pts = [0, min(s, 1 / R) / 4, min(s, 1 / R)] + [k / R for k in (2, 8, 32, 128)]
    pts = sorted(set(pts)) + [mpmath.inf]
    val = mpmath.quad(lambda xx: mpmath.exp(-xx * R) * mpmath.re(g(xx, mi, mj)), pts)
    return mpmath.exp(-s * R) * val


@lru_cache(maxsize=None)
def _series_function(kernel: sp.Expr, order: int, kind: str) -> Any:
    mi_, mj_ = {"generic": (m_i, m_j), "partner_j0": (m_i, 0), "partner_i0": (0, m_j), "zero": (0, 0)}[kind]
    expr = long_distance_series(kernel, order, mi_, mj_).expr()
    return sp.lambdify((r, m_i, m_j), expr, "mpmath")


def series_transform(kernel: sp.Expr, mi: Any, mj: Any, R: Any, order: int) -> Any:
    """Long-distance series of T of the given order (the right form for massless masses)."""
    kind = "zero" if mi == 0 and mj == 0 else "partner_j0" if mj == 0 else "partner_i0" if mi == 0 else "generic"
    return _series_function(kernel, order, kind)(R, mi, mj)


@lru_cache(maxsize=None)
def _eq8_function(kernel: sp.Expr) -> Any:
    return sp.lambdify((r,), short_distance_transform(kernel, 0), "mpmath")


def potential(chans: list, R: Any, method: str) -> Any:
    """V(r) in eV (r in eV^-1): G_F^2/(192 pi^3 r) sum w T (Eq. 1) with T from ``method``."""
    total = mpmath.mpf(0)
    for mi, mj, kernel, w in chans:
        if method == "full":
            T = full_transform(kernel, mi, mj, R)
        elif method == "eq8":
            T = _eq8_function(kernel)(R)
        else:
            T = series_transform(kernel, mi, mj, R, int(method.split("-")[1]))
        total += w * T
    gf = constant("G_F_eV", dps=DPS)
    return gf**2 / (192 * mpmath.pi**3 * R) * total


def relative_errors(nature: str, m_min: str, ordering: str = "normal") -> dict[str, list[Any]]:
    """{method: [|V_method/V_full - 1| on R_GRID_M]}."""
    chans = channels(nature, ordering, m_min)
    hbar_c = constant("hbar_c", dps=DPS)
    methods = [f"order-{n}" for n in ORDERS] + ["eq8"]
    out: dict[str, list[Any]] = {k: [] for k in methods}
    for r_m in R_GRID_M:
        R = r_m / hbar_c
        v_full = potential(chans, R, "full")
        for k in methods:
            out[k].append(abs(potential(chans, R, k) / v_full - 1))
    return out


def _threshold(errs: list[Any], tol: float, side: str) -> Any:
    """Smallest grid r with err < tol from there on (side 'above'), or largest r below which err < tol."""
    n = len(errs)
    if side == "above":
        k = n
        while k > 0 and errs[k - 1] < tol:
            k -= 1
        return None if k == n else R_GRID_M[k]
    k = 0
    while k < n and errs[k] < tol:
        k += 1
    return None if k == 0 else R_GRID_M[k - 1]


def _fmt_len(x: Any) -> str:
    if x is None:
        return "none in grid"
    um = x * 10**6
    return mpmath.nstr(um, 3) + " um"


def compute_table() -> list[dict[str, str]]:
    rows = []
    with mpmath.workdps(DPS):
        for nature in NATURES:
            for m_min in M_MIN:
                errs = relative_errors(nature, m_min)
                for method, errs_k in errs.items():
                    side = "below" if method == "eq8" else "above"
                    row = {"nature": nature, "m_min_eV": m_min, "method": method,
                           "region": "r <= " if side == "below" else "r >= "}
                    for tol in TOLS:
                        row[f"tol_{tol:g}"] = _fmt_len(_threshold(errs_k, tol, side))
                    rows.append(row)
    return rows


def acceptance_check() -> dict[str, Any]:
    """Order-3 series against the full potential, Fe-Fe, m_min = 0.1 eV, NO, r = 20 um."""
    out = {}
    with mpmath.workdps(DPS):
        R = mpmath.mpf("20e-6") / constant("hbar_c", dps=DPS)
        for nature in NATURES:
            chans = channels(nature, "normal", "0.1")
            v_full = potential(chans, R, "full")
            out[nature] = (v_full, abs(potential(chans, R, "order-3") / v_full - 1))
    return out


def main(outdir: Any = HERE) -> list[dict[str, str]]:
    """Compute the table and write ``accuracy_table.csv`` and ``accuracy_table.md`` to ``outdir``."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rows = compute_table()
    keys = list(rows[0])
    with open(outdir / "accuracy_table.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=keys)
        writer.writeheader()
        writer.writerows(rows)
    names = {"order-1": "series, N = 1", "order-3": "series, N = 3", "eq8": "Eq. (8)"}
    lines = [
        "Relative accuracy of the asymptotic forms of V(r), Fe-56 atoms, normal ordering, "
        "segarra2020 preset (computed by derivations/accuracy_table.py; grid of 8 points per decade).",
        "",
        "| nature | m_min (eV) | form | rel. error < 1e-3 for | rel. error < 1e-6 for |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(f"| {row['nature']} | {row['m_min_eV']} | {names[row['method']]} | "
                     f"{row['region']}{row['tol_0.001']} | {row['region']}{row['tol_1e-06']} |")
    acc = acceptance_check()
    lines.append("")
    lines.append("Acceptance check (order-3 series vs full integral, Fe-Fe, m_min = 0.1 eV, NO, r = 20 um):")
    lines.append("")
    for nature, (v, err) in acc.items():
        lines.append(f"* {nature}: V = {mpmath.nstr(v, 10)} eV per atom pair, relative error {mpmath.nstr(err, 3)}")
    (outdir / "accuracy_table.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)
