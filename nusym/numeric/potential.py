"""The two-neutrino-exchange potential V(r), its force and gravity (Eqs. 1 and 8).

Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020), with the
absorptive parts of Eq. (6) written as ``PREFACTOR * sum_k w_k kernel_k``:

    V(r) = sum_{ordered (i,j)} sum_k -(1/(4 pi^2 r)) PREFACTOR w_k(Q_A^ij, Q_B^ij) T_k^ij(r)
         = G_F^2/(192 pi^3 r) sum_ij sum_k w_k T_k^ij(r),

T_k^ij(r) = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel_k(t; m_i, m_j). The sum
is assembled in exactly one function, :func:`assemble`, for every route (the
channels and weights of :func:`nusym.numeric.config.configure`, n^2 ordered
channels for a model with n mass states):

* ``method="integral"`` (default): the full integral with one quadrature rule
  shared by all r (:mod:`nusym.numeric.spectral`: V as a finite sum of Yukawas),
  verified by comparing the rule with its nested half-step rule; where that check
  fails, the adaptive route below is used for that r;
* ``method="adaptive"``: every T by the verified adaptive mpmath quadrature of
  :mod:`nusym.numeric.integral`, one integral per channel and r (slower; an
  independent route used to check the first);
* ``method="closed"``: the closed forms (generated from :mod:`nusym.symbolic.closed`) for
  every channel that has one (m_i = m_j, a massless partner, both massless),
  and the verified integral for the other channels;
* ``method="massless"``: all masses set to 0 (Eq. 8), T = 12/r^4 derived;
* ``method="asymptotic"``: the long-distance (Watson) series of
  :mod:`nusym.numeric.series` to ``order`` (Eq. 9 and beyond; order N keeps V
  through r^(-5/2-N)): an approximation, its digits are those of the
  truncated series.

The neutrino sector is a :class:`nusym.Model` (``model=``); the keywords
``nature``, ``ordering``, ``lightest``, ``preset``, ``delta``, ``alpha21``,
``alpha31`` are shorthand for :meth:`nusym.Model.from_preset`.

Verification: every route evaluates each T twice (at dps + guard and at
dps + guard + 10, the integral also with another split of the range); the
result is returned only if the two totals agree to 10^-(dps+2) relative and every
channel's difference is below 10^-(dps+2) of the scale sum ``|w_k T_k|`` of the whole
sum; otherwise one retry with more guard digits, then
:class:`nusym.errors.VerificationError`.

>>> import mpmath
>>> v = potential("1um", "Fe-56", "Fe-56", method="massless", dps=15)
>>> mpmath.nstr(v, 15)
'1.87386407375448e-49'
"""

from __future__ import annotations

import math
from typing import Any, Literal, NamedTuple, TypeAlias, overload

import mpmath
import numpy as np

from nusym.constants import constant, constant_float
from nusym.errors import InvalidLengthError, InvalidOptionError, InvalidParameterError, VerificationError
from nusym.generated import closed as generated_closed
from nusym.inputs import METHODS, check_dps, check_flag, check_method, lengths_double, parse_lengths
from nusym.model import Model, resolve_model
from nusym.numeric import spectral
from nusym.numeric.certified import Interval, potential_intervals
from nusym.numeric.config import Configuration, configure, prefactor
from nusym.numeric.integral import transform_pair
from nusym.numeric.kernels import terms
from nusym.numeric.series import long_distance_transform
from nusym.sources import Source, parse_source
from nusym.units import force_to_newton, metres_to_natural

#: an mpmath number (mpf): mpmath ships no type stubs, so to a type checker it is Any
Mpf: TypeAlias = Any
#: one distance: metres as a number or a string with a unit ("2um"); astropy/pint quantities and
#: mpf are untyped (Any) and select the catch-all overload
Length: TypeAlias = "float | str | np.floating"
#: several distances: a NumPy array, a list or a tuple of lengths (the result has one value per r)
Lengths: TypeAlias = "np.ndarray | list[Any] | tuple[Any, ...]"

__all__ = [
    "METHODS",
    "potential",
    "potential_channels",
    "force",
    "gravity_potential",
    "ChannelContribution",
    "Interval",
    "assemble",
]


