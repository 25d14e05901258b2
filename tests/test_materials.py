"""Materials (nusym.materials): data, parsing, mean atoms, charges, and the potential between materials."""

import json
from fractions import Fraction

import mpmath
import numpy as np
import pytest

import nusym
from nusym.constants import constant
from nusym.errors import InvalidMaterialError, InvalidOptionError, InvalidSourceError, NusymError
from nusym.isotopes import atomic_weights, listed_isotopes, natural_compositions, natural_masses
from nusym.materials import (
    Component,
    Material,
    charges_per,
    element_density,
    material,
    material_from_mass_fractions,
    natural_composition,
    standard_atomic_weight,
)
from nusym.sources import Source, element_symbol, parse_source


# ----------------------------------------------------------------------------- data
def test_compositions_cover_natural_elements_and_sum_to_one():
    no_natural = {43, 61, 84, 85, 86, 87, 88, 89}
    assert set(natural_compositions()) == set(range(1, 93)) - no_natural
    for z, entries in natural_compositions().items():
        assert sum(Fraction(x) for _, x in entries) == 1, element_symbol(z)
        assert all(Fraction(x) > 0 for _, x in entries)
        assert all((z, n) in natural_masses() for n, _ in entries)
    assert sum(len(v) for v in natural_compositions().values()) == 289
    assert natural_composition("Be") == ((5, "1"),) and natural_composition(26)[1] == (30, "0.91754")


def test_atomic_weights_from_compositions_agree_with_ciaaw():
    """Sum of abundance x AME2020 mass = CIAAW 2021 standard atomic weight within its printed uncertainty."""
    worst = 0.0
    for z, (weight, unc) in atomic_weights().items():
        mean = material(element_symbol(z)).mean_exact("mass_u")
        dev = abs(mean - Fraction(weight)) / Fraction(unc)
        worst = max(worst, float(dev))
        assert dev <= 1, (element_symbol(z), float(mean), weight, unc)
    assert len(atomic_weights()) == 84 and 0.5 < worst < 0.6  # Ne: 0.58 of its uncertainty


def test_isotopes_csv_consistent_with_natural_table():
    """The older isotopes.csv (kept for single isotopes) agrees with the AME2020 table to 2e-8."""
    for (z, n), (mass, _) in listed_isotopes().items():
        if (z, n) in natural_masses():
            table = Fraction(natural_masses()[(z, n)][0])
            assert abs(Fraction(mass) / table - 1) < Fraction(2, 10**8), (z, n, mass, table)


def test_densities():
    assert element_density("W") == "19300" and element_density("Be") == "1848"
    assert element_density("O") is None and element_density("Hg") == "13546"
    assert material("Fe").density_kg_m3 == "7874" and material("Fe-56").density_kg_m3 is None
    assert material("SiO2").density_kg_m3 is None
    assert material("SiO2", density="2200.0").density_kg_m3 == "2200"
    assert standard_atomic_weight("H") == ("1.008", "0.0002")


# ----------------------------------------------------------------------------- parsing
@pytest.mark.parametrize("spec, n_atoms, z_mean", [
    ("SiO2", 3, Fraction(10)),
    ("H2O", 3, Fraction(10, 3)),
    ("CuBe2", 3, Fraction(29 + 8, 3)),
    ("Ca(OH)2", 5, Fraction(20 + 2 * 9, 5)),
    ("Al2O3", 5, Fraction(26 + 24, 5)),
    ("Mg3(Si4O10)(OH)2", 21, Fraction(36 + 56 + 96 + 2, 21)),
    ("Fe0.5Ni0.5", 1, Fraction(27)),
    ("((CH3)2)3", 24, Fraction(36 + 18, 24)),
    ("W", 1, Fraction(74)),
    ("formula:H2", 2, Fraction(1)),
    (" Si O2 ", 3, Fraction(10)),
])
def test_formulas(spec, n_atoms, z_mean):
    m = material(spec)
    assert m._sum("atoms") == n_atoms and m.mean_exact("Z") == z_mean
    assert m.atoms_per_formula(dps=20) == n_atoms


