"""Neutrino sectors beyond the paper: sterile states (3+N), non-unitary mixing, model files.

Segarra & Bernabeu (2020) treat three neutrinos with a unitary PMNS matrix. The
coherent charges of Eq. (5), Q^ij = sum_ab U_ai (Z C_Z + N C_N)_ab conj(U_bj)
(:mod:`nusym.charges`), and the sum of Eq. (1) over the n^2 ordered channels
hold for any 3 x n mixing block U (rows e, mu, tau) and n mass states; this
module builds such :class:`nusym.Model` objects:

* :func:`mixing_from_angles`: the standard parametrisation of an n x n unitary
  matrix (n = 3, 4, 5, ...),

      U = [R_{n-1,n} ... R_{1n}] ... [R34 R24 R14] [R23 R13] R12 P,

  i.e. for 3+1 ``U = R34 R24 R14 R23 R13 R12 P`` and for 3+2
  ``U = R45 R35 R25 R15 R34 R24 R14 R23 R13 R12 P``. R_ij is the rotation by
  theta_ij in the (i, j) plane with a Dirac-type phase delta_ij:
  (R_ij)_ii = (R_ij)_jj = cos theta_ij, (R_ij)_ij = sin theta_ij e^(-i delta_ij),
  (R_ij)_ji = -sin theta_ij e^(i delta_ij). Phases sit on the rotations with
  j - i >= 2 (delta13, delta14, delta24 for 3+1; also delta15, delta25, delta35
  for 3+2), the (n-1)(n-2)/2 Dirac phases of an n x n matrix;
  P = diag(1, e^(i alpha21/2), ..., e^(i alpha_n1/2)) holds the Majorana phases.
  For n = 3 this is the PMNS matrix of the paper (delta13 = delta). The matrix
  is a product of rotation matrices evaluated with mpmath at
  ``MODEL_DIGITS`` digits: the parametrisation is the definition, no entry is
  typed in.
* :func:`sterile_model`: three active states from an oscillation preset (as
  :meth:`nusym.Model.from_preset`) plus sterile states of given masses and
  angles (or, for 3+1, the elements ``|U_a4|^2``), or a named sector of
  ``nusym/data/sectors.toml`` (``"3+1"``, ``"3+2"``);
* :func:`nonunitary_model`: a 3 x n block given directly, or
  U = (1 - eta) U_PMNS with a Hermitian 3 x 3 matrix eta; the block must be a
  contraction (all singular values <= 1, as for any block of a unitary matrix);
* :func:`load_model`: a TOML file (or mapping) of the schema below.

Angles: ``thetaIJ`` in degrees (0..90) or ``sin2_thetaIJ`` (0..1), never both;
phases ``deltaIJ`` and ``alphaK1`` in degrees.

Model file schema (every table optional; unknown tables or keys are errors)::

    [model]
    nature = "majorana"          # dirac (default) or majorana
    preset = "segarra2020"       # active masses and PMNS (a name or a preset TOML path,
    ordering = "normal"          #   relative to this file)
    lightest = "0.01 eV"
    delta = "0"                  # optional PMNS phases (degrees) overriding the preset
    alpha21 = "0"
    alpha31 = "0"
    masses = ["0", "0.1"]        # all n masses (eV); only with [mixing]

    [sterile]                    # 3+1 / 3+2 (not with [mixing] or [nonunitary])
    sector = "3+1"               # optional: start from nusym/data/sectors.toml
    masses = ["0.5 eV"]          # sterile masses m4 (, m5)
    sin2_theta14 = "0.02"        # or theta14 = "8.13" (degrees); delta14, alpha41, ...
    # 3+1 only, instead of the angles: Ue4_sq, Umu4_sq, Utau4_sq (= |U_a4|^2)

    [mixing]                     # a 3 x n block given directly (non-unitary allowed)
    real = [[...], [...], [...]]
    imag = [[...], [...], [...]] # optional

    [nonunitary]                 # U = (1 - eta) U_PMNS, eta Hermitian 3 x 3
    eta_real = [[...], [...], [...]]
    eta_imag = [[...], [...], [...]]   # optional (antisymmetric)

    [current]                    # passed to Model(current=...)
    [scalar_couplings]           # passed to Model(scalar_couplings=...)

>>> m = sterile_model("3+1")
>>> m.n, mpmath.nstr(abs(m.mixing[0][3])**2, 15)
(4, '0.02')
>>> dict(m.origin)["sector"], dict(m.origin)["sterile_masses_eV"]
('3+1', '0.5')
>>> u = mixing_from_angles(4, sin2_theta14="0.02")
>>> len(u.full), len(u.block), len(u.block[0])
(4, 3, 4)
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import mpmath

from nusym.errors import InvalidOptionError, InvalidParameterError, UnknownPresetError
from nusym.inputs import check_nature, parse_angle_deg, parse_mass, parse_mixing_angle
from nusym.model import MODEL_DIGITS, Model
from nusym.presets import DEFAULT_PRESET, load_parameters
from nusym.resources import load_toml, tomllib

__all__ = [
    "Mixing",
    "SECTOR_FILE",
    "MODEL_FILE_TABLES",
    "rotation_order",
    "phased_rotations",
    "parameter_names",
    "mixing_from_angles",
    "sector_names",
    "sterile_model",
    "nonunitary_model",
    "is_contraction",
    "load_model",
]

#: data file of the named sterile sectors
SECTOR_FILE = "sectors.toml"
#: the tables of a model file and their keys (``None``: any keys, passed through)
MODEL_FILE_TABLES: dict[str, tuple[str, ...] | None] = {
    "model": ("nature", "preset", "ordering", "lightest", "delta", "alpha21", "alpha31", "masses"),
    "sterile": None,  # sector, masses and the angle names of parameter_names(n)
    "mixing": ("real", "imag"),
    "nonunitary": ("eta_real", "eta_imag"),
    "current": None,
    "scalar_couplings": None,
}
#: tolerance of the contraction and Hermiticity checks (numbers typed to ~12 digits pass)
TOLERANCE = mpmath.mpf(10) ** -12
_FLAVOURS = ("e", "mu", "tau")
_ACTIVE_ANGLES = ("12", "13", "23")


class Mixing(NamedTuple):
    """The n x n unitary matrix ``full`` and its 3 x n block ``block`` (rows e, mu, tau), mpc."""

    full: tuple[tuple[Any, ...], ...]
    block: tuple[tuple[Any, ...], ...]


# ----------------------------------------------------------------------------- parametrisation
def rotation_order(n: int) -> list[tuple[int, int]]:
    """The rotations (i, j) (1-based) of U = ... R_ij ... P, left to right.

    >>> rotation_order(4)
    [(3, 4), (2, 4), (1, 4), (2, 3), (1, 3), (1, 2)]
    >>> rotation_order(5)[:4]
    [(4, 5), (3, 5), (2, 5), (1, 5)]
    """
    return [(i, k) for k in range(n, 1, -1) for i in range(k - 1, 0, -1)]


def phased_rotations(n: int) -> list[tuple[int, int]]:
    """The rotations carrying a Dirac-type phase delta_ij: j - i >= 2 ((n-1)(n-2)/2 of them).

    >>> phased_rotations(4)
    [(1, 3), (1, 4), (2, 4)]
    >>> len(phased_rotations(5))
    6
    """
    return sorted(((i, j) for i, j in rotation_order(n) if j - i >= 2), key=lambda p: (p[1], p[0]))


def parameter_names(n: int) -> tuple[str, ...]:
    """Accepted keyword names of :func:`mixing_from_angles` for n states.

    >>> parameter_names(4)[:4]
    ('theta12', 'theta13', 'theta23', 'theta14')
    """
    rots = sorted(rotation_order(n), key=lambda p: (p[1], p[0]))
    names = [f"theta{i}{j}" for i, j in rots] + [f"sin2_theta{i}{j}" for i, j in rots]
    names += [f"delta{i}{j}" for i, j in phased_rotations(n)]
    names += [f"alpha{k}1" for k in range(2, n + 1)]
    return tuple(names)


def _check_n(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 3 <= n <= 9:
        raise InvalidParameterError(f"the number of mass states n must be an integer from 3 to 9, got {n!r}")
    return n


def _normalise_parameters(n: int, parameters: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Validated parameters as sorted (name, exact decimal text) pairs; sin^2 given as 'sin2_thetaIJ'."""
    allowed = parameter_names(n)
    unknown = sorted(set(parameters) - set(allowed))
    if unknown:
        raise InvalidParameterError(
            f"unknown mixing parameter(s) {', '.join(unknown)} for n = {n} states; allowed: "
            f"thetaIJ (degrees) or sin2_thetaIJ for IJ in {', '.join(f'{i}{j}' for i, j in rotation_order(n))}; "
            f"phases (degrees) {', '.join(f'delta{i}{j}' for i, j in phased_rotations(n))}, "
            f"{', '.join(f'alpha{k}1' for k in range(2, n + 1))}")
    out = []
    with mpmath.workdps(MODEL_DIGITS):
        for name, value in parameters.items():
            if value is None:
                continue
            if name.startswith("sin2_theta"):
                if name[5:] in parameters and parameters[name[5:]] is not None:
                    raise InvalidParameterError(f"give {name[5:]} (degrees) or {name} (sin^2), not both")
                x = parse_mixing_angle(value, name, as_sin2=True)
            elif name.startswith("theta"):
                x = parse_mixing_angle(value, name)
            else:
                x = parse_angle_deg(value, name)
            out.append((name, _text(x)))
    return tuple(sorted(out))


