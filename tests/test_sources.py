"""Source (atom) specifications."""

import mpmath
import pytest

from nusym.constants import constant
from nusym.errors import InvalidSourceError
from nusym.sources import Source, atomic_number, element_symbol, parse_source, semf_mass_u


@pytest.mark.parametrize("spec", ["Fe-56", "56Fe", "Fe56", "fe-56", "FE56", "56fe", " Fe - 56 ",
                                  "Z=26,N=30", "Z = 26 , N = 30", "z=26,n=30"])
def test_iron_forms(spec):
    s = parse_source(spec)
    assert (s.Z, s.N, s.A, s.label) == (26, 30, 56, "Fe-56")
    assert s.mass_u == "55.93493554" and s.mass_source == "AME2020"


def test_source_returned_unchanged():
    s = parse_source("Au-197")
    assert parse_source(s) is s


def test_atoms_and_masses():
    s = parse_source("C-12", atoms=10)
    assert s.atoms == 10 and s.mass_u == "12"
    with mpmath.workdps(30):
        assert s.mass_eV(dps=30) == 120 * constant("u_eV", 30)
        assert abs(s.mass_kg(dps=30) / (120 * constant("u_kg", 30)) - 1) < mpmath.mpf("1e-28")


def test_elements_table():
    assert atomic_number("H") == 1 and atomic_number("og") == 118
    assert element_symbol(26) == "Fe" and element_symbol(92) == "U"
    from nusym.isotopes import element_tables
    by_symbol, by_z = element_tables()
    assert sorted(by_z) == list(range(1, 119)) and len(by_symbol) == 118


def test_semf_fallback():
    # Xe-136 is in natural_isotopes.csv (AME2020); Xe-137 (beta-unstable) is not
    assert parse_source("Xe-136").mass_u == "135.907214474"
    s = parse_source("Xe-137")
    assert s.mass_source == "semi-empirical mass formula"
    assert abs(float(s.mass_u) / 136.911557 - 1) < 1e-3   # AME2020 136.91155777(11)


def test_isotope_mass_lookup_order():
    """isotopes.csv first, then natural_isotopes.csv, then the semi-empirical formula."""
    from nusym.isotopes import listed_isotopes, natural_masses
    from nusym.sources import isotope_mass
    for key, (mass, source) in listed_isotopes().items():
        assert isotope_mass(*key) == (mass, source)
    assert isotope_mass(50, 70) == (natural_masses()[(50, 70)][0], "AME2020")
    assert isotope_mass(50, 90)[1] == "semi-empirical mass formula"


def test_semf_accuracy_against_table():
    from nusym.isotopes import listed_isotopes
    for (Z, N), (mass, _) in listed_isotopes().items():
        rel = abs(semf_mass_u(Z, N) / float(mass) - 1)
        assert rel < (4e-3 if Z + N <= 4 else 3e-4), (Z, N, rel)


@pytest.mark.parametrize("spec, pattern", [
    ("Xx-56", "unknown element symbol"),
    ("Fe-20", "smaller than Z"),
    ("Z=0,N=1", "outside 1..118"),
    ("Z=119,N=200", "outside 1..118"),
    ("Z=26,N=-1", "must be >= 0"),
    ("iron", "cannot parse"),
    ("", "cannot parse"),
    ("fe", "case-sensitive"),
    ("Fe-56-2", "cannot parse"),
    ("Z=26", "cannot parse"),
    ("Fe--56", "cannot parse"),
])
def test_errors(spec, pattern):
    with pytest.raises(InvalidSourceError, match=pattern) as info:
        parse_source(spec)
    assert "accepted forms" in str(info.value) or "Z = 0" in str(info.value)


def test_element_without_natural_composition():
    with pytest.raises(InvalidSourceError, match="Tc .Z = 43. has no natural isotopic composition; give an isotope"):
        parse_source("Tc")
    assert parse_source("Tc-99").mass_source == "semi-empirical mass formula"


@pytest.mark.parametrize("atoms", [0, -1, float("nan"), "x", True])
def test_bad_atoms(atoms):
    with pytest.raises(InvalidSourceError):
        parse_source("Fe-56", atoms=atoms)


@pytest.mark.parametrize("spec, Z, N", [("Fe56", 26, 30), ("FE56", 26, 30), ("H2", 1, 1), ("C13", 6, 7),
                                        ("Fe 56", 26, 30), ("56-Fe", 26, 30)])
