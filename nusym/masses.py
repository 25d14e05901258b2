"""Absolute neutrino masses from the lightest mass and the splittings.

Table I of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) lists the
masses for a lightest mass of 0 and 0.1 eV, from Delta m^2_21 = 7.5e-5 eV^2 and
|Delta m^2_3l| = 2.5e-3 eV^2 (l = 1 for the normal, l = 2 for the inverted
ordering):

* normal ordering (NO): m1 = m_min, m2 = sqrt(m1^2 + dm21^2), m3 = sqrt(m1^2 + dm31^2);
* inverted ordering (IO, dm32^2 < 0): m3 = m_min, m2 = sqrt(m3^2 - dm32^2),
  m1 = sqrt(m2^2 - dm21^2).

>>> import mpmath
>>> from nusym.masses import mass_spectrum
>>> m1, m2, m3 = mass_spectrum("IO", 0, dps=50)
>>> mpmath.nstr(m1, 50)
'0.049244289008980523608731057074588122408480681437214'
>>> mpmath.nstr(m2, 50), mpmath.nstr(m3, 50)
('0.05', '0.0')
>>> [mpmath.nstr(m, 50) for m in mass_spectrum("NO", "0.1", dps=50)]  # doctest: +NORMALIZE_WHITESPACE
['0.1', '0.10037429949942365600269851859637025187905062704962',
 '0.11180339887498948482045868343656381177203091798058']
"""

from __future__ import annotations

from typing import Any, Optional

import mpmath

from nusym.inputs import check_dps, check_ordering, parse_mass
from nusym.presets import DEFAULT_PRESET, OscillationParameters, load_parameters

__all__ = ["mass_spectrum", "masses_from_parameters", "parse_mass"]

_GUARD = 10


def masses_from_parameters(params: OscillationParameters, lightest: Any) -> tuple[Any, Any, Any]:
    """(m1, m2, m3) in eV at the current mpmath precision (Table I of Segarra & Bernabeu 2020).

    ``params`` fixes the ordering and the splittings; ``lightest`` (an mpf, eV) is
    m1 for the normal and m3 for the inverted ordering. No rounding, no validation:
    the one formula behind :func:`mass_spectrum` and :meth:`nusym.Model.from_preset`.
    """
    m0 = mpmath.mpf(lightest)
    dm21 = params.mp("dm21_sq")
    dm3l = params.mp("dm3l_sq")
    if params.ordering == "normal":
        return m0, mpmath.sqrt(m0**2 + dm21), mpmath.sqrt(m0**2 + dm3l)
    m2 = mpmath.sqrt(m0**2 - dm3l)
    return mpmath.sqrt(m2**2 - dm21), m2, m0


def mass_spectrum(
    ordering: str,
    lightest: Any,
    preset: Any = DEFAULT_PRESET,
    dps: Optional[int] = None,
) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """Return the masses ``(m1, m2, m3)`` in eV (Table I of Segarra & Bernabeu 2020).

    ``ordering`` is normal/NO/NH or inverted/IO/IH; ``lightest`` is m1 (normal)
    or m3 (inverted) in eV (a number, a decimal string or a string with a unit,
    "0.1eV", "100meV"); ``preset`` is anything :func:`nusym.presets.load_parameters`
    accepts.  The result is rounded to ``dps`` digits (default: current
    ``mpmath.mp.dps``; 5 <= dps <= 1000), computed with guard digits.

    >>> [float(m) for m in mass_spectrum("normal", 0)]
    [0.0, 0.008660254037844387, 0.05]
    """
    ordering = check_ordering(ordering)
    if dps is None:
        dps = max(mpmath.mp.dps, 5)
    dps = check_dps(dps)
    params = load_parameters(preset, ordering)
    with mpmath.workdps(dps + _GUARD):
        masses = masses_from_parameters(params, parse_mass(lightest))
    with mpmath.workdps(dps):
        m1, m2, m3 = (+m for m in masses)
    return m1, m2, m3
