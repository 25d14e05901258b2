"""Elements, isotopes and atoms: the tables and the :class:`Source` type shared by
:mod:`nusym.sources` and :mod:`nusym.materials`.

The weak charges of a neutral atom depend only on its Z and N (Eq. (5) of
Segarra & Bernabeu 2020); masses are needed only for the gravitational
comparison.  This module reads, lazily and once, the data files of
``nusym/data/`` (see its README): element symbols (``elements.toml``), the
atomic mass of every nuclide of AME2020 (``isotopes.csv``, the one source of
isotope masses), every stable and primordial isotope with its natural abundance
(``natural_isotopes.csv``, CIAAW 2021), standard atomic weights
(``atomic_weights.csv``) and element densities
(``densities.csv``); it parses single-isotope specifications
(:func:`isotope_numbers`) and builds the :class:`Source` of one isotope
(:func:`isotope_source`).

It imports nothing above the foundation layer: :mod:`nusym.materials` imports it,
:mod:`nusym.sources` imports both (docs/dev/layers.md).

>>> atomic_number("fe"), element_symbol(26), isotope_numbers("56Fe")
(26, 'Fe', (26, 30))
>>> isotope_source(26, 30).label, isotope_mass(26, 30)
('Fe-56', ('55.93493554', 'AME2020'))
>>> natural_composition("C")
((6, '0.9894'), (7, '0.0106'))
"""

from __future__ import annotations

import csv
import functools
import io
import operator
import re
from dataclasses import dataclass, field
from typing import Any

import mpmath

from nusym.constants import constant, constant_float
from nusym.errors import InvalidMaterialError, InvalidSourceError
from nusym.resources import load_toml, read_text

__all__ = [
    "Source",
    "SOURCE_FORMS",
    "MAX_Z",
    "MAX_N",
    "element_tables",
    "atomic_number",
    "element_symbol",
    "element_z",
    "listed_isotopes",
    "isotope_masses",
    "natural_compositions",
    "natural_masses",
    "element_densities",
    "atomic_weights",
    "natural_composition",
    "element_density",
    "standard_atomic_weight",
    "semf_mass_u",
    "isotope_mass",
    "isotope_numbers",
    "check_isotope",
    "isotope_source",
]

#: what a source specification may look like (quoted in error messages)
SOURCE_FORMS = ("accepted forms: 'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30' "
                "for an isotope; an element or formula such as 'W', 'SiO2', 'Ca(OH)2' (symbols "
                "case-sensitive); or mass fractions 'mass:Cu=0.98,Be=0.02'")
#: largest atomic number (the element table, ``elements.toml``)
MAX_Z = 118
#: largest neutron number accepted for an isotope (the heaviest known nuclei have N < 180;
#: the bound keeps the semi-empirical mass formula and the digits of Z, N finite)
MAX_N = 400


# ----------------------------------------------------------------------------- tables
def _read_csv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in read_text(name).splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@functools.cache
def element_tables() -> tuple[dict[str, int], dict[int, str]]:
    """(lower-case symbol -> Z, Z -> symbol) for Z = 1..118, from ``elements.toml`` (IUPAC).

    The dictionaries are shared: do not mutate them.

    >>> by_symbol, by_z = element_tables()
    >>> by_symbol["og"], by_z[1]
    (118, 'H')
    """
    table = load_toml("elements.toml")["Z"]
    by_symbol = {sym.lower(): int(z) for sym, z in table.items()}
    by_z = {int(z): sym for sym, z in table.items()}
    return by_symbol, by_z


@functools.cache
def isotope_masses() -> dict[tuple[int, int], tuple[str, str, str]]:
    """(Z, N) -> (atomic mass in u, its uncertainty in u, source) of every nuclide in
    ``isotopes.csv``: all of AME2020 but the neutron (Wang et al., Chinese Phys. C 45,
    030003 (2021)), the one source of isotope masses.  ``source`` is ``"AME2020"`` (the
    rounded published table), ``"AME2020 mass.mas20"`` (the full table, for the 618
    exotic nuclides the rounded one as shipped by periodictable lacks), either followed
    by ``" estimate (#)"`` for a value AME2020 estimates from systematic trends, or, for
    C-12, exact.

    >>> isotope_masses()[(27, 33)]
    ('59.9338155', '0.0000004', 'AME2020')
    >>> isotope_masses()[(8, 3)]
    ('11.051249828', '0.000064453', 'AME2020 mass.mas20')
    >>> len(isotope_masses())
    3557
    """
    return {(int(r["Z"]), int(r["N"])): (r["mass_u"], r["mass_uncertainty_u"], r["source"])
            for r in _read_csv("isotopes.csv")}


