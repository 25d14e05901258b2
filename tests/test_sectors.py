"""Sterile states, non-unitary mixing and model files (nusym.sectors; issue 13, parts 1 and 4).

Every physics statement is checked by a second, independent route: the
parametrisation against the generated PMNS matrix and against the closed
expressions of its elements; the 3+1 potential by the shared quadrature rule
against the adaptive integral and the closed forms; the massless limit of a
non-unitary block by the numeric route against the symbolic assembly of
Eq. (1) (nusym.symbolic.closed.massless_potential) and against the trace formula
G_F^2/(16 pi^3 r^5) Tr(C_A P C_B P), P = U U^dagger, which is Eq. (8) when P = 1.
"""

from __future__ import annotations

from pathlib import Path

import mpmath
import pytest
import sympy as sp

import nusym
from nusym.charges import charge_matrix, flavour_charges
from nusym.constants import constant
from nusym.errors import InvalidOptionError, InvalidParameterError, NusymError, UnknownPresetError
from nusym.model import MODEL_DIGITS, Model
from nusym.sectors import is_contraction, load_model, mixing_from_angles, nonunitary_model, sector_names, sterile_model
from nusym.units import metres_to_natural

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
TINY = mpmath.mpf(10) ** -1000


def _max_dev_from_identity(u):
    n = len(u)
    with mpmath.workdps(MODEL_DIGITS):
        return max(abs(sum(u[i][k] * u[j][k].conjugate() for k in range(n)) - (i == j))
                   for i in range(n) for j in range(n))


# ----------------------------------------------------------------------------- (a) unitarity, PMNS limit
@pytest.mark.parametrize("n, params", [
    (4, dict(theta12=33, theta13="8.5", theta23=45, sin2_theta14="0.02", theta24=7, theta34=20,
             delta13=195, delta14=40, delta24=-70, alpha21=30, alpha31=100, alpha41=250)),
    (5, dict(theta12=33, theta13="8.5", theta23=45, sin2_theta14="0.02", theta24=7, theta34=20, theta15=3,
             theta25=4, theta35=5, theta45=6, delta13=195, delta14=40, delta24=-70, delta15=10, delta25=20,
             delta35=30, alpha41=250, alpha51=11)),
])
def test_full_matrix_is_unitary_to_model_digits(n, params):
    u = mixing_from_angles(n, **params)
    assert len(u.full) == n and all(len(row) == n for row in u.full)
    assert u.block == u.full[:3]
    assert _max_dev_from_identity(u.full) < TINY
    # columns too (U^dagger U = 1)
    with mpmath.workdps(MODEL_DIGITS):
        ut = [[v.conjugate() for v in col] for col in zip(*u.full, strict=True)]
    assert _max_dev_from_identity(ut) < TINY


@pytest.mark.parametrize("ordering", ["normal", "inverted"])
def test_sterile_angles_zero_reduce_to_the_generated_pmns(ordering):
    """3x3 block of the 3+1 and 3+2 matrices == Model.from_preset (nusym.generated.mixing.pmns)."""
    ref = Model.from_preset("nufit-6.0", ordering=ordering, nature="majorana", delta=100, alpha21=40,
                            alpha31=-70)
    for extra in (["0.5"], ["0.5", "2"]):
        m = sterile_model(preset="nufit-6.0", ordering=ordering, nature="majorana", delta=100, alpha21=40,
                          alpha31=-70, masses=extra)
        assert m.n == 3 + len(extra) and m.masses[:3] == ref.masses
        with mpmath.workdps(MODEL_DIGITS):
            assert max(abs(m.mixing[a][i] - ref.mixing[a][i]) for a in range(3) for i in range(3)) < TINY
            assert all(m.mixing[a][i] == 0 for a in range(3) for i in range(3, m.n))


