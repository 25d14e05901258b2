"""Sources of the two-neutrino potential: neutral atoms given by Z and N.

The weak charges depend only on Z and N per atom times the number of atoms
(Eq. (5) of Segarra & Bernabeu 2020).  The atomic mass is needed only for the
gravitational comparison; it is taken from ``nusym/data/isotopes.csv``
(AME2020) when listed, else from ``nusym/data/natural_isotopes.csv`` (AME2020,
every stable and primordial isotope), otherwise from the Bethe-Weizsaecker
semi-empirical mass formula (:func:`semf_mass_u`); see :func:`isotope_mass`.

Materials (natural elements, compounds, alloys, mass fractions; see
:mod:`nusym.materials`) are sources too: :func:`parse_source` turns them into
one mean atom whose Z and N are the averages per atom (not integers in
general).  Because the charges are linear in (Z, N) and V is bilinear in the
charges, the potential per pair of atoms between two materials is exactly the
potential between their mean atoms.

>>> from nusym.sources import parse_source
>>> s = parse_source("Fe-56")
>>> s.Z, s.N, s.A, s.mass_u, s.mass_source
(26, 30, 56, '55.93493554', 'AME2020')
>>> parse_source("Z=26, N=30") == parse_source("56fe") == parse_source("FE56")
True
>>> sio2 = parse_source("SiO2")                # natural isotopic composition, mean atom
>>> sio2.Z, round(float(sio2.N), 6), sio2.label
(10, 10.039046, 'SiO2')
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Optional, Union

from nusym._data import load_toml, read_text
from nusym.errors import InvalidSourceError

__all__ = ["Source", "parse_source", "element_symbol", "atomic_number", "semf_mass_u",
           "isotope_mass", "isotope_numbers"]

_FORMS = ("accepted forms: 'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30' for an "
          "isotope; an element or formula such as 'W', 'SiO2', 'Ca(OH)2' (symbols case-sensitive); "
          "or mass fractions 'mass:Cu=0.98,Be=0.02'")


@functools.lru_cache(maxsize=None)
def _elements() -> tuple[dict[str, int], dict[int, str]]:
    table = load_toml("elements.toml")["Z"]
    by_symbol = {sym.lower(): int(z) for sym, z in table.items()}
    by_z = {int(z): sym for sym, z in table.items()}
    return by_symbol, by_z


@functools.lru_cache(maxsize=None)
def _isotopes() -> dict[tuple[int, int], tuple[str, str]]:
    rows = csv.DictReader(io.StringIO(read_text("isotopes.csv")))
    return {(int(r["Z"]), int(r["N"])): (r["mass_u"], r["source"]) for r in rows}


def atomic_number(symbol: str) -> int:
    """Z of an element symbol (case-insensitive).

    >>> atomic_number("au")
    79
    """
    try:
        return _elements()[0][symbol.strip().lower()]
    except KeyError:
        raise InvalidSourceError(f"unknown element symbol {symbol!r}; {_FORMS}") from None


def element_symbol(Z: int) -> str:
    """IUPAC symbol of element ``Z`` (1..118).

    >>> element_symbol(82)
    'Pb'
    """
    try:
        return _elements()[1][Z]
    except KeyError:
        raise InvalidSourceError(f"atomic number Z = {Z} is outside 1..118") from None


@functools.lru_cache(maxsize=None)
def _semf_parameters() -> tuple[float, ...]:
    """(aV, aS, aC, aA, aP) in MeV, m(1H) and m_n in u, u in MeV, from the data files."""
    from nusym.constants import constant_float

    c = load_toml("models.toml")["semf"]
    coeffs = tuple(float(c[k]) for k in ("a_volume", "a_surface", "a_coulomb", "a_asymmetry", "a_pairing"))
    m_h = float(_isotopes()[(1, 0)][0])
    return coeffs + (m_h, constant_float("m_n_u"), constant_float("u_eV") * 1e-6)


def semf_mass_u(Z: int, N: int) -> float:
    """Atomic mass in u from the semi-empirical (Bethe-Weizsaecker) mass formula.

    M = Z m(1H) + N m_n - B(Z, A)/c^2 with B the liquid-drop binding energy
    (electron binding neglected); coefficients and their source in
    ``nusym/data/models.toml``, m(1H) from ``isotopes.csv``, m_n and u from
    ``constants.toml``.  Accuracy, checked against AME2020: about
    1e-3 relative in general, up to 4e-3 for the lightest nuclei (A <= 4) and
    below 3e-4 for A >= 12 -- ample for the gravitational comparison, and
    irrelevant for the weak charges, which use only Z and N.

    >>> abs(semf_mass_u(26, 30) / 55.93493554 - 1) < 3e-4
    True
    """
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

    Looked up in ``isotopes.csv`` (a few isotopes, AME2020, truncated), then in
    ``natural_isotopes.csv`` (every stable and primordial isotope, AME2020),
    otherwise the semi-empirical mass formula (:func:`semf_mass_u`).

    >>> isotope_mass(26, 30), isotope_mass(4, 5)
    (('55.93493554', 'AME2020'), ('9.01218306', 'AME2020'))
    >>> isotope_mass(26, 34)[1]
    'semi-empirical mass formula'
    """
    listed = _isotopes().get((Z, N))
    if listed is not None:
        return listed
    from nusym.materials import _natural_masses

    natural = _natural_masses().get((Z, N))
    if natural is not None:
        return natural[0], "AME2020"
    return repr(semf_mass_u(Z, N)), "semi-empirical mass formula"