@functools.cache
def listed_isotopes() -> dict[tuple[int, int], tuple[str, str]]:
    """(Z, N) -> (atomic mass in u, where it came from) of every nuclide in ``isotopes.csv``
    (AME2020; :func:`isotope_masses` adds the uncertainties)."""
    return {key: (mass, source) for key, (mass, _, source) in isotope_masses().items()}


@functools.cache
def natural_compositions() -> dict[int, tuple[tuple[int, str], ...]]:
    """Z -> ((N, amount fraction), ...) from ``natural_isotopes.csv`` (CIAAW 2021)."""
    out: dict[int, list[tuple[int, str]]] = {}
    for row in _read_csv("natural_isotopes.csv"):
        out.setdefault(int(row["Z"]), []).append((int(row["N"]), row["abundance"]))
    return {z: tuple(v) for z, v in out.items()}


@functools.cache
def natural_masses() -> dict[tuple[int, int], tuple[str, str]]:
    """(Z, N) -> (mass in u, uncertainty in u) of the isotopes of ``natural_isotopes.csv``,
    taken from ``isotopes.csv`` (AME2020; the one table of masses).

    >>> natural_masses()[(82, 126)]
    ('207.976652', '0.0000012')
    """
    masses = isotope_masses()
    return {(z, n): masses[(z, n)][:2] for z, entries in natural_compositions().items()
            for n, _ in entries}


@functools.cache
def element_densities() -> dict[int, tuple[str, str]]:
    """Z -> (density in kg/m^3, note) from ``densities.csv`` (CRC Handbook)."""
    return {int(r["Z"]): (r["density_kg_m3"], r["note"]) for r in _read_csv("densities.csv")}


@functools.cache
def atomic_weights() -> dict[int, tuple[str, str]]:
    """Z -> (standard atomic weight, uncertainty) from ``atomic_weights.csv`` (CIAAW 2021)."""
    return {int(r["Z"]): (r["atomic_weight"], r["uncertainty"])
            for r in _read_csv("atomic_weights.csv")}


# ----------------------------------------------------------------------------- elements
def atomic_number(symbol: str) -> int:
    """Z of an element symbol (case-insensitive).

    >>> atomic_number("au")
    79
    """
    try:
        return element_tables()[0][symbol.strip().lower()]
    except (KeyError, AttributeError):
        raise InvalidSourceError(f"unknown element symbol {symbol!r}; {SOURCE_FORMS}") from None


def element_symbol(Z: int) -> str:
    """IUPAC symbol of element ``Z`` (1..118).

    >>> element_symbol(82)
    'Pb'
    """
    try:
        return element_tables()[1][Z]
    except (KeyError, TypeError):
        raise InvalidSourceError(f"atomic number Z = {Z} is outside 1..{MAX_Z}") from None


def element_z(symbol_or_Z: str | int) -> int:
    """Z of an element given by its symbol or by Z itself (validated, 1..118).

    >>> element_z("Cu"), element_z(29)
    (29, 29)
    """
    if isinstance(symbol_or_Z, bool):
        raise InvalidMaterialError(f"expected an element symbol or Z, got {symbol_or_Z!r}")
    if isinstance(symbol_or_Z, int):
        element_symbol(symbol_or_Z)  # validates 1..118
        return symbol_or_Z
    return atomic_number(str(symbol_or_Z))


def natural_composition(symbol_or_Z: str | int) -> tuple[tuple[int, str], ...]:
    """((N, amount fraction), ...) of a natural element (CIAAW 2021, sums to exactly 1).

    >>> natural_composition("Be")
    ((5, '1'),)
    >>> natural_composition("Tc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMaterialError: element Tc (Z = 43) has no natural isotopic composition; give an ...
    """
    Z = element_z(symbol_or_Z)
    try:
        return natural_compositions()[Z]
    except KeyError:
        sym = element_symbol(Z)
        raise InvalidMaterialError(
            f"element {sym} (Z = {Z}) has no natural isotopic composition; give an isotope "
            f"'{sym}-A' with its mass number A") from None


