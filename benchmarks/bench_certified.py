"""Certified enclosures (Arb): time per point for 30 certified digits, and their accuracy.

For a few configurations (massless lightest, lightest 1e-9 eV, inverted 0.1 eV
Majorana with phases, 1 eV Majorana) and r = 1 nm, 1 um, 1 mm, 1 m, times
``nusym.numeric.certified.potential_intervals(..., dps=30)`` per point (medians
over repeats of wall and CPU time; target <= 0.3 s per point, reported
PASS/FAIL, never a failure of the run). Accuracy checks (a failure makes the run
fail): every interval has relative width <= 1e-30 and contains
``nusym.potential``'s 35-digit value (up to that value's own 10^-35).

    python benchmarks/bench_certified.py [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))   # the nusym of this tree

import mpmath
from _common import Check, Ratio, Results, fmt_time, measure

DPS = 30
TARGET_S = 0.3
R_M = ["1e-9", "1e-6", "1e-3", "1"]
CONFIGS = [
    ("NO m1=0 dirac Fe-56/Fe-56", dict(), "Fe-56", "Fe-56"),
    ("NO m1=1e-9 eV dirac Fe-56/W", dict(lightest="1e-9"), "Fe-56", "W"),
    ("IO m3=0.1 eV majorana phases Cu/SiO2", dict(ordering="inverted", lightest="0.1", nature="majorana",
                                                  delta=90, alpha21=30, alpha31=200), "Cu", "SiO2"),
    ("NO m1=1 eV majorana W/W", dict(lightest="1", nature="majorana"), "W", "W"),
]


def _outside(iv, v) -> float:
    """Relative distance of v from the interval (0 inside)."""
    with mpmath.workdps(60):
        if iv.lower <= v <= iv.upper:
            return 0.0
        gap = iv.lower - v if v < iv.lower else v - iv.upper
        return float(gap / abs(v)) if v else float("inf")


def main(quick: bool = False) -> Results:
    import nusym
    from nusym.model import Model
    from nusym.numeric.certified import potential_intervals

    res = Results()
    repeat = 1 if quick else 5
    configs = CONFIGS[:2] if quick else CONFIGS
    print(f"certified enclosures, {DPS} digits, r = {', '.join(R_M)} m")
    potential_intervals(Model.from_preset(), "Fe-56", "Fe-56", ["1e-6"], dps=DPS)   # warm-up (imports)
    for name, kw, a, b in configs:
        model = Model.from_preset(**kw)
        timing, results = measure(lambda _, m=model, a=a, b=b: potential_intervals(m, a, b, R_M, dps=DPS),
                                  repeat)
        per_wall, per_cpu = timing.wall / len(R_M), timing.cpu / len(R_M)
        res.ratios.append(Ratio(f"certified {name}: wall per point", per_wall, TARGET_S, "s",
                                f"CPU {fmt_time(per_cpu)} per point, {repeat} repeat(s)"))
        print(f"  {name}: {fmt_time(per_wall)} wall, {fmt_time(per_cpu)} CPU per point", flush=True)
        for r, iv in zip(R_M, results[-1], strict=True):
            width = float(iv.rel_width)
            res.checks.append(Check(f"certified width {name}, r = {r} m", width, 10.0 ** -DPS,
                                    "relative width of the interval"))
            v = nusym.potential(float(r), a, b, model=model, dps=DPS + 5)
            res.checks.append(Check(f"certified contains potential(dps={DPS + 5}) {name}, r = {r} m",
                                    _outside(iv, v), 10.0 ** -(DPS + 5),
                                    f"interval {iv.as_strings(8)}"))
    return res


if __name__ == "__main__":
    from _common import report

    quick = "--quick" in sys.argv
    raise SystemExit(report(main(quick), quick))
