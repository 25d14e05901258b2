"""Vectorised double-precision path (nusym.numeric.fast) against the mpmath path."""

from __future__ import annotations

import numpy as np
import pytest

import nusym
from nusym.numeric.fast import potential_fast, transform_fast
from nusym.numeric.integral import transform


@pytest.mark.parametrize("mi,mj,r", [(0.0, 0.0, 5.0), (1e-9, 1e-9, 5.0), (1e-9, 0.0, 5.0),
                                     (0.05, 0.0087, 5.0), (0.05, 0.05 + 1e-9, 5.0),
                                     (0.1, 0.1, 5.07e-3), (0.0087, 0.0, 50.0), (0.1, 0.11, 5.07e6)])
def test_transform_fast_matches_mpmath(mi, mj, r):
    for nature, index in (("dirac", 0), ("majorana", 0), ("majorana", 1)):
        a = transform_fast(nature, index, mi, mj, np.array([r]))[0]
        b = float(transform(nature, index, repr(mi), repr(mj), r, dps=20))
        assert a == pytest.approx(b, rel=1e-12, abs=0)


@pytest.mark.parametrize("nature,lightest", [
    ("dirac", 0.1), ("majorana", 0), ("dirac", 0), ("majorana", 0.1), ("dirac", 1e-9), ("majorana", 1e-9),
])
def test_potential_fast_matches_mpmath(nature, lightest):
    rs = np.array([1e-9, 1e-6, 1e-4])
    fast = potential_fast(rs, "Fe-56", "Pb-208", nature=nature, lightest=lightest)
    exact = nusym.potential(list(rs), "Fe-56", "Pb-208", nature=nature, lightest=repr(lightest), dps=15)
    for f, e in zip(fast, exact, strict=True):
        assert f == pytest.approx(float(e), rel=1e-12, abs=0)


def test_force_fast_matches_mpmath():
    from nusym.units import force_to_newton

    rs = np.array([1e-6, 4e-6])
    f = force_to_newton(potential_fast(rs, "Fe-56", "Fe-56", lightest=0.05, kind="F"))
    e = nusym.force(list(rs), "Fe-56", "Fe-56", lightest="0.05", dps=20)
    for a, b in zip(f, e, strict=True):
        assert a == pytest.approx(float(b), rel=1e-12, abs=0)


def test_vectorised_many_r():
    rs = np.geomspace(1e-7, 1e-4, 1000)
    v = potential_fast(rs, "Fe-56", "Fe-56", lightest=0.1)
    assert v.shape == (1000,) and np.all(np.isfinite(v)) and np.all(np.diff(v) < 0)