def element_density(symbol_or_Z: str | int) -> str | None:
    """Density in kg/m^3 (decimal string) of a natural element solid or liquid at room
    temperature (CRC Handbook, 80th ed.), ``None`` for gases and unlisted elements.

    >>> element_density("Fe"), element_density("N")
    ('7874', None)
    """
    entry = element_densities().get(element_z(symbol_or_Z))
    return entry[0] if entry else None


def standard_atomic_weight(symbol_or_Z: str | int) -> tuple[str, str]:
    """Abridged standard atomic weight and its uncertainty (CIAAW 2021), decimal strings.

    >>> standard_atomic_weight("Cu")
    ('63.546', '0.003')
    """
    Z = element_z(symbol_or_Z)
    try:
        return atomic_weights()[Z]
    except KeyError:
        raise InvalidMaterialError(f"element Z = {Z} has no standard atomic weight") from None


# ----------------------------------------------------------------------------- masses
@functools.cache
def _semf_parameters() -> tuple[float, ...]:
    """(aV, aS, aC, aA, aP) in MeV, m(1H) and m_n in u, u in MeV, from the data files."""
    c = load_toml("models.toml")["semf"]
    coeffs = tuple(float(c[k]) for k in ("a_volume", "a_surface", "a_coulomb", "a_asymmetry",
                                         "a_pairing"))
    m_h = float(listed_isotopes()[(1, 0)][0])
    return coeffs + (m_h, constant_float("m_n_u"), constant_float("u_eV") * 1e-6)


def semf_mass_u(Z: int, N: int) -> float:
    """Atomic mass in u from the semi-empirical (Bethe-Weizsaecker) mass formula.

    M = Z m(1H) + N m_n - B(Z, A)/c^2 with B the liquid-drop binding energy
    (electron binding neglected); coefficients and their source in
    ``nusym/data/models.toml``, m(1H) from ``isotopes.csv``, m_n and u (CODATA 2022) from
    ``constants.toml``.  Accuracy, checked against the 3557 AME2020 masses of
    ``isotopes.csv`` (``tests/test_sources.py``): below 4e-3 relative for the stable
    isotopes with A < 12 and 3e-4 for those with A >= 12; over the whole table up to
    2.1e-2 (A < 12: the unbound Li-3; 7.1e-3 for the others) and 2.6e-3 (A >= 12,
    light nuclei far from stability) -- ample for the gravitational comparison, and
    irrelevant for the weak charges, which use only Z and N.  It is used only for
    nuclides AME2020 does not list.  Z and N must lie in 1..118 and 0..400
    (:func:`check_isotope`).

    >>> abs(semf_mass_u(26, 30) / 55.93493554 - 1) < 3e-4
    True
    """
    check_isotope(Z, N)
    a_v, a_s, a_c, a_a, a_p, m_h, m_n, u_mev = _semf_parameters()
    A = Z + N
    if A <= 1:
        return m_h if Z == 1 else m_n
    B = (a_v * A - a_s * A ** (2 / 3) - a_c * Z * (Z - 1) / A ** (1 / 3)
         - a_a * (A - 2 * Z) ** 2 / A)
    if Z % 2 == 0 and N % 2 == 0:
        B += a_p / A ** 0.5
    elif Z % 2 == 1 and N % 2 == 1:
        B -= a_p / A ** 0.5
    return Z * m_h + N * m_n - B / u_mev


def isotope_mass(Z: int, N: int) -> tuple[str, str]:
    """Atomic mass in u (decimal string) of the isotope (Z, N) and where it came from.

    Every nuclide AME2020 lists (all are in ``isotopes.csv``) has its AME2020 mass
    (source ``"AME2020"``, or ``"AME2020 mass.mas20"`` for the exotic nuclides taken
    from the full table, either followed by ``" estimate (#)"`` where AME2020 gives a
    value estimated from systematic trends); any other (Z, N) gets the
    semi-empirical mass formula (:func:`semf_mass_u`), with the source
    ``"semi-empirical mass formula"``.

    >>> isotope_mass(26, 30), isotope_mass(27, 33)
    (('55.93493554', 'AME2020'), ('59.9338155', 'AME2020'))
    >>> isotope_mass(26, 43)[1], isotope_mass(26, 60)[1]
    ('AME2020 estimate (#)', 'semi-empirical mass formula')
    """
    listed = listed_isotopes().get((Z, N))
    if listed is not None:
        return listed
    return repr(semf_mass_u(Z, N)), "semi-empirical mass formula"