def _text(x: Any) -> str:
    """The exact decimal text of an mpf (at MODEL_DIGITS)."""
    s = mpmath.nstr(x, MODEL_DIGITS, strip_zeros=True)
    return s[:-2] if s.endswith(".0") else s


def mixing_from_angles(n: int = 4, **parameters: Any) -> Mixing:
    """The n x n unitary matrix of the standard parametrisation and its 3 x n block.

    ``U = [R_{n-1,n} ... R_{1n}] ... [R34 R24 R14] [R23 R13] R12 P`` (module
    docstring); for n = 3 the PMNS matrix of Segarra & Bernabeu 2020, whose 3 x n
    block gives the coherent charges of Eq. (5). Entries are mpc at
    ``MODEL_DIGITS``; for the 3+1 matrix ``|U_e4|^2 = sin^2 theta14``,
    ``|U_mu4|^2 = cos^2 theta14 sin^2 theta24``,
    ``|U_tau4|^2 = cos^2 theta14 cos^2 theta24 sin^2 theta34``.

    Parameters
    ----------
    n : int, optional
        Number of states, 3..9 (default 4).
    **parameters
        ``thetaIJ`` (degrees, 0..90) or ``sin2_thetaIJ`` (0..1), never both;
        ``deltaIJ`` (degrees, only j - i >= 2: delta13 is the PMNS delta) and
        ``alphaK1`` (degrees; P = diag(1, e^(i alpha21/2), ...)). Parameters not
        given are 0.

    Returns
    -------
    Mixing
        ``full`` (n x n, unitary) and ``block`` (its 3 x n rows e, mu, tau).

    Raises
    ------
    nusym.errors.InvalidParameterError
        An n out of range, an unknown parameter for n states, an angle out of
        range, or both ``thetaIJ`` and ``sin2_thetaIJ``.

    Examples
    --------
    >>> u = mixing_from_angles(4, sin2_theta14="0.02", sin2_theta24="0.01", delta14=90)
    >>> mpmath.nstr(u.block[0][3], 10), mpmath.nstr(abs(u.block[1][3])**2, 10)
    ('(0.0 - 0.1414213562j)', '0.0098')
    >>> mixing_from_angles(4, theta45=1)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: unknown mixing parameter(s) theta45 for n = 4 states; allowed: thetaIJ (degrees) or sin2_thetaIJ for IJ in 34, 24, 14, 23, 13, 12; phases (degrees) delta13, delta14, delta24, alpha21, alpha31, alpha41
    """  # noqa: E501
    n = _check_n(n)
    return _mixing_cached(n, _normalise_parameters(n, parameters))


