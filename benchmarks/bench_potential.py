"""Speed and accuracy of V(r) (Eq. 1), Fe-56 - Fe-56, Dirac, normal ordering, segarra2020, m_1 ~ 0.1 eV.

Run through ``python benchmarks/run.py [--quick]`` (or this file alone). Every
timing is the MEDIAN over repeats of wall and CPU (``time.process_time``) time,
and every ratio is nusym's time over a baseline measured in the same run
(ratio < 1: nusym is faster).

Verified digits, baseline :func:`baseline.quad_potential`: Eq. (1) with Eq. (6)
written by hand, plain ``mpmath.quad`` at ``mp.dps`` equal to the digits nusym is
asked for (six channel integrals per point; no SymPy, no guard digits):

  (a) one 30-digit point in a fresh configuration (a lightest mass never used
      before in the process, so no set-up of nusym is reused);
  (b) the same point again (set-ups kept);
  (c) 100 distances (1-10 um) at 30 digits in one call, fresh configuration;
  (d) 10 distances at 100 digits in one call, fresh configuration.
  For (c) and (d) the baseline is timed on a sample of the same distances and
  scaled to the whole batch (it has no set-up to share between distances).
  The first nusym call of the process (imports, symbolic derivation) is shown too.

Double precision (``dps=None``), floor :func:`baseline.kv_floor`: nine
``scipy.special.kv(2, x)`` calls on the same distances, x = (m_i + m_j) r; 1 point,
10^3 and 10^6 (10^5 with --quick) points over 1 nm - 1 mm, each call in a fresh
configuration (set-up included).

Accuracy (fails the run, also with --quick): every nusym value whose time is
reported is compared with the baseline to the digits asked (relative difference
<= 10^(1-dps)), and the double-precision values (sampled) with nusym at 20 digits
(<= 1e-12 relative).
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))   # the nusym of this tree

import baseline  # noqa: E402
from _common import Check, Ratio, Results, Row, fresh_lightest, measure  # noqa: E402

SOURCE = "Fe-56"
R0 = 2e-6                    # the single point, metres
DOUBLE_TOL = 1e-12
BASE_30 = "hand quad, 30 digits"
BASE_100 = "hand quad, 100 digits"
BASE_KV = "nine kv(2, x)"


def _digits_tol(dps: int) -> float:
    return 10.0 ** (1 - dps)


def _rel(a: Any, b: Any, dps: int) -> float:
    import mpmath

    with mpmath.workdps(dps + 10):
        a, b = mpmath.mpf(a), mpmath.mpf(b)
        return float(abs(a / b - 1)) if b else float(abs(a) > 0)


def _grid(n: int) -> list[float]:
    """n distances 1 - 10 um (floats that print as short decimals)."""
    return [float(f"{10 ** (-6 + k / max(n - 1, 1)):.6g}") for k in range(n)]


def _count(n: int) -> str:
    return str(n) if n < 1000 else f"1e{len(str(n)) - 1}"


def _sample(n: int, k: int) -> list[int]:
    return sorted({round(i * (n - 1) / max(k - 1, 1)) for i in range(k)}) if k < n else list(range(n))


# ----------------------------------------------------------------------------- model= (if available)
def model_route() -> tuple[Callable[..., Any] | None, str]:
    """``f(r, lightest, dps)`` through ``nusym.Model.from_preset`` and ``potential(..., model=)``, or None and why."""
    import nusym

    model_cls = getattr(nusym, "Model", None)
    if model_cls is None or not hasattr(model_cls, "from_preset"):
        return None, "nusym.Model(.from_preset) not available: keyword API only"
    try:
        if "model" not in inspect.signature(nusym.potential).parameters:
            return None, "nusym.potential has no model= keyword"
    except (TypeError, ValueError):
        pass

    def call(r: Any, lightest: str, dps: int | None) -> Any:
        model = model_cls.from_preset("segarra2020", ordering="normal", lightest=lightest, nature="dirac")
        return nusym.potential(r, SOURCE, SOURCE, model=model, dps=dps)

    try:
        call(R0, fresh_lightest(), 10)
    except Exception as exc:  # the new API is still moving: report, do not fail
        return None, f"model= route not usable here ({type(exc).__name__}: {exc})"
    return call, "timed as extra rows (a') and double 1e3 (model=)"


# ----------------------------------------------------------------------------- verified digits
def bench_digits(quick: bool, res: Results) -> None:
    import nusym

    n_a = 5 if quick else 9
    n_base = 3 if quick else 5

    def point(lightest: str, dps: int = 30, r: Any = R0) -> Any:
        return nusym.potential(r, SOURCE, SOURCE, lightest=lightest, dps=dps)

    # the first nusym call of this process: imports, symbolic derivation, lambdify
    l_first = fresh_lightest()
    t_first, (v_first,) = measure(lambda _: point(l_first), 1)
    print(f"  first call in the process: {t_first.wall:.2f} s", flush=True)

    # (a) fresh configuration, one point; (b) the same point again
    lights: list[str] = []
    t_a, vals_a = measure(lambda lt: (lights.append(lt), point(lt))[1], n_a, fresh_lightest)
    l_last, v_a = lights[-1], vals_a[-1]
    t_b, vals_b = measure(lambda _: point(l_last), n_a)
    t_base, vals_base = measure(lambda _: baseline.quad_potential(R0, 30, l_last), n_base)
    print(f"  30 digits, 1 point: fresh {t_a.wall * 1e3:.1f} ms, repeated {t_b.wall * 1e3:.2f} ms, "
          f"baseline {t_base.wall * 1e3:.1f} ms", flush=True)
    err = max(_rel(vb, v, 30) for vb in vals_base for v in (v_a, *vals_b))
    err = max(err, _rel(baseline.quad_potential(R0, 30, l_first), v_first, 30))
    res.checks.append(Check("30 digits, 1 point (first, fresh, repeated) vs baseline", err,
                            _digits_tol(30), f"r = {R0:g} m"))
    res.rows += [
        Row("first call in the process, 30 digits, 1 point", 1, t_first.wall, t_first.cpu, 1,
            BASE_30, t_base.wall, t_base.cpu, "imports + symbolic derivation; see start-up (i)"),
        Row("(a) 30 digits, 1 point, fresh configuration", 1, t_a.wall, t_a.cpu, t_a.repeats,
            BASE_30, t_base.wall, t_base.cpu),
        Row("(b) 30 digits, the same point repeated", 1, t_b.wall, t_b.cpu, t_b.repeats,
            BASE_30, t_base.wall, t_base.cpu),
    ]

    # model= route (once the refactor lands): fresh configuration, one point
    call, why = model_route()
    res.notes.append(f"model=: {why}")
    if call is not None:
        lm: list[str] = []
        t_m, vals_m = measure(lambda lt: (lm.append(lt), call(R0, lt, 30))[1], n_a, fresh_lightest)
        err_m = _rel(baseline.quad_potential(R0, 30, lm[-1]), vals_m[-1], 30)
        res.checks.append(Check("30 digits, 1 point via model= vs baseline", err_m, _digits_tol(30)))
        res.rows.append(Row("(a') 30 digits, 1 point, fresh nusym.Model, model=", 1, t_m.wall,
                            t_m.cpu, t_m.repeats, BASE_30, t_base.wall, t_base.cpu))

    # (c) 100 points at 30 digits, (d) 10 points at 100 digits: one call, fresh configuration
    for label, dps, n, reps, k_base, reps_base, base_name in (
            ("(c) 30 digits, 100 points in one call", 30, 100, 3 if quick else 5,
             3 if quick else 20, 1 if quick else 3, BASE_30),
            ("(d) 100 digits, 10 points in one call", 100, 10, 3 if quick else 5,
             2 if quick else 10, 1 if quick else 2, BASE_100)):
        rs = _grid(n)
        used: list[str] = []
        t_n, vals_n = measure(lambda lt, used=used, dps=dps, rs=rs: (used.append(lt), point(lt, dps, rs))[1], reps,
                             fresh_lightest)
        idx = _sample(n, k_base)
        t_bs, vals_bs = measure(lambda _, rs=rs, dps=dps, used=used, idx=idx:
                                [baseline.quad_potential(rs[i], dps, used[-1]) for i in idx], reps_base)
        scale = n / len(idx)
        err = max(_rel(vb, vals_n[-1][i], dps) for vals in vals_bs for vb, i in zip(vals, idx, strict=True))
        res.checks.append(Check(f"{dps} digits, {n} points in one call vs baseline", err, _digits_tol(dps),
                                f"{len(idx)} of the {n} distances (1-10 um)"))
        note = f"baseline timed on {len(idx)} of the {n} points, x{scale:g}" if scale != 1 else ""
        res.rows.append(Row(label, n, t_n.wall, t_n.cpu, t_n.repeats, base_name,
                            t_bs.wall * scale, t_bs.cpu * scale, note))
        print(f"  {dps} digits, {n} points: {t_n.wall:.3f} s; baseline {t_bs.wall * scale:.2f} s "
              f"({len(idx)} points x{scale:g})", flush=True)


# ----------------------------------------------------------------------------- double precision
def bench_double(quick: bool, res: Results) -> None:
    import mpmath
    import numpy as np

    import nusym

    big = 10**5 if quick else 10**6
    call, _ = model_route()
    cases = [(1, 5 if quick else 11, 51), (10**3, 5 if quick else 11, 21 if quick else 51),
             (big, 3 if quick else 5, 3 if quick else 5)]
    tiny = np.finfo(float).tiny
    for n, reps, reps_kv in cases:
        r = np.array(R0) if n == 1 else np.geomspace(1e-9, 1e-3, n)
        args = baseline.kv_floor_args(r)
        t_kv, _ = measure(lambda _, args=args: baseline.kv_floor(args), reps_kv)
        routes = [("", lambda rr, lt: nusym.potential(rr, SOURCE, SOURCE, lightest=lt, dps=None))]
        if call is not None and n == 10**3:
            routes.append((" (model=)", lambda rr, lt: call(rr, lt, None)))
        for suffix, fn in routes:
            used: list[str] = []
            t_n, vals = measure(lambda lt, used=used, fn=fn, r=r: (used.append(lt), fn(r, lt))[1], reps, fresh_lightest)
            fast = np.atleast_1d(np.asarray(vals[-1], dtype=float))
            rr = np.atleast_1d(r)
            idx = _sample(n, 1 if n == 1 else 7)
            ref = nusym.potential([mpmath.mpf(float(rr[i])) for i in idx], SOURCE, SOURCE,
                                  lightest=used[-1], dps=20)
            worst = 0.0
            for i, v in zip(idx, ref, strict=True):
                if abs(v) < tiny:     # below the double range: must give 0 (or a subnormal)
                    worst = max(worst, 0.0 if abs(fast[i]) < tiny else 1.0)
                else:
                    worst = max(worst, float(abs(fast[i] / v - 1)))
            plural = "s" if n > 1 else ""
            res.checks.append(Check(f"double precision, {_count(n)} point{plural}{suffix} vs 20 digits", worst,
                                    DOUBLE_TOL,
                                    f"{len(idx)} of the points" + (", 1 nm - 1 mm" if n > 1 else f", r = {R0:g} m")))
            label = f"double, {_count(n)} point{'s' if n > 1 else ''}, fresh configuration{suffix}"
            res.rows.append(Row(label, n, t_n.wall, t_n.cpu, t_n.repeats, BASE_KV, t_kv.wall, t_kv.cpu,
                                "set-up included"))
            print(f"  double, {_count(n)} point{plural}{suffix}: {t_n.wall * 1e3:.2f} ms; "
                  f"nine kv {t_kv.wall * 1e3:.3f} ms", flush=True)
            if n == 10**3:
                res.ratios.append(Ratio(
                    f"(ii) double-precision set-up of a new configuration, 1e3 points{suffix} / nine kv",
                    t_n.wall / t_kv.wall, 1.0, "x",
                    f"nusym {t_n.wall * 1e3:.2f} ms, nine kv {t_kv.wall * 1e3:.3f} ms (wall medians)"))


def main(quick: bool = False) -> Results:
    res = Results()
    print("verified digits (baseline: hand-written Eq. (1)+(6), plain mpmath.quad at the same dps)")
    bench_digits(quick, res)
    print("double precision (floor: nine scipy.special.kv(2, x) on the same points)")
    bench_double(quick, res)
    return res


if __name__ == "__main__":
    from _common import report

    quick = "--quick" in sys.argv
    raise SystemExit(report(main(quick), quick))