# ----------------------------------------------------------------------------- atoms
@dataclass(frozen=True)
class Source:
    """A body made of ``atoms`` neutral atoms with ``Z`` protons and ``N`` neutrons.

    ``mass_u`` is the atomic mass in u (decimal string) and ``mass_source``
    says where it came from ("AME2020...", "exact ..." or "semi-empirical mass
    formula").  For a material (:mod:`nusym.materials`) the source is one mean
    atom: ``Z`` and ``N`` are the means per atom, ``int`` when integral and
    otherwise an mpmath ``mpf`` carrying 1200 significant digits of the exact
    rational mean (more than any precision nusym evaluates at), ``mass_u`` the
    mean atomic mass, and ``material`` the :class:`nusym.materials.Material`
    it came from.  Build one with :func:`nusym.sources.parse_source`.
    """

    label: str
    Z: Any
    N: Any
    atoms: Any = 1
    mass_u: str = ""
    mass_source: str = ""
    material: Any = field(default=None, compare=False, repr=False)

    @property
    def A(self) -> Any:
        """Mass number Z + N."""
        return self.Z + self.N

    def mass_kg(self, dps: int | None = None) -> Any:
        """Mass of one atom times ``atoms`` in kg (mpf)."""
        return self._mass("u_kg", dps)

    def mass_eV(self, dps: int | None = None) -> Any:
        """Mass of one atom times ``atoms`` in eV (mpf).

        >>> mpmath.nstr(isotope_source(6, 6).mass_eV(), 12)
        '11177929244.6'
        """
        return self._mass("u_eV", dps)

    def _mass(self, unit: str, dps: int | None) -> Any:
        if dps is None:
            dps = mpmath.mp.dps
        with mpmath.workdps(dps + 10):
            x = mpmath.mpf(self.mass_u) * mpmath.mpf(self.atoms) * constant(unit, dps + 10)
        with mpmath.workdps(dps):
            return +x