@lru_cache(maxsize=128)
def _mixing_cached(n: int, params: tuple[tuple[str, str], ...]) -> Mixing:
    given = dict(params)
    with mpmath.workdps(MODEL_DIGITS + 20):
        deg = mpmath.pi / 180
        u = [[mpmath.mpc(int(a == b)) for b in range(n)] for a in range(n)]
        # U = R_first ... R_last P: apply the rotations from the right-most one, each from the left
        for i, j in reversed(rotation_order(n)):
            key = f"{i}{j}"
            if f"sin2_theta{key}" in given:
                s2 = mpmath.mpf(given[f"sin2_theta{key}"])
                s, c = mpmath.sqrt(s2), mpmath.sqrt(1 - s2)
            else:
                th = mpmath.mpf(given.get(f"theta{key}", "0")) * deg
                s, c = mpmath.sin(th), mpmath.cos(th)
            if s == 0:
                continue
            d = mpmath.mpf(given.get(f"delta{key}", "0")) * deg
            e = mpmath.expjpi(-d / mpmath.pi) if d else mpmath.mpc(1)
            a, b = i - 1, j - 1
            ra, rb = u[a], u[b]
            u[a] = [c * x + s * e * y for x, y in zip(ra, rb, strict=True)]
            u[b] = [-s * e.conjugate() * x + c * y for x, y in zip(ra, rb, strict=True)]
        for k in range(1, n):
            alpha = mpmath.mpf(given.get(f"alpha{k + 1}1", "0")) * deg
            if alpha:
                p = mpmath.expj(alpha / 2)
                for row in u:
                    row[k] *= p
    with mpmath.workdps(MODEL_DIGITS):
        full = tuple(tuple(+v for v in row) for row in u)
    return Mixing(full, full[:3])


# ----------------------------------------------------------------------------- sterile states
def sector_names() -> tuple[str, ...]:
    """Names of the sterile sectors in ``nusym/data/sectors.toml``.

    >>> sector_names()
    ('3+1', '3+2')
    """
    return tuple(load_toml(SECTOR_FILE))


def _sector(name: Any) -> dict[str, Any]:
    table = load_toml(SECTOR_FILE)
    if not isinstance(name, str) or name not in table:
        raise UnknownPresetError(f"unknown sterile sector {name!r}; built-in sectors: {', '.join(table)}")
    return {k: v for k, v in table[name].items() if k not in ("description", "source")}