@dataclass(frozen=True)
class Source:
    """A body made of ``atoms`` neutral atoms with ``Z`` protons and ``N`` neutrons.

    ``mass_u`` is the atomic mass in u (decimal string) and ``mass_source``
    says where it came from ("AME2020", "exact ..." or "semi-empirical mass
    formula").  For a material (:mod:`nusym.materials`) the source is one mean
    atom: ``Z`` and ``N`` are the means per atom, ``int`` when integral and
    otherwise an mpmath ``mpf`` carrying 1200 significant digits of the exact
    rational mean (more than any precision nusym evaluates at), ``mass_u`` the
    mean atomic mass, and ``material`` the :class:`nusym.materials.Material`
    it came from.
    """

    label: str
    Z: Any
    N: Any
    atoms: Any = 1
    mass_u: str = ""
    mass_source: str = ""
    material: Any = field(default=None, compare=False, repr=False)

    @property
    def A(self) -> int:
        """Mass number Z + N."""
        return self.Z + self.N

    def mass_kg(self, dps: Optional[int] = None):
        """Mass of one atom times ``atoms`` in kg (mpf)."""
        return self._mass("u_kg", dps)

    def mass_eV(self, dps: Optional[int] = None):
        """Mass of one atom times ``atoms`` in eV (mpf).

        >>> import mpmath
        >>> mpmath.nstr(parse_source("C-12").mass_eV(), 12)
        '11177929229.0'
        """
        return self._mass("u_eV", dps)

    def _mass(self, unit: str, dps: Optional[int]):
        import mpmath

        from nusym.constants import constant

        if dps is None:
            dps = mpmath.mp.dps
        with mpmath.workdps(dps + 10):
            x = mpmath.mpf(self.mass_u) * mpmath.mpf(self.atoms) * constant(unit, dps + 10)
        with mpmath.workdps(dps):
            return +x


_SYM_MASS = re.compile(r"^\s*([A-Za-z]{1,3})\s*(?:-|\s)\s*(\d+)\s*$")   # Fe-56, Fe 56
_SYM_MASS_JOINED = re.compile(r"^\s*([A-Za-z]{1,3})(\d+)\s*$")               # Fe56 (or a formula)
_MASS_SYM = re.compile(r"^\s*(\d+)\s*-?\s*([A-Za-z]{1,3})\s*$")
_ZN_NEG = re.compile(r"^\s*[Zz]\s*=\s*(-?\d+)\s*,\s*[Nn]\s*=\s*(-?\d+)\s*$")


def _make(Z: int, N: int, atoms: Any, text: Any) -> Source:
    if not 1 <= Z <= 118:
        raise InvalidSourceError(f"source {text!r}: Z = {Z} is outside 1..118; {_FORMS}")
    if N < 0:
        raise InvalidSourceError(f"source {text!r}: N = {N} must be >= 0; {_FORMS}")
    mass_u, mass_source = isotope_mass(Z, N)
    return Source(label=f"{element_symbol(Z)}-{Z + N}", Z=Z, N=N, atoms=atoms,
                  mass_u=mass_u, mass_source=mass_source)


