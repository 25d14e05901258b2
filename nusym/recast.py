"""Recasting published Yukawa limits alpha(lambda) for any spectral density, and power laws.

A limit on one Yukawa correction to gravity, V = -G m_A m_B/r (1 + alpha exp(-r/lambda)),
is not a limit on a continuum of Yukawas such as the two-neutrino potential of
Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020),
V_2nu(r) = Int dq rho(q) exp(-q r)/r (:func:`nusym.fifth_force.spectral_density`).
This module states by how much each published limit of
:func:`nusym.fifth_force.yukawa_limits` misses (or excludes) a given spectrum.

Method ``"linear"`` (default), in the dispersion-relation language of Banks &
McCullough, arXiv:2009.12399 (every fifth-force observable is linear in rho):
write the spectrum as Yukawas of strengths alpha_n at ranges lambda_n = hbar c/q_n,

    V(r) = -(K/r) sum_n alpha_n exp(-r/lambda_n),   alpha_n = -c_n / K,

K = G m_A m_B/(hbar c) (:func:`nusym.fifth_force.gravity_coupling`); for a
continuous rho, alpha_n -> alpha_S(lambda) d(ln lambda) with alpha_S = -q rho(q)/K.
If the experiment's signal is one amplitude S, linear in V, and its single-Yukawa
limit is alpha_lim(lambda) = S_max/s(lambda) (s: the response to alpha = 1), the
superposition gives S/S_max = sum_n alpha_n/alpha_lim(lambda_n), so::

    margin = 1 / | Int_band d(ln lambda) alpha_S(lambda) / alpha_lim(lambda) |,

excluded if margin < 1. A single Yukawa exactly at the limit gives margin 1.
The band is the range of lambda over which the limit is published; weight outside
it is not counted (the response there is unknown), so the margin is an upper bound
on the true one for a spectrum with weight outside the band. A curve given at one
lambda only has no band: there, and for ``method="pointwise"``, the margin is
min over the curve's lambda of ``alpha_lim(lambda)/|alpha_V(lambda)|``, with
alpha_V(lambda) = -e lambda V(lambda)/K the single Yukawa that equals V at r = lambda
(``definition="potential"`` of :func:`nusym.fifth_force.alpha_eff`).

Power laws: torsion-balance papers (e.g. Adelberger et al., PRL 98, 131104 (2007))
also quote V = -G m_A m_B/r [1 + beta_k (r0/r)^(k-1)], r0 = 1 mm;
:func:`to_power_law` gives beta_k of a spectrum (a fit over a range of r, or for
k = 5 the exact short-distance limit: V_2nu -> C/r^5, Eq. (8)), and
:func:`from_power_law` the potential of a given beta_k.

>>> res = recast(("Fe-56", "Fe-56"))
>>> r = res["eotwash2020"]
>>> r.excluded, bool(r.margin > 1e15)
(False, True)
>>> b5 = to_power_law(("Fe-56", "Fe-56"), 5, method="massless")
>>> float("%.3g" % b5)
-5.21e-26
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidOptionError, InvalidParameterError
from nusym.fifth_force import LimitCurve, gravity_coupling, spectral_density, yukawa_limits
from nusym.inputs import check_choice, lengths_double, parse_int, parse_length_value
from nusym.model import Model, resolve_model
from nusym.numeric.potential import potential
from nusym.numeric.spectral import YukawaSpectrum
from nusym.reprs import html_table
from nusym.sources import Source

__all__ = [
    "RECAST_METHODS",
    "POWER_LAW_METHODS",
    "RecastResult",
    "recast",
    "recast_table",
    "PowerLawFit",
    "power_law_fit",
    "to_power_law",
    "from_power_law",
]

#: accepted values of ``method`` in :func:`recast`
RECAST_METHODS = ("linear", "pointwise")
#: accepted values of ``method`` in :func:`to_power_law`
POWER_LAW_METHODS = ("fit", "massless")

#: points per band of the continuous (pair or callable) route, log-spaced in lambda
_BAND_POINTS = 2001
#: default short-distance range of the power-law fit (m): m_nu r < 1e-3 there
_SHORT_RANGE_M = (1e-9, 1e-8)

_ASSUMPTIONS = (
    ("the limit is a 95 % CL bound on |alpha| of V = -G m_A m_B/r (1 + alpha exp(-r/lambda)) and holds "
     "for either sign of alpha (the data file's sign column says what each source states)"),
    ("the test bodies are taken to be the pair given (the 2-nu alpha depends on the materials, a "
     "gravity-like alpha does not); the experiment's own bodies are listed in 'materials'"),
    ("point-like bodies: alpha is defined per atom pair (mean atoms for materials); the apparatus "
     "geometry enters only through the published alpha_lim(lambda)"),
)
_LINEAR = ("linear: the signal is one amplitude linear in V, so S/S_max = Int d(ln lambda) "
           "alpha_S(lambda)/alpha_lim(lambda) over the published band (Banks & McCullough, "
           "arXiv:2009.12399, dispersion form); weight outside the band is not counted")
_POINTWISE = ("pointwise: margin = min over the curve's lambda of alpha_lim/|alpha_V|, alpha_V(lambda) = "
              "-e lambda V(lambda)/K (the Yukawa equal to V at r = lambda); a heuristic, exact only for "
              "a single Yukawa at that lambda")


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class RecastResult:
    """How far one published limit is from a spectrum (see the module docstring).

    ``margin``: alpha_lim / signal (> 1: not excluded, by that factor; ``inf`` if the
    spectrum has no weight in the band); ``lambda_at_margin`` (m): where the ratio
    alpha/alpha_lim is largest; ``signal``: the signed S/S_max (``linear``) or the
    signed alpha_V/alpha_lim at ``lambda_at_margin`` (``pointwise``);
    ``margin_no_cancellation``: the margin with ``|alpha_n|`` (no cancellation between
    Yukawas of opposite sign; equal to ``margin`` for a one-signed spectrum).
    """

    experiment: str
    margin: float
    lambda_at_margin: float
    excluded: bool
    method: str
    assumptions: tuple[str, ...]
    signal: float
    margin_no_cancellation: float
    band_m: tuple[float, float]
    materials: str
    sign: str
    digitised: bool

    def _repr_html_(self) -> str:
        """The margin and what it rests on (Jupyter)."""
        rows: list[list[Any]] = [["margin", self.margin], ["excluded", "yes" if self.excluded else "no"],
                ["lambda at margin (m)", self.lambda_at_margin], ["signal", self.signal],
                ["margin without cancellation", self.margin_no_cancellation],
                ["band (m)", f"{self.band_m[0]:.3g} .. {self.band_m[1]:.3g}"], ["method", self.method],
                ["test bodies", self.materials], ["limit on", self.sign],
                ["digitised", "yes" if self.digitised else "no"],
                *(["assumption", a] for a in self.assumptions)]
        return html_table(rows, caption=f"Recast against {self.experiment}")


class _Spectrum:
    """One interface over the three kinds of input: alpha weights in a band and V(r)."""

    def __init__(self, coupling: float, *, pair: tuple[Any, Any] | None = None, model: Model | None = None,
                 discrete: YukawaSpectrum | None = None, rho: Callable[[Any], Any] | None = None):
        self.k = coupling
        self.pair, self.model, self.discrete, self.rho = pair, model, discrete, rho
        self.hc = constant_float("hbar_c")

    def _rho(self, q: np.ndarray) -> np.ndarray:
        if self.pair is not None:
            return np.asarray(spectral_density(q, *self.pair, model=self.model), dtype=float)
        if self.rho is None:
            raise TypeError("_Spectrum needs pair= or rho= for a spectral density")
        out = np.asarray(self.rho(q), dtype=float)
        if out.shape != q.shape or not np.all(np.isfinite(out)):
            raise InvalidParameterError("rho(q) must return finite values, one per q (a NumPy array in eV^-1)")
        return out

    def weights(self, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(lambda_m, alpha weight per term, alpha density per ln lambda) in [lo, hi] metres."""
        if self.discrete is not None:
            lam = self.hc / np.where(self.discrete.q > 0, self.discrete.q, np.nan)
            keep = np.isfinite(lam) & (lam >= lo) & (lam <= hi)
            alpha = -self.discrete.c[keep] / self.k
            return lam[keep], alpha, alpha
        lam = np.geomspace(lo, hi, _BAND_POINTS)
        q = self.hc / lam
        density = -q * self._rho(q) / self.k                  # alpha_S(lambda)
        d = np.diff(np.log(lam))
        w = np.zeros_like(lam)
        w[:-1] += d / 2
        w[1:] += d / 2
        return lam, density * w, density

    def potential_eV(self, r_m: np.ndarray) -> np.ndarray:
        r_m = np.asarray(r_m, dtype=float)
        if self.pair is not None:
            return np.asarray(potential(r_m, *self.pair, dps=None, model=self.model), dtype=float)
        if self.discrete is not None:
            lo, hi = self.discrete.r_min, self.discrete.r_max
            if np.any((r_m < lo * (1 - 1e-12)) | (r_m > hi * (1 + 1e-12))):
                raise InvalidParameterError(
                    f"the YukawaSpectrum is valid for {lo:g} m <= r <= {hi:g} m only; "
                    f"got r from {r_m.min():g} m to {r_m.max():g} m")
            return self.discrete.potential_eV(r_m)
        out = np.empty(r_m.shape)
        u = np.geomspace(1e-9, 80.0, 6001)               # u = q r
        dlnu = np.diff(np.log(u))
        for i, r in enumerate(r_m.ravel()):
            r_nat = r / self.hc
            f = self._rho(u / r_nat) * np.exp(-u) * u / r_nat ** 2   # dV/d(ln u)
            # the trapezoidal rule in ln u, as np.trapezoid (np.trapz before NumPy 2) computes it
            out.ravel()[i] = np.add.reduce(dlnu * (f[1:] + f[:-1]) / 2.0)
        return out

    def alpha_v(self, lam_m: np.ndarray) -> np.ndarray:
        """alpha_V(lambda) = -e lambda V(lambda) / K."""
        return -math.e * (lam_m / self.hc) * self.potential_eV(lam_m) / self.k