def _elements_to_angles(elements: Mapping[str, Any]) -> dict[str, Any]:
    """3+1: |U_e4|^2, |U_mu4|^2, |U_tau4|^2 -> sin^2 theta14, theta24, theta34 (inverting the parametrisation)."""
    with mpmath.workdps(MODEL_DIGITS + 10):
        e, mu, tau = (parse_mixing_angle(elements.get(f"U{f}4_sq", 0), f"U{f}4_sq", as_sin2=True)
                      for f in _FLAVOURS)
        if e + mu + tau > 1:
            raise InvalidParameterError(
                f"|U_e4|^2 + |U_mu4|^2 + |U_tau4|^2 = {mpmath.nstr(e + mu + tau, 10)} exceeds 1: the fourth "
                "column of a unitary matrix has norm 1")
        s14 = e
        s24 = mu / (1 - s14) if mu else mpmath.mpf(0)
        s34 = tau / ((1 - s14) * (1 - s24)) if tau else mpmath.mpf(0)
        return {"sin2_theta14": _text(s14), "sin2_theta24": _text(s24), "sin2_theta34": _text(s34)}


def _extra_keywords(current: Any, scalar_couplings: Any) -> dict[str, Any]:
    extra = {k: v for k, v in (("current", current), ("scalar_couplings", scalar_couplings)) if v is not None}
    params = inspect.signature(Model.__init__).parameters
    missing = [k for k in extra if k not in params]
    if missing:
        raise InvalidOptionError(
            f"this version of nusym.Model has no {' or '.join(repr(k) for k in missing)} keyword yet "
            "(currents beyond V-A are being added); remove the table(s) "
            f"{', '.join(f'[{k}]' for k in missing)}")
    return extra


def _build(nature: str, masses: Sequence[Any], mixing: Sequence[Sequence[Any]],
           origin: Sequence[tuple[str, str]], current: Any = None, scalar_couplings: Any = None) -> Model:
    return Model(nature, masses, mixing, origin=origin, **_extra_keywords(current, scalar_couplings))