class ChannelContribution(NamedTuple):
    """Contribution of one ordered channel (i, j) to V (eV) and the route used."""

    value: Any
    route: str


# ----------------------------------------------------------------------------- routes
def _route(method: str, mi: Any, mj: Any) -> str:
    if method == "massless":
        return "massless"
    if method == "asymptotic":
        return "asymptotic"
    if method == "closed":
        if mi == 0 and mj == 0:
            return "closed:massless"
        if mi == 0 or mj == 0:
            return "closed:one_massless"
        if mi == mj:
            return "closed:equal_mass"
    return "integral:adaptive"


def _transform_pair(config: Configuration, method: str, order: int | None, index: int, mi: Any, mj: Any,
                    r_nat: Any, dps: int, guard: int, kind: str) -> tuple[Any, Any, str]:
    """Two independent evaluations of T_k (or T1_k) for one channel, and the route."""
    route = _route(method, mi, mj)
    if route.startswith("integral"):
        v1, v2 = transform_pair(config.nature, index, mi, mj, r_nat, dps, kind=kind, guard=guard)
        return v1, v2, route
    if route == "asymptotic":
        def call() -> Any:
            return long_distance_transform(config.nature, index, mi, mj, r_nat, order or 0, kind)
    else:
        case = "massless" if route == "massless" else route.split(":", 1)[1]
        weight = terms(config.nature)[index]
        f = getattr(generated_closed, f"{kind}_{config.nature}_{weight}_{case}")
        mass = mi if mi != 0 else mj

        def call() -> Any:
            return f(r_nat, mass)
    with mpmath.workdps(dps + guard):
        v1 = call()
    with mpmath.workdps(dps + guard + 10):
        v2 = call()
    return v1, v2, route


# ----------------------------------------------------------------------------- assembly
def assemble(config: Configuration, r_nat: Any, dps: int, kind: str = "T", *, method: str = "adaptive",
             order: int | None = None) -> tuple[Any, dict[tuple[int, int], ChannelContribution]]:
    """Eq. (1) summed over the ordered channels and terms at one r (eV^-1), per-channel routes.

    ``kind="T"`` gives V in eV; ``kind="F"`` gives -dV/dr in eV^2, from
    -d/dr [exp(-sqrt(t) r)/r] = exp(-sqrt(t) r) (sqrt(t)/r + 1/r^2). Every T is
    evaluated twice (see the module docstring) and the sum is returned only if
    verified to ``dps`` digits. (The shared rule of :mod:`nusym.numeric.spectral`
    sums the same channels with the same weights of the same configuration.)
    """
    last_error: tuple[Any, Any, Any] | None = None
    for guard in (10, 40):
        wp = dps + guard + 10
        with mpmath.workdps(wp):
            pref = prefactor(wp)
            cache: dict[tuple[Any, ...], tuple[Any, Any, str]] = {}

            def pair(k: int, mi: Any, mj: Any, knd: str, *, cache: dict[tuple[Any, ...], tuple[Any, Any, str]] = cache,
                     guard: int = guard) -> tuple[Any, Any, str]:
                key = (k, min(mi, mj), max(mi, mj), knd)  # kernels symmetric in m_i <-> m_j
                if key not in cache:
                    cache[key] = _transform_pair(config, method, order, k, key[1], key[2], r_nat, dps, guard, knd)
                return cache[key]

            raw = {}
            for (i, j), ws in config.weights.items():
                mi, mj = config.masses[i], config.masses[j]
                c1 = c2 = scale = mpmath.mpf(0)
                route = _route(method, mi, mj)
                for k, w in enumerate(ws):
                    if w == 0:
                        continue
                    if kind == "T":
                        t1, t2, route = pair(k, mi, mj, "T")
                        u1, u2 = t1 / r_nat, t2 / r_nat
                    else:
                        a1, a2, route = pair(k, mi, mj, "T1")
                        b1, b2, _ = pair(k, mi, mj, "T")
                        u1 = a1 / r_nat + b1 / r_nat**2
                        u2 = a2 / r_nat + b2 / r_nat**2
                    c1 += w * u1
                    c2 += w * u2
                    scale += abs(w * u2)
                raw[(i, j)] = (pref * c1, pref * c2, pref * scale, route)
            v1 = mpmath.fsum(x[0] for x in raw.values())
            v2 = mpmath.fsum(x[1] for x in raw.values())
            scale = mpmath.fsum(x[2] for x in raw.values())
            tol = mpmath.mpf(10) ** (-(dps + 2))
            ok_total = abs(v1 - v2) <= tol * abs(v2) or (scale == 0 and v2 == 0)
            ok_channels = all(abs(x[0] - x[1]) <= tol * scale for x in raw.values())
            if ok_total and ok_channels:
                with mpmath.workdps(dps):
                    channels = {(i + 1, j + 1): ChannelContribution(+x[1], x[3])
                                for (i, j), x in raw.items()}
                    return +v2, channels
            last_error = (v1, v2, scale)
    assert last_error is not None  # the loop ran at least once
    v1, v2, scale = last_error
    raise VerificationError(
        f"V could not be verified to {dps} digits at r = {mpmath.nstr(r_nat, 10)} eV^-1 "
        f"(two evaluations: {mpmath.nstr(v1, dps + 5)} and {mpmath.nstr(v2, dps + 5)}, "
        f"scale {mpmath.nstr(scale, 5)}); method {method!r}"
    )