def _is_pair(obj: Any) -> bool:
    return (isinstance(obj, (tuple, list)) and not isinstance(obj, YukawaSpectrum) and len(obj) == 2
            and all(isinstance(x, (str, Source)) for x in obj))


def _coupling_value(coupling: Any) -> float:
    try:
        k = float(coupling)
    except (TypeError, ValueError, OverflowError):
        k = math.nan
    if isinstance(coupling, bool) or not (math.isfinite(k) and k > 0):
        raise InvalidParameterError(f"coupling must be K = G m_A m_B/(hbar c) > 0, a finite number, got {coupling!r}")
    return k


def _spectrum(source: Any, pair: Any, coupling: Any, model: Any, shorthand: dict[str, Any]) -> _Spectrum:
    if _is_pair(source):
        m = resolve_model(model, **shorthand)
        k = _coupling_value(coupling) if coupling is not None else gravity_coupling(*source)
        return _Spectrum(k, pair=(source[0], source[1]), model=m)
    if isinstance(source, YukawaSpectrum) or callable(source):
        if (pair is None) == (coupling is None):
            raise InvalidParameterError(
                "a YukawaSpectrum or rho(q) needs the gravitational normalisation: give exactly one of "
                "pair=(a, b) (the two sources) or coupling=K")
        if pair is not None and not _is_pair(pair):
            raise InvalidParameterError(f"pair must be two sources such as ('Fe-56', 'W'), got {pair!r}")
        k = gravity_coupling(*pair) if pair is not None else _coupling_value(coupling)
        if isinstance(source, YukawaSpectrum):
            q, c = np.asarray(source.q, dtype=float), np.asarray(source.c, dtype=float)
            if q.shape != c.shape or q.ndim != 1 or not (np.all(np.isfinite(q)) and np.all(np.isfinite(c))):
                raise InvalidParameterError("a YukawaSpectrum needs finite 1-d arrays q (eV) and c of one length")
            return _Spectrum(k, discrete=YukawaSpectrum(q, c, float(source.r_min), float(source.r_max)))
        return _Spectrum(k, rho=source)
    raise InvalidParameterError(
        "expected a pair of sources (a, b), a nusym.numeric.spectral.YukawaSpectrum or a callable rho(q) "
        f"(q in eV -> eV^-1), got {type(source).__name__}")