def _show(value: Any, limit: int = 24) -> str:
    """A number (or a spec) for an error message, shortened when it is very long."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:10]}...{text[-4:]} ({len(text)} characters)"


def check_isotope(Z: Any, N: Any, text: Any = None) -> tuple[int, int]:
    """Validate an isotope: integers with 1 <= Z <= 118 and 0 <= N <= 400 (:data:`MAX_N`).

    ``text`` is the specification quoted in the error message.

    >>> check_isotope(26, 30)
    (26, 30)
    >>> check_isotope(26, 10**400, "Z=26,N=1e400")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidSourceError: source 'Z=26,N=1e400': N = 1000000000...0000 (401 characters) is outside 0..400 ...
    """
    what = "isotope" if text is None else f"source {_show(text, 60)!r}"
    numbers = []
    for name, value in (("Z", Z), ("N", N)):
        try:
            if isinstance(value, bool):
                raise TypeError
            numbers.append(operator.index(value))
        except TypeError:
            raise InvalidSourceError(f"{what}: {name} = {_show(value)} must be a whole number; "
                                     f"{SOURCE_FORMS}") from None
    Z, N = numbers
    if not 1 <= Z <= MAX_Z:
        raise InvalidSourceError(f"{what}: Z = {_show(Z)} is outside 1..{MAX_Z}; {SOURCE_FORMS}")
    if N < 0:
        raise InvalidSourceError(f"{what}: N = {_show(N)} must be >= 0; {SOURCE_FORMS}")
    if N > MAX_N:
        raise InvalidSourceError(
            f"{what}: N = {_show(N)} is outside 0..{MAX_N} (neutrons per nucleus; the heaviest "
            f"known nuclei have N < 180); {SOURCE_FORMS}")
    return Z, N


def isotope_source(Z: int, N: int, atoms: Any = 1, text: Any = None) -> Source:
    """The :class:`Source` of ``atoms`` atoms of the isotope (Z, N), validated
    (:func:`check_isotope`), labelled ``"Fe-56"``, with its mass (:func:`isotope_mass`).

    >>> isotope_source(79, 118)
    Source(label='Au-197', Z=79, N=118, atoms=1, mass_u='196.9665701', mass_source='AME2020')
    """
    check_isotope(Z, N, text)
    mass_u, mass_source = isotope_mass(Z, N)
    return Source(label=f"{element_symbol(Z)}-{Z + N}", Z=Z, N=N, atoms=atoms,
                  mass_u=mass_u, mass_source=mass_source)


# ----------------------------------------------------------------------------- parsing
_SYM_MASS = re.compile(r"^\s*([A-Za-z]{1,3})\s*(?:-|\s)\s*(\d+)\s*$")   # Fe-56, Fe 56
_SYM_MASS_JOINED = re.compile(r"^\s*([A-Za-z]{1,3})(\d+)\s*$")               # Fe56 (or a formula)
_MASS_SYM = re.compile(r"^\s*(\d+)\s*-?\s*([A-Za-z]{1,3})\s*$")
_ZN = re.compile(r"^\s*[Zz]\s*=\s*([-+]?\d+)\s*,\s*[Nn]\s*=\s*([-+]?\d+)\s*$")
_ZN_LOOSE = re.compile(r"^\s*[Zz]\s*=\s*(.*?)\s*,\s*[Nn]\s*=\s*(.*?)\s*$", re.DOTALL)
#: digits beyond which a number cannot be a valid Z, N or A (checked before int())
_MAX_DIGITS = 6


def _whole(digits: str, name: str, spec: str, joined: bool = False) -> int:
    """``int(digits)``, or an error naming the bound if it has absurdly many digits."""
    body = digits.lstrip("+-").lstrip("0")
    if len(body) <= _MAX_DIGITS:
        return int(digits)
    value = ("-" if digits.startswith("-") else "") + _show(body)
    if name == "A":
        bound = (f"mass number A = {value} is too large (N = A - Z must be at most {MAX_N}"
                 + ("; prefix 'formula:' to read it as a formula)" if joined else ")"))
    else:
        bound = f"{name} = {value} is outside " + (f"1..{MAX_Z}" if name == "Z" else f"0..{MAX_N}")
    raise InvalidSourceError(f"source {_show(spec, 60)!r}: {bound}; {SOURCE_FORMS}")


def isotope_numbers(spec: str) -> tuple[int, int] | None:
    """(Z, N) if ``spec`` is written as a single isotope, else ``None`` (then it may be a material).

    Isotope forms: ``"Z=26,N=30"``, ``"Fe-56"``, ``"Fe 56"``, ``"56Fe"``, ``"56-Fe"``
    (symbol case-insensitive) and ``"Fe56"``.  The last one is also what a chemical
    formula with one element looks like; it is read as an isotope when the symbol
    is an element and the number is a possible mass number (A >= Z), so ``"H2"`` is
    hydrogen-2 and ``"C13"`` carbon-13, while ``"O2"``, ``"CO2"`` or ``"SiO2"`` are
    formulas (prefix ``"formula:"`` forces a formula: ``"formula:H2"``).  Malformed
    isotopes in the unambiguous forms (``"Z=26.5,N=30"``, ``"Fe-20"``) raise
    :class:`InvalidSourceError`; the numbers are not range-checked here
    (:func:`check_isotope` does that) except that absurdly long ones are refused.

    >>> isotope_numbers("Fe56"), isotope_numbers("H2"), isotope_numbers("O2"), isotope_numbers("SiO2")
    ((26, 30), (1, 1), None, None)
    >>> isotope_numbers("Z=nan, N=30")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidSourceError: source 'Z=nan, N=30': Z and N must be whole numbers, got Z = 'nan', N = '30'; ...
    """
    m = _ZN.match(spec)
    if m:
        return _whole(m.group(1), "Z", spec), _whole(m.group(2), "N", spec)
    m = _ZN_LOOSE.match(spec)
    if m:
        raise InvalidSourceError(
            f"source {_show(spec, 60)!r}: Z and N must be whole numbers, got "
            f"Z = {_show(m.group(1))!r}, N = {_show(m.group(2))!r}; {SOURCE_FORMS}")
    m = _SYM_MASS.match(spec)
    if m:
        symbol, A = m.group(1), _whole(m.group(2), "A", spec)
    else:
        m = _MASS_SYM.match(spec)
        if m:
            A, symbol = _whole(m.group(1), "A", spec), m.group(2)
        else:
            m = _SYM_MASS_JOINED.match(spec)
            if m is None:
                return None
            Z = element_tables()[0].get(m.group(1).lower())
            if Z is None:
                return None  # a formula such as "SiO2"
            A = _whole(m.group(2), "A", spec, joined=True)
            if A < Z:
                return None  # a formula such as "O2" or "Fe2"
            return Z, A - Z
    Z = atomic_number(symbol)
    if A < Z:
        raise InvalidSourceError(
            f"source {spec!r}: mass number A = {A} is smaller than Z = {Z}; {SOURCE_FORMS}"
        )
    return Z, A - Z
