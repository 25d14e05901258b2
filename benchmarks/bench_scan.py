"""Scans at scale: the batched double-precision scan (nusym.scans) against one potential() call per mass.

Run through ``python benchmarks/run.py [--quick]`` (or this file alone). Fe-56 -
Fe-56, Dirac, normal ordering, segarra2020; 200 lightest masses (1e-4 - 0.3 eV,
log spaced) x 1000 distances (1 um - 1 mm, log spaced):

  * nusym: ``nusym.scans(grid)`` (serial, no dask, no file): one node set of the
    shared rule for all masses, the coefficients of every configuration in one
    NumPy pass, one matrix product;
  * baseline: 200 calls of ``potential(r, "Fe-56", "Fe-56", lightest=m, dps=None)``
    (each builds its own rule, coefficients and interpolation table).

Each repeat uses masses never used before in the process (the caches of both
routes start cold for the configurations; imports are warm). Timings are the
MEDIAN over repeats of wall and CPU time (``time.process_time``); the ratio is
scan / loop (target <= 0.1, i.e. >= 10x; reported, never a failure).

Accuracy (fails the run, also with --quick): the scan against the loop wherever
V is a normal double (relative 1e-12), and at a few points against the verified
mpmath route (``dps=20``, relative 1e-12).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))   # the nusym of this tree

from _common import Check, Ratio, Results, Row, measure

SOURCE = "Fe-56"
MASSES = 200
POINTS = 1000
TOL = 1e-12
TARGET = 0.1        # scan time / loop time


def main(quick: bool = False) -> Results:
    import mpmath
    import numpy as np

    from nusym.numeric.potential import potential
    from nusym.scans import scan

    res = Results()
    repeat = 1 if quick else 5
    r = np.geomspace(1e-6, 1e-3, POINTS)
    base = np.geomspace(1e-4, 0.3, MASSES)
    counter = iter(range(1, 10**6))

    def fresh() -> list[float]:
        # a relative shift of k 1e-10: new configurations, the same physics
        return [float(m) for m in base * (1 + 1e-10 * next(counter))]

    def run_scan(masses: list[float]):
        grid = {"pairs": [[SOURCE, SOURCE]], "lightest": masses, "r": r.tolist()}
        return masses, scan(grid).V_eV.values[0]

    def run_loop(masses: list[float]):
        return masses, np.array([potential(r, SOURCE, SOURCE, lightest=m, dps=None) for m in masses])

    run_scan(fresh()[:2])      # imports (xarray) and the first rule, outside the timings
    run_loop(fresh()[:2])
    t_scan, out_scan = measure(run_scan, repeat, fresh)
    t_loop, out_loop = measure(run_loop, repeat, fresh)
    res.rows.append(Row(f"scan {MASSES} masses x {POINTS} r", MASSES * POINTS, t_scan.wall, t_scan.cpu,
                        repeat, f"{MASSES} x potential(dps=None)", t_loop.wall, t_loop.cpu,
                        note="nusym.scans serial (no dask); baseline one potential() per mass"))
    res.ratios.append(Ratio("scan / loop of potential(dps=None) (wall)", t_scan.wall / t_loop.wall, TARGET,
                            "x", f"speed-up {t_loop.wall / t_scan.wall:.1f}x wall, "
                            f"{t_loop.cpu / max(t_scan.cpu, 1e-12):.1f}x CPU"))
    print(f"scan {t_scan.wall:.3f} s wall / {t_scan.cpu:.3f} s CPU; loop {t_loop.wall:.3f} s wall / "
          f"{t_loop.cpu:.3f} s CPU: speed-up {t_loop.wall / t_scan.wall:.1f}x (wall)")

    # accuracy: the same masses through both routes
    masses = fresh()
    _, got = run_scan(masses)
    _, ref = run_loop(masses)
    ok = np.abs(ref) > 1e-300
    worst = float(np.max(np.abs(got[ok] / ref[ok] - 1)))
    res.checks.append(Check("scan vs potential(dps=None)", worst, TOL,
                            f"{int(ok.sum())} normal values; {int((~ok).sum())} below 1e-300 skipped"))
    tiny = float(np.max(np.abs(got[ref == 0]), initial=0.0))
    res.checks.append(Check("scan is ~0 where potential(dps=None) underflows", 0.0 if tiny < 1e-300 else 1.0,
                            0.0, f"largest |V| there: {tiny:.3g} eV"))
    worst_mp = 0.0
    for i, j in ((0, 0), (MASSES // 2, POINTS // 3), (MASSES - 1, 10)):
        exact = potential(float(r[j]), SOURCE, SOURCE, lightest=masses[i], dps=20)
        worst_mp = max(worst_mp, float(abs(mpmath.mpf(float(got[i, j])) / exact - 1)))
    res.checks.append(Check("scan vs verified mpmath (dps=20)", worst_mp, TOL, "3 points"))
    for _, values in out_scan + out_loop:
        assert np.all(np.isfinite(values))
    return res


if __name__ == "__main__":
    from _common import report

    quick = "--quick" in sys.argv
    raise SystemExit(report(main(quick), quick))