def _experiments(experiments: Any) -> dict[str, LimitCurve]:
    curves = yukawa_limits()
    if experiments is None:
        return curves
    keys = [experiments] if isinstance(experiments, str) else list(experiments)
    if not keys:
        raise InvalidOptionError(f"experiments must name at least one of {', '.join(curves)}")
    return {str(k): yukawa_limits(k) for k in keys}


def _margin(s: float) -> float:
    return math.inf if s == 0 else 1.0 / abs(s)


# ----------------------------------------------------------------------------- recast
def recast(spectrum_or_pair: Any, *, experiments: Iterable[str] | str | None = None, method: str = "linear",
           pair: Any = None, coupling: Any = None, model: Model | None = None,
           **shorthand: Any) -> dict[str, RecastResult]:
    """The margin of each published Yukawa limit to a spectrum: {experiment: :class:`RecastResult`}.

    Parameters
    ----------
    spectrum_or_pair : tuple or nusym.numeric.spectral.YukawaSpectrum or callable
        A pair of sources ``(a, b)``: the two-neutrino potential of Eq. (1) of
        Segarra & Bernabeu 2020 between them, through its exact spectral density;
        a :class:`nusym.numeric.spectral.YukawaSpectrum`
        (``V = sum c_n exp(-q_n r)/r``); or a callable rho(q) (q in eV, NumPy array
        -> eV^-1, ``V = Int dq rho exp(-q r)/r``).  The last two need ``pair`` or
        ``coupling`` to express V in units of gravity.
    experiments : str or iterable of str, optional
        Keys of :func:`nusym.fifth_force.yukawa_limits` (default: all).
    method : {"linear", "pointwise"}, optional
        ``"linear"`` (default; curves of one point fall back to ``"pointwise"``) or
        ``"pointwise"``; see the module docstring.
    pair : tuple, optional
        The sources ``(a, b)`` whose gravitational coupling K normalises a spectrum.
    coupling : float, optional
        K = G m_A m_B/(hbar c) given directly.
    model : nusym.Model, optional
        The neutrino sector for a pair.
    **shorthand
        ``nature``, ``ordering``, ``lightest``, ``preset``, ``delta``, ``alpha21``,
        ``alpha31``: the model by :meth:`nusym.Model.from_preset` instead of
        ``model`` (not both).

    Returns
    -------
    dict of str to RecastResult
        One result per experiment: ``margin`` (> 1: not excluded, by that
        factor), ``excluded``, ``lambda_at_margin``, the assumptions.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown experiment or method, or a spectrum without ``pair`` /
        ``coupling``.

    Examples
    --------
    >>> r = recast(("W", "Be"), experiments="kapner2007")["kapner2007"]
    >>> r.method.split(":")[0], r.excluded
    ('pointwise', False)
    """
    method = check_choice(method, "recast method", RECAST_METHODS)
    spec = _spectrum(spectrum_or_pair, pair, coupling, model, shorthand)
    out: dict[str, RecastResult] = {}
    for key, curve in _experiments(experiments).items():
        lo, hi = float(curve.lambda_m[0]), float(curve.lambda_m[-1])
        use = method if hi > lo else "pointwise"
        if use == "linear":
            lam, w, density = spec.weights(lo, hi)
            lim = curve.alpha_at(lam)
            s = float(np.sum(w / lim))
            s_abs = float(np.sum(np.abs(w) / lim))
            ratio = np.abs(density / lim)
            at = float(lam[int(np.argmax(ratio))]) if lam.size else math.nan
            text = _LINEAR
        else:
            lam = np.geomspace(lo, hi, 201) if hi > lo else np.array([lo])
            ratios = spec.alpha_v(lam) / curve.alpha_at(lam)
            i = int(np.argmax(np.abs(ratios)))
            s, s_abs, at = float(ratios[i]), float(abs(ratios[i])), float(lam[i])
            text = _POINTWISE if hi > lo else _POINTWISE + " (the curve is published at one lambda only)"
        margin = _margin(s)
        out[key] = RecastResult(
            experiment=key, margin=margin, lambda_at_margin=at, excluded=margin < 1.0, method=text,
            assumptions=_ASSUMPTIONS, signal=s, margin_no_cancellation=_margin(s_abs), band_m=(lo, hi),
            materials=curve.materials, sign=",".join(sorted(set(curve.sign))) or "unstated",
            digitised=any(curve.digitised))
    return out


