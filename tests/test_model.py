"""nusym.Model: the neutrino sector as one value, and every evaluator driven by it.

Checks by independent routes: the preset-built Model against ``mass_spectrum``
(Table I) and against the printed Eq. (5) charges 2 Z U_ei U*_ej - N delta_ij;
a model with a decoupled fourth state (U_a4 = 0) against the three-state model
(the pipeline loops over the model's masses; nothing assumes three states).
"""

from __future__ import annotations

import dataclasses
import pickle

import mpmath
import numpy as np
import pytest

import nusym
from nusym.errors import InvalidOptionError, InvalidParameterError, NusymError
from nusym.model import Model, resolve_model


def test_from_preset_masses_equal_table_i_spectrum():
    for ordering in ("normal", "inverted"):
        for light in ("0", "0.1"):
            m = Model.from_preset(ordering=ordering, lightest=light)
            ref = nusym.mass_spectrum(ordering, light, dps=60)
            with mpmath.workdps(60):
                assert all(abs(a - b) <= mpmath.mpf(10) ** -58 * max(abs(b), 1e-70)
                           for a, b in zip(m.masses, ref, strict=True))


def test_model_charges_equal_printed_eq5():
    m = Model.from_preset(nature="majorana", delta=212, alpha21=40, alpha31=170)
    u = m.mixing
    with mpmath.workdps(40):
        q = m.charges(26, 30)
        for i in range(3):
            for j in range(3):
                printed = 2 * 26 * u[0][i] * mpmath.conj(u[0][j]) - (30 if i == j else 0)
                assert abs(q[i][j] - printed) < mpmath.mpf(10) ** -35


def test_model_is_a_hashable_picklable_value():
    a = Model.from_preset(ordering="IO", lightest="0.1", nature="majorana")
    b = Model(nature="majorana", masses=list(a.masses), mixing=[list(row) for row in a.mixing])
    assert a == b and hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a
    assert {a: 1}[b] == 1
    assert a != a.with_nature("dirac")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.nature = "dirac"  # frozen


@pytest.mark.parametrize("kwargs, message", [
    ({"nature": "weyl", "masses": [0], "mixing": [[1], [0], [0]]}, "nature"),
    ({"masses": [-1], "mixing": [[1], [0], [0]]}, "m1"),
    ({"masses": ["nan"], "mixing": [[1], [0], [0]]}, "m1"),
    ({"masses": [], "mixing": []}, "at least one"),
    ({"masses": [0, 0.1], "mixing": [[1, 0], [0, 1]]}, "3 x n"),
    ({"masses": [0, 0.1], "mixing": [[1, 0], [0, 1], [0]]}, "entries"),
    ({"masses": [0], "mixing": [["x"], [0], [0]]}, "number"),
    ({"masses": [0], "mixing": [[float("inf")], [0], [0]]}, "finite"),
    ({"masses": "0.1", "mixing": [[1], [0], [0]]}, "sequence"),
])
def test_bad_model_input_is_a_nusym_error(kwargs, message):
    with pytest.raises(NusymError, match=message):
        Model(**kwargs)


def test_model_and_shorthand_together_are_refused():
    with pytest.raises(InvalidOptionError, match="not both"):
        nusym.potential("1um", "Fe-56", "Fe-56", model=Model.from_preset(), lightest=0.1)
    with pytest.raises(InvalidOptionError, match="nusym.Model"):
        resolve_model("dirac")


def test_model_equals_shorthand_in_every_evaluator():
    m = Model.from_preset("nufit-6.0", ordering="IO", lightest="0.02", nature="majorana", alpha21=90)
    kw = dict(preset="nufit-6.0", ordering="IO", lightest="0.02", nature="majorana", alpha21=90)
    for fn in (nusym.potential, nusym.force):
        assert fn("2um", "Fe-56", "W", model=m, dps=20) == fn("2um", "Fe-56", "W", dps=20, **kw)
    a = nusym.potential(np.array([1e-6, 5e-6]), "Fe-56", "W", model=m, dps=None)
    b = nusym.potential(np.array([1e-6, 5e-6]), "Fe-56", "W", dps=None, **kw)
    assert np.array_equal(a, b)


