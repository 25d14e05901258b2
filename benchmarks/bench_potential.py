"""Timings of V(r) (Eq. 1): the CLI-equivalent Fe-Fe case and the vectorised path.

Run ``python benchmarks/bench_potential.py [--quick]``.
"""

from __future__ import annotations

import argparse
import time


def _timed(label: str, fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<62s} {best:8.3f} s")
    return best


def main(quick: bool = False) -> dict[str, float]:
    import numpy as np

    import nusym
    from nusym.numeric.fast import potential_fast

    rs = ["1um", "2um", "5um", "10um"]
    out: dict[str, float] = {}
    # warm-up: symbolic derivation of the kernels and lambdification (cached afterwards)
    out["first call (derivation + lambdify, dirac)"] = _timed(
        "first call (derivation + lambdify), dirac, 1 r, dps 10",
        lambda: nusym.potential("1um", "Fe-56", "Fe-56", lightest="0.1", dps=10))
    repeat = 1 if quick else 3
    for nature in ("dirac", "majorana"):
        for method in ("integral",) if quick else ("integral", "closed"):
            key = f"Fe-Fe {nature} {method}, 4 r, dps 30"
            out[key] = _timed(key, lambda: nusym.potential(
                rs, "Fe-56", "Fe-56", nature=nature, ordering="NO", lightest="0.1",
                method=method, dps=30), repeat)
    r_many = np.geomspace(1e-6, 1e-5, 1000)
    for nature in ("dirac", "majorana"):
        key = f"vectorised double precision, {nature}, 1000 r"
        out[key] = _timed(key, lambda: potential_fast(r_many, "Fe-56", "Fe-56", nature=nature,
                                                       lightest=0.1), repeat)
    if not quick:
        key = "Fe-Fe dirac integral, 1 r, dps 100"
        out[key] = _timed(key, lambda: nusym.potential("1um", "Fe-56", "Fe-56", lightest="0.1", dps=100))
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    main(parser.parse_args().quick)
