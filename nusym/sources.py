"""Sources of the two-neutrino potential: neutral atoms given by Z and N.

The weak charges depend only on Z and N per atom times the number of atoms
(Eq. (5) of Segarra & Bernabeu 2020).  The atomic mass is needed only for the
gravitational comparison; it is taken from ``nusym/data/isotopes.csv``
(AME2020) when listed, otherwise from the Bethe-Weizsaecker semi-empirical
mass formula (:func:`semf_mass_u`).

>>> from nusym.sources import parse_source
>>> s = parse_source("Fe-56")
>>> s.Z, s.N, s.A, s.mass_u, s.mass_source
(26, 30, 56, '55.93493633', 'AME2020')
>>> parse_source("Z=26, N=30") == parse_source("56fe") == parse_source("FE56")
True
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from typing import Any, Optional, Union

from nusym._data import load_toml, read_text
from nusym.errors import InvalidSourceError

__all__ = ["Source", "parse_source", "element_symbol", "atomic_number", "semf_mass_u"]

_FORMS = "accepted forms: 'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30'"


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

    >>> abs(semf_mass_u(26, 30) / 55.93493633 - 1) < 3e-4
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


@dataclass(frozen=True)
class Source:
    """A body made of ``atoms`` neutral atoms with ``Z`` protons and ``N`` neutrons.

    ``mass_u`` is the atomic mass in u (decimal string) and ``mass_source``
    says where it came from ("AME2020", "exact ..." or "semi-empirical mass
    formula").
    """

    label: str
    Z: int
    N: int
    atoms: Any = 1
    mass_u: str = ""
    mass_source: str = ""

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


_SYM_MASS = re.compile(r"^\s*([A-Za-z]{1,3})\s*-?\s*(\d+)\s*$")
_MASS_SYM = re.compile(r"^\s*(\d+)\s*-?\s*([A-Za-z]{1,3})\s*$")
_ZN_NEG = re.compile(r"^\s*[Zz]\s*=\s*(-?\d+)\s*,\s*[Nn]\s*=\s*(-?\d+)\s*$")


def _make(Z: int, N: int, atoms: Any, text: Any) -> Source:
    if not 1 <= Z <= 118:
        raise InvalidSourceError(f"source {text!r}: Z = {Z} is outside 1..118; {_FORMS}")
    if N < 0:
        raise InvalidSourceError(f"source {text!r}: N = {N} must be >= 0; {_FORMS}")
    listed = _isotopes().get((Z, N))
    if listed is not None:
        mass_u, mass_source = listed
    else:
        mass_u, mass_source = repr(semf_mass_u(Z, N)), "semi-empirical mass formula"
    return Source(label=f"{element_symbol(Z)}-{Z + N}", Z=Z, N=N, atoms=atoms,
                  mass_u=mass_u, mass_source=mass_source)


def parse_source(spec: Union[str, Source], atoms: Any = 1) -> Source:
    """Parse a source specification into a :class:`Source`.

    Accepted: ``"Fe-56"``, ``"56Fe"``, ``"Fe56"`` (symbol case-insensitive),
    ``"Z=26,N=30"`` (spaces allowed), or a :class:`Source` (returned unchanged).

    >>> parse_source("Z=26,N=30").label
    'Fe-56'
    >>> parse_source("Fe-20")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidSourceError: source 'Fe-20': mass number A = 20 is smaller than Z = 26; accepted forms: 'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30'
    """
    if isinstance(spec, Source):
        return spec
    if not isinstance(spec, str):
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
    m = _ZN_NEG.match(spec)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), atoms, spec)
    m = _SYM_MASS.match(spec)
    if m:
        symbol, A = m.group(1), int(m.group(2))
    else:
        m = _MASS_SYM.match(spec)
        if m is None:
            raise InvalidSourceError(f"cannot parse source {spec!r}; {_FORMS}")
        A, symbol = int(m.group(1)), m.group(2)
    Z = atomic_number(symbol)
    if A < Z:
        raise InvalidSourceError(
            f"source {spec!r}: mass number A = {A} is smaller than Z = {Z}; {_FORMS}"
        )
    return _make(Z, A - Z, atoms, spec)