def _with_sterile(model: Model, mass: str, column: list) -> Model:
    return Model(model.nature, list(model.masses) + [mass],
                 [list(row) + [v] for row, v in zip(model.mixing, column, strict=True)])


@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_decoupled_fourth_state_leaves_v_unchanged(nature):
    """n = 4 with U_a4 = 0: 16 channels, the 7 new ones with zero weight; V as for n = 3."""
    three = Model.from_preset(lightest="0.05", nature=nature, alpha21=60)
    four = _with_sterile(three, "0.5", [0, 0, 0])
    assert four.n == 4
    v3 = nusym.potential(["1um", "4um"], "Fe-56", "Be", model=three, dps=25)
    v4 = nusym.potential(["1um", "4um"], "Fe-56", "Be", model=four, dps=25)
    assert v3 == v4
    ch = nusym.potential_channels("1um", "Fe-56", "Be", model=four, dps=15)
    assert len(ch) == 16 and all(ch[(i, 4)].value == 0 for i in range(1, 5))


def test_coupled_fourth_state_changes_v_by_its_channels():
    """A coupled sterile state: the shared rule and the adaptive route agree for n = 4."""
    three = Model.from_preset(lightest="0.05")
    s = mpmath.sqrt(mpmath.mpf("0.02"))
    four = _with_sterile(three, "0.5", [s, 0, 0])
    a = nusym.potential("2um", "Fe-56", "Fe-56", model=four, dps=20)
    b = nusym.potential("2um", "Fe-56", "Fe-56", model=four, dps=20, method="adaptive")
    assert a == b
    assert a != nusym.potential("2um", "Fe-56", "Fe-56", model=three, dps=20)


def test_describe_states_masses_mixing_and_phases():
    d = Model.from_preset(ordering="normal", lightest="0.1", alpha31=30).describe(8)
    assert d["nature"] == "dirac" and d["states"] == 3
    assert d["masses_eV"][0] == "0.1"
    assert d["phases_deg"] == {"delta": "0", "alpha21": "0", "alpha31": "30"}
    assert d["origin"]["preset"] == "segarra2020"
    custom = Model(masses=[0], mixing=[[1j], [0], [0]]).describe(5)
    assert custom["arg_U_e_deg"] == ["90.0"]


def test_bad_phase_is_refused():
    with pytest.raises(InvalidParameterError):
        Model.from_preset(alpha21="nan")


def test_dps_5_works():
    v = nusym.potential("1um", "Fe-56", "Fe-56", lightest="0.1", dps=5)
    assert mpmath.nstr(v, 5) == "1.6391e-49"


@pytest.mark.slow
def test_dps_1000_works_and_agrees_with_dps_100():
    """The documented range reaches dps = 1000 (make_rule crashed from 474 on)."""
    hi = nusym.potential("1um", "Fe-56", "Fe-56", lightest="0.1", dps=1000)
    lo = nusym.potential("1um", "Fe-56", "Fe-56", lightest="0.1", dps=100)
    with mpmath.workdps(1000):
        assert abs(hi / lo - 1) < mpmath.mpf(10) ** -99
    assert hi._mpf_[3] > 3300   # carries ~1000 significant digits (3322 bits), not a shorter value


@pytest.mark.parametrize("dps", [60, pytest.param(500, marks=pytest.mark.slow)])   # 500: ~11 s
def test_dps_500_shared_rule_matches_adaptive(dps):
    """Above the old crash point (474): the shared rule at 500 digits, checked by the adaptive route."""
    model = Model.from_preset(lightest=0)
    a = nusym.potential("3um", "Fe-56", "Fe-56", model=model, dps=dps)
    b = nusym.potential("3um", "Fe-56", "Fe-56", model=model, dps=dps, method="closed")
    assert a == b
