"""Vectorised double-precision evaluation of V(r) (Eq. 1 of Segarra & Bernabeu 2020).

:func:`potential_fast` is the double-precision path of :func:`nusym.potential`
(``dps=None``: the interpolation table of :mod:`nusym.numeric.spectral`).
:func:`transform_fast` is an independent double-precision route per channel, kept
to check it: the transform T = exp(-s r)/r Int_0^oo exp(-y) g(y/r) dy (see
:mod:`nusym.numeric.integral`) is computed with a fixed exp-sinh
(double-exponential) rule, y = exp((pi/2) sinh(tau)), trapezoidal in tau with
step ``H`` on [TAU_MIN, TAU_MAX], vectorised over an array of r with NumPy; the
same g(x) = ``kernel_in_x(kernel)`` is lambdified to NumPy. Checked against the
mpmath path in ``tests/test_fast.py``. No verification, no guard digits: use
:func:`nusym.potential` with ``dps`` for certified digits.

>>> import numpy as np
>>> v = potential_fast(np.array([1e-6, 2e-6]), "Fe-56", "Fe-56", lightest=0.1)
>>> [float("%.10g" % x) for x in v]
[1.63913410e-49, 3.609680156e-51]
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidOptionError
from nusym.numeric.kernels import g_numpy
from nusym.numeric.potential import force, potential

__all__ = ["transform_fast", "potential_fast", "H", "TAU_MIN", "TAU_MAX"]

#: step and range of the exp-sinh rule in tau
H = 1.0 / 64
TAU_MIN, TAU_MAX = -4.5, 3.6


@cache
def _nodes() -> tuple[np.ndarray, np.ndarray]:
    tau = np.arange(TAU_MIN, TAU_MAX + H / 2, H)
    y = np.exp(0.5 * np.pi * np.sinh(tau))
    w = H * 0.5 * np.pi * np.cosh(tau) * y
    return y, w


def transform_fast(nature: str, index: int, mi: float, mj: float, r_nat: Any,
                   kind: str = "T") -> np.ndarray:
    """T (or T1 = -dT/dr) for an array of r (eV^-1), double precision.

    >>> import numpy as np
    >>> float(transform_fast("dirac", 0, 0.0, 0.0, np.array([2.0]))[0])  # 12/r^4
    0.75
    """
    r = np.atleast_1d(np.asarray(r_nat, dtype=float))
    y, w = _nodes()
    x = y[:, None] / r[None, :]
    vals = g_numpy(nature, index, x, float(mi), float(mj), kind)
    integral = np.sum((w * np.exp(-y))[:, None] * vals, axis=0)
    s = float(mi) + float(mj)
    return np.exp(-s * r) / r * integral


def potential_fast(r_m: Any, a: Any, b: Any, *, kind: str = "T", **model_keywords: Any) -> np.ndarray:
    """V(r) in eV (``kind="F"``: -dV/dr in eV^2) for an array of r in metres, double precision.

    The same as ``nusym.potential(r_m, a, b, ..., dps=None)`` (and ``nusym.force``
    converted back to eV^2); ``model_keywords``: ``model=`` or its shorthand.
    """
    if kind not in ("T", "F"):
        raise InvalidOptionError(f"kind must be 'T' (potential) or 'F' (force), got {kind!r}")
    r = np.atleast_1d(np.asarray(r_m, dtype=float))
    if kind == "T":
        return np.asarray(potential(r, a, b, dps=None, **model_keywords), dtype=float)
    newtons = np.asarray(force(r, a, b, dps=None, **model_keywords), dtype=float)
    return newtons / (constant_float("e") / constant_float("hbar_c"))