def test_case_sensitive_symbols():
    assert {c.Z for c in material("Co").components} == {27}
    assert {c.Z for c in material("CO").components} == {6, 8}


def test_single_isotope_material_is_the_old_source():
    for spec in ("Fe-56", "Z=26,N=30", "Fe56", "56Fe"):
        m = material(spec)
        assert m.components == (Component(26, 30, "1", "55.93493554", "AME2020"),)
        src = m.as_source()
        old = parse_source("Fe-56")
        assert (src.Z, src.N, src.mass_u, src.label) == (old.Z, old.N, old.mass_u, old.label)
        assert type(src.Z) is int and type(src.N) is int
    assert material(parse_source("Au-197")).components[0].mass_u == parse_source("Au-197").mass_u


def test_material_and_source_round_trip():
    m = material("SiO2", density=2650)
    src = m.as_source()
    assert src.material is m and material(src) is m and parse_source(m) == src
    assert material(m) is m and material(m, density=2200).density_kg_m3 == "2200"
    assert src.Z == 10 and isinstance(src.N, mpmath.mpf)
    with mpmath.workdps(1100):
        assert abs(src.N - mpmath.mpf(m.mean_exact("N").numerator) / m.mean_exact("N").denominator) \
            < mpmath.mpf(10) ** -1090


def test_mass_fractions_and_formula_agree():
    """CuBe2 by formula and by its own mass fractions: same mean atom to 1e-40."""
    formula = material("CuBe2")
    with mpmath.workdps(70):
        fr = {k: mpmath.nstr(mpmath.mpf(v.numerator) / v.denominator, 60)
              for k, v in formula.mass_fractions().items()}
        mixed = material_from_mass_fractions(fr)
        for key in ("Z", "N", "mass_u"):
            a, b = formula.mean_exact(key), mixed.mean_exact(key)
            assert abs(a - b) < Fraction(1, 10**40) * a, key
    # string, mapping and Decimal-string input give the same material
    a = material("mass:Cu=0.98,Be=0.02")
    b = material({"Cu": 0.98, "Be": 0.02})
    c = material_from_mass_fractions({"Cu": "0.98", "Be": "0.02"}, label="CuBe")
    assert a == b and a.components == c.components and c.label == "CuBe"
    assert abs(a.mass_fractions()["Be"] - Fraction(2, 100)) < Fraction(1, 10**55)  # atoms: 60 digits


def test_mass_fraction_mean_mass_independent_route():
    """Mean atomic mass of Cu 98 % / Be 2 % = 1 / sum(w / M) with CIAAW standard atomic weights."""
    m = material("mass:Cu=0.98,Be=0.02").mean_exact("mass_u")
    w_cu, u_cu = (Fraction(x) for x in standard_atomic_weight("Cu"))
    w_be, _ = (Fraction(x) for x in standard_atomic_weight("Be"))
    expected = 1 / (Fraction(98, 100) / w_cu + Fraction(2, 100) / w_be)
    assert abs(m - expected) < u_cu  # the Cu atomic weight dominates the uncertainty
    # compounds as components: quartz + alumina by mass
    mix = material("mass:SiO2=0.5,Al2O3=0.5")
    assert abs(float(mix.mass_fractions()["O"]) - (0.5 * 2 * 15.999 / 60.084 + 0.5 * 3 * 15.999 / 101.961)) < 1e-4