#: set-ups of the shared rule (node weights), kept for repeated calls with the same
#: configuration, range and digits (oldest dropped first)
_SPECTRAL_CACHE: dict[tuple[Any, ...], Any] = {}
_SPECTRAL_CACHE_SIZE = 16


def _spectral_values(config: Configuration, r_nats: list[Any], dps: int, kind: str) -> list[Any]:
    """Verified values by the shared rule (:mod:`nusym.numeric.spectral`); None where not verified."""
    lo, hi = spectral.rule_range(float(min(r_nats)), float(max(r_nats)))
    out: list[Any] = []
    with mpmath.workdps(dps + 20):
        key = (config, lo, hi, dps)
        fine = _SPECTRAL_CACHE.get(key)
        if fine is None:
            # the rule at h must already reach 10^-(dps+2) for the check to pass
            fine = spectral.spectral_setup(config, (lo, hi), dps + 3, halve=True)
            _SPECTRAL_CACHE[key] = fine
            while len(_SPECTRAL_CACHE) > _SPECTRAL_CACHE_SIZE:
                _SPECTRAL_CACHE.pop(next(iter(_SPECTRAL_CACHE)))
        for value, per_channel, ok in spectral.evaluate_mp(fine, [+x for x in r_nats], dps, kind):
            if not ok:
                out.append(None)
                continue
            with mpmath.workdps(dps):
                out.append((+value, {k: ChannelContribution(+v, "integral") for k, v in per_channel.items()}))
    return out


def _run(r: Any, a: Any, b: Any, model: Model, *, method: Any, dps: Any, order: Any, kind: str,
         channels: bool = False, log: Any = False) -> Any:
    method, order = check_method(method, order)
    log = check_flag(log, "log")
    if dps is None:
        return _run_double(r, a, b, model, method=method, kind=kind, channels=channels, log=log)
    dps = check_dps(dps)
    wp = dps + 60
    config = configure(model, a, b, wp, massless=method == "massless")
    with mpmath.workdps(wp):
        lengths, scalar = parse_lengths(r)
        r_nats = [metres_to_natural(r_m) for r_m in lengths]
    if channels and not scalar:
        raise InvalidLengthError("potential_channels takes a single distance r, got a sequence")
    results: list[Any] = [None] * len(r_nats)
    if method == "integral":
        results = _spectral_values(config, r_nats, dps, kind)
    route_method = "adaptive" if method == "integral" else method
    out = [res if res is not None else assemble(config, r_nat, dps, kind, method=route_method, order=order)
           for r_nat, res in zip(r_nats, results, strict=True)]
    if channels:
        return out[0][1]
    values = [v for v, _ in out]
    if log:
        with mpmath.workdps(dps + 10):
            values = [+mpmath.log(abs(v)) if v else -mpmath.inf for v in values]
        with mpmath.workdps(dps):
            values = [+v for v in values]
    return values[0] if scalar else values


