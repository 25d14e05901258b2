"""Long-distance (Watson) series of the transform T of Eq. (1): Eq. (9) and beyond.

Per channel and absorptive term, with g(x) = x^a sum_n h_n x^n
(:func:`nusym.numeric.kernels.watson_coefficients`, from the generated kernel),
Watson's lemma gives

    T(r) ~ exp(-s r) sum_n h_n Gamma(a + 1 + n) r^-(a+1+n),    s = m_i + m_j,

and V_ij ~ exp(-s r) sum_n c_n r^-(a+2+n). **Order convention**: order N keeps
every term of V through r^(-5/2-N), the same cut for every channel and every
absorptive term, so that order 1 is the order of the printed Eq. (9) of
Segarra & Bernabeu (2020) for both natures (b_0 r^-5/2 + b_1 r^-7/2). A P-wave
term (a = 3/2, Majorana axial) then contributes from order 1, a channel with a
massless partner (a = 2, V ~ r^-4) from order 2, and a massless pair
(T = 12/r^4 exactly, V ~ r^-5) from order 3.

>>> import mpmath
>>> mpmath.nstr(long_distance_transform("dirac", 0, 0, 0, mpmath.mpf(2), 3), 10)   # 12/r^4
'0.75'
>>> long_distance_transform("dirac", 0, 0, 0, mpmath.mpf(2), 2)
mpf('0.0')
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import mpmath

from nusym.numeric.kernels import watson_coefficients

__all__ = ["kept_terms", "long_distance_transform"]


def kept_terms(a: Fraction, order: int) -> int:
    """Number of Watson terms n = 0, 1, ... with a + 2 + n <= 5/2 + order (V through r^(-5/2-order)).

    >>> kept_terms(Fraction(1, 2), 1), kept_terms(Fraction(3, 2), 1), kept_terms(Fraction(2), 1)
    (2, 1, 0)
    """
    return max(0, math.floor(Fraction(1, 2) + order - a) + 1)


def long_distance_transform(nature: str, index: int, mi: Any, mj: Any, r: Any, order: int,
                            kind: str = "T") -> Any:
    """T (``kind="T1"``: -dT/dr of the same truncated series) at r (eV^-1), current precision."""
    mi, mj, r = mpmath.mpf(mi), mpmath.mpf(mj), mpmath.mpf(r)
    a, _ = watson_coefficients(nature, index, mi, mj, 1)
    count = kept_terms(a, order)
    if count == 0:
        return mpmath.mpf(0)
    a, h = watson_coefficients(nature, index, mi, mj, count)
    s = mi + mj
    total = mpmath.mpf(0)
    for n, hn in enumerate(h):
        if not hn:
            continue
        p = mpmath.mpf(a.numerator) / a.denominator + 1 + n
        b = hn * mpmath.gamma(p)
        if kind == "T1":
            total += b * (s * r ** (-p) + p * r ** (-p - 1))
        else:
            total += b * r ** (-p)
    return mpmath.exp(-s * r) * total
