"""Absolute neutrino masses from the lightest mass and the splittings.

Table I of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) lists the
masses for a lightest mass of 0 and 0.1 eV, from Delta m^2_21 = 7.5e-5 eV^2 and
``|Delta m^2_3l|`` = 2.5e-3 eV^2 (l = 1 for the normal, l = 2 for the inverted
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

from typing import Any

import mpmath

from nusym.inputs import check_dps, check_ordering, parse_mass
from nusym.presets import DEFAULT_PRESET, OscillationParameters, load_parameters

__all__ = ["mass_spectrum", "masses_from_parameters", "parse_mass"]

_GUARD = 10


def masses_from_parameters(params: OscillationParameters, lightest: Any) -> tuple[Any, Any, Any]:
    """(m1, m2, m3) in eV at the current mpmath precision (Table I of Segarra & Bernabeu 2020).

    No rounding, no validation: the one formula behind :func:`mass_spectrum` and
    :meth:`nusym.Model.from_preset`.

    Parameters
    ----------
    params : nusym.presets.OscillationParameters
        Fixes the ordering and the splittings.
    lightest : mpmath.mpf or float or str
        In eV: m1 for the normal and m3 for the inverted ordering.

    Returns
    -------
    tuple of mpmath.mpf
        ``(m1, m2, m3)`` in eV.

    Examples
    --------
    >>> from nusym.presets import load_parameters
    >>> [float(m) for m in masses_from_parameters(load_parameters("segarra2020", "IO"), 0)]
    [0.049244289008980526, 0.05, 0.0]
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
    dps: int | None = None,
) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """Return the absolute masses ``(m1, m2, m3)`` in eV (Table I of Segarra & Bernabeu 2020).

    Normal ordering: m1 = m_min, m2 = sqrt(m1^2 + dm21^2), m3 = sqrt(m1^2 + dm31^2);
    inverted: m3 = m_min, m2 = sqrt(m3^2 - dm32^2), m1 = sqrt(m2^2 - dm21^2).

    Parameters
    ----------
    ordering : str
        ``"normal"`` (``"NO"``, ``"NH"``) or ``"inverted"`` (``"IO"``, ``"IH"``).
    lightest : float or str or mpmath.mpf
        The lightest mass, m1 (normal) or m3 (inverted), in eV: a number, a
        decimal string or a string with a unit (``"0.1eV"``, ``"100meV"``).
    preset : str or Mapping or path, optional
        The oscillation parameters, anything :func:`nusym.presets.load_parameters`
        accepts (default ``"segarra2020"``, the splittings of the paper).
    dps : int, optional
        Significant digits of the result, 5 <= dps <= 1000 (default: the current
        ``mpmath.mp.dps``); the masses are computed with guard digits and rounded.

    Returns
    -------
    tuple of mpmath.mpf
        ``(m1, m2, m3)`` in eV.

    Raises
    ------
    nusym.errors.NusymError
        An unknown ordering, a negative or malformed mass, a ``dps`` out of range or
        an unknown preset (each a subclass of :class:`ValueError`).

    Examples
    --------
    >>> [float(m) for m in mass_spectrum("normal", 0)]
    [0.0, 0.008660254037844387, 0.05]
    >>> [round(float(m), 6) for m in mass_spectrum("IO", "10meV", dps=15)]
    [0.050249, 0.05099, 0.01]
    >>> mass_spectrum("sideways", 0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nusym.errors.UnknownOrderingError: unknown mass ordering 'sideways'; use normal (NO, NH) or inverted ...
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