def sterile_model(sector: str | None = None, *, preset: Any = DEFAULT_PRESET, ordering: str = "normal",
                  lightest: Any = 0, nature: str = "dirac", delta: Any = None, alpha21: Any = None,
                  alpha31: Any = None, masses: Sequence[Any] | None = None, m4: Any = None, m5: Any = None,
                  current: Any = None, scalar_couplings: Any = None, **angles: Any) -> Model:
    """A 3+N Model: active states from an oscillation preset, N sterile states of given masses and angles.

    The full n x n matrix (:func:`mixing_from_angles`) is unitary; its 3 x n block
    is the Model's mixing, which enters the charges of Eq. (5) of Segarra &
    Bernabeu 2020 and the sum of Eq. (1) over n^2 channels. The origin records
    preset, sector, sterile masses and angles.

    Parameters
    ----------
    sector : str, optional
        A name of :func:`sector_names` (``"3+1"``, ``"3+2"``) whose masses and
        angles are the defaults.
    preset, ordering, lightest, nature, delta, alpha21, alpha31 : optional
        As for :meth:`nusym.Model.from_preset`: they fix m1..m3 and theta12,
        theta13, theta23, delta13 = delta, alpha21, alpha31.
    masses : sequence, optional
        The ABSOLUTE sterile masses in eV (m4, m5, ...).
    m4, m5 : float or str, optional
        The same, one by one.
    current, scalar_couplings : optional
        The current of the Model (:class:`nusym.Model`; default the Standard Model).
    **angles
        The sterile parameters of :func:`mixing_from_angles` (``theta14`` or
        ``sin2_theta14``, ..., ``delta14``, ``delta24``, ``alpha41``, ...) or, for
        3+1 only, ``Ue4_sq``, ``Umu4_sq``, ``Utau4_sq`` (``|U_a4|^2``, converted to
        the angles).

    Returns
    -------
    nusym.Model
        n = 3 + N mass states.

    Raises
    ------
    nusym.errors.UnknownPresetError
        An unknown sector or preset.
    nusym.errors.InvalidMassError
        A sterile mass that is negative or out of range.
    nusym.errors.InvalidParameterError
        An active-sector angle, an unknown or out-of-range sterile parameter, or
        masses and angles that do not match.

    Examples
    --------
    >>> m = sterile_model(m4="0.5 eV", Ue4_sq="0.02", Umu4_sq="0.01", nature="majorana")
    >>> m.n, mpmath.nstr(abs(m.mixing[1][3])**2, 12)
    (4, '0.01')
    >>> sterile_model(m4=1, theta12=30)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: theta12 is an active-sector parameter: it comes from the oscillation preset (pass preset= a mapping or TOML file to change it)
    """  # noqa: E501
    nature = check_nature(nature)
    given = _sector(sector) if sector is not None else {}
    if sector is not None:
        given = dict(given)
    sterile = given.pop("masses", None)
    if masses is not None or m4 is not None or m5 is not None:
        if masses is not None and (m4 is not None or m5 is not None):
            raise InvalidParameterError("give the sterile masses as masses=[...] or as m4=, m5=, not both")
        if masses is None:
            if m4 is None:
                raise InvalidParameterError("m5 needs m4: give m4= (and m5=) or masses=[m4, m5]")
            masses = [m4] + ([m5] if m5 is not None else [])
        sterile = masses
    if sterile is None:
        raise InvalidParameterError("a sterile model needs the sterile masses: masses=[m4, ...] or m4=, or sector=")
    if isinstance(sterile, (str, bytes)) or not isinstance(sterile, Sequence) or not sterile:
        raise InvalidParameterError(f"sterile masses must be a non-empty list of masses in eV, got {sterile!r}")
    with mpmath.workdps(MODEL_DIGITS):
        extra_masses = [+parse_mass(v, f"sterile mass m{4 + k}") for k, v in enumerate(sterile)]
    n = 3 + len(extra_masses)
    _check_n(n)
    for name in angles:
        if name.removeprefix("sin2_").removeprefix("theta") in _ACTIVE_ANGLES and "theta" in name \
                or name in ("delta13", "alpha21", "alpha31"):
            raise InvalidParameterError(
                f"{name} is an active-sector parameter: it comes from the oscillation preset "
                f"(pass preset= a mapping or TOML file to change it)")
    # angles given explicitly replace the sector's (both spellings of the same angle; elements replace
    # the sector's theta14, theta24, theta34)
    if any(k.endswith("4_sq") for k in angles):
        for key in [k for k in given if "theta" in k and k[-2:] in ("14", "24", "34")]:
            given.pop(key)
    for name in list(angles):
        for other in (name, f"sin2_{name}", name.removeprefix("sin2_")):
            given.pop(other, None)
    given.update({k: v for k, v in angles.items() if v is not None})
    element_keys = [k for k in given if k.endswith("4_sq")]
    if element_keys:
        if n != 4:
            raise InvalidParameterError(
                "elements |U_a4|^2 (Ue4_sq, Umu4_sq, Utau4_sq) are accepted for 3+1 only; for 3+2 give the "
                "angles theta14, ..., theta45")
        bad = sorted(set(element_keys) - {"Ue4_sq", "Umu4_sq", "Utau4_sq"})
        clash = sorted(k for k in given if "theta" in k and k[-2:] in ("14", "24", "34"))
        if bad or clash:
            raise InvalidParameterError(
                f"give the 3+1 mixing as the elements Ue4_sq, Umu4_sq, Utau4_sq or as the angles theta14, "
                f"theta24, theta34, not {', '.join(bad + clash)} with them")
        given.update(_elements_to_angles({k: given.pop(k) for k in element_keys}))
    base = Model.from_preset(preset, ordering=ordering, lightest=lightest, nature=nature, delta=delta,
                             alpha21=alpha21, alpha31=alpha31)
    origin = dict(base.origin)
    params = load_parameters(preset, ordering)
    active = {"sin2_theta12": params.sin2_th12, "sin2_theta13": params.sin2_th13,
              "sin2_theta23": params.sin2_th23, "delta13": origin["delta_deg"],
              "alpha21": origin["alpha21_deg"], "alpha31": origin["alpha31_deg"]}
    normalised = _normalise_parameters(n, {**given, **active})
    mixing = mixing_from_angles(n, **dict(normalised)).block
    with mpmath.workdps(30):
        info: list[tuple[str, str]] = list(base.origin)
        if sector is not None:
            info.append(("sector", str(sector)))
        info.append(("sterile_masses_eV", ", ".join(mpmath.nstr(m, 30) for m in extra_masses)))
        info += [(k, v if k.startswith("sin2") else f"{v} deg")
                 for k, v in normalised if k not in active and v != "0"]
    return _build(nature, list(base.masses) + extra_masses, mixing, info, current, scalar_couplings)


# ----------------------------------------------------------------------------- non-unitary blocks
def _entry(value: Any, what: str) -> Any:
    """A complex matrix entry (number, complex, mpmath number or a string such as '0.1+0.2j')."""
    if isinstance(value, bool) or value is None:
        raise InvalidParameterError(f"{what} must be a number, got {value!r}")
    try:
        if isinstance(value, float):
            z = mpmath.mpc(mpmath.mpf(repr(value)))
        elif isinstance(value, complex):
            z = mpmath.mpc(mpmath.mpf(repr(value.real)), mpmath.mpf(repr(value.imag)))
        elif isinstance(value, str):
            z = mpmath.mpc(mpmath.mpmathify(value.strip().replace(" ", "")))
        else:
            z = mpmath.mpc(mpmath.mpmathify(value.item() if hasattr(value, "item") else value))
    except (TypeError, ValueError, AttributeError):
        raise InvalidParameterError(f"{what} must be a number, got {value!r}") from None
    if not (mpmath.isfinite(z.real) and mpmath.isfinite(z.imag)):
        raise InvalidParameterError(f"{what} must be finite, got {value!r}")
    return z


def _ztext(z: Any) -> str:
    re_, im_ = mpmath.nstr(z.real, 12), mpmath.nstr(abs(z.imag), 12)
    return re_ if not z.imag else f"{re_}{'-' if z.imag < 0 else '+'}{im_}j"