def recast_table(pairs: Iterable[tuple[Any, Any]] = (("Fe", "Fe"), ("W", "Be"), ("Au", "Si")), *,
                 method: str = "linear", model: Model | None = None,
                 **shorthand: Any) -> dict[tuple[str, str], dict[str, RecastResult]]:
    """:func:`recast` of the two-neutrino force for each pair (default Fe-Fe, W-Be, Au-Si, natural elements).

    Parameters
    ----------
    pairs : iterable of (str, str), optional
        The pairs of sources.
    method : {"linear", "pointwise"}, optional
        As for :func:`recast`.
    model : nusym.Model, optional
        The neutrino sector of Eq. (1) of Segarra & Bernabeu 2020.
    **shorthand
        The shorthand keywords of :meth:`nusym.Model.from_preset` instead of
        ``model``.

    Returns
    -------
    dict of (str, str) to dict of str to RecastResult
        ``{(a, b): {experiment: RecastResult}}``.

    Examples
    --------
    >>> t = recast_table()
    >>> sorted(t)
    [('Au', 'Si'), ('Fe', 'Fe'), ('W', 'Be')]
    >>> all(r.margin > 1e15 for res in t.values() for r in res.values())
    True
    """
    m = resolve_model(model, **shorthand)
    return {(str(a), str(b)): recast((a, b), method=method, model=m) for a, b in pairs}


