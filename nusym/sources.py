"""Sources of the two-neutrino potential: neutral atoms given by Z and N.

The weak charges depend only on Z and N per atom times the number of atoms
(Eq. (5) of Segarra & Bernabeu 2020).  The atomic mass is needed only for the
gravitational comparison; it is taken from ``nusym/data/isotopes.csv``
(AME2020, every nuclide it lists), otherwise from the Bethe-Weizsaecker
semi-empirical mass formula (:func:`semf_mass_u`); see :func:`isotope_mass`.
The element and isotope tables, :class:`Source` and the isotope parser live in
:mod:`nusym.isotopes` and are re-exported here.

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

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from nusym.errors import InvalidSourceError
from nusym.isotopes import (
    SOURCE_FORMS,
    Source,
    atomic_number,
    element_symbol,
    isotope_mass,
    isotope_numbers,
    isotope_source,
    semf_mass_u,
)
from nusym.materials import Material, material

__all__ = ["Source", "parse_source", "element_symbol", "atomic_number", "semf_mass_u",
           "isotope_mass", "isotope_numbers"]


def _check_atoms(atoms: Any) -> None:
    if isinstance(atoms, bool):
        raise InvalidSourceError(f"atoms must be a positive number, got {atoms!r}")
    try:
        x = float(atoms)
        ok = x > 0 and math.isfinite(x)
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise InvalidSourceError(
            f"atoms must be a positive, finite number (at most about 1.8e308), got {atoms!r}")


def parse_source(spec: Any, atoms: Any = 1) -> Source:
    """Parse a source specification into a :class:`Source` (the Z and N of Eq. (5)).

    The coherent weak charges of Eq. (5) of Segarra & Bernabeu 2020 depend on the
    source only through Z and N; a material is one mean atom (exact, because V is
    bilinear in the charges).

    Parameters
    ----------
    spec : str or Mapping or Source or nusym.materials.Material
        An isotope ``"Fe-56"``, ``"56Fe"``, ``"Fe56"`` (symbol case-insensitive) or
        ``"Z=26,N=30"`` (spaces allowed; 1 <= Z <= 118, 0 <= N <= 400; see
        :func:`isotope_numbers`); a :class:`Source` (returned unchanged); or any
        material that :func:`nusym.materials.material` accepts (``"W"``, ``"SiO2"``,
        ``"CuBe2"``, ``"mass:Cu=0.98,Be=0.02"``, a mapping of mass fractions, a
        :class:`nusym.materials.Material`), which gives its mean atom
        (:meth:`nusym.materials.Material.as_source`).
    atoms : float, optional
        Number of atoms: multiplies the charges (and the mass); positive and finite.

    Returns
    -------
    Source
        ``Z``, ``N`` (``int``, or a high-precision mpf for a material), ``A``,
        ``mass_u`` (decimal string), ``mass_source``, ``label``, ``atoms``.

    Raises
    ------
    nusym.errors.InvalidSourceError
        A malformed or impossible isotope (the message lists the accepted forms),
        or ``atoms`` not positive and finite.
    nusym.errors.InvalidMaterialError
        An unknown element or a malformed formula or mass-fraction list.

    Examples
    --------
    >>> parse_source("Z=26,N=30").label
    'Fe-56'
    >>> parse_source("Fe-20")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidSourceError: source 'Fe-20': mass number A = 20 is smaller than Z = 26; accepted forms:
    'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30' for an isotope; an element or formula such as
    'W', 'SiO2', 'Ca(OH)2' (symbols case-sensitive); or mass fractions 'mass:Cu=0.98,Be=0.02'
    >>> parse_source("Z=26,N=" + "9" * 400)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidSourceError: source 'Z=26,N=999...9999 (407 characters)': N = 9999999999...9999 (400
    characters) is outside 0..400; accepted forms: 'Fe-56', '56Fe', 'Fe56' (symbol case-insensitive) or 'Z=26,N=30'
    for an isotope; an element or formula such as 'W', 'SiO2', 'Ca(OH)2' (symbols case-sensitive); or mass fractions
    'mass:Cu=0.98,Be=0.02'
    """
    if isinstance(spec, Source):
        return spec
    if not isinstance(spec, (str, Mapping, Material)):
        raise InvalidSourceError(f"source must be a string, got {spec!r}; {SOURCE_FORMS}")
    _check_atoms(atoms)
    if isinstance(spec, str):
        zn = isotope_numbers(spec)
        if zn is not None:
            return isotope_source(zn[0], zn[1], atoms, spec)
    src = material(spec).as_source()
    return src if atoms == 1 else replace(src, atoms=atoms)
