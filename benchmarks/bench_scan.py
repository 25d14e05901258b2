"""Scans at scale: the batched double-precision scan (nusym.scans) against one potential() call per configuration.

Run through ``python benchmarks/run.py [--quick]`` (or this file alone). The
target row (issue 15): Fe-56 - Fe-56, Dirac, normal ordering, segarra2020; 200
lightest masses (1e-4 - 0.3 eV, log spaced) x 1000 distances (1 um - 1 mm, log
spaced):

  * nusym: ``nusym.scans.scan(grid)`` (serial, no dask, no file; the whole call:
    grid validation, one node set of the shared rule for all masses, the
    coefficients of every configuration in one NumPy pass, matrix products by
    blocks of r, the xarray Dataset);
  * baseline, written as a physicist would (``baseline.potential_loop``): a loop
    of ``potential(r, "Fe-56", "Fe-56", lightest=m, dps=None)`` over the masses,
    the same work at the same precision (each call builds its own rule,
    coefficients and sum).

Also timed: 1 configuration x 1 r, 10 x 100 (the fixed costs of a scan), and,
without ``--quick``, 10^4 configurations x 10^3 r (2 pairs x 2 natures x 2
orderings x 1250 lightest masses; the baseline loop is timed on every 100th
configuration and scaled by 100: each call costs the same whatever the others).

Each repeat uses masses never used before in the process (the caches of both
routes start cold for the configurations; imports are warm; the scan keeps its
blocks of exp(-x_n r) between calls, as they depend only on the rule and r). Timings are the
MEDIAN over repeats of wall and CPU time (``time.process_time``); the ratio is
scan / loop (target <= 0.1, i.e. >= 10x; reported, never a failure).

Accuracy (fails the run, also with --quick): the scan against the loop wherever
V is a normal double (relative 1e-12), ~0 where the loop underflows, and at five
(mass, r) points against the verified mpmath route (``dps=30``, relative 1e-12).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))   # the nusym of this tree

from _common import Check, Ratio, Results, Row, measure
from baseline import potential_loop

SOURCE = "Fe-56"
MASSES = 200
POINTS = 1000
TOL = 1e-12
TARGET = 0.1        # scan time / loop time


def main(quick: bool = False) -> Results:
    import itertools

    import mpmath
    import numpy as np

    from nusym.numeric.potential import potential
    from nusym.scans import scan

    res = Results()
    repeat = 1 if quick else 5
    counter = itertools.count(1)

    def fresh(base: np.ndarray) -> list[float]:
        # a relative shift of k 1e-10: new configurations, the same physics
        k = next(counter)
        return [float(m) for m in base * (1 + 1e-10 * k)]

    def case(masses: int, points: int, note: str = "", target: bool = False) -> tuple:
        base = np.geomspace(1e-4, 0.3, masses) if masses > 1 else np.array([0.1])
        r = np.geomspace(1e-6, 1e-3, points) if points > 1 else np.array([1e-6])
        r_list = r.tolist()

        def run_scan(ms: list[float]):
            grid = {"pairs": [[SOURCE, SOURCE]], "lightest": ms, "r": r_list}
            return ms, scan(grid).V_eV.values[0]

        def run_loop(ms: list[float]):
            return ms, potential_loop(r, SOURCE, SOURCE, ms)

        run_scan(fresh(base)[:2])      # imports (xarray) and the first rule, outside the timings
        run_loop(fresh(base)[:2])
        t_scan, out_scan = measure(run_scan, repeat, lambda: fresh(base))
        t_loop, out_loop = measure(run_loop, repeat, lambda: fresh(base))
        res.rows.append(Row(f"scan {masses} masses x {points} r", masses * points, t_scan.wall, t_scan.cpu,
                            repeat, f"{masses} x potential(dps=None)", t_loop.wall, t_loop.cpu, note=note))
        print(f"scan {masses} x {points}: {t_scan.wall * 1e3:.2f} ms wall / {t_scan.cpu * 1e3:.2f} ms CPU; loop "
              f"{t_loop.wall * 1e3:.2f} ms wall / {t_loop.cpu * 1e3:.2f} ms CPU: speed-up "
              f"{t_loop.wall / t_scan.wall:.1f}x (wall), {t_loop.cpu / max(t_scan.cpu, 1e-12):.1f}x (CPU)",
              flush=True)
        for _, values in out_scan + out_loop:
            assert np.all(np.isfinite(values))
        if target:
            res.ratios.append(Ratio(f"scan {masses} x {points} / loop of potential(dps=None) (wall)",
                                    t_scan.wall / t_loop.wall, TARGET, "x",
                                    f"speed-up {t_loop.wall / t_scan.wall:.1f}x wall, "
                                    f"{t_loop.cpu / max(t_scan.cpu, 1e-12):.1f}x CPU"))
        return base, r, run_scan, run_loop

    case(1, 1, "fixed costs: grid validation, Model, xarray Dataset")
    case(10, 100, "fixed costs still dominate")
    base, r, run_scan, run_loop = case(MASSES, POINTS, "the issue-15 target: >= 10x", target=True)

    # accuracy: the same masses through both routes
    masses = fresh(base)
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
    spots = ((0, 0), (0, POINTS - 1), (MASSES // 2, POINTS // 3), (MASSES - 1, 10), (MASSES - 1, POINTS // 2))
    for i, j in spots:
        exact = potential(float(r[j]), SOURCE, SOURCE, lightest=masses[i], dps=30)
        worst_mp = max(worst_mp, float(abs(mpmath.mpf(float(got[i, j])) / exact - 1)))
    res.checks.append(Check("scan vs verified mpmath (dps=30)", worst_mp, TOL, f"{len(spots)} (mass, r) points"))

    if not quick:
        big_scan(res, repeat, counter)
    return res


def big_scan(res: Results, repeat: int, counter) -> None:
    """10^4 configurations x 10^3 r; the baseline loop on every 100th configuration, scaled by 100."""
    import numpy as np

    from nusym.numeric.potential import potential
    from nusym.scans import plan_scan, scan

    r = np.geomspace(1e-6, 1e-3, POINTS).tolist()
    base = np.geomspace(1e-4, 0.3, 1250)
    grid0 = {"pairs": [["Fe-56", "Fe-56"], ["W", "Be"]], "nature": ["dirac", "majorana"],
             "ordering": ["normal", "inverted"], "r": r}

    def fresh():
        k = next(counter)
        return dict(grid0, lightest=[float(m) for m in base * (1 + 1e-10 * k)])

    def run_scan(grid):
        return scan(grid).V_eV.values

    def sample():            # every 100th configuration of a fresh grid (untimed)
        plan = plan_scan(fresh())
        return [plan.configuration(index) for index in range(0, plan.configurations, 100)]

    def run_sample(calls):
        return [potential(r, a, b, **kwargs, dps=None) for (a, b), kwargs in calls]

    t_scan, _ = measure(run_scan, repeat, fresh)
    t_loop, _ = measure(run_sample, repeat, sample)
    configs = 10_000
    res.rows.append(Row(f"scan {configs} configurations x {POINTS} r", configs * POINTS, t_scan.wall, t_scan.cpu,
                        repeat, f"{configs} x potential(dps=None)", 100 * t_loop.wall, 100 * t_loop.cpu,
                        note="2 pairs x 2 natures x 2 orderings x 1250 lightest; baseline: every 100th "
                             "configuration, x 100"))
    print(f"scan 1e4 x 1e3: {t_scan.wall:.2f} s wall / {t_scan.cpu:.2f} s CPU; loop (scaled) "
          f"{100 * t_loop.wall:.1f} s wall: speed-up {100 * t_loop.wall / t_scan.wall:.0f}x", flush=True)


if __name__ == "__main__":
    from _common import report

    quick = "--quick" in sys.argv
    raise SystemExit(report(main(quick), quick))