def _matrix(value: Any, what: str, rows: int, cols: int | None = None) -> list[list[Any]]:
    shape = f"{rows} x {cols if cols is not None else 'n'}"
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
        raise InvalidParameterError(f"{what} must be a {shape} matrix (a list of {rows} rows), got {value!r}")
    table = list(value.tolist() if hasattr(value, "tolist") else value)
    if len(table) != rows or any(isinstance(r, (str, bytes)) or not hasattr(r, "__len__") for r in table):
        raise InvalidParameterError(f"{what} must be a {shape} matrix (a list of {rows} rows), got {value!r}")
    width = cols if cols is not None else len(table[0])
    if width == 0 or any(len(r) != width for r in table):
        raise InvalidParameterError(
            f"{what} must be a {rows} x {cols if cols is not None else 'n'} matrix with rows of equal length "
            f"(got row lengths {[len(r) for r in table]})")
    with mpmath.workdps(MODEL_DIGITS):
        return [[_entry(v, f"{what}[{a}][{i}]") for i, v in enumerate(r)] for a, r in enumerate(table)]


def is_contraction(block: Sequence[Sequence[Any]], tolerance: Any = TOLERANCE) -> tuple[bool, Any]:
    """Whether a matrix is a contraction (largest singular value <= 1 + tolerance), and that value.

    Any block of a unitary matrix is one; a 3 x n mixing block that is not
    cannot come from unitary mixing with further states.

    >>> is_contraction([[1, 0], [0, 1], [0, 0]])
    (True, mpf('1.0'))
    >>> is_contraction([[0.8, 0.8], [0, 0], [0, 0]])[0]
    False
    """
    with mpmath.workdps(40):
        a = mpmath.matrix([[mpmath.mpc(v) for v in row] for row in block])
        gram = a * a.transpose_conj()
        values = mpmath.eighe(gram, eigvals_only=True)
        top = mpmath.sqrt(max(max(mpmath.re(v) for v in values), 0))
        return bool(top <= 1 + tolerance), +top


def _check_contraction(block: Sequence[Sequence[Any]], what: str) -> None:
    ok, top = is_contraction(block)
    if not ok:
        raise InvalidParameterError(
            f"{what} is not a contraction: its largest singular value is {mpmath.nstr(top, 12)} > 1; a 3 x n "
            "mixing block (of a unitary matrix, or (1 - eta) U with eta positive semi-definite and small) "
            "has all singular values <= 1")


def nonunitary_model(*, mixing: Any = None, eta: Any = None, masses: Sequence[Any] | None = None,
                     preset: Any = DEFAULT_PRESET, ordering: str = "normal", lightest: Any = 0,
                     nature: str = "dirac", delta: Any = None, alpha21: Any = None, alpha31: Any = None,
                     current: Any = None, scalar_couplings: Any = None) -> Model:
    """A Model with a non-unitary 3 x n mixing block given directly (``mixing=``) or as (1 - eta) U_PMNS.

    The weak charges are those of Eq. (5) of Segarra & Bernabeu 2020 with this
    block (Q^ij = sum_ab N_ai (Z C_Z + N C_N)_ab conj(N_bj)), whose N term is no
    longer diagonal. Either way the block must be a contraction
    (:func:`is_contraction`).

    Parameters
    ----------
    mixing : sequence of sequences, optional
        The 3 x n block itself (exactly one of ``mixing`` and ``eta``).
    eta : sequence of sequences, optional
        A Hermitian 3 x 3 matrix (rows and columns e, mu, tau; complex entries);
        the block is N = (1 - eta) U_PMNS (the "minimal unitarity violation"
        form, with U_PMNS and the masses of :meth:`nusym.Model.from_preset` of
        the preset arguments).
    masses : sequence, optional
        With ``mixing``: the n masses (eV), by default the preset's three when n = 3.
    preset, ordering, lightest, nature, delta, alpha21, alpha31 : optional
        As for :meth:`nusym.Model.from_preset`.
    current, scalar_couplings : optional
        The current of the Model (default the Standard Model).

    Returns
    -------
    nusym.Model
        The model with the non-unitary block as its mixing.

    Raises
    ------
    nusym.errors.InvalidParameterError
        Both or neither of ``mixing`` and ``eta``, a malformed or non-Hermitian
        eta, or a block that is not a contraction.
    nusym.errors.InvalidMassError
        A bad mass.

    Examples
    --------
    >>> m = nonunitary_model(eta=[["0.01", 0, 0], [0, 0, 0], [0, 0, 0]])
    >>> mpmath.nstr(sum(abs(u)**2 for u in m.mixing[0]), 12)
    '0.9801'
    >>> nonunitary_model(mixing=[[1, "0.1", 0], [0, 1, 0], [0, 0, 1]])
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: mixing is not a contraction: its largest singular value is 1.05124921973 > 1; a 3 x n mixing block (of a unitary matrix, or (1 - eta) U with eta positive semi-definite and small) has all singular values <= 1
    """  # noqa: E501
    nature = check_nature(nature)
    if (mixing is None) == (eta is None):
        raise InvalidParameterError("give exactly one of mixing= (the 3 x n block) and eta= (U = (1 - eta) U_PMNS)")
    base = Model.from_preset(preset, ordering=ordering, lightest=lightest, nature=nature, delta=delta,
                             alpha21=alpha21, alpha31=alpha31)
    if eta is not None:
        if masses is not None:
            raise InvalidParameterError("with eta= the masses come from the preset; give mixing= to set masses")
        e = _matrix(eta, "eta", 3, 3)
        with mpmath.workdps(MODEL_DIGITS):
            worst = max(abs(e[a][b] - e[b][a].conjugate()) for a in range(3) for b in range(3))
            if worst > TOLERANCE * max(1, max(abs(v) for row in e for v in row)):
                raise InvalidParameterError(
                    f"eta must be Hermitian (eta_ab = conj(eta_ba)); |eta - eta^dagger| reaches "
                    f"{mpmath.nstr(worst, 6)}")
            u = base.mixing
            block = [[(u[a][i] - sum(e[a][b] * u[b][i] for b in range(3))) for i in range(3)] for a in range(3)]
            text = "; ".join(", ".join(_ztext(v) for v in row) for row in e)
        _check_contraction(block, "(1 - eta) U_PMNS")
        origin = list(base.origin) + [("nonunitary", "U = (1 - eta) U_PMNS"), ("eta", text)]
        return _build(nature, base.masses, block, origin, current, scalar_couplings)
    block = _matrix(mixing, "mixing", 3)
    n = len(block[0])
    if masses is None:
        if n != 3:
            raise InvalidParameterError(f"a 3 x {n} mixing block needs masses=[...] ({n} masses in eV)")
        masses, origin = base.masses, list(base.origin)
    else:
        if isinstance(masses, (str, bytes)) or not hasattr(masses, "__len__") or len(masses) != n:
            raise InvalidParameterError(
                f"masses must list one mass per column of the mixing block ({n}), got {masses!r}")
        origin = []
    _check_contraction(block, "mixing")
    origin.append(("nonunitary", f"3 x {n} block given"))
    return _build(nature, masses, block, origin, current, scalar_couplings)


