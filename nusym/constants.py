"""Physical constants at arbitrary precision.

Stored constants (``nusym/data/constants.toml``) are exact decimal strings and
are converted with :func:`mpmath.mpf` at the requested precision.  Two
constants are derived in code rather than stored:

* ``hbar_c`` = h c / (2 pi e) in eV m, computed from the exact SI values of
  h, c and e, hence exact to any number of digits;
* ``G_F_eV`` = G_F * 1e-18, the Fermi constant in eV^-2.

>>> import mpmath
>>> from nusym.constants import constant
>>> mpmath.nstr(constant("hbar_c", dps=30), 25, min_fixed=0, max_fixed=0)
'1.973269804593024658908944e-7'
>>> mpmath.nstr(constant("G_F_eV", dps=20), 20, min_fixed=0, max_fixed=0)
'1.1663788e-23'
>>> float(constant("c"))
299792458.0
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import mpmath

from nusym.errors import InvalidParameterError
from nusym.resources import load_toml

__all__ = ["Constant", "CONSTANT_NAMES", "constant", "constant_float", "constant_info"]

#: largest working precision (digits) a constant is computed at (user dps <= 1000 plus guards)
MAX_DIGITS = 5000
#: guard digits used when evaluating derived constants
_GUARD = 10

#: (unit, source, TeX, exact) of the constants derived in code
_DERIVED: dict[str, tuple[str, str, str, bool]] = {
    "hbar_c": ("eV m", "derived: h c / (2 pi e) from the exact SI 2019 values of h, c and e",
               r"\hbar c", True),
    "G_F_eV": ("eV^-2", "derived: G_F (PDG 2024) times 1e-18 GeV^2/eV^2", "G_F", False),
}

#: names accepted by :func:`constant` (stored constants, then derived ones)
CONSTANT_NAMES: tuple[str, ...] = (
    "h", "c", "e", "k_B", "G_F", "G_N", "u_kg", "u_eV", "m_n_u", "sin2_theta_W", "hbar_c", "G_F_eV",
)


@dataclass(frozen=True)
class Constant:
    """Metadata of a constant.  ``value``/``uncertainty`` are decimal strings
    (for derived constants ``value`` is a 30-significant-digit rendering)."""

    name: str
    value: str
    uncertainty: str | None
    unit: str
    source: str
    tex: str
    exact: bool = False


def _check_name(name: str) -> None:
    if name not in CONSTANT_NAMES:
        raise InvalidParameterError(
            f"unknown constant {name!r}; allowed names: {', '.join(CONSTANT_NAMES)}"
        )


def _raw(name: str) -> dict[str, Any]:
    return load_toml("constants.toml")[name]


def _evaluate(name: str) -> mpmath.mpf:
    """Value at the current working precision (caller sets guard digits)."""
    if name == "hbar_c":
        return _evaluate("h") * _evaluate("c") / (2 * mpmath.pi * _evaluate("e"))
    if name == "G_F_eV":
        return _evaluate("G_F") * mpmath.mpf("1e-18")
    return mpmath.mpf(_raw(name)["value"])


def constant(name: str, dps: int | None = None) -> mpmath.mpf:
    """Return the constant ``name`` as an mpmath number rounded to ``dps`` digits.

    G_F sets the prefactor G_F^2/(192 pi^3) of Eq. (1) of Segarra & Bernabeu 2020;
    hbar_c converts the metres of the inputs to the eV^-1 of the formulas.  Each
    value has its source in ``nusym/data`` (:func:`constant_info`).

    Parameters
    ----------
    name : str
        One of the names of :func:`constant_info`.  Units: SI for h, c, e, G_N,
        u_kg; eV for u_eV; eV m for hbar_c; GeV^-2 for G_F; eV^-2 for G_F_eV.
    dps : int, optional
        Significant digits, 1..5000 (default: the current ``mpmath.mp.dps``).

    Returns
    -------
    mpmath.mpf
        The value rounded to ``dps`` digits (exact constants are exact to any dps;
        derived ones, e.g. hbar_c = h c / (2 pi e), are computed with guard digits).

    Raises
    ------
    nusym.errors.InvalidParameterError
        An unknown name (the message lists the allowed ones) or a ``dps`` out of range.

    Examples
    --------
    >>> constant("hbar_c", dps=10)      # 197.3269804 MeV fm
    mpf('1.973269804e-7')
    >>> constant("u_eV", dps=15)
    mpf('931494103.72')
    >>> constant("nope")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: unknown constant 'nope'; allowed names: h, c, e, k_B, G_F, ..., G_F_eV
    """
    _check_name(name)
    if dps is None:
        dps = mpmath.mp.dps
    if not isinstance(dps, int) or isinstance(dps, bool) or not 1 <= dps <= MAX_DIGITS:
        raise InvalidParameterError(f"dps must be an integer between 1 and {MAX_DIGITS}, got {dps!r}")
    return _constant_cached(name, dps)


@functools.lru_cache(maxsize=256)
def _constant_cached(name: str, dps: int) -> mpmath.mpf:
    with mpmath.workdps(dps + _GUARD):
        x = _evaluate(name)
    with mpmath.workdps(dps):
        return +x


@functools.cache
def constant_float(name: str) -> float:
    """Return the constant ``name`` as a Python float (correctly rounded).

    >>> constant_float("hbar_c")
    1.9732698045930246e-07
    """
    return float(constant(name, dps=30))


def constant_info(name: str) -> Constant:
    """Return the :class:`Constant` record (value, uncertainty, unit, source, TeX).

    >>> constant_info("u_eV").source
    'CODATA 2022 recommended values (NIST, 2024) (atomic mass constant energy equivalent m_u c^2)'
    """
    _check_name(name)
    if name in _DERIVED:
        unit, source, tex, exact = _DERIVED[name]
        value = mpmath.nstr(constant(name, dps=40), 30, min_fixed=0, max_fixed=0)
        uncertainty = None
        if name == "G_F_eV":
            unc = _raw("G_F").get("uncertainty")
            if unc is not None:
                with mpmath.workdps(30):
                    uncertainty = mpmath.nstr(mpmath.mpf(unc) * mpmath.mpf("1e-18"), 15,
                                              min_fixed=0, max_fixed=0)
        return Constant(name, value, uncertainty, unit, source, tex, exact)
    raw = _raw(name)
    return Constant(
        name=name,
        value=raw["value"],
        uncertainty=raw.get("uncertainty"),
        unit=raw["unit"],
        source=raw["source"],
        tex=raw["tex"],
        exact=bool(raw.get("exact", False)),
    )