# ----------------------------------------------------------------------------- (b) elements
def test_elements_follow_the_parametrisation():
    s14, s24, s34 = mpmath.mpf("0.02"), mpmath.mpf("0.01"), mpmath.mpf("0.005")
    u = mixing_from_angles(4, sin2_theta14=s14, sin2_theta24=s24, sin2_theta34=s34, delta14=60, delta24=-30,
                           theta12=30, theta13=9, theta23=45)
    with mpmath.workdps(MODEL_DIGITS):
        c14, c24 = 1 - s14, 1 - s24
        assert abs(abs(u.full[0][3]) ** 2 - s14) < TINY
        assert abs(abs(u.full[1][3]) ** 2 - c14 * s24) < TINY
        assert abs(abs(u.full[2][3]) ** 2 - c14 * c24 * s34) < TINY
        assert abs(abs(u.full[3][3]) ** 2 - c14 * c24 * (1 - s34)) < TINY
        # phases: U_e4 = s14 e^(-i delta14), U_mu4 = c14 s24 e^(-i delta24)
        assert abs(u.full[0][3] - mpmath.sqrt(s14) * mpmath.expjpi(-mpmath.mpf(60) / 180)) < TINY
        assert abs(u.full[1][3] - mpmath.sqrt(c14 * s24) * mpmath.expjpi(mpmath.mpf(30) / 180)) < TINY
    # 3+2: |U_e5|^2 = sin^2 theta15, U_e4 = cos theta15 sin theta14 e^(-i delta14)
    v = mixing_from_angles(5, sin2_theta14=s14, sin2_theta15="0.01", delta14=60)
    with mpmath.workdps(MODEL_DIGITS):
        assert abs(abs(v.full[0][4]) ** 2 - mpmath.mpf("0.01")) < TINY
        assert abs(v.full[0][3] - mpmath.sqrt(mpmath.mpf("0.99") * s14)
                   * mpmath.expjpi(-mpmath.mpf(60) / 180)) < TINY


def test_elements_input_inverts_the_parametrisation():
    m = sterile_model(m4="0.5", Ue4_sq="0.02", Umu4_sq="0.01", Utau4_sq="0.03")
    with mpmath.workdps(MODEL_DIGITS):
        for a, want in enumerate(("0.02", "0.01", "0.03")):
            assert abs(abs(m.mixing[a][3]) ** 2 - mpmath.mpf(want)) < TINY
    assert sterile_model("3+1", Ue4_sq="0.03").mixing == sterile_model(m4="0.5", sin2_theta14="0.03").mixing
    bench = sterile_model("3+1")
    assert mpmath.almosteq(abs(bench.mixing[0][3]) ** 2, mpmath.mpf("0.02"), 1e-30)
    assert bench.masses[3] == mpmath.mpf("0.5")
    assert sector_names() == ("3+1", "3+2")


# ----------------------------------------------------------------------------- (c) decoupled state
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_decoupled_sterile_state_leaves_v_unchanged(nature):
    three = Model.from_preset(lightest="0.02", nature=nature, alpha21=50, delta=120)
    four = sterile_model(lightest="0.02", nature=nature, alpha21=50, delta=120, m4="0.7", delta14=30,
                         alpha41=80)
    assert four.n == 4
    for r in ("0.3um", "3um"):
        assert nusym.potential(r, "Fe-56", "W", model=four, dps=30) == \
            nusym.potential(r, "Fe-56", "W", model=three, dps=30)


# ----------------------------------------------------------------------------- (d) 3+1 V, two routes
def _agree(a, b, digits):
    return abs(a - b) <= abs(b) * mpmath.mpf(10) ** -digits


@pytest.mark.parametrize("nature, r, pair", [("dirac", "0.1um", ("Fe-56", "Fe-56")),
                                             ("majorana", "10um", ("W", "Be"))])
def test_3p1_potential_shared_rule_against_adaptive_integral(nature, r, pair):
    m = sterile_model("3+1", nature=nature, lightest="0.01", alpha41=70, delta14=20)
    a = nusym.potential(r, *pair, model=m, dps=25)
    b = nusym.potential(r, *pair, model=m, dps=25, method="adaptive")
    assert _agree(a, b, 22)


def test_3p1_potential_closed_forms_against_shared_rule():
    """lightest = 0: the channels with m1 use the closed forms (one massless partner)."""
    m = sterile_model("3+1", nature="majorana", delta14=45)
    a = nusym.potential("2um", "Fe-56", "W", model=m, dps=25)
    b = nusym.potential("2um", "Fe-56", "W", model=m, dps=25, method="closed")
    assert _agree(a, b, 22)


@pytest.mark.slow
@pytest.mark.parametrize("nature", ["dirac", "majorana"])
def test_3p1_potential_routes_over_the_range(nature):
    m = sterile_model("3+1", nature=nature, lightest="0.01", alpha41=70, delta14=20)
    rs = ["0.1um", "1um", "10um"]
    a = nusym.potential(rs, "W", "Be", model=m, dps=25)
    b = nusym.potential(rs, "W", "Be", model=m, dps=25, method="adaptive")
    assert all(_agree(x, y, 22) for x, y in zip(a, b, strict=True))
    m2 = sterile_model("3+2", nature=nature, lightest="0.01")
    a = nusym.potential(rs, "Fe-56", "Fe-56", model=m2, dps=25)
    b = nusym.potential(rs, "Fe-56", "Fe-56", model=m2, dps=25, method="adaptive")
    assert all(_agree(x, y, 22) for x, y in zip(a, b, strict=True))


