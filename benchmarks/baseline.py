"""The baselines the benchmarks compare nusym against (not nusym code: written by hand).

* :func:`quad_potential`: Eq. (1) with Eq. (6) (Dirac) written out by hand, as a
  physicist would, and integrated with plain ``mpmath.quad`` at ``mp.dps = dps``,
  the same number of digits nusym is asked for. No SymPy, no lambdify, no guard
  digits, no verification. Only nusym's constants G_F and hbar*c are borrowed.
* :func:`potential_loop`: the baseline of a scan (``bench_scan.py``), one
  ``nusym.potential(..., dps=None)`` call per configuration in a plain loop.
* :func:`kv_floor_args` / :func:`kv_floor`: the double-precision floor, nine
  ``scipy.special.kv(2, x)`` calls on the same distances (for equal masses the
  channels of Eq. (1) are K_2-type Bessel functions of 2 m r; here x = (m_i + m_j) r
  for the nine ordered channels, which is 2 m r on the diagonal).

Eq. (1):  V(r) = -1/(4 pi^2 r) sum_ij Int_{(m_i+m_j)^2}^oo dt Im M_ij(t) exp(-sqrt(t) r)
Eq. (6), Dirac:
          Im M_ij(t) = -(G_F^2/48 pi) Q_A^ij conj(Q_B^ij) t sqrt(1 - 4 mbar^2/t + (Dm^2/t)^2)
                       x [1 - mbar^2/t - (Dm^2/t)^2 / 2],
          mbar^2 = (m_i^2 + m_j^2)/2,  Dm^2 = m_i^2 - m_j^2,
charges   Q^ij = 2 Z U_ei U*_ej - N delta_ij.

With sqrt(t) = s + x, s = m_i + m_j, d = m_i - m_j:
  t^2 (1 - 4 mbar^2/t + (Dm^2/t)^2) = (t - s^2)(t - d^2) = x (2 s + x)(t - d^2),
  dt = 2 (s + x) dx,  exp(-sqrt(t) r) = exp(-s r) exp(-x r),
so  V(r) = G_F^2 / (192 pi^3 r) sum_ij Q_A^ij conj(Q_B^ij) exp(-s r)
           Int_0^oo dx 2 (s + x) t sqrt(x (2s + x)(t - d^2))/t [1 - mbar^2/t - (Dm^2/t)^2/2] exp(-x r).
The (i, j) and (j, i) channels are complex conjugates of each other (Q is Hermitian,
the kernel symmetric in m_i <-> m_j): six integrals, off-diagonal ones counted
as 2 Re(...).
"""

from __future__ import annotations

from typing import Any

#: the segarra2020 preset, normal ordering (strings: exact decimals)
SIN2_TH12, SIN2_TH13 = "0.307", "0.0212"
DM21_SQ, DM31_SQ = "7.5e-5", "2.5e-3"
FE56 = (26, 30)   # (Z, N)


def masses(lightest: Any, dps: int) -> list[Any]:
    """m_1, m_2, m_3 in eV, normal ordering (m_1 = lightest)."""
    from mpmath import mp, mpf

    with mp.workdps(dps):
        m1 = mpf(lightest)
        return [m1, mp.sqrt(m1**2 + mpf(DM21_SQ)), mp.sqrt(m1**2 + mpf(DM31_SQ))]


def charges(z: int, n: int, dps: int) -> list[list[Any]]:
    """Q^ij = 2 Z U_ei U*_ej - N delta_ij, all phases 0 (U_e row real)."""
    from mpmath import mp, mpf

    with mp.workdps(dps):
        s12, s13 = mpf(SIN2_TH12), mpf(SIN2_TH13)
        ue = [mp.sqrt((1 - s12) * (1 - s13)), mp.sqrt(s12 * (1 - s13)), mp.sqrt(s13)]
        return [[2 * z * ue[i] * ue[j] - (n if i == j else 0) for j in range(3)] for i in range(3)]


def quad_potential(r_m: Any, dps: int, lightest: Any = "0.1", a: tuple[int, int] = FE56,
                   b: tuple[int, int] = FE56, breaks: tuple[int, ...] = ()) -> Any:
    """V(r) in eV (Dirac, r in metres) by plain mpmath.quad at mp.dps = dps.

    ``r_m``: a Python float (read as the decimal it prints as, like nusym does) or
    an mpf. Each channel is one ``mp.quad(integrand, [0, inf])`` in x; ``breaks``
    splits the range at x = k/r for k in ``breaks``. Splitting at
    (1, 10, 40)/r gives the same digits for 10 nm - 100 um but takes 1.5-2x as long
    (tanh-sinh on [0, inf] already resolves the scale 1/r there), so the faster
    form is the baseline: a slower one would flatter nusym.
    """
    import mpmath
    from mpmath import mp, mpf

    import nusym

    with mp.workdps(dps):
        m = masses(lightest, dps)
        qa, qb = charges(*a, dps), charges(*b, dps)
        g_f = nusym.constant("G_F_eV", dps)                     # eV^-2
        r = (mpf(repr(r_m)) if isinstance(r_m, float) else mpf(r_m)) / nusym.constant("hbar_c", dps)
        points = [mpf(0)] + [k / r for k in breaks] + [mp.inf]
        total = mpf(0)
        for i in range(3):
            for j in range(i, 3):
                coupling = qa[i][j] * mpmath.conj(qb[i][j])
                coupling = mpmath.re(coupling) * (1 if i == j else 2)
                s, d = m[i] + m[j], m[i] - m[j]
                mbar2 = (m[i] ** 2 + m[j] ** 2) / 2
                dm2 = m[i] ** 2 - m[j] ** 2

                def integrand(x: Any, s: Any = s, d: Any = d, mbar2: Any = mbar2, dm2: Any = dm2) -> Any:
                    q = s + x
                    t = q * q
                    root = mp.sqrt(x * (2 * s + x) * (t - d * d)) / t
                    return 2 * q * t * root * (1 - mbar2 / t - (dm2 / t) ** 2 / 2) * mp.exp(-x * r)

                total += coupling * mp.exp(-s * r) * mp.quad(integrand, points)
        return g_f**2 / (192 * mp.pi**3 * r) * total


def kv_floor_args(r_m: Any, lightest: float = 0.1) -> list[Any]:
    """The nine Bessel arguments x_ij = (m_i + m_j) r (r in metres, NumPy array)."""
    import numpy as np

    import nusym

    m = [float(v) for v in masses(str(lightest), 20)]
    r_nat = np.asarray(r_m, dtype=float) / float(nusym.constant("hbar_c"))
    return [(m[i] + m[j]) * r_nat for i in range(3) for j in range(3)]


def kv_floor(args: list[Any]) -> Any:
    """Nine scipy.special.kv(2, x) calls (the timed floor)."""
    from scipy.special import kv

    return [kv(2, x) for x in args]


# ----------------------------------------------------------------------------- scans
def potential_loop(r_m: Any, a: str, b: str, lightest: Any, **model_keys: Any) -> Any:
    """The baseline of a scan: one ``nusym.potential(r, a, b, lightest=m, dps=None)`` per mass, stacked.

    What a physicist writes without a scan facility: a loop over the configurations,
    each call with all the distances (so every call builds its own rule, coefficients
    and sum), in the same double precision as the scan. ``model_keys``: the other
    shorthand keywords (nature, ordering, preset, phases), fixed for the loop.
    Returns an array of shape (len(lightest), len(r_m)).
    """
    import numpy as np

    from nusym import potential

    return np.array([potential(r_m, a, b, lightest=m, dps=None, **model_keys) for m in lightest])