def test_numbers_per_kg_and_density():
    w = material("W")
    with mpmath.workdps(40):
        per_kg = 1 / (mpmath.mpf(w.mean_exact("mass_u").numerator) / w.mean_exact("mass_u").denominator
                      * constant("u_kg", 40))
        assert abs(w.atoms_per_kg(30) / per_kg - 1) < mpmath.mpf("1e-29")
        assert abs(w.number_density_m3(30) / (19300 * per_kg) - 1) < mpmath.mpf("1e-29")
    # Avogadro check: atoms per kg of C-12 = N_A / 0.012 kg (to the CODATA relation, 1e-9)
    # 1/(12 m_u) = N_A / (12 M_u) with M_u = 1.00000000105(31) g/mol (CODATA 2022), not exactly 1 g/mol
    assert abs(float(material("C-12").atoms_per_kg()) / (6.02214076e23 / 0.012) - 1) < 2e-9


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("spec, pattern", [
    ("Si(O2", "unbalanced '\\('"),
    ("SiO)2", "unbalanced '\\)'"),
    ("H0O", "must be positive"),
    ("", "empty formula"),
    ("sio2", "case-sensitive"),
    ("Xx", "unknown element symbol 'Xx'"),
    ("Si-O2", "cannot parse"),
    ("()", "empty parentheses"),
    ("Tc2O7", "no natural isotopic composition"),
    ("mass:Cu=0.5,Be=0.2", "sum to 0.7, not 1"),
    ("mass:Cu=a,Be=1", "must be a number"),
    ("mass:Cu=-1,Be=2", ">= 0"),
    ("mass:", "no mass fractions"),
    ("mass:Cu", "NAME=FRACTION"),
    ("mass:Cu=0.5,Cu=0.5", "given twice"),
    ("mass:Cu=1.0000011", "not 1"),
    ("mass:Qq=1", "unknown element symbol"),
])
def test_bad_materials(spec, pattern):
    with pytest.raises(InvalidMaterialError, match=pattern) as info:
        material(spec)
    assert isinstance(info.value, (InvalidSourceError, NusymError))
    with pytest.raises(InvalidSourceError):
        parse_source(spec)


def test_fractions_within_tolerance_are_accepted():
    cu = material("mass:Cu=0.9800005,Be=0.02").mass_fractions()["Cu"]
    assert abs(cu - Fraction("0.9800005") / Fraction("1.0000005")) < Fraction(1, 10**55)


@pytest.mark.parametrize("density", [-1, 0, "x", float("nan"), float("inf"), True])
def test_bad_density(density):
    with pytest.raises(InvalidMaterialError, match="density"):
        material("W", density=density)


@pytest.mark.parametrize("density", ["1e999999999", "1e-999999999", 10**400, "1e101", "1e-101"])
def test_absurd_density_is_refused_quickly(density):
    """Huge exponents would make exact decimal arithmetic explode; they are refused by range."""
    with pytest.raises(InvalidMaterialError, match=r"density \(kg/m\^3\) = .* is out of range"):
        material("W", density=density)


@pytest.mark.parametrize("spec", ["mass:Cu=1e-999999999,Be=1", "mass:Cu=1e999999999,Be=1",
                                  "mass:Cu=1e-101,Be=1"])
def test_absurd_mass_fractions_are_refused_quickly(spec):
    with pytest.raises(InvalidMaterialError, match="mass fraction of 'Cu' = .* is out of range"):
        material(spec)