def _run_double(r: Any, a: Any, b: Any, model: Model, *, method: str, kind: str, channels: bool,
                log: bool) -> Any:
    """dps=None: the shared rule in double precision over a NumPy array of r (metres).

    Small arrays are summed directly (one exponential per node and r); where a
    table over the requested range is cheaper (more than TABLE_DEGREE + 1 points
    per piece), or for ``log=True``, the interpolation table of
    :mod:`nusym.numeric.spectral` is used (one exponential per r). Both agree to
    ~1e-14 relative (tests/test_spectral.py).
    """
    if method != "integral":
        raise InvalidOptionError(
            f"dps=None (double precision) is available for method 'integral' only, got {method!r}")
    if log and kind != "T":
        raise InvalidOptionError("log=True is available for the potential only")
    r_m, scalar = lengths_double(r)
    config = configure(model, a, b, None)
    r_nat = np.atleast_1d(r_m / constant_float("hbar_c"))
    r_lo, r_hi = float(r_nat.min()), float(r_nat.max())
    sp_setup = spectral.double_setup(config, spectral.rule_range(r_lo, r_hi))
    if channels:
        per = spectral.evaluate_double(sp_setup, r_nat, kind, channels=True)
        return {k: (v[0] if scalar else v.reshape(np.shape(r_m))) for k, v in per.items()}
    per_e = spectral.TABLE_PIECES_PER_E
    pieces = math.floor(math.log(r_hi) * per_e) - math.floor(math.log(r_lo) * per_e) + 1
    if log or r_nat.size > pieces * (spectral.TABLE_DEGREE + 1):
        table = spectral.build_table(sp_setup, r_lo, r_hi, kind)
        out = table(r_nat, log=True)[1] if log else table(r_nat)
    else:
        out = spectral.evaluate_double(sp_setup, r_nat, kind)
    return out[0] if scalar else out.reshape(np.shape(r_m))


def _certified(r: Any, a: Any, b: Any, model: Model, method: Any, dps: Any, order: Any, kind: str,
               log: Any = False) -> Any:
    """``certified=True``: Arb enclosures (:mod:`nusym.numeric.certified`), one per r."""
    method, order = check_method(method, order)
    if method != "integral" or order is not None:
        raise InvalidOptionError("certified=True encloses the full integral of Eq. (1); give no method or order")
    if check_flag(log, "log"):
        raise InvalidOptionError("certified=True returns intervals of V, not of ln|V|: give log=False")
    if dps is None:
        raise InvalidOptionError("certified=True needs dps (5..1000): the width of the enclosure is 10^-dps")
    dps = check_dps(dps)
    scalar = isinstance(r, (str, bytes)) or np.ndim(r) == 0 and not isinstance(r, (list, tuple))
    items = [r] if scalar else list(r.tolist() if hasattr(r, "tolist") else r)
    if not items:
        raise InvalidLengthError("no distance given: r is an empty sequence")
    parse_lengths(items)  # the same validation as every other route
    out = potential_intervals(model, a, b, items, dps, kind="V" if kind == "T" else "F")
    return out[0] if scalar else out


def _model(model: Any, nature: Any, ordering: Any, lightest: Any, preset: Any, delta: Any, alpha21: Any,
           alpha31: Any) -> Model:
    return resolve_model(model, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                         delta=delta, alpha21=alpha21, alpha31=alpha31)