# ----------------------------------------------------------------------------- model files
def _read(source: Any) -> tuple[dict[str, Any], Path | None]:
    if isinstance(source, Mapping):
        return dict(source), None
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            with open(path, "rb") as fh:
                return tomllib.load(fh), path
        except FileNotFoundError:
            raise InvalidOptionError(f"model file {str(path)!r} does not exist") from None
        except IsADirectoryError:
            raise InvalidOptionError(f"model file {str(path)!r} is a directory, not a TOML file") from None
        except OSError as exc:
            raise InvalidOptionError(f"cannot read model file {str(path)!r}: {exc.strerror}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidOptionError(f"model file {str(path)!r} is not valid TOML: {exc}") from None
    raise InvalidOptionError(
        f"load_model takes a TOML file path (str or pathlib.Path) or a mapping, got {type(source).__name__}")


def _check_keys(where: str, table: Any, allowed: Sequence[str]) -> dict[str, Any]:
    if not isinstance(table, Mapping):
        raise InvalidOptionError(f"{where} must be a table, got {table!r}")
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise InvalidOptionError(
            f"unknown key(s) {', '.join(repr(k) for k in unknown)} in {where}; allowed: {', '.join(allowed)}")
    return dict(table)


def load_model(source: Any) -> Model:
    """A Model from a model file (TOML path, :class:`pathlib.Path`) or a mapping of the same schema.

    The one reader of model files (the CLI's ``--model``). The schema is in the
    module docstring; a preset path in ``[model]`` is relative to the file. The
    resulting mixing enters the charges of Eq. (5) of Segarra & Bernabeu 2020.

    Parameters
    ----------
    source : str or pathlib.Path or mapping
        A TOML file, or a mapping with tables ``[model]``, ``[sterile]``,
        ``[mixing]``, ``[nonunitary]``, ``[current]``, ``[scalar_couplings]``.

    Returns
    -------
    nusym.Model
        The model; the file name (if any) is recorded in its origin.

    Raises
    ------
    nusym.errors.InvalidOptionError
        A missing or unreadable file, invalid TOML, an unknown table or key (the
        message lists the allowed ones), or a source of another type.
    nusym.errors.InvalidParameterError
        Values that the builders (:func:`sterile_model`, :func:`nonunitary_model`,
        :class:`nusym.Model`) reject.

    Examples
    --------
    >>> m = load_model({"model": {"nature": "majorana", "lightest": "0.01 eV"},
    ...                 "sterile": {"sector": "3+1"}})
    >>> m.n, m.nature, dict(m.origin)["sector"]
    (4, 'majorana', '3+1')
    >>> load_model({"model": {"natur": "dirac"}})
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown key(s) 'natur' in [model]; allowed: nature, preset, ordering, lightest, delta, alpha21, alpha31, masses
    """  # noqa: E501
    data, path = _read(source)
    where = f"model file {path.name!r}" if path is not None else "model mapping"
    unknown = sorted(set(data) - set(MODEL_FILE_TABLES))
    if unknown:
        raise InvalidOptionError(
            f"unknown table(s) {', '.join(f'[{k}]' for k in unknown)} in {where}; allowed: "
            f"{', '.join(f'[{k}]' for k in MODEL_FILE_TABLES)}")
    head = _check_keys("[model]", data.get("model", {}), MODEL_FILE_TABLES["model"] or ())
    kinds = [k for k in ("sterile", "mixing", "nonunitary") if k in data]
    if len(kinds) > 1:
        raise InvalidOptionError(
            f"{where}: give at most one of [sterile], [mixing], [nonunitary], got {', '.join(f'[{k}]' for k in kinds)}")
    extra: dict[str, Any] = {}
    for key in ("current", "scalar_couplings"):
        if key in data:
            if not isinstance(data[key], Mapping):
                raise InvalidOptionError(f"[{key}] must be a table, got {data[key]!r}")
            extra[key] = dict(data[key])
    preset = head.pop("preset", DEFAULT_PRESET)
    if path is not None and isinstance(preset, str) and ("/" in preset or preset.split("#")[0].endswith(".toml")):
        if (path.parent / preset.split("#")[0]).exists():  # relative to the model file
            preset = str(path.parent / preset)
    common: dict[str, Any] = {"preset": preset}
    common.update({k: head.pop(k) for k in ("ordering", "lightest", "nature", "delta", "alpha21", "alpha31")
                   if k in head})
    masses = head.pop("masses", None)
    if masses is not None and "mixing" not in data:
        raise InvalidOptionError(
            "[model] masses lists all n masses and goes with [mixing]; with [sterile] give the sterile masses "
            "in [sterile] masses, otherwise the preset fixes them")
    try:
        if "sterile" in data:
            table = data["sterile"]
            if not isinstance(table, Mapping):
                raise InvalidOptionError(f"[sterile] must be a table, got {table!r}")
            table = dict(table)
            sector = table.pop("sector", None)
            sterile = table.get("masses") or (_sector(sector).get("masses") if sector is not None else None) or []
            n = 3 + (len(sterile) if isinstance(sterile, list) else 1)
            active = {f"{p}theta{a}" for p in ("", "sin2_") for a in _ACTIVE_ANGLES} | {"delta13", "alpha21", "alpha31"}
            allowed = ["masses"] + [k for k in parameter_names(max(n, 4)) if k not in active]
            if n == 4:
                allowed += ["Ue4_sq", "Umu4_sq", "Utau4_sq"]
            _check_keys("[sterile]", table, ["sector"] + allowed)
            model = sterile_model(sector, **common, **extra, **table)
        elif "mixing" in data:
            table = _check_keys("[mixing]", data["mixing"], MODEL_FILE_TABLES["mixing"] or ())
            if "real" not in table:
                raise InvalidOptionError("[mixing] needs real = [[...], [...], [...]] (and optionally imag)")
            re_part = _matrix(table["real"], "[mixing] real", 3)
            im_part = _matrix(table["imag"], "[mixing] imag", 3, len(re_part[0])) if "imag" in table else None
            block = [[r + (im_part[a][i] * 1j if im_part else 0) for i, r in enumerate(row)]
                     for a, row in enumerate(re_part)]
            model = nonunitary_model(mixing=block, masses=masses, **common, **extra)
        elif "nonunitary" in data:
            table = _check_keys("[nonunitary]", data["nonunitary"], MODEL_FILE_TABLES["nonunitary"] or ())
            if "eta_real" not in table:
                raise InvalidOptionError(
                    "[nonunitary] needs eta_real = [[...], [...], [...]] (and optionally eta_imag)")
            re_part = _matrix(table["eta_real"], "[nonunitary] eta_real", 3, 3)
            im_part = _matrix(table["eta_imag"], "[nonunitary] eta_imag", 3, 3) if "eta_imag" in table else None
            eta = [[r + (im_part[a][b] * 1j if im_part else 0) for b, r in enumerate(row)]
                   for a, row in enumerate(re_part)]
            model = nonunitary_model(eta=eta, **common, **extra)
        else:
            nature = common.pop("nature", "dirac")
            base = Model.from_preset(common.pop("preset"), nature=nature, **common)
            model = _build(base.nature, base.masses, base.mixing, base.origin, **extra)
    except TypeError as exc:  # a wrong type in the file (e.g. a table where a number is expected)
        raise InvalidOptionError(f"{where}: {exc}") from None
    if path is not None:
        return _with_origin(model, ("file", path.name))
    return model


def _with_origin(model: Model, item: tuple[str, str]) -> Model:
    return replace(model, origin=(item,) + tuple(model.origin))