# ----------------------------------------------------------------------------- power laws
@dataclass(frozen=True)
class PowerLawFit:
    """beta_k of V_k = -K beta_k (r0/r)^(k-1)/r fitted over r_range_m; ``max_rel_residual``
    is the largest ``|V_fit/V - 1|`` over the fitted points (0 for ``method="massless"``)."""

    beta: float
    k: int
    r0_m: float
    r_range_m: tuple[float, float]
    max_rel_residual: float
    method: str


def _k(k: Any) -> int:
    return parse_int(k, "power-law index k", 1, 10)


def _r_range(r_range: Any) -> tuple[float, float]:
    try:
        lo, hi = r_range
    except (TypeError, ValueError):
        raise InvalidParameterError(f"r_range must be two lengths (r_min, r_max), got {r_range!r}") from None
    lo_m, hi_m = float(parse_length_value(lo, "r_min")), float(parse_length_value(hi, "r_max"))
    if not lo_m < hi_m:
        raise InvalidParameterError(f"r_range must have r_min < r_max, got {r_range!r}")
    return lo_m, hi_m


def power_law_fit(spectrum_or_pair: Any, k: Any = 5, *, r0: Any = "1mm", r_range: Any = _SHORT_RANGE_M,
                  method: str = "fit", pair: Any = None, coupling: Any = None, model: Model | None = None,
                  points: int = 64, **shorthand: Any) -> PowerLawFit:
    """beta_k with its fit quality: see :func:`to_power_law` (which returns ``.beta``).

    Parameters
    ----------
    spectrum_or_pair, k, r0, r_range, pair, coupling, model
        As for :func:`to_power_law`.
    method : {"fit", "massless"}, optional
        ``"fit"`` (default): least squares in the relative deviation of A/r^k from
        V over ``points`` log-spaced r in ``r_range`` (metres or strings with a
        unit); ``"massless"`` (k = 5 and a pair only): the exact short-distance
        limit, C = r^5 V_massless(r) of Eq. (8) of Segarra & Bernabeu (2020) (all
        masses set to zero), beta_5 = -C/(K r0^4).
    points : int, optional
        Number of distances of the fit, 4..10000 (default 64).

    Returns
    -------
    PowerLawFit
        ``beta``, ``k``, ``r0_m``, ``r_range_m``, ``max_rel_residual`` (the largest
        ``|V_fit/V - 1|`` over the points; 0 for ``"massless"``), ``method``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        ``"massless"`` with k != 5 or without a pair, or an unknown method.
    nusym.errors.InvalidParameterError
        A bad k, r_range or points, or V vanishing over r_range.

    Examples
    --------
    >>> f = power_law_fit(("Fe-56", "Fe-56"), 5)
    >>> bool(f.max_rel_residual < 1e-4)
    True
    """
    k = _k(k)
    method = check_choice(method, "power-law method", POWER_LAW_METHODS)
    r0_m = float(parse_length_value(r0, "r0"))
    hc = constant_float("hbar_c")
    r0_nat = r0_m / hc
    if method == "massless":
        if k != 5 or not _is_pair(spectrum_or_pair):
            raise InvalidOptionError("method='massless' gives the exact beta_5 of a pair of sources: "
                                     "use k=5 and (a, b), or method='fit'")
        m = resolve_model(model, **shorthand)
        a, b = spectrum_or_pair
        kk = _coupling_value(coupling) if coupling is not None else gravity_coupling(a, b)
        r_one = 1e-6     # any r: the massless potential is exactly C/r^5 (Eq. 8)
        v_one = float(potential(r_one, a, b, method="massless", dps=20, model=m))
        c5 = v_one * (r_one / hc) ** 5
        return PowerLawFit(-c5 / (kk * r0_nat ** 4), 5, r0_m, (0.0, 0.0), 0.0, "massless")
    lo, hi = _r_range(r_range)
    spec = _spectrum(spectrum_or_pair, pair, coupling, model, shorthand)
    r_m = np.geomspace(lo, hi, parse_int(points, "points", 4, 10000))
    v = spec.potential_eV(r_m)
    if not np.all(np.isfinite(v)) or np.any(v == 0):
        raise InvalidParameterError("V vanishes or is not finite over r_range: no power law to fit there")
    u = (r_m / hc) ** (-k) / v                      # A u = V_fit / V
    a_fit = float(np.sum(u) / np.sum(u * u))
    resid = float(np.max(np.abs(a_fit * u - 1)))
    return PowerLawFit(-a_fit / (spec.k * r0_nat ** (k - 1)), k, r0_m, (lo, hi), resid, "fit")