# ----------------------------------------------------------------------------- (e) charges, massless limit
def _exact_unitary_4():
    """An exact 4x4 unitary matrix: rotations with Pythagorean cos/sin, one complex phase."""
    def rot(i, j, c, s, phase=1):
        r = sp.eye(4)
        r[i, i] = r[j, j] = c
        r[i, j], r[j, i] = s * sp.conjugate(phase), -s * phase
        return r
    w = (1 + sp.sqrt(3) * sp.I) / 2  # e^(i pi/3)
    return (rot(2, 3, sp.Rational(3, 5), sp.Rational(4, 5)) * rot(0, 3, sp.Rational(12, 13), sp.Rational(5, 13), w)
            * rot(1, 2, sp.Rational(7, 25), sp.Rational(24, 25)) * rot(0, 1, sp.Rational(8, 17), sp.Rational(15, 17)))


def test_sin2_theta_w_cancels_and_eq7_holds_for_a_unitary_4x4_block():
    from nusym.symbolic.couplings import flavour_couplings
    from nusym.symbolic.symbols import N, Z, s2w
    u = _exact_unitary_4()
    assert sp.simplify(u * u.H - sp.eye(4)) == sp.zeros(4, 4)
    block = u[:3, :]
    c = Z * (flavour_couplings("e") + flavour_couplings("p")) + N * flavour_couplings("n")
    q = (block.T * c * block.conjugate()).applyfunc(sp.expand)  # Q^ij = sum_ab U_ai C_ab conj(U_bj), 4 x 4
    assert q.shape == (4, 4) and not any(e.has(s2w) for e in q)
    # the same charges through the generated couplings (numeric route, nusym.charges)
    num = charge_matrix(26, 30, [[sp.N(v, 40) for v in block.row(a)] for a in range(3)])
    with mpmath.workdps(35):
        for i in range(4):
            for j in range(4):
                assert abs(num[i][j] - mpmath.mpc(complex(sp.N(q[i, j].subs({Z: 26, N: 30}), 40)))) < 1e-12
    # Eq. (7): sum_ij Q_A^ij conj Q_B^ij = sum_alpha Q_A^alpha Q_B^alpha (16 channels)
    qa, qb = q.subs({Z: 26, N: 30}), q.subs({Z: 74, N: 110})
    total = sp.nsimplify(sp.expand(sum(qa[i, j] * sp.conjugate(qb[i, j]) for i in range(4) for j in range(4))))
    fa, fb = flavour_charges(26, 30), flavour_charges(74, 110)
    assert sp.simplify(total - sum(fa[f] * fb[f] for f in fa)) == 0


def _massless_numeric(model, a, b, r):
    return nusym.potential(r, a, b, model=model, dps=30, method="massless")


def test_massless_limit_of_a_unitary_block_is_eq8():
    m = sterile_model(preset="segarra2020", m4="0.5", sin2_theta14="0.1", sin2_theta24="0.05", delta14=70,
                      nature="majorana")
    fa, fb = flavour_charges(26, 30), flavour_charges(74, 110)
    with mpmath.workdps(40):
        r = metres_to_natural(mpmath.mpf("1e-6"))
        eq8 = constant("G_F_eV", 40) ** 2 / (16 * mpmath.pi ** 3 * r ** 5) * sum(fa[f] * fb[f] for f in fa)
    assert _agree(_massless_numeric(m, "Fe-56", "W-184", "1um"), eq8, 28)


EXACT_BLOCK_ETA = [["0.01", "0.002+0.001j", "0"], ["0.002-0.001j", "0.02", "0.003"], ["0", "0.003", "0.005"]]
EXACT_U = [["0.6", "0.8", "0"], ["-0.224", "0.168", "0.96"], ["0.768", "-0.576", "0.28"]]  # R23 R12, exact


