"""Where are the asymptotic forms accurate?  Fe-56 atoms, normal ordering.

For the lightest mass m_min in (0, 0.01, 0.05, 0.1) eV and both natures, this
script compares the full potential V(r) (Eq. 1) with

* the long-distance series of order N = 1 and 3 (Eq. 9 and higher orders; a
  massless partner and a massless pair get their own forms),
* Eq. (8), V = G_F^2/(16 pi^3 r^5) sum Q_A Q_B (the order-0 short-distance form),

on a logarithmic grid of r (8 points per decade, 0.1 nm to 10 cm).  It reports
the smallest grid r beyond which (for the series) or the largest grid r below
which (for Eq. 8) the relative error stays below 1e-3 and 1e-6.

Nothing is re-implemented here: every value comes from the package's own routes,

* full V: :func:`nusym.numeric.fast.potential_fast` (double precision, agrees
  with the verified integral to ~1e-12 relative, ``tests/test_fast.py``); at the
  grid points where it underflows (0, subnormal or not finite: exp(-(m_i+m_j) r)
  below ~1e-308 in every channel, large r with all masses > 0) the verified
  integral ``nusym.potential(..., method="integral", dps=12)`` instead;
* series of order N: ``nusym.potential(..., method="asymptotic", order=N, dps=15)``;
* Eq. (8): ``nusym.potential(..., method="massless", dps=15)``;

and the acceptance-check lines at the bottom use the verified integral at dps 30.

Run:  python derivations/accuracy_table.py [OUTDIR]   (writes accuracy_table.csv and .md)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import mpmath
import numpy as np

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

from nusym.numeric.fast import potential_fast  # noqa: E402
from nusym.numeric.potential import potential  # noqa: E402

DPS = 25
M_MIN = ("0", "0.01", "0.05", "0.1")
NATURES = ("dirac", "majorana")
ORDERS = (1, 3)
TOLS = (1e-3, 1e-6)
SOURCE = "Fe-56"
ORDERING = "normal"
#: r grid in metres: 10^(k/8), k = -80 .. -8  (0.1 nm .. 10 cm)
with mpmath.workdps(15):  # fixed precision: the grid does not depend on the caller's mp.dps
    R_GRID_M = [mpmath.mpf(10) ** (mpmath.mpf(k) / 8) for k in range(-80, -7)]


def channels(nature: str, ordering: str, m_min: str) -> list[tuple[Any, Any, Any, Any]]:
    """[(m_i, m_j, kernel, weight)] over the nine ordered pairs, Fe-56 on both sides.

    The weights the package's routes sum (``nusym.numeric.config.configure``), for
    inspection: ``tests/paper/test_eq7.py`` checks that they reproduce Eq. (7).
    """
    from nusym.model import Model
    from nusym.numeric.config import configure
    from nusym.symbolic.absorptive import absorptive_terms

    model = Model.from_preset("segarra2020", ordering=ordering, lightest=m_min, nature=nature)
    setup = configure(model, SOURCE, SOURCE, DPS)
    terms = absorptive_terms(setup.nature)
    return [(setup.masses[i], setup.masses[j], terms[k].kernel, w)
            for (i, j), ws in setup.weights.items() for k, w in enumerate(ws) if w != 0]


def full_potential(nature: str, m_min: str) -> list[Any]:
    """Full V (eV) on R_GRID_M: the double-precision route, the verified integral where it underflows."""
    values = potential_fast(np.array([float(x) for x in R_GRID_M]), SOURCE, SOURCE, nature=nature,
                            ordering=ORDERING, lightest=m_min)
    out: list[Any] = [mpmath.mpf(float(v)) for v in values]
    tiny = np.finfo(float).tiny  # below it the result is 0 or subnormal (digits lost)
    bad = [k for k, v in enumerate(values) if not (np.isfinite(v) and abs(v) >= tiny)]
    if bad:
        exact = potential([R_GRID_M[k] for k in bad], SOURCE, SOURCE, nature=nature,
                          ordering=ORDERING, lightest=m_min, method="integral", dps=12)
        for k, v in zip(bad, exact, strict=True):
            out[k] = v
    return out


def relative_errors(nature: str, m_min: str) -> dict[str, list[Any]]:
    """{method: [|V_method/V_full - 1| on R_GRID_M]}."""
    v_full = full_potential(nature, m_min)
    common = dict(nature=nature, ordering=ORDERING, lightest=m_min)
    approx = {f"order-{n}": potential(R_GRID_M, SOURCE, SOURCE, method="asymptotic", order=n,
                                      dps=15, **common) for n in ORDERS}
    approx["eq8"] = potential(R_GRID_M, SOURCE, SOURCE, method="massless", dps=15, **common)
    with mpmath.workdps(DPS):
        return {k: [abs(mpmath.mpf(a) / f - 1) for a, f in zip(vals, v_full, strict=True)]
                for k, vals in approx.items()}


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
    """Order-3 series against the verified full integral (dps 30), Fe-Fe, m_min = 0.1 eV, NO, r = 20 um."""
    out = {}
    r_m = mpmath.mpf("20e-6")
    for nature in NATURES:
        common = dict(nature=nature, ordering=ORDERING, lightest="0.1", dps=30)
        v_full = potential(r_m, SOURCE, SOURCE, method="integral", **common)
        v_ser = potential(r_m, SOURCE, SOURCE, method="asymptotic", order=3, **common)
        with mpmath.workdps(30):
            out[nature] = (v_full, abs(v_ser / v_full - 1))
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