def test_no_import_cycle_between_sources_and_materials():
    """materials and sources share nusym.isotopes; materials never imports sources."""
    import ast
    from pathlib import Path

    import nusym.materials

    tree = ast.parse(Path(nusym.materials.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "nusym.sources" not in imported and "nusym.isotopes" in imported
    for name in ("natural_composition", "element_density", "standard_atomic_weight"):
        assert name in nusym.materials.__all__ and callable(getattr(nusym.materials, name))


def test_missing_density_and_bad_options():
    with pytest.raises(InvalidMaterialError, match="has no density"):
        material("H2O").number_density_m3()
    with pytest.raises(InvalidOptionError, match="allowed: atom, kg, u"):
        charges_per("W", "mol")
    with pytest.raises(InvalidMaterialError):
        material(3.5)
    with pytest.raises(InvalidMaterialError):
        material_from_mass_fractions({})


# ----------------------------------------------------------------------------- charges
def test_charges_linear_in_components():
    """Per-atom Q of SiO2 = (Q(Si) + 2 Q(O)) / 3, each element computed separately."""
    from nusym.model import Model

    c = charges_per("SiO2", dps=25)
    si, o = charges_per("Si", dps=25), charges_per("O", dps=25)
    mpmath.mp.dps = 30  # restored by the autouse fixture of conftest.py
    for i in range(3):
        for j in range(3):
            assert abs(c.Q[i][j] - (si.Q[i][j] + 2 * o.Q[i][j]) / 3) < mpmath.mpf("1e-22")
    # Fe-56: the matrix of Eq. (5) as printed, 2 Z U_ei U*_ej - N delta_ij, and the NC/CC split
    u = Model.from_preset("segarra2020", ordering="normal").mixing
    q = [[2 * 26 * u[0][i] * mpmath.conj(u[0][j]) - (30 if i == j else 0) for j in range(3)] for i in range(3)]
    fe = charges_per("Fe-56", dps=25)
    assert all(abs(fe.Q[i][j] - q[i][j]) < mpmath.mpf("1e-22") for i in range(3) for j in range(3))
    assert fe.Q_nc == -30 and fe.Q_cc_e == 52 and fe.flavour == {"e": 22, "mu": -30, "tau": -30}
    # trace of Q = 2Z - 3N = Q^e + Q^mu + Q^tau (unitarity), for a material
    tr = sum(c.Q[i][i] for i in range(3))
    assert abs(tr - sum(c.flavour.values())) < mpmath.mpf("1e-22")


def test_charges_per_kg_and_per_u():
    a, kg, u = (charges_per("Be", per, dps=20) for per in ("atom", "kg", "u"))
    with mpmath.workdps(30):
        assert abs(kg.N / (a.N * a.atoms_per_kg) - 1) < mpmath.mpf("1e-18")
        assert abs(u.N * a.mass_u_per_atom - a.N) < mpmath.mpf("1e-18")
        assert abs(kg.Q[0][1] / u.Q[0][1] * constant("u_kg", 30) - 1) < mpmath.mpf("1e-18")
    # WEP: N per u differs between Be and Ti (that is the violation), and Z/A + N/A = 1
    ti = charges_per("Ti", "u", dps=20)
    assert abs(u.N - ti.N) > mpmath.mpf("0.01") and abs(u.Z_over_A + u.N_over_A - 1) < 1e-18
    with mpmath.workdps(30):
        assert abs(charges_per("Be").Z_over_A - mpmath.mpf(4) / 9) < mpmath.mpf("1e-29")


# ----------------------------------------------------------------------------- potential
def _pairwise(r, a, b, **kw):
    """sum over isotope pairs of x_a y_b V(isotope_a, isotope_b) (atom fractions x, y)."""
    ma, mb = material(a), material(b)
    na, nb = ma._sum("atoms"), mb._sum("atoms")
    total = None
    with mpmath.workdps(40):
        for ca in ma.components:
            for cb in mb.components:
                w = Fraction(ca.atoms) / na * Fraction(cb.atoms) / nb
                v = nusym.potential(r, f"Z={ca.Z},N={ca.N}", f"Z={cb.Z},N={cb.N}", **kw)
                v = [mpmath.mpf(w.numerator) / w.denominator * x for x in v]
                total = v if total is None else [s + x for s, x in zip(total, v, strict=True)]
    return total


@pytest.mark.parametrize("kw", [
    {},
    {"nature": "majorana", "lightest": "0.01", "alpha21": 30, "alpha31": 70, "ordering": "inverted"},
])
def test_potential_between_materials_equals_pairwise_sum(kw):
    """Mean-atom route = abundance-weighted sum of nusym.potential over 6 x 5 isotope pairs."""
    r = ["1um", "10um"]
    mean = nusym.potential(r, "SiO2", "W", dps=15, **kw)
    pair = _pairwise(r, "SiO2", "W", dps=15, **kw)
    for m_, p_ in zip(mean, pair, strict=True):
        assert abs(m_ / p_ - 1) < mpmath.mpf("1e-13"), (m_, p_)
    # the same through explicit Source / Material objects, and the double-precision path
    assert nusym.potential(r[0], material("SiO2"), parse_source("W"), dps=15, **kw) == mean[0]
    fast = nusym.potential(np.array([1e-6, 1e-5]), "SiO2", "W", dps=None, **kw)
    assert np.allclose(fast, [float(x) for x in mean], rtol=1e-11, atol=0)


def test_force_and_gravity_with_materials():
    f_mean = nusym.force("2um", "CuBe2", "Be", dps=15)
    fa = nusym.force("2um", "Cu", "Be", dps=15)
    fb = nusym.force("2um", "Be", "Be", dps=15)
    assert abs(f_mean / ((fa + 2 * fb) / 3) - 1) < mpmath.mpf("1e-13")
    g = nusym.gravity_potential("1um", "W", "W", dps=20)
    with mpmath.workdps(30):
        m = material("W").mass_u_per_atom(30) * constant("u_kg", 30)
        expected = -constant("G_N", 30) * m * m / mpmath.mpf("1e-6") / constant("e", 30)
        assert abs(g / expected - 1) < mpmath.mpf("1e-18")


def test_docs_examples_run_as_shown():
    """The >>> examples of docs/materials.md (doctest)."""
    import doctest
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "docs" / "materials.md"
    result = doctest.testfile(str(path), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10 and result.failed == 0


# ----------------------------------------------------------------------------- generator
def test_generator_reproduces_shipped_files():
    """Regenerate the data files from periodictable (build-time only) and compare."""
    pytest.importorskip("periodictable")
    from importlib import resources

    from nusym.data._make_isotopes import build

    for name, text in build().items():
        assert resources.files("nusym.data").joinpath(name).read_text(encoding="utf-8") == text, name


# ----------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("args, expect", [
    (["SiO2"], "# SiO2: Z = 10, N = 10.03904567 (mean atom of 6 isotopes)"),
    (["W"], "density 19300 kg/m^3"),
    (["CuBe2", "--per", "kg"], "# per kg: Z = 2.731618242e+26"),  # u_kg of CODATA 2022
    (["mass:Cu=0.98,Be=0.02"], "mean atomic mass 56.685783 u"),
    (["Fe-56"], "Q^e = 22, Q^mu = -30, Q^tau = -30"),
])
def test_cli_charges_materials(run_nusym, args, expect):
    proc = run_nusym("charges", *args)
    assert proc.returncode == 0, proc.stderr
    assert expect in proc.stdout


def test_cli_charges_json(run_nusym):
    proc = run_nusym("charges", "W", "--per", "u", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["Z"] == "74" and data["per"] == "u" and data["mass_u"] == "183.8417796"
    assert float(data["Z_over_A"]) + float(data["N_over_A"]) == pytest.approx(1, abs=1e-9)
    assert float(data["N_per_unit"]) == pytest.approx(109.8907 / 183.8417796, rel=1e-9, abs=0)
    assert len(data["components"]) == 5


@pytest.mark.parametrize("args", [["sio2"], ["mass:Cu=0.5"], ["SiO2", "--per", "mol"], ["Tc"],
                                  ["Si(O2"], ["W", "--digits", "0"]])
def test_cli_charges_bad_input(run_nusym, args):
    proc = run_nusym("charges", *args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("nusym: error: ") and proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_types_are_frozen():
    m = material("W")
    assert isinstance(m, Material) and isinstance(m.as_source(), Source)
    with pytest.raises(AttributeError):
        m.label = "x"  # type: ignore[misc]