def test_joined_isotope_form_kept(spec, Z, N):
    """'Fe56'/'H2' stay isotopes (A >= Z), as before materials existed."""
    s = parse_source(spec)
    assert (s.Z, s.N) == (Z, N) and s.material is None


@pytest.mark.parametrize("spec, label", [("O2", "O2"), ("CO2", "CO2"), ("SiO2", "SiO2"), ("Fe", "Fe"),
                                         ("formula:H2", "H2"), ("Co2", "Co2"), ("Fe12", "Fe12")])
def test_formulas_are_materials(spec, label):
    """Anything not an isotope form (or with A < Z) is a formula: mean atom of the material."""
    s = parse_source(spec)
    assert s.label == label and s.material is not None and s.atoms == 1


def test_material_sources_and_atoms():
    w = parse_source("W")
    assert w.Z == 74 and 109.8 < w.N < 109.9 and w.mass_source == "AME2020"
    assert parse_source("W", atoms=1000).atoms == 1000
    mix = parse_source({"Cu": 0.98, "Be": 0.02})
    assert mix.label == "mass:Cu=0.98,Be=0.02"
    assert parse_source(mix) is mix


def test_non_string():
    with pytest.raises(InvalidSourceError):
        parse_source(56)  # type: ignore[arg-type]


def test_frozen():
    s = parse_source("Pb-208")
    assert isinstance(s, Source)
    with pytest.raises(AttributeError):
        s.Z = 1  # type: ignore[misc]


@pytest.mark.parametrize("spec, pattern", [
    ("Z=26,N=" + "9" * 400, r"N = 9999999999\.\.\.9999 \(400 characters\) is outside 0\.\.400"),
    ("Z=26,N=" + "9" * 5000, r"is outside 0\.\.400"),      # beyond int()'s digit limit
    ("Z=26,N=401", "N = 401 is outside 0..400"),
    ("Z=" + "9" * 400 + ",N=1", r"Z = 9999999999.* is outside 1\.\.118"),
    ("Z=-" + "9" * 400 + ",N=1", r"Z = -9999999999.* is outside 1\.\.118"),
    ("Z=26,N=-" + "9" * 400, "is outside 0..400"),
    ("Z=-5,N=3", "Z = -5 is outside 1..118"),
    ("Z=+26,N=+30000", "N = 30000 is outside 0..400"),
    ("Fe-" + "9" * 400, "mass number A = .* is too large"),
    ("Fe" + "9" * 400, "mass number A = .* is too large"),
    ("9" * 400 + "Fe", "mass number A = .* is too large"),
    ("Fe-99999", "N = 99973 is outside 0..400"),
    ("Z=nan,N=30", "Z and N must be whole numbers, got Z = 'nan'"),
    ("Z=26,N=inf", "whole numbers"),
    ("Z=26.5,N=30", "whole numbers"),
    ("Z=1e3,N=2", "whole numbers"),
])
def test_absurd_isotopes_are_refused_clearly(spec, pattern):
    """Huge, negative or non-numeric Z, N, A: an InvalidSourceError naming the bound, never
    OverflowError or Python's integer-digit-limit ValueError."""
    with pytest.raises(InvalidSourceError, match=pattern) as info:
        parse_source(spec)
    assert type(info.value) is InvalidSourceError
    assert "accepted forms" in str(info.value) and len(str(info.value)) < 700


def test_largest_allowed_isotope_has_a_mass():
    s = parse_source("Z=118,N=400")
    assert s.label == "Og-518" and s.mass_source == "semi-empirical mass formula"
    assert 0 < float(s.mass_u) < 600


def test_semf_validates_its_arguments():
    with pytest.raises(InvalidSourceError, match="outside 0..400"):
        semf_mass_u(26, 10**400)
    with pytest.raises(InvalidSourceError, match="whole number"):
        semf_mass_u(26, 30.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("atoms", [10**400, "1e400", float("inf"), float("-inf"), "nan", None, [1]])
def test_absurd_atoms(atoms):
    with pytest.raises(InvalidSourceError, match="atoms must be a positive, finite number"):
        parse_source("Fe-56", atoms=atoms)


def test_public_names_still_importable_from_sources():
    """The names moved to nusym.isotopes are re-exported by nusym.sources (the same objects)."""
    import nusym.isotopes as iso
    import nusym.sources as src
    for name in src.__all__:
        assert hasattr(src, name), name
    for name in ("Source", "atomic_number", "element_symbol", "semf_mass_u", "isotope_mass",
                 "isotope_numbers"):
        assert getattr(src, name) is getattr(iso, name)
