"""Repository-wide pytest configuration (applies to tests/ and to doctests in nusym/).

The autouse fixture restores mpmath's global precision after every test and
doctest, so a test that changes ``mp.dps`` cannot affect another one.
"""

import mpmath
import pytest


@pytest.fixture(autouse=True)
def _restore_mpmath_precision():
    dps, prec = mpmath.mp.dps, mpmath.mp.prec
    try:
        yield
    finally:
        mpmath.mp.prec = prec
        mpmath.mp.dps = dps
