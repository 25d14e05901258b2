"""The two-neutrino-exchange potential V(r), its force and gravity (Eqs. 1 and 8).

Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020), with the
absorptive parts of Eq. (6) written as ``PREFACTOR * sum_k w_k kernel_k``:

    V(r) = sum_{ordered (i,j)} sum_k -(1/(4 pi^2 r)) PREFACTOR w_k(Q_A^ij, Q_B^ij) T_k^ij(r)
         = G_F^2/(192 pi^3 r) sum_ij sum_k w_k T_k^ij(r),

T_k^ij(r) = Int_{(m_i+m_j)^2}^oo dt exp(-sqrt(t) r) kernel_k(t; m_i, m_j). The sum
is assembled in exactly one function, :func:`_assemble`, for every route:

* ``method="integral"`` (default): the full integral with one quadrature rule
  shared by all r (:mod:`nusym.numeric.spectral`: V as a finite sum of Yukawas),
  verified by comparing the rule with its nested half-step rule; where that check
  fails, the adaptive route below is used for that r;
* ``method="adaptive"``: every T by the verified adaptive mpmath quadrature of
  :mod:`nusym.numeric.integral`, one integral per channel and r (slower; an
  independent route used to check the first);
* ``method="closed"``: the closed forms of :mod:`nusym.symbolic.closed` for
  every channel that has one (m_i = m_j, a massless partner, both massless),
  and the verified integral for the other channels;
* ``method="massless"``: all masses set to 0 (Eq. 8), T = 12/r^4 derived;
* ``method="asymptotic"``: the long-distance (Watson) series of
  :mod:`nusym.symbolic.asymptotic` to ``order`` (Eq. 9 and beyond): an
  approximation, its digits are those of the truncated series.

Verification: every route evaluates each T twice (at dps + guard and at
dps + guard + 10, the integral also with another split of the range); the
result is returned only if the two totals agree to 10^-(dps+2) relative and every
channel's difference is below 10^-(dps+2) of the scale sum |w_k T_k| of the whole
sum; otherwise one retry with more guard digits, then
:class:`nusym.errors.VerificationError`.

>>> import mpmath
>>> v = potential("1um", "Fe-56", "Fe-56", method="massless", dps=15)
>>> mpmath.nstr(v, 15)
'1.87386407375448e-49'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Callable, NamedTuple

import mpmath

from nusym.errors import (
    InvalidLengthError,
    InvalidOptionError,
    InvalidParameterError,
    VerificationError,
)

__all__ = [
    "METHODS",
    "potential",
    "potential_channels",
    "force",
    "gravity_potential",
    "ChannelContribution",
]

#: evaluation routes of :func:`potential`
METHODS = ("integral", "adaptive", "closed", "asymptotic", "massless")
_PAIRS = tuple((i, j) for i in range(3) for j in range(3))
_MIN_DPS, _MAX_DPS = 5, 1000


class ChannelContribution(NamedTuple):
    """Contribution of one ordered channel (i, j) to V (eV) and the route used."""

    value: Any
    route: str


@dataclasses.dataclass(frozen=True)
class _Setup:
    nature: str
    ordering: str
    method: str
    order: int | None
    masses: tuple[Any, Any, Any]
    weights: dict[tuple[int, int], tuple[Any, ...]]  # (i, j) 0-based -> w_k per term


# ----------------------------------------------------------------------------- input
def _check_dps(dps: Any) -> int:
    if isinstance(dps, bool) or not isinstance(dps, int) or not _MIN_DPS <= dps <= _MAX_DPS:
        raise InvalidOptionError(f"dps must be an integer between {_MIN_DPS} and {_MAX_DPS}, got {dps!r}")
    return dps


def _check_method(method: Any, order: Any) -> tuple[str, int | None]:
    key = str(method).strip().lower() if isinstance(method, str) else method
    if key not in METHODS:
        raise InvalidOptionError(f"unknown method {method!r}; allowed: {', '.join(METHODS)}")
    if key == "asymptotic":
        if isinstance(order, bool) or not isinstance(order, int) or order < 0:
            raise InvalidOptionError(
                f"method 'asymptotic' needs order, a non-negative integer, got {order!r}"
            )
    elif order is not None:
        raise InvalidOptionError(f"order is only used with method 'asymptotic', got order={order!r}")
    return key, order


def _one_length(value: Any, wp: int) -> Any:
    if isinstance(value, bool):
        raise InvalidLengthError(f"invalid length {value!r}: expected a number of metres or a string with a unit")
    if isinstance(value, str):
        from nusym.units import parse_length

        with mpmath.workdps(wp):
            return parse_length(value)
    try:
        v = value.item() if hasattr(value, "item") else value
        if isinstance(v, float):
            # a Python float means the decimal number it prints as (1e-6 is 10^-6 m
            # exactly), not its binary approximation: otherwise the reported
            # "verified" digits would belong to a slightly different distance
            v = repr(v)
        with mpmath.workdps(wp):
            x = mpmath.mpf(v)
    except (TypeError, ValueError):
        raise InvalidLengthError(
            f"invalid length {value!r}: expected a number of metres or a string such as '2um'"
        ) from None
    if not mpmath.isfinite(x) or x <= 0:
        raise InvalidLengthError(f"invalid length {value!r}: r must be positive and finite (in metres)")
    return x


def _lengths(r: Any, wp: int) -> tuple[list[Any], bool]:
    """Return ([r in metres as mpf], is_scalar)."""
    if isinstance(r, (str, bytes)) or not isinstance(r, Sequence) and not hasattr(r, "__array__"):
        if isinstance(r, bytes):
            r = r.decode()
        return [_one_length(r, wp)], True
    values = list(r.tolist() if hasattr(r, "tolist") else r)
    if not values:
        raise InvalidLengthError("no distance given: r is an empty sequence")
    return [_one_length(v, wp) for v in values], False


def _source(spec: Any) -> Any:
    from nusym.sources import parse_source

    return parse_source(spec)


@lru_cache(maxsize=None)
def _weight_function(name: str) -> Callable[..., Any]:
    import sympy as sp

    from nusym.symbolic.absorptive import WEIGHTS
    from nusym.symbolic.symbols import QA_im, QA_re, QB_im, QB_re

    return sp.lambdify((QA_re, QA_im, QB_re, QB_im), WEIGHTS[name], modules="mpmath")


def _setup(a: Any, b: Any, nature: str, ordering: str, lightest: Any, preset: Any,
           method: str, order: Any, alpha21: Any, alpha31: Any, wp: int) -> _Setup:
    from nusym.masses import mass_spectrum
    from nusym.presets import load_parameters, normalise_ordering
    from nusym.symbolic.absorptive import absorptive_terms, normalise_nature
    from nusym.symbolic.charges import charge_matrix_numeric

    nature = normalise_nature(nature)
    method, order = _check_method(method, order)
    ordering = normalise_ordering(ordering)
    src_a, src_b = _source(a), _source(b)
    params = load_parameters(preset, ordering)
    for key, val in (("alpha21_deg", alpha21), ("alpha31_deg", alpha31)):
        if val is not None:
            if isinstance(val, bool):
                raise InvalidParameterError(f"{key[:-4]} must be a number of degrees, got {val!r}")
            try:
                ok = mpmath.isfinite(mpmath.mpf(val))
            except (TypeError, ValueError):
                ok = False
            if not ok:
                raise InvalidParameterError(f"{key[:-4]} must be a finite number of degrees, got {val!r}")
            params = dataclasses.replace(params, **{key: str(val)})
    masses = mass_spectrum(ordering, lightest, preset=params, dps=wp)
    if method == "massless":
        masses = (mpmath.mpf(0),) * 3
    with mpmath.workdps(wp):
        qa = charge_matrix_numeric(mpmath.mpf(src_a.Z) * mpmath.mpf(src_a.atoms),
                                   mpmath.mpf(src_a.N) * mpmath.mpf(src_a.atoms), params, wp)
        qb = charge_matrix_numeric(mpmath.mpf(src_b.Z) * mpmath.mpf(src_b.atoms),
                                   mpmath.mpf(src_b.N) * mpmath.mpf(src_b.atoms), params, wp)
        terms = absorptive_terms(nature)
        weights = {}
        for i, j in _PAIRS:
            za, zb = qa[i][j], qb[i][j]
            weights[(i, j)] = tuple(
                _weight_function(term.weight)(za.real, za.imag, zb.real, zb.imag) for term in terms
            )
    return _Setup(nature, ordering, method, order, masses, weights)


# ----------------------------------------------------------------------------- routes
@lru_cache(maxsize=None)
def _closed_function(nature: str, index: int, kind: str, mass_case: str) -> Callable[..., Any]:
    """mpmath function (r, m) of a closed form (T or T1 = -dT/dr)."""
    import sympy as sp

    from nusym.symbolic.absorptive import absorptive_terms
    from nusym.symbolic.closed import closed_form_transform
    from nusym.symbolic.symbols import m, r

    kernel = absorptive_terms(nature)[index].kernel
    args = {"equal_mass": (m, m), "one_massless": (m, 0), "massless": (0, 0)}[mass_case]
    expr = closed_form_transform(kernel, *args)
    if kind == "T1":
        expr = -sp.diff(expr, r)
    return sp.lambdify((r, m), expr, modules="mpmath")


@lru_cache(maxsize=None)
def _asymptotic_function(nature: str, index: int, kind: str, order: int,
                         zero_i: bool, zero_j: bool) -> Callable[..., Any]:
    import sympy as sp

    from nusym.symbolic.absorptive import absorptive_terms
    from nusym.symbolic.asymptotic import long_distance_transform
    from nusym.symbolic.symbols import m_i, m_j, r

    kernel = absorptive_terms(nature)[index].kernel
    expr = long_distance_transform(kernel, order, 0 if zero_i else m_i, 0 if zero_j else m_j)
    if kind == "T1":
        expr = -sp.diff(expr, r)
    return sp.lambdify((r, m_i, m_j), expr, modules="mpmath")


def _route(setup: _Setup, mi: Any, mj: Any) -> str:
    if setup.method == "massless":
        return "massless"
    if setup.method == "asymptotic":
        return "asymptotic"
    if setup.method == "closed":
        if mi == 0 and mj == 0:
            return "closed:massless"
        if mi == 0 or mj == 0:
            return "closed:one_massless"
        if mi == mj:
            return "closed:equal_mass"
    return "integral:adaptive" if setup.method in ("integral", "adaptive") else "integral"


def _transform_pair(setup: _Setup, index: int, mi: Any, mj: Any, r_nat: Any, dps: int,
                    guard: int, kind: str) -> tuple[Any, Any, str]:
    """Two independent evaluations of T_k (or T1_k) for one channel, and the route."""
    route = _route(setup, mi, mj)
    if route.startswith("integral"):
        from nusym.numeric.integral import transform_pair

        v1, v2 = transform_pair(setup.nature, index, mi, mj, r_nat, dps, kind=kind, guard=guard)
        return v1, v2, route
    if route == "asymptotic":
        f = _asymptotic_function(setup.nature, index, kind, setup.order, mi == 0, mj == 0)
        call = lambda: f(r_nat, mi, mj)  # noqa: E731
    else:
        case = "massless" if route == "massless" else route.split(":", 1)[1]
        f = _closed_function(setup.nature, index, kind, case)
        mass = mi if mi != 0 else mj
        call = lambda: f(r_nat, mass)  # noqa: E731
    with mpmath.workdps(dps + guard):
        v1 = call()
    with mpmath.workdps(dps + guard + 10):
        v2 = call()
    return v1, v2, route


# ----------------------------------------------------------------------------- assembly
def _assemble(setup: _Setup, r_nat: Any, dps: int, kind: str = "T") -> tuple[Any, dict]:
    """Eq. (1) summed over the nine ordered channels and terms, one r, per-channel routes.

    ``kind="T"`` gives V in eV; ``kind="F"`` gives -dV/dr in eV^2, from
    -d/dr [exp(-sqrt(t) r)/r] = exp(-sqrt(t) r) (sqrt(t)/r + 1/r^2). (The shared
    rule of :mod:`nusym.numeric.spectral` sums the same channels with the same
    weights from :func:`_setup`.)
    """
    from nusym.constants import constant

    last_error = None
    for guard in (10, 40):
        wp = dps + guard + 10
        with mpmath.workdps(wp):
            pref = constant("G_F_eV", wp) ** 2 / (192 * mpmath.pi**3)
            cache: dict[tuple, tuple[Any, Any, str]] = {}

            def pair(k: int, mi: Any, mj: Any, knd: str) -> tuple[Any, Any, str]:
                key = (k, min(mi, mj), max(mi, mj), knd)  # kernels symmetric in m_i <-> m_j
                if key not in cache:
                    cache[key] = _transform_pair(setup, k, key[1], key[2], r_nat, dps, guard, knd)
                return cache[key]

            raw = {}
            for (i, j), ws in setup.weights.items():
                mi, mj = setup.masses[i], setup.masses[j]
                c1 = c2 = scale = mpmath.mpf(0)
                route = _route(setup, mi, mj)
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
            v1 = sum(x[0] for x in raw.values())
            v2 = sum(x[1] for x in raw.values())
            scale = sum(x[2] for x in raw.values())
            tol = mpmath.mpf(10) ** (-(dps + 2))
            ok_total = abs(v1 - v2) <= tol * abs(v2) or (scale == 0 and v2 == 0)
            ok_channels = all(abs(x[0] - x[1]) <= tol * scale for x in raw.values())
            if ok_total and ok_channels:
                with mpmath.workdps(dps):
                    channels = {(i + 1, j + 1): ChannelContribution(+x[1], x[3])
                                for (i, j), x in raw.items()}
                    return +v2, channels
            last_error = (v1, v2, scale)
    v1, v2, scale = last_error
    raise VerificationError(
        f"V could not be verified to {dps} digits at r = {mpmath.nstr(r_nat, 10)} eV^-1 "
        f"(two evaluations: {mpmath.nstr(v1, dps + 5)} and {mpmath.nstr(v2, dps + 5)}, "
        f"scale {mpmath.nstr(scale, 5)}); method {setup.method!r}"
    )


def _rule_range(r_nats: Sequence[float]) -> tuple[float, float]:
    """Validity range (eV^-1) of the shared rule: 1 nm - 1 mm, widened by whole decades.

    Fixed by default so that a value does not depend on which other distances are
    asked for in the same call (beyond the verified digits).
    """
    from nusym.constants import constant_float
    from nusym.numeric.spectral import R_RANGE_M, widen_by_decades

    hc = constant_float("hbar_c")
    # a relative slack of 1e-9: 1 mm computed by rounding is still "1 mm"
    return widen_by_decades(R_RANGE_M[0] / hc, R_RANGE_M[1] / hc,
                            min(r_nats) * (1 + 1e-9), max(r_nats) * (1 - 1e-9))


#: set-ups of the shared rule (node weights), kept for repeated calls with the same
#: masses, charges, range and digits (oldest dropped first)
_SPECTRAL_CACHE: dict[tuple, Any] = {}
_SPECTRAL_CACHE_SIZE = 16


def _spectral_values(setup: _Setup, r_nats: list[Any], dps: int, kind: str) -> list[Any]:
    """Verified values by the shared rule (:mod:`nusym.numeric.spectral`); None where not verified."""
    from nusym.numeric.spectral import evaluate_mp, spectral_setup

    lo, hi = _rule_range([float(x) for x in r_nats])
    out: list[Any] = []
    with mpmath.workdps(dps + 20):
        key = (setup.nature, tuple(setup.masses), tuple(sorted(setup.weights.items())), lo, hi, dps)
        fine = _SPECTRAL_CACHE.get(key)
        if fine is None:
            # the rule at h must already reach 10^-(dps+2) for the check to pass
            fine = spectral_setup(setup, (lo, hi), dps + 3, halve=True)
            _SPECTRAL_CACHE[key] = fine
            while len(_SPECTRAL_CACHE) > _SPECTRAL_CACHE_SIZE:
                _SPECTRAL_CACHE.pop(next(iter(_SPECTRAL_CACHE)))
        for value, per_channel, ok in evaluate_mp(fine, [+x for x in r_nats], dps, kind):
            if not ok:
                out.append(None)
                continue
            with mpmath.workdps(dps):
                out.append((+value, {k: ChannelContribution(+v, "integral") for k, v in per_channel.items()}))
    return out


def _run(r: Any, a: Any, b: Any, *, nature: str, ordering: str, lightest: Any, preset: Any,
         method: str, dps: Any, order: Any, alpha21: Any, alpha31: Any, kind: str,
         channels: bool = False, log: bool = False) -> Any:
    if dps is None:
        return _run_double(r, a, b, nature=nature, ordering=ordering, lightest=lightest,
                           preset=preset, method=method, order=order, alpha21=alpha21,
                           alpha31=alpha31, kind=kind, channels=channels, log=log)
    dps = _check_dps(dps)
    wp = dps + 60
    setup = _setup(a, b, nature, ordering, lightest, preset, method, order, alpha21, alpha31, wp)
    lengths, scalar = _lengths(r, wp)
    if channels and not scalar:
        raise InvalidLengthError("potential_channels takes a single distance r, got a sequence")
    from nusym.units import metres_to_natural

    r_nats = []
    for r_m in lengths:
        with mpmath.workdps(wp):
            r_nats.append(metres_to_natural(r_m))
    results: list[Any] = [None] * len(r_nats)
    if setup.method == "integral":
        results = _spectral_values(setup, r_nats, dps, kind)
    out = [res if res is not None else _assemble(setup, r_nat, dps, kind)
           for r_nat, res in zip(r_nats, results)]
    if channels:
        return out[0][1]
    values = [v for v, _ in out]
    if log:
        with mpmath.workdps(dps + 10):
            values = [+mpmath.log(abs(v)) if v else -mpmath.inf for v in values]
        with mpmath.workdps(dps):
            values = [+v for v in values]
    return values[0] if scalar else values


def _double_lengths(r: Any) -> tuple[Any, bool]:
    """r in metres as a float NumPy array (strings with units accepted), and whether scalar."""
    import numpy as np

    if isinstance(r, (str, bytes)) or np.ndim(r) == 0 and not isinstance(r, np.ndarray):
        arr = np.array(float(_one_length(r, 20)))
        return arr, True
    try:
        arr = np.asarray(r, dtype=float)
    except (TypeError, ValueError):
        values, _ = _lengths(r, 20)
        arr = np.array([float(v) for v in values])
    if arr.size == 0:
        raise InvalidLengthError("no distance given: r is an empty sequence")
    bad = ~np.isfinite(arr) | (arr <= 0)
    if bad.any():
        first = arr[bad].flat[0]
        raise InvalidLengthError(
            f"invalid length {first!r}: every r must be positive and finite (in metres)")
    return arr, arr.ndim == 0


def _run_double(r: Any, a: Any, b: Any, *, nature: str, ordering: str, lightest: Any, preset: Any,
                method: str, order: Any, alpha21: Any, alpha31: Any, kind: str,
                channels: bool, log: bool) -> Any:
    """dps=None: the shared rule in double precision over a NumPy array of r (metres)."""
    import numpy as np

    from nusym.constants import constant_float
    from nusym.numeric import spectral

    key, _ = _check_method(method, order)
    if key != "integral":
        raise InvalidOptionError(
            f"dps=None (double precision) is available for method 'integral' only, got {method!r}")
    if log and kind != "T":
        raise InvalidOptionError("log=True is available for the potential only")
    r_m, scalar = _double_lengths(r)
    setup = _setup(a, b, nature, ordering, lightest, preset, "integral", None, alpha21, alpha31, 30)
    r_nat = r_m / constant_float("hbar_c")
    lo, hi = _rule_range([float(r_nat.min()), float(r_nat.max())])
    sp_setup = spectral.spectral_setup(spectral._float_setup(setup), (lo, hi), None)
    if channels:
        per = spectral.evaluate_double(sp_setup, r_nat, kind, channels=True)
        return {k: (v[()] if scalar else v) for k, v in per.items()}
    table = spectral.build_table(sp_setup, float(r_nat.min()), float(r_nat.max()), kind)
    out = table(r_nat, log=True)[1] if log else table(r_nat)
    return out[()] if scalar else out


# ----------------------------------------------------------------------------- public API
def potential(r: Any, a: Any, b: Any, *, nature: str = "dirac", ordering: str = "normal",
              lightest: Any = 0, preset: Any = "segarra2020", method: str = "integral",
              dps: int | None = 30, order: int | None = None, alpha21: Any = None,
              alpha31: Any = None, log: bool = False) -> Any:
    """Two-neutrino-exchange potential V(r) in eV between sources ``a`` and ``b`` (Eq. 1).

    ``r`` in metres: a number, an mpmath number, a string with a unit ("2um") or a
    sequence/NumPy array of them (then a list is returned). ``a``, ``b``: anything
    :func:`nusym.sources.parse_source` accepts (``"Fe-56"``, ``"Z=26,N=30"``) or a
    :class:`nusym.sources.Source` (charges scale with its ``atoms``). ``nature``:
    dirac or majorana; ``ordering``: normal or inverted; ``lightest``: the lightest
    mass in eV; ``method``: one of :data:`METHODS` (see the module docstring);
    ``order``: the order of the asymptotic series (``method="asymptotic"`` only);
    ``alpha21``, ``alpha31``: Majorana phases in degrees, overriding the preset.
    The result is an mpf rounded to ``dps`` significant digits (5 <= dps <= 1000).

    ``dps=None`` selects double precision: ``r`` is then a number or NumPy array of
    metres and the result a NumPy array of the same shape (method "integral"
    only; relative error below 1e-12 from 1 nm to 1 mm, see ``tests/test_spectral.py``;
    channels whose exp(-(m_i+m_j) r) underflows give 0, without warnings).
    ``log=True`` returns ln|V| (V in eV) instead, computed without underflow
    (a signed log-sum-exp in double precision).

    >>> import mpmath
    >>> mpmath.nstr(potential(1e-6, "Fe-56", "Fe-56", lightest="0.1", dps=10), 10)
    '1.6391341e-49'
    >>> potential(0, "Fe-56", "Fe-56")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length 0: r must be positive and finite (in metres)
    >>> import numpy as np
    >>> v = potential(np.array([1e-6, 1e-3]), "Fe-56", "Fe-56", lightest=1, dps=None)
    >>> float("%.6g" % v[0]), float(v[1])
    (5.71238e-52, 0.0)
    >>> float("%.10g" % potential(1e-3, "Fe-56", "Fe-56", lightest=1, dps=None, log=True))
    -10261.74078
    >>> mpmath.nstr(potential("1mm", "Fe-56", "Fe-56", lightest=1, dps=15), 15)
    '2.41325091112795e-4457'

    """
    return _run(r, a, b, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                method=method, dps=dps, order=order, alpha21=alpha21, alpha31=alpha31, kind="T",
                log=log)


def potential_channels(r: Any, a: Any, b: Any, *, nature: str = "dirac", ordering: str = "normal",
                       lightest: Any = 0, preset: Any = "segarra2020", method: str = "integral",
                       dps: int | None = 30, order: int | None = None, alpha21: Any = None,
                       alpha31: Any = None) -> dict[tuple[int, int], ChannelContribution]:
    """Per ordered channel (i, j) (1-based) its contribution to V (eV) at one r, and the route.

    Routes: ``integral``, ``closed:equal_mass``, ``closed:one_massless``,
    ``closed:massless``, ``massless``, ``asymptotic`` (``integral:adaptive`` where
    the shared rule could not be verified). The values sum to :func:`potential`
    (each is rounded to ``dps`` digits). With ``dps=None`` the values are NumPy
    arrays (double precision) and there are no routes.

    >>> ch = potential_channels("1um", "Fe-56", "Fe-56", method="closed", dps=10)
    >>> ch[(1, 1)].route, ch[(1, 2)].route, ch[(2, 2)].route
    ('closed:massless', 'closed:one_massless', 'closed:equal_mass')
    """
    return _run(r, a, b, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                method=method, dps=dps, order=order, alpha21=alpha21, alpha31=alpha31, kind="T",
                channels=True)


def force(r: Any, a: Any, b: Any, *, nature: str = "dirac", ordering: str = "normal",
          lightest: Any = 0, preset: Any = "segarra2020", method: str = "integral",
          dps: int | None = 30, order: int | None = None, alpha21: Any = None,
          alpha31: Any = None) -> Any:
    """Force F = -dV/dr in newtons (positive = repulsive), from Eq. (1) differentiated.

    The r-derivative is analytic: d/dr [exp(-sqrt(t) r)/r] = -exp(-sqrt(t) r)
    (sqrt(t)/r + 1/r^2) inside the integral (or -dT/dr of the closed/asymptotic
    forms), not a finite difference. Same arguments as :func:`potential`
    (``dps=None``: double precision, NumPy array of newtons).

    >>> import mpmath
    >>> mpmath.nstr(force("1um", "Fe-56", "Fe-56", method="massless", dps=10), 10)
    '1.501130617e-61'
    """
    from nusym.units import force_to_newton

    values = _run(r, a, b, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                  method=method, dps=dps, order=order, alpha21=alpha21, alpha31=alpha31, kind="F")
    if dps is None:
        return force_to_newton(values)
    single = not isinstance(values, list)
    out = []
    for v in ([values] if single else values):
        with mpmath.workdps(dps + 10):
            f = force_to_newton(v)
        with mpmath.workdps(dps):
            out.append(+f)
    return out[0] if single else out


def gravity_potential(r: Any, a: Any, b: Any, dps: int = 30) -> Any:
    """Newtonian potential -G_N m_a m_b / r in eV (masses from ``Source.mass_kg()``).

    >>> import mpmath
    >>> mpmath.nstr(gravity_potential("1um", "Fe-56", "Fe-56", dps=8), 8)
    '-3.593849e-36'
    """
    from nusym.constants import constant

    dps = _check_dps(dps)
    wp = dps + 15
    lengths, scalar = _lengths(r, wp)
    src_a, src_b = _source(a), _source(b)
    out = []
    with mpmath.workdps(wp):
        gm = constant("G_N", wp) * src_a.mass_kg(wp) * src_b.mass_kg(wp) / constant("e", wp)
        for r_m in lengths:
            v = -gm / r_m
            with mpmath.workdps(dps):
                out.append(+v)
    return out[0] if scalar else out