def to_power_law(spectrum_or_pair: Any, k: Any = 5, r0: Any = "1mm", r_range: Any = _SHORT_RANGE_M, *,
                 method: str = "fit", pair: Any = None, coupling: Any = None, model: Model | None = None,
                 **shorthand: Any) -> float:
    """beta_k with V(r) ~ -G m_A m_B/r beta_k (r0/r)^(k-1) over ``r_range`` (Adelberger et al. 2007 form).

    Parameters
    ----------
    spectrum_or_pair : tuple or nusym.numeric.spectral.YukawaSpectrum or callable
        As for :func:`recast`.
    k : int, optional
        The power, 1..10 (default 5: V ~ r^-5, the massless limit of Eq. (8) of
        Segarra & Bernabeu 2020).
    r0 : float or str, optional
        The reference length (default 1 mm).
    r_range : tuple of two lengths, optional
        Where to fit (default 1-10 nm, where the two-neutrino potential is r^-5 to
        better than 1e-4).
    method : {"fit", "massless"}, optional
        ``"fit"`` (default): least squares in the relative deviation;
        ``"massless"`` (k = 5 and a pair only): the exact asymptotic beta_5.
    pair, coupling, model
        As for :func:`recast` (and the shorthand keywords of the model).

    Returns
    -------
    float
        beta_k (:func:`power_law_fit` also returns the fit's quality).

    Raises
    ------
    nusym.errors.InvalidOptionError
        ``method="massless"`` with k != 5 or without a pair, or an unknown method.
    nusym.errors.InvalidParameterError
        A bad k or r_range, or V vanishing over r_range.

    Examples
    --------
    >>> fit = to_power_law(("Fe-56", "Fe-56"), 5)
    >>> exact = to_power_law(("Fe-56", "Fe-56"), 5, method="massless")
    >>> bool(abs(fit / exact - 1) < 1e-4)
    True
    """
    return power_law_fit(spectrum_or_pair, k, r0=r0, r_range=r_range, method=method, pair=pair,
                         coupling=coupling, model=model, **shorthand).beta


def from_power_law(beta_k: Any, k: Any, r0: Any, a: Any, b: Any) -> Callable[[Any], Any]:
    """V_k(r) = -G m_A m_B/r beta_k (r0/r)^(k-1) in eV, as a function of r (metres), for sources a, b.

    Only the non-Newtonian part (the counterpart of :func:`nusym.potential`, Eq. (1)
    of Segarra & Bernabeu 2020, for comparisons with :func:`to_power_law`).

    Parameters
    ----------
    beta_k : float
        The strength, a finite number.
    k : int
        The power, 1..10.
    r0 : float or str
        The reference length.
    a, b : str
        The sources (their masses enter G m_A m_B).

    Returns
    -------
    callable
        ``v(r)``: r as :func:`nusym.inputs.lengths_double` accepts it; a float for
        a scalar, an array otherwise (eV).

    Raises
    ------
    nusym.errors.InvalidParameterError
        A non-finite ``beta_k`` or a bad ``k``.

    Examples
    --------
    >>> v = from_power_law(-1.0e-18, 5, "1mm", "Fe-56", "Fe-56")
    >>> bool(v(1e-6) > 0)
    True
    """
    k = _k(k)
    try:
        beta = float(beta_k)
    except (TypeError, ValueError, OverflowError):
        beta = math.nan
    if isinstance(beta_k, bool) or not math.isfinite(beta):
        raise InvalidParameterError(f"beta_k must be a finite number, got {beta_k!r}")
    hc = constant_float("hbar_c")
    r0_nat = float(parse_length_value(r0, "r0")) / hc
    kk = gravity_coupling(a, b)

    def v_k(r: Any) -> Any:
        r_m, scalar = lengths_double(r, "r")
        r_nat = np.asarray(r_m, dtype=float) / hc
        out = -kk * beta * (r0_nat / r_nat) ** (k - 1) / r_nat
        return float(out) if scalar else out

    return v_k