@pytest.mark.parametrize("nature", [pytest.param("dirac", marks=pytest.mark.slow), "majorana"])
def test_massless_limit_of_a_nonunitary_block_three_routes(nature):
    """Numeric massless route == symbolic assembly (massless_potential with the charges) == trace formula."""
    from nusym.symbolic.closed import massless_potential
    from nusym.symbolic.couplings import flavour_couplings
    from nusym.symbolic.symbols import G_F, N, Z, r
    eta = sp.Matrix(3, 3, lambda a, b: sp.nsimplify(sp.sympify(EXACT_BLOCK_ETA[a][b].replace("j", "*I"))))
    u = sp.Matrix(3, 3, lambda a, b: sp.Rational(EXACT_U[a][b]))
    assert u * u.T == sp.eye(3)
    block = (sp.eye(3) - eta) * u
    with mpmath.workdps(MODEL_DIGITS + 10):
        entries = [[mpmath.mpc(mpmath.mpf(sp.re(v).p) / sp.re(v).q, mpmath.mpf(sp.im(v).p) / sp.im(v).q)
                    for v in block.row(a)] for a in range(3)]
    model = nonunitary_model(mixing=entries, masses=["0", "0.01", "0.05"], nature=nature)
    c = Z * (flavour_couplings("e") + flavour_couplings("p")) + N * flavour_couplings("n")
    q = (block.T * c * block.conjugate()).applyfunc(sp.expand)
    qa, qb = q.subs({Z: 26, N: 30}), q.subs({Z: 4, N: 5})
    v_sym = massless_potential(nature, qa, qb)
    with mpmath.workdps(45):
        r_nat = metres_to_natural(mpmath.mpf("2e-6"))
        gf = constant("G_F_eV", 45)
        sym_value = mpmath.mpf(sp.N(v_sym.subs({G_F: sp.Float(str(gf), 45), r: sp.Float(str(r_nat), 45)}), 40))
        # trace formula: Tr(C_A P C_B P), P = N N^dagger (exact)
        p = block * block.H
        ca, cb = c.subs({Z: 26, N: 30}), c.subs({Z: 4, N: 5})
        trace = sp.nsimplify(sp.expand((ca * p * cb * p).trace()))
        trace_value = gf ** 2 / (16 * mpmath.pi ** 3 * r_nat ** 5) * mpmath.mpf(sp.N(trace, 45))
    numeric = _massless_numeric(model, "Fe-56", "Be-9", "2um")
    assert _agree(numeric, sym_value, 28)
    assert _agree(numeric, trace_value, 28)
    # and it is not Eq. (8) (the block is not unitary): the test can fail
    fa, fb = flavour_charges(26, 30), flavour_charges(4, 5)
    eq8 = gf ** 2 / (16 * mpmath.pi ** 3 * r_nat ** 5) * sum(fa[f] * fb[f] for f in fa)
    assert not _agree(numeric, eq8, 3)


# ----------------------------------------------------------------------------- (f) example files
def test_example_files_load():
    m1 = load_model(EXAMPLES / "sterile_3p1.toml")
    assert m1 == sterile_model(nature="majorana", masses=["0.5"], sin2_theta14="0.02")
    assert dict(m1.origin)["file"] == "sterile_3p1.toml"
    m2 = load_model(str(EXAMPLES / "sterile_3p2.toml"))
    assert m2 == sterile_model("3+2", lightest="0.01", delta15=90) and m2.n == 5
    assert "sector" in m2.describe()["origin"]
    m3 = load_model(EXAMPLES / "nonunitary.toml")
    assert m3.n == 3 and m3.nature == "majorana" and not is_contraction(m3.mixing, 0)[1] > 1
    with mpmath.workdps(30):
        assert sum(abs(v) ** 2 for v in m3.mixing[0]) < 1
    # mapping with a [mixing] table
    m4 = load_model({"model": {"masses": ["0", "0.5"]},
                     "mixing": {"real": [[0.9, 0.1], [0, 0.9], [0, 0]], "imag": [[0, 0.1], [0, 0], [0, 0]]}})
    assert m4.n == 2 and m4.mixing[0][1] == mpmath.mpc("0.1", "0.1")
    assert load_model({"model": {"nature": "dirac", "lightest": "0.1"}}) == Model.from_preset(lightest="0.1")


def test_current_tables_pass_through_or_say_why():
    """[current] goes to Model(current=...) when Model has it (issue 13 part 2, H2), else a clear error."""
    import inspect
    data = {"model": {"nature": "majorana"}, "sterile": {"sector": "3+1"}, "current": {"V": 1, "A": 0}}
    if "current" not in inspect.signature(Model.__init__).parameters:
        with pytest.raises(InvalidOptionError, match="current"):
            load_model(data)
        return
    m = load_model(data)
    base = sterile_model("3+1", nature="majorana")
    assert m == Model("majorana", base.masses, base.mixing, current={"V": 1, "A": 0}) and m != base
    assert load_model({"current": {"V": 1, "A": 1}}) == Model.from_preset()  # the Standard Model current


