"""The two-neutrino force as an effective Yukawa strength alpha(lambda), and published limits.

Fifth-force experiments quote limits on a Yukawa correction to Newtonian gravity::

    V(r) = -G m_A m_B / r * (1 + alpha exp(-r/lambda)),

(e.g. Adelberger, Heckel & Nelson, Annu. Rev. Nucl. Part. Sci. 53, 77 (2003), Eq. 2).
The two-neutrino potential of Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101,
093004 (2020) is not one Yukawa but a continuum of them: with q = sqrt(t)::

    V_2nu(r) = Int dq rho(q) exp(-q r) / r,    rho(q) = -(2 q / 4 pi^2) sum_ij Im M_ij(q^2),

so no single alpha describes it. :func:`alpha_eff` offers three definitions
(``definition=``), for m_A, m_B the masses of the two atoms (mean atoms of a
material) and K = G m_A m_B / (hbar c), the dimensionless gravitational coupling:

* ``"potential"`` (default): the single Yukawa of range lambda that equals V_2nu
  at r = lambda, alpha_V(lambda) = e * V_2nu(lambda) / V_N(lambda)
  = -e lambda V_2nu(lambda) / K (lambda in eV^-1, V in eV);
* ``"force"``: the same matching for the force,
  alpha_F(lambda) = (e/2) F_2nu(lambda) / F_N(lambda), since
  F_Yukawa(lambda) = -(2/e) alpha G m_A m_B / lambda^2;
* ``"spectral"``: the spectral weight per unit ln(lambda),
  alpha_S(lambda) = -q rho(q) / K at q = 1/lambda, so that exactly
  V_2nu(r) = -(K/r) Int d(ln lambda) alpha_S(lambda) exp(-r/lambda).

Every definition gives back alpha for a pure Yukawa (the first two at
lambda = its range, the third as its integral over ln lambda). Sign: a repulsive
V_2nu (the default preset between ordinary matter at short range) gives
alpha < 0, while gravity-like attraction gives alpha > 0. Caveats in
``docs/fifth_force.md``: an experiment's limit on a single Yukawa does not
translate exactly into a limit on a continuum; the matched definitions are
heuristics of the kind used for power-law potentials, alpha_V/alpha_S = 6e ~ 16
for the massless (r^-5, Eq. (8)) potential; and for pairs whose Q^11 charges
(Eq. (5)) have opposite signs (e.g. Au-Si) V_2nu changes sign beyond ~1/m_2,
where only the massless channel survives.

The neutrino sector is a :class:`nusym.model.Model` (``model=``) or the shorthand
keywords of :meth:`nusym.model.Model.from_preset`, resolved once per call;
lengths go through :mod:`nusym.inputs` (1e-20 m to 1e20 m).

>>> import numpy as np
>>> a = alpha_eff(np.array([1e-6, 1e-5]), "Fe-56", "Fe-56")
>>> [float("%.4g" % x) for x in a]
[-1.4e-13, -8.759e-18]
>>> curves = yukawa_limits()
>>> float(curves["eotwash2020"].alpha_at(38.6e-6))
1.0
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from dataclasses import dataclass
from typing import Any, TypeAlias, overload

import mpmath
import numpy as np

from nusym.constants import constant, constant_float
from nusym.errors import InvalidOptionError, InvalidParameterError
from nusym.inputs import (
    DPS_MAX,
    LENGTH_MIN_M,
    check_choice,
    check_dps,
    check_flag,
    lengths_double,
    parse_lengths,
)
from nusym.model import Model, resolve_model
from nusym.numeric.config import configure, prefactor_float
from nusym.numeric.kernels import g_numpy
from nusym.numeric.potential import force, potential
from nusym.reprs import html_columns
from nusym.resources import read_text
from nusym.sources import parse_source

__all__ = [
    "DEFINITIONS",
    "alpha_eff",
    "alpha_from_potential",
    "alpha_from_force",
    "gravity_coupling",
    "spectral_density",
    "LimitCurve",
    "yukawa_limits",
]

#: an mpmath number (mpmath has no type information)
Mpf: TypeAlias = Any
#: one length or energy: a number or, for a length, a string with a unit ("10um"); astropy/pint
#: quantities and mpf are untyped (Any) and select the catch-all overload
Scalar: TypeAlias = "float | str | np.floating"
#: several: a NumPy array, a list or a tuple (the result has one value per entry)
Several: TypeAlias = "np.ndarray | list[Any] | tuple[Any, ...]"

#: accepted values of ``definition`` in :func:`alpha_eff`
DEFINITIONS = ("potential", "force", "spectral")

_LIMITS_FILE = "yukawa_limits.csv"


# ----------------------------------------------------------------------------- helpers
def _model(model: Model | None, nature: Any, ordering: Any, lightest: Any, preset: Any, delta: Any,
           alpha21: Any, alpha31: Any) -> Model:
    return resolve_model(model, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                         delta=delta, alpha21=alpha21, alpha31=alpha31)


def _check_definition(definition: Any) -> str:
    """Transitional for ``nusym.cli.alpha`` (which still imports it): use ``check_choice(..., DEFINITIONS)``."""
    return check_choice(definition, "alpha definition", DEFINITIONS)


def _coupling(a: Any, b: Any, wp: int) -> Any:
    """K = G m_A m_B / (e hbar c) as an mpf at ``wp`` digits."""
    src_a, src_b = parse_source(a), parse_source(b)
    with mpmath.workdps(wp):
        return (constant("G_N", wp) * src_a.mass_kg(wp) * src_b.mass_kg(wp)
                / (constant("e", wp) * constant("hbar_c", wp)))


def gravity_coupling(a: Any, b: Any, dps: int | None = None) -> Any:
    """K = G m_A m_B / (hbar c), dimensionless: V_N = -K / r with r in eV^-1, V in eV.

    The Newtonian counterpart of Eq. (1) of Segarra & Bernabeu (2020) (their
    comparison with gravity).

    Parameters
    ----------
    a, b : str
        Anything :func:`nusym.sources.parse_source` accepts (one atom each).
    dps : int, optional
        ``None`` (default): a float; ``N`` (5..1000): an mpf rounded to N digits.

    Returns
    -------
    float or mpmath.mpf
        K.

    Raises
    ------
    nusym.errors.InvalidSourceError
        A source :func:`nusym.sources.parse_source` refuses.

    Examples
    --------
    >>> float("%.6g" % gravity_coupling("Fe-56", "Fe-56"))
    1.82127e-35
    >>> mpmath.nstr(gravity_coupling("Fe-56", "Fe-56", dps=12), 12)
    '1.82126583036e-35'
    """
    dps = check_dps(dps, allow_none=True)
    k = _coupling(a, b, (20 if dps is None else dps) + 10)
    if dps is None:
        return float(k)
    with mpmath.workdps(dps):
        return +k


def _check_output(values: Any, what: str, log: bool = False) -> None:
    """No NaN (nor an overflow) is ever returned; ln|alpha| = -inf (alpha = 0 exactly) is allowed."""
    with np.errstate(invalid="ignore"):
        bad = np.isnan(values) | (np.isposinf(values) if log else ~np.isfinite(values))
    if np.any(bad):
        raise InvalidParameterError(
            f"{what} is not representable in double precision for these inputs (it overflows or "
            "is undefined); use dps= for the verified multi-precision route")


def _energies(q_eV: Any) -> tuple[Any, bool]:
    """(q in eV as a float array, is_scalar); positive, finite, at most hbar c / LENGTH_MIN_M."""
    q_max = constant_float("hbar_c") / LENGTH_MIN_M

    def error() -> InvalidParameterError:
        text = " ".join(repr(q_eV).split())
        text = text if len(text) <= 80 else text[:60] + "..." + text[-15:]
        return InvalidParameterError(
            f"q must be positive, finite energies in eV (numbers or a NumPy array), at most "
            f"{q_max:.3g} eV (hbar c / {LENGTH_MIN_M:g} m), got {text}")

    raw = np.asarray(q_eV)
    if raw.dtype.kind not in "fiuOU" or raw.size == 0:
        raise error()
    try:
        q = raw.astype(float)
    except (TypeError, ValueError, OverflowError):
        raise error() from None
    if raw.dtype.kind in "OU" and any(isinstance(v, (bool, np.bool_)) for v in raw.ravel().tolist()):
        raise error()
    with np.errstate(invalid="ignore"):
        if not np.all(np.isfinite(q) & (q > 0) & (q <= q_max)):
            raise error()
    return q, q.ndim == 0


@overload
def spectral_density(q_eV: float | np.floating, a: Any, b: Any, *, model: Model | None = ...,
                     nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
                     preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                     alpha31: Any = ...) -> float: ...
@overload
def spectral_density(q_eV: Several, a: Any, b: Any, *, model: Model | None = ...,
                     nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
                     preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                     alpha31: Any = ...) -> np.ndarray: ...
@overload
def spectral_density(q_eV: Any, a: Any, b: Any, *, model: Model | None = ...,
                     nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
                     preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                     alpha31: Any = ...) -> Any: ...
def spectral_density(q_eV: Any, a: Any, b: Any, *, model: Model | None = None,
                     nature: str | None = None, ordering: str | None = None, lightest: Any = None,
                     preset: Any = None, delta: Any = None, alpha21: Any = None,
                     alpha31: Any = None) -> Any:
    """rho(q) in eV^-1 with V_2nu(r) = Int dq rho(q) exp(-q r)/r (double precision).

    From Eq. (1) of Segarra & Bernabeu (2020) with t = q^2: rho(q) =
    -(2q/(4 pi^2)) sum_ij Im M_ij(q^2) = G_F^2/(192 pi^3) sum_ij sum_k w_k
    g_k(q - m_i - m_j), where g_k(x) dx is the absorptive kernel of Eq. (6) times
    dt (:func:`nusym.numeric.kernels.g_numpy`) and w_k the weights of the charges
    of Eq. (5) (:func:`nusym.numeric.config.configure`); rho = 0 below the lowest
    threshold q = 2 m_lightest.

    Parameters
    ----------
    q_eV : float or numpy.ndarray
        Positive energies in eV (at most hbar c / 1e-20 m ~ 2e13 eV).
    a, b : str
        Isotopes or materials.
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature``, ``ordering``,
        ``lightest`` (eV), ``preset``, ``delta``, ``alpha21``, ``alpha31`` of
        :meth:`nusym.Model.from_preset` (not both).

    Returns
    -------
    float or numpy.ndarray
        rho in eV^-1: a float for a scalar, an array of the same shape otherwise.

    Raises
    ------
    nusym.errors.InvalidParameterError
        Energies that are not positive, finite and in range.

    Examples
    --------
    >>> rho = spectral_density(np.array([0.1, 1.0]), "Fe-56", "Fe-56")
    >>> bool(rho[1] / rho[0] > 900)   # massless limit: rho ~ q^3
    True
    >>> spectral_density(0.1, "Fe-56", "Fe-56", lightest=0.1)   # below 2 m_lightest
    0.0
    """
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    q, scalar = _energies(q_eV)
    config = configure(m, a, b, 30)
    flat = np.atleast_1d(q).ravel()
    total = np.zeros_like(flat)
    for (i, j), weights in config.weights.items():
        mi, mj = float(config.masses[i]), float(config.masses[j])
        x = flat - (mi + mj)
        above = x > 0
        if not above.any():
            continue
        for k, w in enumerate(weights):
            w = float(w)
            if w == 0:
                continue
            g = np.asarray(g_numpy(config.nature, k, x[above], mi, mj), dtype=float)
            total[above] += w * np.broadcast_to(g, x[above].shape)
    out = prefactor_float() * total
    _check_output(out, "the spectral density")
    return float(out[0]) if scalar else out.reshape(q.shape)


# ----------------------------------------------------------------------------- alpha(lambda)
def alpha_from_potential(lam_nat: Any, v_eV: Any, k: Any) -> Any:
    """alpha_V = e V(lambda) / V_N(lambda) = -e lambda V(lambda) / K (lambda in eV^-1, V in eV).

    The Yukawa -K alpha exp(-r/lambda)/r equals V at r = lambda for this alpha
    (definition ``"potential"``). Works for floats, NumPy arrays and mpf.

    >>> k, alpha0, lam = 2.0e-35, -3.0e-12, 5.0e6
    >>> v = -k * alpha0 * math.exp(-1.0) / lam        # a pure Yukawa at r = lambda
    >>> abs(alpha_from_potential(lam, v, k) / alpha0 - 1) < 1e-15
    True
    """
    e = mpmath.e if isinstance(v_eV, mpmath.mpf) else math.e
    return -e * lam_nat * v_eV / k


def alpha_from_force(lam_nat: Any, f_eV2: Any, k: Any) -> Any:
    """alpha_F = (e/2) F(lambda) / F_N(lambda) = -(e/2) lambda^2 F(lambda) / K (F = -dV/dr in eV^2).

    A Yukawa -K alpha exp(-r/lambda)/r exerts F = -K alpha exp(-r/lambda)
    (1/r^2 + 1/(r lambda)), i.e. -(2/e) K alpha/lambda^2 at r = lambda, so this alpha
    reproduces F at r = lambda (definition ``"force"``).

    >>> k, alpha0, lam = 2.0e-35, 4.0e3, 5.0e6
    >>> f = -k * alpha0 * math.exp(-1.0) * 2 / lam**2   # the Yukawa's force at r = lambda
    >>> abs(alpha_from_force(lam, f, k) / alpha0 - 1) < 1e-15
    True
    """
    e = mpmath.e if isinstance(f_eV2, mpmath.mpf) else math.e
    return -(e / 2) * lam_nat ** 2 * f_eV2 / k


@overload
def alpha_eff(lam: Scalar, a: Any, b: Any, *, definition: str = ..., model: Model | None = ...,
              nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
              preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...,
              dps: None = ..., log: bool = ...) -> np.float64: ...
@overload
def alpha_eff(lam: Several, a: Any, b: Any, *, definition: str = ..., model: Model | None = ...,
              nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
              preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...,
              dps: None = ..., log: bool = ...) -> np.ndarray: ...
@overload
def alpha_eff(lam: Scalar, a: Any, b: Any, *, definition: str = ..., model: Model | None = ...,
              nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
              preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...,
              dps: int, log: bool = ...) -> Mpf: ...
@overload
def alpha_eff(lam: Several, a: Any, b: Any, *, definition: str = ..., model: Model | None = ...,
              nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
              preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...,
              dps: int, log: bool = ...) -> list[Mpf]: ...
@overload
def alpha_eff(lam: Any, a: Any, b: Any, *, definition: str = ..., model: Model | None = ...,
              nature: str | None = ..., ordering: str | None = ..., lightest: Any = ...,
              preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...,
              dps: int | None = ..., log: bool = ...) -> Any: ...
def alpha_eff(lam: Any, a: Any, b: Any, *, definition: str = "potential", model: Model | None = None,
              nature: str | None = None, ordering: str | None = None, lightest: Any = None,
              preset: Any = None, delta: Any = None, alpha21: Any = None, alpha31: Any = None,
              dps: int | None = None, log: bool = False) -> Any:
    """Effective Yukawa strength alpha(lambda) of the two-neutrino force between atoms a and b.

    V_2nu of Eq. (1) of Segarra & Bernabeu (2020) relative to V_N = -G m_A m_B / r
    for one atom of ``a`` and one of ``b`` (for a material, its mean atom); the
    three definitions are in the module docstring.

    Parameters
    ----------
    lam : float or str or array_like
        The Yukawa range lambda in metres: a number, a string with a unit such as
        ``"10um"``, a quantity, a sequence or a NumPy array (1e-20 m to 1e20 m).
    a, b : str or nusym.materials.Material
        Isotopes or materials (anything :func:`nusym.sources.parse_source` accepts).
    definition : {"potential", "force", "spectral"}, optional
        ``"potential"`` (default): V matched at r = lambda; ``"force"``: F matched
        at r = lambda; ``"spectral"``: the weight per unit ln lambda.
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature``, ``ordering``,
        ``lightest`` (eV), ``preset``, ``delta``, ``alpha21``, ``alpha31`` of
        :meth:`nusym.Model.from_preset` (not both).
    dps : int, optional
        ``None`` (default): double precision via
        :func:`nusym.numeric.potential.potential`; values that underflow are 0.0
        (use ``log=True``).  ``N`` (5..1000): the verified ``potential`` /
        ``force`` values to N digits (not for ``"spectral"``).
    log : bool, optional
        Return ``ln|alpha|`` (double precision, without underflow; ``"potential"``
        and ``"spectral"`` only; -inf where alpha is exactly 0).

    Returns
    -------
    numpy.ndarray or numpy.float64 or mpmath.mpf or list of mpmath.mpf
        alpha (or ``ln|alpha|``): in double precision an array of the shape of
        ``lam`` (a NumPy scalar for a scalar); with ``dps`` an mpf (a list for
        several lambdas).  Negative where V_2nu is repulsive.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown definition, or ``log``/``dps`` with a definition that does not
        offer it.
    nusym.errors.InvalidLengthError
        A length without a unit, not positive or out of range.

    Examples
    --------
    >>> mpmath.nstr(alpha_eff("1um", "Fe-56", "Fe-56", dps=12), 12)
    '-1.39964216478e-13'
    >>> alpha_eff("1um", "Fe-56", "Fe-56", definition="yukawa")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown alpha definition 'yukawa'; allowed: potential, force, spectral
    """
    definition = _check_definition(definition)
    log = check_flag(log, "log")
    dps = check_dps(dps, allow_none=True)
    if dps is not None:
        if log:
            raise InvalidOptionError("log=True is available in double precision only (dps=None)")
        if definition == "spectral":
            raise InvalidOptionError("definition 'spectral' is available in double precision only "
                                     "(dps=None)")
    elif log and definition == "force":
        raise InvalidOptionError("log=True is available for definitions 'potential' and 'spectral'")
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    if dps is not None:
        return _alpha_mp(lam, a, b, definition, dps, m)
    return _alpha_double(lam, a, b, definition, log, m)


def _alpha_double(lam: Any, a: Any, b: Any, definition: str, log: bool, model: Model) -> Any:
    lam_m, scalar = lengths_double(lam, "lambda")
    lam_m = np.atleast_1d(lam_m)
    k = gravity_coupling(a, b)
    hbar_c = constant_float("hbar_c")
    lam_nat = lam_m / hbar_c
    if definition == "potential":
        if log:
            lnv = potential(lam_m, a, b, dps=None, log=True, model=model)
            out = np.asarray(lnv) + np.log(lam_nat) + 1.0 - math.log(k)
        else:
            v = np.asarray(potential(lam_m, a, b, dps=None, model=model))
            out = alpha_from_potential(lam_nat, v, k)
    elif definition == "force":
        f_newton = np.asarray(force(lam_m, a, b, dps=None, model=model))
        f_nat = f_newton * (hbar_c / constant_float("e"))      # newtons -> eV^2
        out = alpha_from_force(lam_nat, f_nat, k)
    else:
        q = 1.0 / lam_nat
        rho = spectral_density(q, a, b, model=model)
        if log:
            with np.errstate(divide="ignore"):
                out = np.log(q * np.abs(rho)) - math.log(k)
        else:
            out = -q * rho / k
    out = np.asarray(out, dtype=float) + 0.0     # + 0.0: an underflow is 0.0, not -0.0
    _check_output(out, "ln|alpha|" if log else "alpha", log=log)
    return out[0] if scalar else out.reshape(np.shape(lam_m))


def _alpha_mp(lam: Any, a: Any, b: Any, definition: str, dps: int, model: Model) -> Any:
    wp = dps + 15
    with mpmath.workdps(wp):
        lengths, scalar = parse_lengths(lam, "lambda")
    digits = min(dps + 5, DPS_MAX)
    if definition == "potential":
        values = potential(lengths, a, b, dps=digits, model=model)
    else:
        values = force(lengths, a, b, dps=digits, model=model)
    out = []
    with mpmath.workdps(wp):
        k = _coupling(a, b, wp)
        hbar_c, e_charge = constant("hbar_c", wp), constant("e", wp)
        for lam_m, v in zip(lengths, values, strict=True):
            v = mpmath.mpf(v)
            if definition == "potential":
                alpha = alpha_from_potential(lam_m / hbar_c, v, k)
            else:   # force() gives newtons
                alpha = alpha_from_force(lam_m / hbar_c, v * hbar_c / e_charge, k)
            with mpmath.workdps(dps):
                out.append(+alpha)
    return out[0] if scalar else out


# ----------------------------------------------------------------------------- limits
@dataclass(frozen=True)
class LimitCurve:
    """A published upper limit ``|alpha| < alpha_max(lambda)`` (95 % CL) of one experiment.

    ``lambda_m`` and ``alpha_max`` are NumPy arrays sorted by lambda; ``origin``
    says per point how it was obtained (see ``nusym/data/README.md``).
    """

    key: str
    label: str
    reference: str
    lambda_m: Any
    alpha_max: Any
    origin: tuple[str, ...]
    #: per point: True if the number was read off a published figure (columns of the data file)
    digitised: tuple[bool, ...] = ()
    #: per point: "abs" (the source states a limit on ``|alpha|``) or "unstated"
    sign: tuple[str, ...] = ()
    #: test bodies "detector|attractor" ("+": alternating materials; "various" for a union)
    materials: str = ""

    def _repr_html_(self) -> str:
        """The points of the curve (Jupyter)."""
        return html_columns({"lambda (m)": self.lambda_m, "alpha_max": self.alpha_max, "origin": list(self.origin)},
                            caption=f"{self.label}: 95 % CL limit on |alpha|, {self.reference}")

    def alpha_at(self, lam_m: Any) -> Any:
        """alpha_max interpolated linearly in (log lambda, log alpha); NaN outside the curve.

        >>> c = yukawa_limits()["chen2016"]
        >>> bool(c.alpha_at(1e-6) > 1e5)
        True
        """
        x = np.log(np.asarray(lam_m, dtype=float))
        lx, ly = np.log(self.lambda_m), np.log(self.alpha_max)
        y = np.interp(x, lx, ly, left=np.nan, right=np.nan)
        return np.exp(y)


_META = re.compile(r"^#\s*experiment\s+(?P<key>[a-z0-9_]+)\s*\|\s*(?P<label>[^|]+?)\s*\|\s*(?P<ref>.+?)\s*$")


@functools.cache
def _read_limits() -> tuple[LimitCurve, ...]:
    text = read_text(_LIMITS_FILE)
    meta: dict[str, tuple[str, str]] = {}
    body = []
    for line in text.splitlines():
        if line.startswith("#"):
            m = _META.match(line)
            if m:
                meta[m.group("key")] = (m.group("label"), m.group("ref"))
        elif line.strip():
            body.append(line)
    rows: dict[str, list[tuple[float, float, str, bool, str, str]]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(body))):
        rows.setdefault(row["experiment"], []).append(
            (float(row["lambda_m"]), float(row["alpha_max"]), row["origin"],
             row.get("digitised", "no") == "yes", row.get("sign") or "unstated", row.get("materials") or ""))
    curves = []
    for key, pts in rows.items():
        pts.sort()
        label, ref = meta[key]
        curves.append(LimitCurve(key, label, ref, np.array([p[0] for p in pts]),
                                 np.array([p[1] for p in pts]), tuple(p[2] for p in pts),
                                 tuple(p[3] for p in pts), tuple(p[4] for p in pts), pts[0][5]))
    return tuple(curves)


def yukawa_limits(experiment: str | None = None) -> Any:
    """Published 95 % CL limits on ``|alpha|(lambda)``, 1 um <= lambda <= 1 mm (coarse; data file).

    The limits against which :func:`alpha_eff` (the 2-nu force of Eq. (1) of
    Segarra & Bernabeu 2020 as a Yukawa strength) is compared.  Sources and how
    each point was obtained: ``nusym/data/yukawa_limits.csv`` and
    ``nusym/data/README.md``.

    Parameters
    ----------
    experiment : str, optional
        The key of one experiment (e.g. ``"eotwash2020"``); ``None`` (default): all.

    Returns
    -------
    dict of str to LimitCurve, or LimitCurve
        ``{key: LimitCurve}`` in the order of the file, or the one curve asked for.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown experiment (the message lists the keys).

    Examples
    --------
    >>> sorted(yukawa_limits())
    ['blakemore2021', 'chen2016', 'eotwash2020', 'geraci2008', 'isl_envelope', 'kapner2007', 'tan2020']
    >>> yukawa_limits("nope")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown experiment 'nope'; allowed: chen2016, eotwash2020, isl_envelope,
    geraci2008, blakemore2021, kapner2007, tan2020
    """
    curves = {c.key: c for c in _read_limits()}
    if experiment is None:
        return dict(curves)
    if experiment not in curves:
        raise InvalidOptionError(f"unknown experiment {experiment!r}; allowed: {', '.join(curves)}")
    return curves[experiment]
