"""Source (atom) specifications."""

from decimal import Decimal
from pathlib import Path

import mpmath
import pytest

from nusym.constants import constant, constant_info
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
        assert abs(s.mass_eV(dps=30) / (120 * constant("u_eV", 30)) - 1) < mpmath.mpf("1e-28")
        assert abs(s.mass_kg(dps=30) / (120 * constant("u_kg", 30)) - 1) < mpmath.mpf("1e-28")


def test_elements_table():
    assert atomic_number("H") == 1 and atomic_number("og") == 118
    assert element_symbol(26) == "Fe" and element_symbol(92) == "U"
    from nusym.isotopes import element_tables
    by_symbol, by_z = element_tables()
    assert sorted(by_z) == list(range(1, 119)) and len(by_symbol) == 118


def test_ame2020_masses_and_semf_fallback():
    # AME2020 values typed here (Wang et al. 2021, massround.mas20): a stable isotope, two
    # radioactive ones that had the liquid-drop mass before the whole table was read
    assert parse_source("Xe-136").mass_u == "135.907214474"
    assert (parse_source("Xe-137").mass_u, parse_source("Xe-137").mass_source) == ("136.91155777", "AME2020")
    assert (parse_source("Co-60").mass_u, parse_source("Co-60").mass_source) == ("59.9338155", "AME2020")
    assert parse_source("Fe-69").mass_source == "AME2020 estimate (#)"  # estimated from trends
    # beyond the table: the semi-empirical formula, flagged
    s = parse_source("Xe-160")
    assert s.mass_source == "semi-empirical mass formula"
    assert parse_source("Og-300").mass_source == "semi-empirical mass formula"


def test_one_source_of_truth_for_masses():
    """Every mass comes from isotopes.csv (AME2020); natural_isotopes.csv carries none."""
    from nusym.isotopes import isotope_masses, listed_isotopes, natural_masses
    from nusym.resources import read_text
    from nusym.sources import isotope_mass
    for key, (mass, source) in listed_isotopes().items():
        assert isotope_mass(*key) == (mass, source)
    for key, (mass, unc) in natural_masses().items():
        assert isotope_masses()[key][:2] == (mass, unc)
    header = [ln for ln in read_text("natural_isotopes.csv").splitlines() if not ln.startswith("#")][0]
    assert header == "Z,N,symbol,abundance,ciaaw"
    assert natural_masses()[(82, 126)] == ("207.976652", "0.0000012")  # Pb-208, AME2020
    assert isotope_mass(50, 70) == (natural_masses()[(50, 70)][0], "AME2020")
    assert isotope_mass(50, 110)[1] == "semi-empirical mass formula"