# ----------------------------------------------------------------------------- (g) bad input
@pytest.mark.parametrize("call, error, text", [
    (lambda: nonunitary_model(mixing=[[1, "0.5", 0], [0, 1, 0], [0, 0, 1]]), InvalidParameterError,
     "not a contraction"),
    (lambda: nonunitary_model(eta=[[0, 1, 0], [0, 0, 0], [0, 0, 0]]), InvalidParameterError, "Hermitian"),
    (lambda: nonunitary_model(eta=[[0, 0], [0, 0]]), InvalidParameterError, "3 x 3 matrix"),
    (lambda: nonunitary_model(mixing=[[1, 0], [0, 1], [0, 0]]), InvalidParameterError, "needs masses"),
    (lambda: nonunitary_model(mixing=[[1, 0], [0, 1], [0, 0]], masses=[0]), InvalidParameterError, "one mass"),
    (lambda: nonunitary_model(), InvalidParameterError, "exactly one"),
    (lambda: mixing_from_angles(4, theta14=91), InvalidParameterError, "between 0 and 90"),
    (lambda: mixing_from_angles(4, sin2_theta14=-0.1), InvalidParameterError, "between 0 and 1"),
    (lambda: mixing_from_angles(4, theta14=1, sin2_theta14=0.1), InvalidParameterError, "not both"),
    (lambda: mixing_from_angles(4, delta34=10), InvalidParameterError, "delta13, delta14, delta24"),
    (lambda: mixing_from_angles(2), InvalidParameterError, "from 3 to 9"),
    (lambda: sterile_model(m4=-1), NusymError, "sterile mass m4"),
    (lambda: sterile_model(), InvalidParameterError, "sterile masses"),
    (lambda: sterile_model("3+7"), UnknownPresetError, "3+1, 3+2"),
    (lambda: sterile_model(m4=1, Ue4_sq="0.6", Umu4_sq="0.6"), InvalidParameterError, "exceeds 1"),
    (lambda: sterile_model(masses=[1, 2], Ue4_sq="0.1"), InvalidParameterError, "3+1 only"),
    (lambda: sterile_model(m4=1, Ue4_sq="0.1", theta14=3), InvalidParameterError, "not theta14"),
    (lambda: sterile_model(m4=1, delta13=3), InvalidParameterError, "active-sector"),
    (lambda: load_model({"modle": {}}), InvalidOptionError, "unknown table(s) [modle]"),
    (lambda: load_model({"sterile": {"masses": ["0.5"], "sin2_theta15": "0.1"}}), InvalidOptionError,
     "unknown key(s) 'sin2_theta15' in [sterile]"),
    (lambda: load_model({"sterile": {"masses": ["0.5"]}, "mixing": {"real": []}}), InvalidOptionError,
     "at most one"),
    (lambda: load_model({"mixing": {"real": [[1, 0], [0, 1]]}}), InvalidParameterError, "3 x n matrix"),
    (lambda: load_model({"mixing": {"real": [[1, 0], [0, 1], [0]]}, "model": {"masses": [0, 1]}}),
     InvalidParameterError, "rows of equal length"),
    (lambda: load_model({"model": {"masses": [0]}}), InvalidOptionError, "goes with [mixing]"),
    (lambda: load_model("no/such/file.toml"), InvalidOptionError, "does not exist"),
    (lambda: load_model(42), InvalidOptionError, "TOML file path"),
])
def test_bad_input_gives_clear_errors(call, error, text):
    with pytest.raises(error) as info:
        call()
    assert text in str(info.value)


def test_bad_toml_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[model\nnature = 1\n")
    with pytest.raises(InvalidOptionError, match="not valid TOML"):
        load_model(bad)
    rel = tmp_path / "m.toml"
    (tmp_path / "p.toml").write_text((EXAMPLES / "preset_minimal.toml").read_text())
    rel.write_text('[model]\npreset = "p.toml"\nlightest = "0.05"\n')
    assert load_model(rel).masses == Model.from_preset(str(tmp_path / "p.toml"), lightest="0.05").masses


# ----------------------------------------------------------------------------- the docs page
def test_beyond_page_code_and_numbers():
    """The Python block of docs/beyond.md runs, and its table's 1 um entry is what the package gives."""
    import re
    page = (EXAMPLES.parent / "beyond.md").read_text()
    exec(re.findall(r"```python\n(.*?)```", page, re.S)[0], {})
    m = sterile_model("3+1")
    rel = (nusym.potential("1um", "Fe-56", "Fe-56", model=m, dps=15)
           / nusym.potential("1um", "Fe-56", "Fe-56", model=Model.from_preset(), dps=15) - 1)
    assert "| Dirac | Fe-56 - Fe-56 | -1.326e-4 | " + mpmath.nstr(rel, 4, min_fixed=-1) + " |" in page