def isotope_numbers(spec: str) -> Optional[tuple[int, int]]:
    """(Z, N) if ``spec`` is written as a single isotope, else ``None`` (then it may be a material).

    Isotope forms: ``"Z=26,N=30"``, ``"Fe-56"``, ``"Fe 56"``, ``"56Fe"``, ``"56-Fe"``
    (symbol case-insensitive) and ``"Fe56"``.  The last one is also what a chemical
    formula with one element looks like; it is read as an isotope when the symbol
    is an element and the number is a possible mass number (A >= Z), so ``"H2"`` is
    hydrogen-2 and ``"C13"`` carbon-13, while ``"O2"``, ``"CO2"`` or ``"SiO2"`` are
    formulas (prefix ``"formula:"`` forces a formula: ``"formula:H2"``).  Malformed
    isotopes in the unambiguous forms raise :class:`InvalidSourceError`.

    >>> isotope_numbers("Fe56"), isotope_numbers("H2"), isotope_numbers("O2"), isotope_numbers("SiO2")
    ((26, 30), (1, 1), None, None)
    """
    m = _ZN_NEG.match(spec)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _SYM_MASS.match(spec)
    if m:
        symbol, A = m.group(1), int(m.group(2))
    else:
        m = _MASS_SYM.match(spec)
        if m:
            A, symbol = int(m.group(1)), m.group(2)
        else:
            m = _SYM_MASS_JOINED.match(spec)
            if m is None:
                return None
            symbol, A = m.group(1), int(m.group(2))
            Z = _elements()[0].get(symbol.lower())
            if Z is None or A < Z:
                return None  # a formula such as "SiO2", "O2" or "Fe2"
            return Z, A - Z
    Z = atomic_number(symbol)
    if A < Z:
        raise InvalidSourceError(
            f"source {spec!r}: mass number A = {A} is smaller than Z = {Z}; {_FORMS}"
        )
    return Z, A - Z


def parse_source(spec: Any, atoms: Any = 1) -> Source:
    """Parse a source specification into a :class:`Source`.

    Accepted: an isotope ``"Fe-56"``, ``"56Fe"``, ``"Fe56"`` (symbol
    case-insensitive) or ``"Z=26,N=30"`` (spaces allowed) -- see
    :func:`isotope_numbers`; a :class:`Source` (returned unchanged); or any material
    that :func:`nusym.materials.material` accepts (``"W"``, ``"SiO2"``,
    ``"CuBe2"``, ``"mass:Cu=0.98,Be=0.02"``, a mapping of mass fractions, a
    :class:`nusym.materials.Material`), which gives its mean atom
    (:meth:`nusym.materials.Material.as_source`).  ``atoms`` multiplies the
    charges (and the mass).

    >>> parse_source("Z=26,N=30").label
    'Fe-56'
    >>> parse_source("Fe-20")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidSourceError: source 'Fe-20': mass number A = 20 is smaller than Z = 26; accepted forms: 'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30' for an isotope; an element or formula such as 'W', 'SiO2', 'Ca(OH)2' (symbols case-sensitive); or mass fractions 'mass:Cu=0.98,Be=0.02'
    """
    if isinstance(spec, Source):
        return spec
    from nusym.materials import Material

    if not isinstance(spec, (str, Mapping, Material)):
        raise InvalidSourceError(f"source must be a string, got {spec!r}; {_FORMS}")
    if isinstance(atoms, bool):
        raise InvalidSourceError(f"atoms must be a positive number, got {atoms!r}")
    try:
        import math
        ok = float(atoms) > 0 and math.isfinite(float(atoms))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InvalidSourceError(f"atoms must be a positive, finite number, got {atoms!r}")
    if isinstance(spec, str):
        zn = isotope_numbers(spec)
        if zn is not None:
            return _make(zn[0], zn[1], atoms, spec)
    from nusym.materials import material

    src = material(spec).as_source()
    return src if atoms == 1 else replace(src, atoms=atoms)