def test_isotope_table_covers_ame2020():
    """3557 nuclides: the 2939 of the rounded table (453 AME2020 estimates '#') and 618 from
    mass.mas20 (555 estimates), Z = 1..118, symbols as elements.toml, each with a source; the
    uncertainties are positive except for C-12 (exact)."""
    from collections import Counter
    from fractions import Fraction

    from nusym.isotopes import element_tables, isotope_masses
    table = isotope_masses()
    assert len(table) == 3557 and {z for z, _ in table} == set(range(1, 119))
    assert Counter(s for _, _, s in table.values()) == {
        "AME2020": 2485, "AME2020 estimate (#)": 453, "AME2020 mass.mas20": 63,
        "AME2020 mass.mas20 estimate (#)": 555, "exact (definition of the unified atomic mass unit)": 1}
    assert table[(6, 6)] == ("12", "0", "exact (definition of the unified atomic mass unit)")
    for (z, n), (mass, unc, _) in table.items():
        assert (Fraction(unc) > 0) != ((z, n) == (6, 6))
        assert abs(Fraction(mass) - (z + n)) < Fraction(1, 2) * (1 + (z + n) // 100)
    from nusym.resources import read_text
    by_z = element_tables()[1]
    for line in read_text("isotopes.csv").splitlines()[1:]:
        if not line.startswith(("#", "Z,")):
            z_text, _, symbol = line.split(",")[:3]
            assert by_z[int(z_text)] == symbol


def test_semf_accuracy_against_table():
    """Liquid drop against AME2020: 4e-3 for the stable isotopes with A < 12, 3e-4 for the
    stable ones with A >= 12, 2.1e-2 (A < 12; the unbound Li-3, 7.1e-3 without it) and 2.6e-3
    (A >= 12) over the whole table."""
    from nusym.isotopes import isotope_masses, natural_masses
    for (Z, N), (mass, _, _) in isotope_masses().items():
        rel = abs(semf_mass_u(Z, N) / float(mass) - 1)
        if (Z, N) in natural_masses():
            assert rel < (4e-3 if Z + N < 12 else 3e-4), (Z, N, rel)
        if Z + N < 12:
            assert rel < (2.1e-2 if (Z, N) == (3, 0) else 7.1e-3), (Z, N, rel)
        else:
            assert rel < 2.6e-3, (Z, N, rel)


# ----------------------------------------------------------------------------- AME2020 mass.mas20
#: the full AME2020 table, vendored in the repository and the sdist (data-sources/README.md)
MASS_MAS20 = Path(__file__).resolve().parent.parent / "data-sources" / "ame2020" / "mass.mas20"


def _read_mass_mas20_by_words():
    """(Z, A) -> (symbol, atomic mass in u, uncertainty in u, estimated, half a unit of the
    last printed digit of the mass in u) from mass.mas20, read by words (an independent
    route from the column reader of nusym/data/_make_isotopes.py): after the control
    character, a line starts N-Z N Z A symbol and ends with the atomic mass as
    '<u> <micro-u>' and its uncertainty in micro-u ('#' for the decimal point: an
    estimate)."""
    from fractions import Fraction

    if not MASS_MAS20.is_file():
        pytest.skip("data-sources/ame2020/mass.mas20 not present")
    lines = MASS_MAS20.read_text(encoding="ascii").splitlines()
    start = [i for i, line in enumerate(lines) if "(micro-u)" in line]
    assert len(start) == 1
    table = {}
    for line in lines[start[0] + 1:]:
        if not line.strip():
            continue
        words, tail = line[1:].split(), line.split()[-3:]
        nz, n, z, a = (int(w) for w in words[:4])
        assert nz == n - z and a == n + z
        estimated = tail[1].endswith("#")
        assert estimated == tail[2].endswith("#")
        mass = int(tail[0]) + Fraction(tail[1].rstrip("#")) / 10**6
        digits = len(tail[1].rstrip("#").partition(".")[2])
        table[(z, a)] = (words[4], mass, Fraction(tail[2].rstrip("#")) / 10**6, estimated,
                         Fraction(1, 2 * 10 ** (6 + digits)))
    return table


def test_every_ame2020_nuclide_has_its_ame2020_mass():
    """All 3558 nuclides of mass.mas20 but the neutron have their AME2020 mass in nusym: the
    unrounded value where the rounded table (massround) lacks it, else the rounded one, which
    agrees with mass.mas20 to the rounding of both (half a unit of the last printed digit of
    each; at most 0.27 sigma in fact), and so do the uncertainties; the '#' flags agree."""
    from fractions import Fraction

    from nusym.isotopes import isotope_masses
    table = _read_mass_mas20_by_words()
    assert len(table) == 3558 and min(table) == (0, 1) and max(table) == (118, 295)
    assert set(isotope_masses()) == {(z, a - z) for z, a in table if z >= 1}

    def half_unit(*texts: str) -> Fraction:  # half a unit of the finer last printed digit
        exponents = [Decimal(t).normalize().as_tuple().exponent for t in texts]
        return Fraction(1, 2) * Fraction(10) ** min(e for e in exponents if isinstance(e, int))

    counts: dict[str, int] = {}
    for (z, a), (symbol, mass, unc, estimated, printed) in table.items():
        if z == 0:  # the neutron: a constant (CODATA 2022), agreeing with AME2020 within 1 sigma
            info = constant_info("m_n_u")
            m_n, m_n_unc = Fraction(info.value), Fraction(info.uncertainty or "0")
            assert abs(m_n - mass) < max(unc, m_n_unc)
            continue
        s = parse_source(f"Z={z},N={a - z}")
        assert s.label == f"{symbol}-{a}" and s.mass_source.startswith(("AME2020", "exact"))
        assert s.mass_source.endswith("estimate (#)") == estimated, (z, a, s.mass_source)
        nu_mass, nu_unc, source = isotope_masses()[(z, a - z)]
        assert source == s.mass_source and nu_mass == s.mass_u
        if source.startswith("AME2020 mass.mas20"):
            assert (Fraction(nu_mass), Fraction(nu_unc)) == (mass, unc), (z, a)
        else:
            tol = half_unit(nu_mass, nu_unc) + printed if (z, a) != (6, 12) else 0
            assert abs(Fraction(nu_mass) - mass) <= tol, (z, a, nu_mass, mass)
            assert abs(Fraction(nu_unc) - unc) <= tol, (z, a, nu_unc, unc)
        counts[source] = counts.get(source, 0) + 1
    assert counts["AME2020 mass.mas20"] + counts["AME2020 mass.mas20 estimate (#)"] == 618


def test_exotic_ame2020_masses_typed_from_mass_mas20():
    """Spot values typed from data-sources/ame2020/mass.mas20 (atomic mass column, micro-u):
    nuclides that only the full table carries, measured and estimated ('#')."""
    expected = {
        "O-11": ("11.051249828", "0.000064453", "AME2020 mass.mas20"),      # 11 051249.828 64.453
        "Xe-108": ("107.954232285", "0.000407406", "AME2020 mass.mas20"),   # 107 954232.285 407.406
        "Pb-180": ("179.997916177", "0.000013306", "AME2020 mass.mas20"),   # 179 997916.177 13.306
        "U-216": ("216.024762829", "0.000030158", "AME2020 mass.mas20"),    # 216 024762.829 30.158
        "Li-3": ("3.030775", "0.002147", "AME2020 mass.mas20 estimate (#)"),  # 3 030775# 2147#
        "Og-295": ("295.216178", "0.000703", "AME2020 mass.mas20 estimate (#)"),  # 295 216178# 703#
    }
    from nusym.isotopes import isotope_masses
    for spec, (mass, unc, source) in expected.items():
        s = parse_source(spec)
        assert (s.mass_u, s.mass_source) == (mass, source), spec
        assert isotope_masses()[(s.Z, s.N)] == (mass, unc, source), spec


def test_nuclide_absent_from_ame2020_gets_flagged_liquid_drop():
    """Sn-200 and Fe-86 are not in AME2020 (it lists Sn up to A = 140, Fe up to 76): the
    semi-empirical formula, flagged, within 2 % of the mass number (a sanity bound)."""
    from nusym.isotopes import isotope_masses
    for spec, (z, n) in {"Sn-200": (50, 150), "Fe-86": (26, 60)}.items():
        assert (z, n) not in isotope_masses()
        s = parse_source(spec)
        assert s.mass_source == "semi-empirical mass formula" and s.mass_u == repr(semf_mass_u(z, n))
        assert abs(float(s.mass_u) / (z + n) - 1) < 0.02
    if MASS_MAS20.is_file():
        table = _read_mass_mas20_by_words()
        assert max(a for z, a in table if z == 50) == 140 and max(a for z, a in table if z == 26) == 76


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
    assert parse_source("Tc-99").mass_source == "AME2020"


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