# ----------------------------------------------------------------------------- public API
@overload
def potential(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
              order: int | None = ..., log: bool = ..., certified: Literal[False] = ..., nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> Mpf: ...
@overload
def potential(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
              order: int | None = ..., log: bool = ..., certified: Literal[False] = ..., nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> list[Mpf]: ...
@overload
def potential(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: None,
              order: int | None = ..., log: bool = ..., certified: Literal[False] = ..., nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> float: ...
@overload
def potential(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: None,
              order: int | None = ..., log: bool = ..., certified: Literal[False] = ..., nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> np.ndarray: ...
@overload
def potential(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
              order: int | None = ..., log: bool = ..., certified: Literal[True], nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> Interval: ...
@overload
def potential(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
              order: int | None = ..., log: bool = ..., certified: Literal[True], nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> list[Interval]: ...
@overload
def potential(r: Any, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int | None = ...,
              order: int | None = ..., log: bool = ..., certified: bool = ..., nature: str | None = ...,
              ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ...,
              alpha21: Any = ..., alpha31: Any = ...) -> Any: ...
def potential(r: Any, a: Any, b: Any, *, model: Model | None = None, method: str = "integral",
              dps: int | None = 30, order: int | None = None, log: bool = False, certified: bool = False,
              nature: str | None = None, ordering: str | None = None, lightest: Any = None, preset: Any = None,
              delta: Any = None, alpha21: Any = None, alpha31: Any = None) -> Any:
    """Two-neutrino-exchange potential V(r) in eV between sources ``a`` and ``b``.

    Eq. (1) of Segarra & Bernabeu 2020: V(r) = -G_F^2/(192 pi^3) sum_ij Q^ij_a Q^ji_b
    / (4 pi^2 r) int dt Im[...] e^(-sqrt(t) r) with the absorptive parts of Eq. (6)
    and the charges of Eq. (5); the closed forms (Eq. 8 and beyond) and the
    long-distance series (Eq. 9) are the other routes of :data:`METHODS`.

    Parameters
    ----------
    r : float or str or array_like
        Distance in metres: a number, an mpmath number, a string with a unit
        (``"2um"``), an astropy or pint length, or a sequence/NumPy array of them
        (then a list is returned; a scalar gives a scalar).
    a, b : str or nusym.sources.Source
        The two sources: anything :func:`nusym.sources.parse_source` accepts
        (``"Fe-56"``, ``"W"``, ``"SiO2"``) or a :class:`nusym.sources.Source`.
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature`` (dirac/majorana),
        ``ordering`` (normal/inverted), ``lightest`` (eV), ``preset``, ``delta``,
        ``alpha21``, ``alpha31`` (degrees) of :meth:`nusym.Model.from_preset` (not both).
    method : str, optional
        One of :data:`METHODS` (see the module docstring; default ``"integral"``).
    dps : int or None, optional
        Significant digits of the result (5 <= dps <= 1000; default 30). ``None``
        selects double precision: ``r`` is then a number or NumPy array of metres
        and the result a NumPy float (array) of the same shape (method "integral"
        only; relative error below 1e-12 from 1 nm to 1 mm, see
        ``tests/test_spectral.py``; channels whose exp(-(m_i+m_j) r) underflows give
        0, without warnings).
    order : int, optional
        The order of the asymptotic series (method ``"asymptotic"``, 0..MAX_ORDER).
    log : bool, optional
        Return ln|V| (V in eV) instead, computed without underflow.
    certified : bool, optional
        Return, per r, an :class:`~nusym.numeric.certified.Interval` (``lower``,
        ``upper``, ``mid``) that provably encloses V, of relative width at most
        10^-dps (Arb ball arithmetic and rigorous integration; see docs/certified.md).

    Returns
    -------
    mpmath.mpf or numpy.ndarray or float or list
        V in eV rounded to ``dps`` digits (a list for a sequence of r); NumPy floats
        for ``dps=None``; ln|V| for ``log=True``; Intervals for ``certified=True``.

    Raises
    ------
    nusym.errors.InvalidLengthError
        An r without a unit where one is needed, not positive or out of range.
    nusym.errors.InvalidSourceError
        A source that cannot be parsed (an :class:`~nusym.errors.InvalidMaterialError`
        for an unknown material).
    nusym.errors.InvalidOptionError
        An unknown method, a bad ``dps``, ``order`` or flag, or both ``model`` and
        shorthand keywords.

    Examples
    --------
    >>> iv = potential("1um", "Fe-56", "Fe-56", certified=True, dps=20)
    >>> iv.contains(potential("1um", "Fe-56", "Fe-56", dps=25)), iv.rel_width < 1e-20
    (True, True)
    >>> import mpmath
    >>> mpmath.nstr(potential(1e-6, "Fe-56", "Fe-56", lightest="0.1", dps=10), 10)
    '1.6391341e-49'
    >>> potential(0, "Fe-56", "Fe-56")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length for r: 0 is not a positive, finite length; lengths must be between 1e-20 m and 1e+20 m
    >>> import numpy as np
    >>> v = potential(np.array([1e-6, 1e-3]), "Fe-56", "Fe-56", lightest=1, dps=None)
    >>> float("%.6g" % v[0]), float(v[1])
    (5.71238e-52, 0.0)
    >>> float("%.10g" % potential(1e-3, "Fe-56", "Fe-56", lightest=1, dps=None, log=True))
    -10261.74078
    >>> mpmath.nstr(potential("1mm", "Fe-56", "Fe-56", lightest=1, dps=15), 15)
    '2.41325091112795e-4457'
    """  # noqa: E501
    mdl = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    if check_flag(certified, "certified"):
        return _certified(r, a, b, mdl, method, dps, order, "T", log)
    return _run(r, a, b, mdl, method=method, dps=dps, order=order, kind="T", log=log)


@overload
def potential_channels(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
                       order: int | None = ..., nature: str | None = ..., ordering: str | None = ...,
                       lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                       alpha31: Any = ...) -> dict[tuple[int, int], ChannelContribution]: ...
@overload
def potential_channels(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: None,
                       order: int | None = ..., nature: str | None = ..., ordering: str | None = ...,
                       lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                       alpha31: Any = ...) -> dict[tuple[int, int], float]: ...
@overload
def potential_channels(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: None,
                       order: int | None = ..., nature: str | None = ..., ordering: str | None = ...,
                       lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                       alpha31: Any = ...) -> dict[tuple[int, int], np.ndarray]: ...
@overload
def potential_channels(r: Any, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int | None = ...,
                       order: int | None = ..., nature: str | None = ..., ordering: str | None = ...,
                       lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
                       alpha31: Any = ...) -> dict[tuple[int, int], Any]: ...
def potential_channels(r: Any, a: Any, b: Any, *, model: Model | None = None, method: str = "integral",
                       dps: int | None = 30, order: int | None = None, nature: str | None = None,
                       ordering: str | None = None, lightest: Any = None, preset: Any = None,
                       delta: Any = None, alpha21: Any = None,
                       alpha31: Any = None) -> dict[tuple[int, int], Any]:
    """Per ordered channel (i, j) (1-based) its contribution to V (eV) at one r, and the route.

    The terms of the sum over i, j in Eq. (1) of Segarra & Bernabeu 2020, each with
    the charges Q^ij of Eq. (5) and the absorptive part of Eq. (6); their sum is
    :func:`potential`.

    Parameters
    ----------
    r : float or str or array_like
        One distance in metres (with ``dps=None`` also a NumPy array).
    a, b : str or nusym.sources.Source
        The two sources, as for :func:`potential`.
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature``, ``ordering``,
        ``lightest``, ``preset``, ``delta``, ``alpha21``, ``alpha31`` of
        :meth:`nusym.Model.from_preset` (not both).
    method : str, optional
        One of :data:`METHODS` (default ``"integral"``).
    dps : int or None, optional
        Significant digits (5..1000, default 30); ``None``: NumPy floats, without
        routes (an array per channel for an array ``r``).
    order : int, optional
        The order of the asymptotic series (method ``"asymptotic"``).

    Returns
    -------
    dict
        ``(i, j)`` -> a ``ChannelContribution`` (``value``, ``route``): ``integral``,
        ``closed:equal_mass``, ``closed:one_massless``, ``closed:massless``,
        ``massless``, ``asymptotic`` (``integral:adaptive`` where the shared rule
        could not be verified).

    Raises
    ------
    nusym.errors.InvalidLengthError
        A bad distance.
    nusym.errors.InvalidSourceError
        A source that cannot be parsed.
    nusym.errors.InvalidOptionError
        An unknown method, a bad ``dps`` or ``order``, or both ``model`` and
        shorthand keywords.

    Examples
    --------
    >>> ch = potential_channels("1um", "Fe-56", "Fe-56", method="closed", dps=10)
    >>> ch[(1, 1)].route, ch[(1, 2)].route, ch[(2, 2)].route
    ('closed:massless', 'closed:one_massless', 'closed:equal_mass')
    >>> import mpmath
    >>> total = potential("1um", "Fe-56", "Fe-56", method="integral", dps=12)
    >>> abs(sum(c.value for c in ch.values()) / total - 1) < 1e-9
    True
    """
    return _run(r, a, b, _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31),
                method=method, dps=dps, order=order, kind="T", channels=True)


@overload
def force(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
          order: int | None = ..., certified: Literal[False] = ..., nature: str | None = ...,
          ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
          alpha31: Any = ...) -> Mpf: ...
@overload
def force(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
          order: int | None = ..., certified: Literal[False] = ..., nature: str | None = ...,
          ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
          alpha31: Any = ...) -> list[Mpf]: ...
@overload
def force(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: None,
          order: int | None = ..., certified: Literal[False] = ..., nature: str | None = ...,
          ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
          alpha31: Any = ...) -> float: ...
@overload
def force(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: None,
          order: int | None = ..., certified: Literal[False] = ..., nature: str | None = ...,
          ordering: str | None = ..., lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ...,
          alpha31: Any = ...) -> np.ndarray: ...
@overload
def force(r: Length, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
          order: int | None = ..., certified: Literal[True], nature: str | None = ..., ordering: str | None = ...,
          lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...
          ) -> Interval: ...
@overload
def force(r: Lengths, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int = ...,
          order: int | None = ..., certified: Literal[True], nature: str | None = ..., ordering: str | None = ...,
          lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...
          ) -> list[Interval]: ...
@overload
def force(r: Any, a: Any, b: Any, *, model: Model | None = ..., method: str = ..., dps: int | None = ...,
          order: int | None = ..., certified: bool = ..., nature: str | None = ..., ordering: str | None = ...,
          lightest: Any = ..., preset: Any = ..., delta: Any = ..., alpha21: Any = ..., alpha31: Any = ...) -> Any: ...
def force(r: Any, a: Any, b: Any, *, model: Model | None = None, method: str = "integral",
          dps: int | None = 30, order: int | None = None, certified: bool = False, nature: str | None = None,
          ordering: str | None = None, lightest: Any = None, preset: Any = None, delta: Any = None,
          alpha21: Any = None, alpha31: Any = None) -> Any:
    """Force F = -dV/dr in newtons (positive = repulsive), from Eq. (1) differentiated.

    The r-derivative of Eq. (1) of Segarra & Bernabeu 2020 is analytic:
    d/dr [exp(-sqrt(t) r)/r] = -exp(-sqrt(t) r) (sqrt(t)/r + 1/r^2) inside the
    integral (or -dT/dr of the closed/asymptotic forms, Eqs. (8), (9)), not a
    finite difference.

    Parameters
    ----------
    r : float or str or array_like
        Distance in metres, as for :func:`potential`.
    a, b : str or nusym.sources.Source
        The two sources, as for :func:`potential`.
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature``, ``ordering``,
        ``lightest``, ``preset``, ``delta``, ``alpha21``, ``alpha31`` of
        :meth:`nusym.Model.from_preset` (not both).
    method : str, optional
        One of :data:`METHODS` (default ``"integral"``).
    dps : int or None, optional
        Significant digits (5..1000, default 30); ``None``: double precision, NumPy
        floats of newtons.
    order : int, optional
        The order of the asymptotic series (method ``"asymptotic"``).
    certified : bool, optional
        Return enclosures (:class:`~nusym.numeric.certified.Interval`) in newtons.

    Returns
    -------
    mpmath.mpf or numpy.ndarray or float or list
        F in newtons (positive = repulsive), shaped like ``r`` as in :func:`potential`.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A bad distance.
    nusym.errors.InvalidSourceError
        A source that cannot be parsed.
    nusym.errors.InvalidOptionError
        An unknown method, a bad ``dps`` or ``order``, or both ``model`` and
        shorthand keywords.

    Examples
    --------
    >>> import mpmath
    >>> mpmath.nstr(force("1um", "Fe-56", "Fe-56", method="massless", dps=10), 10)
    '1.501130617e-61'
    >>> f = force([1e-6, 2e-6], "Fe-56", "Fe-56", dps=None)
    >>> bool(f[0] > f[1] > 0)
    True
    """
    mdl = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    if check_flag(certified, "certified"):
        return _certified(r, a, b, mdl, method, dps, order, "F")
    values = _run(r, a, b, mdl, method=method, dps=dps, order=order, kind="F")
    if dps is None:
        return force_to_newton(np.asarray(values)) if np.ndim(values) else float(force_to_newton(
            np.asarray([values]))[0])
    single = not isinstance(values, list)
    out = []
    for v in ([values] if single else values):
        with mpmath.workdps(dps + 10):
            f = force_to_newton(v)
        with mpmath.workdps(dps):
            out.append(+f)
    return out[0] if single else out


@overload
def gravity_potential(r: Length, a: Any, b: Any, dps: int = ...) -> Mpf: ...
@overload
def gravity_potential(r: Lengths, a: Any, b: Any, dps: int = ...) -> list[Mpf]: ...
@overload
def gravity_potential(r: Length, a: Any, b: Any, dps: None) -> float: ...
@overload
def gravity_potential(r: Lengths, a: Any, b: Any, dps: None) -> np.ndarray: ...
@overload
def gravity_potential(r: Any, a: Any, b: Any, dps: int | None = ...) -> Any: ...
def gravity_potential(r: Any, a: Any, b: Any, dps: int | None = 30) -> Any:
    """Newtonian potential -G_N m_a m_b / r in eV (masses from ``Source.mass_kg()``).

    The reference against which Segarra & Bernabeu 2020 compare V(r) of Eq. (1)
    (Fig. 3); the atomic masses come from AME2020 (:mod:`nusym.isotopes`).

    Parameters
    ----------
    r : float or str or array_like
        Distance in metres (a number, a string with a unit, a quantity; with
        ``dps=None`` also a NumPy array).
    a, b : str or nusym.sources.Source
        The two sources (anything :func:`nusym.sources.parse_source` accepts).
    dps : int or None, optional
        Significant digits (5..1000, default 30); ``None``: double precision.

    Returns
    -------
    mpmath.mpf or numpy.ndarray or float
        The (negative) potential energy in eV.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A bad distance.
    nusym.errors.InvalidSourceError
        A source that cannot be parsed.
    nusym.errors.InvalidOptionError
        A bad ``dps``.

    Examples
    --------
    >>> import mpmath
    >>> mpmath.nstr(gravity_potential("1um", "Fe-56", "Fe-56", dps=8), 8)
    '-3.593849e-36'
    >>> float("%.6g" % gravity_potential(1e-6, "Fe-56", "Fe-56", dps=None))
    -3.59385e-36
    """
    src_a = a if isinstance(a, Source) else parse_source(a)
    src_b = b if isinstance(b, Source) else parse_source(b)
    if dps is None:
        r_m, scalar = lengths_double(r)
        with mpmath.workdps(30):
            gm = float(constant("G_N", 30) * src_a.mass_kg(30) * src_b.mass_kg(30) / constant("e", 30))
        out = -gm / np.atleast_1d(r_m)
        if not np.all(np.isfinite(out)):
            raise InvalidParameterError("the Newtonian potential of these sources overflows double precision "
                                        "(too many atoms); give dps=N")
        return float(out[0]) if scalar else out.reshape(np.shape(r_m))
    dps = check_dps(dps)
    wp = dps + 15
    with mpmath.workdps(wp):
        lengths, scalar = parse_lengths(r)
        gm = constant("G_N", wp) * src_a.mass_kg(wp) * src_b.mass_kg(wp) / constant("e", wp)
        values = [-gm / r_m for r_m in lengths]
    with mpmath.workdps(dps):
        values = [+v for v in values]
    return values[0] if scalar else values
