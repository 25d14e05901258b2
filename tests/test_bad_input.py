"""The input contract of the library, case by case from the bad-input battery of the redesign issue.

Every case gives a right answer or a :class:`nusym.NusymError` (a ValueError)
with a message saying what is allowed: never a TypeError, OverflowError, a
silent NaN/inf or a hang. (The CLI's battery is tests/test_cli_inputs.py; the
validators' own battery is tests/test_inputs.py.)
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

import nusym
from nusym.errors import NusymError


def test_numpy_scalars_on_the_default_path():
    rs = np.geomspace(1e-6, 1e-5, 3)
    values = [nusym.potential(r, "Fe-56", "Fe-56", dps=15) for r in rs]
    assert all(isinstance(v, mpmath.mpf) for v in values)
    assert values == nusym.potential([float(r) for r in rs], "Fe-56", "Fe-56", dps=15)
    assert nusym.potential(np.float64(1e-6), "Fe-56", "Fe-56", dps=15) == values[0]
    assert nusym.potential(np.array(1e-6), "Fe-56", "Fe-56", dps=15) == values[0]
    assert isinstance(nusym.force(rs[0], "Fe-56", "Fe-56", dps=15), mpmath.mpf)
    assert isinstance(nusym.gravity_potential(rs[0], "Fe-56", "Fe-56"), mpmath.mpf)


def test_scalar_on_the_double_path_where_v_underflows():
    v = nusym.potential(1e-3, "Fe-56", "Fe-56", lightest=1, dps=None)
    assert np.ndim(v) == 0 and v == 0.0
    lnv = nusym.potential(1e-3, "Fe-56", "Fe-56", lightest=1, dps=None, log=True)
    assert math.isfinite(lnv) and lnv < -10000


@pytest.mark.parametrize("r", [1e300, "1e400m", "1e-400m", 1e-60, float("nan"), float("inf"), 0, -1e-6])
@pytest.mark.parametrize("dps", [30, None])
def test_extreme_lengths_are_refused(r, dps):
    with pytest.raises(NusymError, match="length"):
        nusym.potential(r, "Fe-56", "Fe-56", dps=dps)


@pytest.mark.parametrize("kwargs", [
    {"dps": 4}, {"dps": 1001}, {"dps": 10**9}, {"dps": 30.0}, {"dps": True}, {"dps": "30"},
    {"log": "yes"}, {"log": 1}, {"method": "simpson"}, {"method": "asymptotic"},
    {"method": "asymptotic", "order": 10**6}, {"method": "asymptotic", "order": -1},
    {"lightest": 1e400}, {"lightest": "nan"}, {"lightest": -0.1}, {"lightest": "0.1 kg"},
    {"nature": "weyl"}, {"ordering": "up"}, {"preset": "pdg"}, {"alpha21": "nan"},
])
def test_bad_options_are_nusym_errors(kwargs):
    with pytest.raises(NusymError):
        nusym.potential("1um", "Fe-56", "Fe-56", **kwargs)


@pytest.mark.parametrize("fn, args", [
    (nusym.mass_spectrum, ("normal", 0)), (nusym.constant, ("hbar_c",)),
])
def test_huge_dps_is_refused_not_a_hang(fn, args):
    with pytest.raises(NusymError):
        fn(*args, dps=10**9)


@pytest.mark.parametrize("source", ["Z=26,N=" + "9" * 400, "Z=26,N=-1", "Unobtainium", "", "Z=nan,N=1"])
def test_bad_sources(source):
    with pytest.raises(NusymError):
        nusym.potential("1um", source, "Fe-56")


@pytest.mark.parametrize("kwargs", [{"radius": 1e300}, {"radius": "1e400m"}, {"radius": "1mm", "thickness": 1e300},
                                    {"radius": "1mm", "density1": 1e300}, {"radius": "1mm", "lightest": 1e400}])
def test_extreme_geometry_inputs(kwargs):
    with pytest.raises(NusymError):
        nusym.sphere_plane("1um", "W", "Be", **kwargs)


def test_gravity_potential_double_precision_and_shapes():
    g = nusym.gravity_potential(np.array([1e-6, 2e-6]), "Fe-56", "Fe-56", dps=None)
    assert g.shape == (2,) and g[0] == 2 * g[1]
    assert np.ndim(nusym.gravity_potential(1e-6, "Fe-56", "Fe-56", dps=None)) == 0
    assert isinstance(nusym.gravity_potential(["1um"], "Fe-56", "Fe-56"), list)


def test_list_in_gives_list_out_of_the_same_length():
    out = nusym.potential(["1um", "2um", 3e-6], "Fe-56", "Fe-56", dps=10)
    assert isinstance(out, list) and len(out) == 3
    arr = nusym.potential(np.array([[1e-6, 2e-6]]), "Fe-56", "Fe-56", dps=None)
    assert arr.shape == (1, 2)


def test_quantities_are_converted_or_refused():
    pint = pytest.importorskip("pint")
    u = pint.UnitRegistry()
    v = nusym.potential(1 * u.um, "Fe-56", "Fe-56", dps=None)
    assert v == pytest.approx(float(nusym.potential("1um", "Fe-56", "Fe-56", dps=20)), rel=1e-12, abs=0)
    with pytest.raises(NusymError):
        nusym.potential(1 * u.kg, "Fe-56", "Fe-56", dps=None)
    with pytest.raises(NusymError):
        nusym.potential(u.Quantity(1.0), "Fe-56", "Fe-56", dps=None)
