"""The dispersion integral of Eq. (1) of Segarra & Bernabeu (2020) at arbitrary precision.

Per ordered channel (i, j) and absorptive term k (Eq. 6) the potential needs

    T(r)  = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel_k(t)
          = exp(-s r) Int_0^oo dx exp(-x r) g(x),        s = m_i + m_j,

with ``g`` the generated kernel of :mod:`nusym.numeric.kernels` (sqrt(t) = s + x; g is free of cancellations,
also for degenerate, tiny or vanishing masses), and for the force

    T1(r) = Int dt sqrt(t) exp(-sqrt(t) r) kernel_k(t) = -dT/dr
          = exp(-s r) Int_0^oo dx exp(-x r) (s + x) g(x).

With x = y / r the integral is ``exp(-s r)/r Int_0^oo exp(-y) g(y/r) dy``, done
with mpmath's tanh-sinh rule on [0, ..., 1, 10, 40, oo], where the interval is
also split at y = r m for every mass scale m of g (2 m_i, 2 m_j, s, 2 s) below
40, so that the nearby branch points and poles of g (at negative x) are
resolved. All arithmetic stays in mpmath (exp(-s r) never underflows).

:func:`transform_pair` returns two independent evaluations (precision dps + guard
with one split, dps + guard + 10 with a shifted split) so that callers can verify
digits against the scale of a whole sum; :func:`transform` verifies one value on
its own.

>>> import mpmath
>>> v = transform("dirac", 0, 0, 0, mpmath.mpf(2), dps=20)   # massless: 12/r^4
>>> mpmath.nstr(v, 20)
'0.75'
"""

from __future__ import annotations

from typing import Any

import mpmath

from nusym.errors import VerificationError
from nusym.numeric.kernels import KINDS, g_mp

__all__ = ["raw_transform", "transform_pair", "transform", "KINDS"]


def _points(mi: Any, mj: Any, r: Any, shift: int) -> list[Any]:
    """Break points in y = x r: mass scales r m of g, a geometric ladder up to 1, 1, 10, 40."""
    s = mi + mj
    base = [1, 10, 40] if shift == 0 else [2, 15, 50]
    factor = 8 if shift == 0 else 6
    stretch = 1 if shift == 0 else mpmath.mpf("0.7")
    cut = mpmath.mpf(10) ** (-(mpmath.mp.dps + 5))
    scales = sorted(y for y in (sc * r * stretch for sc in (2 * mi, 2 * mj, s, 2 * s))
                    if cut < y < base[-1])
    pts = [mpmath.mpf(b) for b in base] + scales
    if scales:
        # geometric ladder from the smallest scale: each interval's nearest
        # singularity of g (at y = -r m) stays at a distance comparable to its length
        y = scales[0] * factor
        while y < 1:
            pts.append(y)
            y *= factor
    pts.sort()
    merged = [pts[0]]
    for y in pts[1:]:
        if y > merged[-1] * mpmath.mpf("1.5"):
            merged.append(y)
    return [mpmath.mpf(0)] + merged + [mpmath.inf]


def raw_transform(nature: str, index: int, mi: Any, mj: Any, r: Any, *,
                  kind: str = "T", shift: int = 0) -> Any:
    """One evaluation of T (or T1) at the current mpmath precision (no verification)."""
    mi, mj, r = mpmath.mpf(mi), mpmath.mpf(mj), mpmath.mpf(r)
    g = g_mp(nature, index, mi, mj, kind)
    inv_r = 1 / r
    # mpmath.quad stops on an *absolute* error estimate: normalise the integrand
    # to O(1) (the integral is ~ g(1/r) up to a moderate factor)
    scale = g(inv_r)
    if not scale:
        scale = mpmath.mpf(1)
    inv_scale = 1 / scale

    def f(y: Any) -> Any:
        return mpmath.exp(-y) * g(y * inv_r) * inv_scale

    val = mpmath.quad(f, _points(mi, mj, r, shift), method="tanh-sinh")
    return mpmath.exp(-(mi + mj) * r) * inv_r * scale * val


def transform_pair(nature: str, index: int, mi: Any, mj: Any, r: Any, dps: int, *,
                   kind: str = "T", guard: int = 10) -> tuple[Any, Any]:
    """Two independent evaluations of T: at dps + guard and at dps + guard + 10 (other split)."""
    with mpmath.workdps(dps + guard):
        v1 = raw_transform(nature, index, mi, mj, r, kind=kind, shift=0)
    with mpmath.workdps(dps + guard + 10):
        v2 = raw_transform(nature, index, mi, mj, r, kind=kind, shift=1)
    return v1, v2


def transform(nature: str, index: int, mi: Any, mj: Any, r: Any, dps: int = 30, *,
              kind: str = "T") -> Any:
    """T (Eq. 1 per channel and term) verified to ``dps`` digits, rounded to dps.

    Two evaluations must agree to 10^-(dps+2) relative; otherwise one retry with
    20 more guard digits, then :class:`nusym.errors.VerificationError`.

    >>> import mpmath
    >>> mpmath.nstr(transform("majorana", 0, "0.1", "0.1", 5, dps=15), 15)
    '0.0155984534268977'
    """
    for guard in (10, 30):
        v1, v2 = transform_pair(nature, index, mi, mj, r, dps, kind=kind, guard=guard)
        with mpmath.workdps(dps + guard + 10):
            ok = abs(v1 - v2) <= mpmath.mpf(10) ** (-(dps + 2)) * abs(v2)
        if ok:
            with mpmath.workdps(dps):
                return +v2
    raise VerificationError(
        f"the integral of Eq. (1) ({nature}, term {index}, m_i={mi}, m_j={mj}, r={r} eV^-1) "
        f"could not be verified to {dps} digits"
    )
