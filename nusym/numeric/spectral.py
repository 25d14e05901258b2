"""Eq. (1) as a finite sum of Yukawa potentials: one quadrature rule shared by all r.

The dispersion integral of Eq. (1) of Segarra & Bernabeu (2020),

    V(r) = -1/(4 pi^2 r) Int_{(m_i+m_j)^2}^oo dt Im M_ij(t) exp(-sqrt(t) r),

is, per channel, ``exp(-s r)/r * Int_0^oo dx exp(-x r) g(x)`` with sqrt(t) = s + x,
s = m_i + m_j and ``g = kernel_in_x(kernel)`` (see :mod:`nusym.numeric.integral`).
Here the x integral is done with **one** trapezoidal rule in a variable u,

    ln(x / x_c) = u - exp(-u),        dx = x (1 + exp(-u)) du,

uniform in ln x above x_c (where the bulk exp(-x r) x^k of every r lies) and
double-exponential below it (threshold region, where g ~ x^(1/2) at most). The
nodes x_n and weights do not depend on r, so

    V(r) = sum_n c_n exp(-q_n r) / r,        q_n = m_i + m_j + x_n,

a superposition of Yukawa potentials of ranges 1/q_n ("the spectral representation
with the t integral discretised"). The c_n are computed once per (sources,
masses, precision); each r then costs one exponential per node and a dot product
per mass pair. The force follows from the same sum, -dV/dr = sum_n c_n exp(-q_n r)
(q_n/r + 1/r^2).

Error control. For r in [r_min, r_max] the integrand is analytic in the strip
``|Im ln x| < pi/2``, so the trapezoidal error falls like exp(-2 pi d/h) (d ~ 1.2-1.35
measured): ``h`` is chosen from the number of digits asked for. x_c is placed
e^-3 below 1/r_max and below 2 m for every non-zero mass m (the branch points of
g at x = -2 m stay in the uniform region), but not lower than where the
threshold region stops contributing. The verified mpmath evaluation
(:func:`evaluate_mp`) compares the rule at step h with the nested rule at h/2
(whose error is the square of the former's) and checks that the end nodes do not
contribute; the double-precision one (:func:`evaluate_double`) uses the rule
tested in ``tests/test_spectral.py`` against the verified integral
(relative error < 1e-13 from 1 nm to 1 mm for every mass configuration).

Verified digits with python-flint (the default when it is installed; otherwise
mpmath lists as above). The node weights are built in Arb ball arithmetic by
blocks of :data:`BLOCK` nodes, only up to the largest node that a requested r
needs (x r below the cut), from the kernel reduced exactly to
c A(x) sqrt(U(x))/D(x) (:func:`nusym.numeric.kernels.reduced_form`): per block
two matrix products (powers of the nodes by the polynomial coefficients of every
group of channels) and one square root per node and group. Blocks lie on a fixed
grid of node indices and each block is computed in the same way whatever the
call, so every value (to the last bit, before rounding) is independent of the
other distances of the call. Each r then costs one exponential per contributing
node and one small matrix product per block. The checks are those of the mpmath
route, each required for the whole ball, plus a bound on the rounding error.

>>> s = yukawa_spectrum("Fe-56", "Fe-56", lightest=0.1)
>>> float("%.10g" % s.potential_eV(1e-6)[0])
1.63913410e-49
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import mpmath
import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidLengthError
from nusym.inputs import parse_length_value
from nusym.model import resolve_model
from nusym.numeric.config import Configuration, configure, prefactor, prefactor_float
from nusym.numeric.kernels import g_mpfr_values, g_numpy, reduced_form

__all__ = ["Rule", "make_rule", "widen_by_decades", "rule_range", "Table", "build_table", "YukawaSpectrum",
           "yukawa_spectrum", "SpectralSetup", "spectral_setup", "evaluate_double", "evaluate_mp", "R_RANGE_M"]

#: default validity range of a rule, metres: 1 nm to 1 mm (micron-scale force tests)
R_RANGE_M = (1e-9, 1e-3)
#: measured half-width of the analyticity strip in u (error ~ exp(-2 pi D_STRIP / h))
D_STRIP = 1.25


def _quiet_underflow(fn: Any) -> Any:
    """Run ``fn`` with NumPy underflow ignored: a term below the double range is 0 by design."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with np.errstate(under="ignore"):
            return fn(*args, **kwargs)

    return wrapper


@dataclasses.dataclass(frozen=True)
class Rule:
    """Nodes u_k = u_lo + k h, k = 0..n, of the shared rule; x_c in eV; r range in eV^-1."""

    digits: int
    h: float
    x_c: float
    u_lo: float
    n: int
    r_min: float
    r_max: float

    def nodes_mp(self, halve: bool = False) -> tuple[list[Any], list[Any]]:
        """(x_n, weight_n) at the current mpmath precision; ``halve``: the nested h/2 rule."""
        step = mpmath.mpf(self.h) / (2 if halve else 1)
        count = self.n * (2 if halve else 1)
        u0 = mpmath.mpf(self.u_lo)
        xc = mpmath.mpf(self.x_c)
        xs, ws = [], []
        for k in range(count + 1):
            u = u0 + k * step
            e = mpmath.exp(-u)
            xv = xc * mpmath.exp(u - e)
            xs.append(xv)
            ws.append(step * xv * (1 + e))
        return xs, ws

    def nodes_float(self) -> tuple[np.ndarray, np.ndarray]:
        u = self.u_lo + self.h * np.arange(self.n + 1)
        e = np.exp(-u)
        xv = self.x_c * np.exp(u - e)
        return xv, self.h * xv * (1 + e)


def widen_by_decades(lo: float, hi: float, smallest: float, largest: float) -> tuple[float, float]:
    """[lo, hi] widened by whole decades until lo <= smallest and hi >= largest.

    Rule ranges grow in decades from a fixed default (:data:`R_RANGE_M`), so that a
    value does not depend on the other distances of a call.

    >>> widen_by_decades(1e-9, 1e-3, 5e-10, 2e-3)
    (1e-10, 0.01)
    """
    while smallest < lo:
        lo /= 10
    while largest > hi:
        hi *= 10
    return lo, hi


def rule_range(smallest: float, largest: float) -> tuple[float, float]:
    """Validity range (eV^-1) of the shared rule for r in [smallest, largest] (eV^-1).

    :data:`R_RANGE_M` (1 nm - 1 mm) widened by whole decades, fixed by default so
    that a value does not depend on which other distances are asked for in the same
    call (beyond the verified digits); a relative slack of 1e-9 keeps "1 mm" computed
    by rounding inside the default range.

    >>> lo, hi = rule_range(1.0, 10.0)
    >>> round(lo * constant_float("hbar_c"), 15), round(hi * constant_float("hbar_c"), 12)
    (1e-09, 0.001)
    """
    hc = constant_float("hbar_c")
    return widen_by_decades(R_RANGE_M[0] / hc, R_RANGE_M[1] / hc, smallest * (1 + 1e-9), largest * (1 - 1e-9))


def _solve_upper(digits: int) -> float:
    """y with y^6 exp(-y) = 10^-digits (the integrand grows at most like x^5 at large x)."""
    target = digits * math.log(10)
    y = target
    for _ in range(50):
        y = target + 6 * math.log(y)
    return y


def make_rule(digits: int, r_min: float, r_max: float, masses: tuple[float, ...] = ()) -> Rule:
    """The shared rule for relative accuracy 10^-digits on r in [r_min, r_max] (eV^-1).

    >>> rule = make_rule(16, 0.005, 5000.0, (0.0, 0.0086, 0.05))
    >>> rule.h, rule.n > 50
    (0.18, True)
    """
    if not (0 < r_min <= r_max and math.isfinite(r_max)):
        raise ValueError(f"need 0 < r_min <= r_max, got {r_min}, {r_max}")
    h = 2 * math.pi * D_STRIP / (digits * math.log(10) + 6)
    h = float(f"{h:.2g}")
    # in logarithms: 10^-(2D/3) underflows a double from D ~ 470 on
    ln10 = math.log(10)
    ln_floor = -((2 * digits) / 3 + 1) * ln10 - math.log(r_max)
    x_c = math.exp(-3) / r_max
    x_mass = min((2 * m * math.exp(-3) for m in masses if m > 0), default=math.inf)
    if x_mass < x_c:
        # the power of two below 2 m e^-3: every mass of that octave gets the same rule
        # (and the verified route reuses its nodes for a new configuration)
        x_c = 2.0 ** math.floor(math.log2(x_mass))
    ln_xc = math.log(x_c) if x_c > 0 else ln_floor
    if ln_xc < ln_floor:
        ln_xc = ln_floor
        x_c = math.exp(ln_floor)
    # lower end: ln(x/x_c) = u - e^-u <= ln(floor'/x_c) with floor' = 10^-(2D/3+2)/r_max
    lower = -((2 * digits) / 3 + 2) * ln10 - math.log(r_max) - ln_xc
    u_lo = -math.log(-lower) if lower < -1 else -1.0
    while u_lo - math.exp(-u_lo) > lower:
        u_lo -= h
    x_hi = _solve_upper(digits) / r_min
    u_hi = math.log(x_hi) - ln_xc + 1
    n = int(math.ceil((u_hi - u_lo) / h))
    return Rule(digits, h, x_c, u_lo, n, r_min, r_max)


# ----------------------------------------------------------------------------- setup
class _Group(NamedTuple):
    """Ordered channels sharing masses and weights: their coefficients are identical."""

    channels: tuple[tuple[int, int], ...]   # 0-based ordered (i, j)
    mi: Any
    mj: Any
    weights: tuple[Any, ...]                # w_k per absorptive term


@dataclasses.dataclass(frozen=True)
class SpectralSetup:
    """Per group of identical channels: s = m_i + m_j and c_n at the rule's nodes."""

    rule: Rule
    nature: str
    groups: tuple[_Group, ...]
    s: tuple[Any, ...]
    coefficients: tuple[Any, ...]     # per group: np.ndarray (double) or list of mpf
    x: Any                            # nodes (np.ndarray or list of mpf)
    precision: int | None             # None: double precision
    prefactor: Any = 1.0              # double precision: G_F^2/(192 pi^3), kept out of c
    states: int = 3                   # number of mass states (channels (i, j), 1 <= i, j <= states)
    #: verified route with python-flint: the Arb back-end that builds c_n on demand
    #: (``coefficients`` and ``x`` are then computed, as mpf lists, only when read)
    engine: Any = dataclasses.field(default=None, compare=False, repr=False)


def _groups(setup: Any) -> tuple[_Group, ...]:
    found: dict[tuple, list[tuple[int, int]]] = {}
    for (i, j), ws in setup.weights.items():
        if all(w == 0 for w in ws):
            continue
        mi, mj = setup.masses[i], setup.masses[j]
        key = (min(mi, mj), max(mi, mj), tuple(ws))
        found.setdefault(key, []).append((i, j))
    return tuple(_Group(tuple(ch), k[0], k[1], k[2]) for k, ch in found.items())


def _rule_for(setup: Any, digits: int, r_range_nat: tuple[float, float]) -> Rule:
    masses = tuple(float(m) for m in setup.masses)
    return make_rule(digits, float(r_range_nat[0]), float(r_range_nat[1]), masses)


def spectral_setup(setup: Configuration, r_range_nat: tuple[float, float], precision: int | None,
                   halve: bool = False) -> SpectralSetup:
    """Coefficients c_n for every group of channels (``precision=None``: double).

    ``setup`` is a :class:`nusym.numeric.config.Configuration`; ``precision`` the
    number of digits of the rule (mpmath arithmetic at the current precision).
    """
    groups = _groups(setup)
    states = len(setup.masses)
    if precision is None:
        rule = _rule_for(setup, 16, r_range_nat)
        x, w = rule.nodes_float()
        mi = np.array([float(grp.mi) for grp in groups])
        mj = np.array([float(grp.mj) for grp in groups])
        terms_count = max((len(ws) for ws in setup.weights.values()), default=0)
        weights = np.array([[float(wk) for wk in grp.weights] for grp in groups]).reshape(len(groups), terms_count)
        mult = np.array([len(grp.channels) for grp in groups], dtype=float)
        # every group at once: c[n, g] = w_n sum_k w_gk g_k(x_n; m_i, m_j)
        c = np.zeros((x.size, len(groups)))
        for k in range(weights.shape[1]):
            if groups and np.any(weights[:, k]):
                c += weights[:, k] * g_numpy(setup.nature, k, x, mi, mj)
        coeffs = [mult[g] * w * c[:, g] for g in range(len(groups))]
        s_values = list(mi + mj)
        # the prefactor (~1e-24 eV^-4) is applied last, so that no intermediate
        # product leaves the normal double range before V itself does
        return SpectralSetup(rule, setup.nature, groups, tuple(s_values), tuple(coeffs), x, None,
                             prefactor_float(), states)

    rule = _rule_for(setup, precision, r_range_nat)
    flint = _flint_or_none()
    if flint is not None:
        engine = _ArbSetup(flint, setup, groups, rule, halve, mpmath.mp.prec + 10, prefactor(mpmath.mp.dps))
        s_values = [mpmath.mpf(grp.mi) + mpmath.mpf(grp.mj) for grp in groups]
        return SpectralSetup(rule, setup.nature, groups, tuple(s_values),
                             tuple(_Lazy(functools.partial(engine.coefficients_mp, g)) for g in range(len(groups))),
                             _Lazy(engine.nodes_mp), precision, 1.0, states, engine)
    x_mp, w_mp = rule.nodes_mp(halve=halve)
    pref = prefactor(mpmath.mp.dps)
    coeffs = []
    s_values = []
    for grp in groups:
        mi, mj = mpmath.mpf(grp.mi), mpmath.mpf(grp.mj)
        c_mp = [mpmath.mpf(0)] * len(x_mp)
        for k, wk in enumerate(grp.weights):
            if wk == 0:
                continue
            c_mp = [cn + wk * gn for cn, gn in zip(c_mp, g_mpfr_values(setup.nature, k, mi, mj, x_mp), strict=True)]
        mult = pref * len(grp.channels)
        coeffs.append([mult * wn * cn for wn, cn in zip(w_mp, c_mp, strict=True)])
        s_values.append(mi + mj)
    return SpectralSetup(rule, setup.nature, groups, tuple(s_values), tuple(coeffs), x_mp, precision, 1.0, states)


# ----------------------------------------------------------------------------- double precision
_CHUNK = 2048


@_quiet_underflow
def evaluate_double(sp_setup: SpectralSetup, r_nat: np.ndarray, kind: str = "T",
                    channels: bool = False) -> Any:
    """V(r) in eV (``kind="F"``: -dV/dr in eV^2) by the direct sum, for an array of r in eV^-1.

    Channels whose exp(-q r) underflow contribute 0 (no warning). With
    ``channels=True`` returns {(i, j) 1-based: array} instead of the total.
    """
    r = np.asarray(r_nat, dtype=float)
    s = np.array(sp_setup.s, dtype=float)
    flat = r.ravel()
    out = np.empty((flat.size, len(sp_setup.groups)))
    for start in range(0, flat.size, _CHUNK):
        rr = flat[start:start + _CHUNK]
        out[start:start + rr.size] = (_group_sums(sp_setup, rr, kind) * np.exp(np.multiply.outer(-rr, s))
                                      * sp_setup.prefactor)
    if channels:
        n = sp_setup.states
        result = {(i + 1, j + 1): np.zeros(r.shape) for i in range(n) for j in range(n)}
        for g, grp in enumerate(sp_setup.groups):
            for (i, j) in grp.channels:
                result[(i + 1, j + 1)] = (out[:, g] / len(grp.channels)).reshape(r.shape)
        return result
    return out.sum(axis=1).reshape(r.shape)


# ----------------------------------------------------------------------------- interpolation table
#: piecewise-polynomial table of the reduced potential: pieces per unit of ln r, degree
TABLE_PIECES_PER_E = 24
TABLE_DEGREE = 11


@dataclasses.dataclass(frozen=True)
class Table:
    """Psi(u) = r^5 exp(s_min r) V(r) / prefactor on uniform pieces of u = ln r (eV^-1).

    Per piece a polynomial in t in [-1, 1] (monomial coefficients from the
    Chebyshev interpolant at TABLE_DEGREE + 1 Chebyshev points of the direct sum
    :func:`evaluate_double`); V = Psi(u) exp(ln prefactor - s_min r - 5 u), one
    exponential per r, so no intermediate result under- or overflows.
    ``kind="F"``: the same for -dV/dr (eV^2) with r^6 instead of r^5.
    """

    k0: int                       # global index of the first piece: u in [(k0 + i)/P, (k0 + i + 1)/P)
    per_e: int                    # P, pieces per unit of u
    coefficients: np.ndarray      # (pieces, degree + 1), highest power first
    s_min: float
    log_prefactor: float
    power: int

    @_quiet_underflow
    def __call__(self, r_nat: np.ndarray, log: bool = False) -> Any:
        r = np.asarray(r_nat, dtype=float)
        if r.size > _CHUNK * 4:
            # cache-sized blocks: the same arithmetic, faster for long arrays
            flat = r.ravel()
            if log:
                parts = [self(flat[i:i + _CHUNK * 4], log=True) for i in range(0, flat.size, _CHUNK * 4)]
                return (np.concatenate([p[0] for p in parts]).reshape(r.shape),
                        np.concatenate([p[1] for p in parts]).reshape(r.shape))
            return np.concatenate([self(flat[i:i + _CHUNK * 4])
                                   for i in range(0, flat.size, _CHUNK * 4)]).reshape(r.shape)
        u = np.log(r)
        pos = u * self.per_e
        whole = np.floor(pos)
        t = 2.0 * (pos - whole) - 1.0           # independent of k0: of the other r of a call
        idx = np.clip(whole.astype(np.intp) - self.k0, 0, self.coefficients.shape[0] - 1)
        coef = self.coefficients[idx]
        psi = coef[..., 0].copy()
        for k in range(1, coef.shape[-1]):
            psi *= t
            psi += coef[..., k]
        expo = self.log_prefactor - self.s_min * r - self.power * u
        if log:
            with np.errstate(divide="ignore"):
                return np.sign(psi), np.log(np.abs(psi)) + expo
        scale = np.exp(expo)
        low = scale < 1e-280
        if low.any():
            # exp(expo) would be subnormal while V may not be: fold |psi| into the exponent
            with np.errstate(divide="ignore"):
                scale[low] = np.exp(expo[low] + np.log(np.abs(psi[low])))
            psi = np.where(low, np.sign(psi), psi)
        return psi * scale


#: x r beyond which a node's term exp(-x r) c_n is dropped in double precision (< 1e-25 of V)
DIRECT_CUT = 80.0
#: distances per block of the direct sum
_BLOCK = 64


@_quiet_underflow
def _group_sums(sp_setup: SpectralSetup, r: np.ndarray, kind: str) -> np.ndarray:
    """(len(r), groups): sum_n c_n exp(-x_n r) times (1/r^2 + q_n/r ... ) for kind F, no exp(-s r)."""
    x = sp_setup.x
    s = np.array(sp_setup.s, dtype=float)
    if not sp_setup.groups:
        return np.zeros((r.size, 0))
    cmat = np.stack(sp_setup.coefficients, axis=1)
    if kind == "F":
        cmat = np.concatenate([cmat, cmat * (s[None, :] + x[:, None])], axis=1)
    out = np.empty((r.size, cmat.shape[1]))
    # blocks of similar r: nodes with x r > DIRECT_CUT are skipped (their terms are below
    # 1e-25 of the sum, like the nodes beyond the rule's end); BLAS for the node sums (a
    # row's last bit may depend on the other rows, far below the rule's accuracy ~1e-14)
    order = np.argsort(r, kind="stable")
    for start in range(0, r.size, _BLOCK):
        idx = order[start:start + _BLOCK]
        rb = r[idx]
        k = int(np.searchsorted(x, DIRECT_CUT / rb.min(), side="right"))
        out[idx] = np.exp(np.multiply.outer(-rb, x[:k])) @ cmat[:k]
    if kind == "F":
        g = out.shape[1] // 2
        return out[:, :g] / (r * r)[:, None] + out[:, g:] / r[:, None]
    return out / r[:, None]


@_quiet_underflow
def build_table(sp_setup: SpectralSetup, r_lo: float, r_hi: float, kind: str = "T") -> Table:
    """The interpolation :class:`Table` of V (or -dV/dr) for r_lo <= r <= r_hi (eV^-1)."""
    power = 6 if kind == "F" else 5
    s = np.array(sp_setup.s, dtype=float) if sp_setup.groups else np.zeros(0)
    s_min = float(s.min()) if s.size else 0.0
    per_e = TABLE_PIECES_PER_E
    # pieces on a fixed grid of u: a value does not depend on the other r of the call
    k0 = int(np.floor(np.log(r_lo) * per_e))
    pieces = int(np.floor(np.log(r_hi) * per_e)) - k0 + 1
    deg = TABLE_DEGREE
    j = np.arange(deg + 1)
    tnodes = np.cos(np.pi * (j + 0.5) / (deg + 1))
    u = (k0 + np.arange(pieces)[:, None] + 0.5 * (tnodes[None, :] + 1.0)) / per_e
    r = np.exp(u).ravel()
    if sp_setup.groups:
        sums = _group_sums(sp_setup, r, kind)
        with np.errstate(under="ignore"):
            psi = (sums * np.exp(-np.multiply.outer(r, s - s_min))).sum(axis=1) * r**power
    else:
        psi = np.zeros_like(r)
    psi = psi.reshape(pieces, deg + 1)
    # Chebyshev coefficients at the Chebyshev points (discrete cosine transform), then monomials
    basis = np.cos(np.outer(j, np.pi * (j + 0.5) / (deg + 1)))        # T_k(t_j)
    cheb = (2.0 / (deg + 1)) * psi @ basis.T
    cheb[:, 0] *= 0.5
    mono = np.array([np.polynomial.chebyshev.cheb2poly(row)[::-1] for row in cheb])
    return Table(k0, per_e, mono, s_min, math.log(float(sp_setup.prefactor)), power)


# ----------------------------------------------------------------------------- arbitrary precision
def evaluate_mp(fine: SpectralSetup, r_nats: Any, dps: int, kind: str = "T") -> list[tuple[Any, dict, bool]]:
    """Verified V (or -dV/dr) at each r from the nested rules h/2 (``fine``) and h (its even nodes).

    Returns [(value, {(i, j): value}, verified)] per r. ``verified`` is False when
    the rules at h and h/2 differ by more than 10^-(dps+2) of the scale sum of
    ``|terms|`` (per group of channels and in total), when an end node of the rule
    contributes more than 10^-(dps+5) of it, or when cancellation between channels
    would eat the guard digits. Nodes with x r beyond the point where
    (x r)^6 exp(-x r) < 10^-(dps+25) are skipped (their terms are below that).

    With python-flint (``fine.engine``) the sums are done in Arb ball arithmetic
    (:class:`_ArbSetup`): the same nodes, coefficients and checks, each check
    required to hold for the whole ball, and in addition the rounding error of
    every sum (the radius) below 10^-(dps+5) of the scale; the value returned is
    the midpoint, as an mpf of the current precision.
    """
    if fine.engine is not None:
        return fine.engine.evaluate(r_nats, dps, kind)
    x = fine.x
    n = len(x)
    tol = mpmath.mpf(10) ** (-(dps + 2))
    cut = mpmath.mpf(_solve_upper(dps + 25))
    prepared = []
    for grp, s_val, c in zip(fine.groups, fine.s, fine.coefficients, strict=True):
        mixed = any(v < 0 for v in c) and any(v > 0 for v in c)
        cq = [cn * (s_val + xn) for cn, xn in zip(c, x, strict=True)] if kind == "F" else None
        prepared.append((grp, s_val, c, cq, [abs(v) for v in c] if mixed else None,
                         [abs(v) for v in cq] if mixed and cq is not None else None))
    results = []
    for r_nat in r_nats:
        inv = 1 / r_nat
        stop = n
        for k in range(n - 1, -1, -1):   # last node that still contributes
            if x[k] * r_nat <= cut:
                stop = k + 1
                break
        e = [mpmath.exp(-xn * r_nat) for xn in x[:stop]]
        e_even, e_odd = e[0::2], e[1::2]
        total_f = total_c = scale = mpmath.mpf(0)
        per_group = []
        ok = stop < n or n < 2
        for grp, s_val, c, cq, ca, cqa in prepared:
            es = mpmath.exp(-s_val * r_nat)

            def sums(coef: list[Any], *, stop: int = stop, e_even: list[Any] = e_even,
                     e_odd: list[Any] = e_odd) -> tuple[Any, Any]:
                even = mpmath.fdot(coef[0:stop:2], e_even)
                odd = mpmath.fdot(coef[1:stop:2], e_odd)
                return even + odd, 2 * even

            f1, c1 = sums(c)
            a1 = sums(ca)[0] if ca is not None else abs(f1)
            if kind == "F":
                assert cq is not None  # built for kind "F"
                f2, c2 = sums(cq)
                a2 = sums(cqa)[0] if cqa is not None else abs(f2)
                f_fine = es * (f1 * inv * inv + f2 * inv)
                f_coarse = es * (c1 * inv * inv + c2 * inv)
                absval = es * (a1 * inv * inv + a2 * inv)
                ends = es * abs(c[0] * e[0]) * (inv * inv + (s_val + x[0]) * inv)
            else:
                f_fine = es * f1 * inv
                f_coarse = es * c1 * inv
                absval = es * a1 * inv
                ends = es * abs(c[0] * e[0]) * inv
            if stop == n:
                ends += es * abs(c[-1] * e[-1]) * (inv if kind == "T" else inv * inv + (s_val + x[-1]) * inv)
            per_group.append((grp, f_fine))
            total_f += f_fine
            total_c += f_coarse
            scale += absval
            if abs(f_fine - f_coarse) > tol * absval or ends > tol * mpmath.mpf(10) ** -3 * absval:
                ok = False
        if scale and abs(total_f) < scale * mpmath.mpf(10) ** (-8):
            ok = False   # cancellation between channels beyond the guard digits
        if abs(total_f - total_c) > tol * scale:
            ok = False
        channels = {(i + 1, j + 1): mpmath.mpf(0) for i in range(fine.states) for j in range(fine.states)}
        for grp, val in per_group:
            for (i, j) in grp.channels:
                channels[(i + 1, j + 1)] = val / len(grp.channels)
        results.append((total_f, channels, ok))
    return results


# ----------------------------------------------------------------------------- arbitrary precision: Arb back-end
#: nodes per block of the verified route; blocks lie on a fixed grid of node
#: indices and are built when a distance first needs them
BLOCK = 128
#: powers of the nodes are kept for other configurations up to this many bits
#: (nodes x bits per node; 30 digits: ~1e5, 100 digits: ~8e5)
VANDER_CACHE_BITS = 2**21


def _flint_or_none() -> Any:
    """python-flint if installed (the fast verified route), else None (the mpmath route)."""
    try:
        import flint
    except ImportError:   # pragma: no cover - python-flint is optional
        return None
    return flint


def _mpq_of(v: Any) -> Any:
    """An mpf (or int) as an exact gmpy2.mpq."""
    import gmpy2

    if isinstance(v, int):
        return gmpy2.mpq(v)
    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    q = gmpy2.mpq(int(man) << exp) if exp >= 0 else gmpy2.mpq(int(man), 1 << -exp)
    return -q if sign else q


def _arb_of(flint: Any, v: Any) -> Any:
    """An mpq or mpf as an arb (exact for an mpf, rounded to the flint precision for an mpq)."""
    if type(v).__name__ == "mpq":
        return flint.arb(flint.fmpq(int(v.numerator), int(v.denominator)))
    sign, man, exp, _ = mpmath.mpf(v)._mpf_
    if not man:
        return flint.arb(0)
    return flint.arb((-int(man) if sign else int(man), int(exp)))


def _mpf_of(ball: Any) -> Any:
    """The midpoint of an arb as an mpf of the current mpmath precision."""
    man, exp = ball.mid().man_exp()
    return mpmath.mpf((int(man), int(exp)))


def _pmul(p: Sequence[Any], q: Sequence[Any]) -> list[Any]:
    out = [p[0] * 0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return out


class _Lazy(Sequence):
    """A list computed when first read (the mpf coefficients of the Arb back-end)."""

    def __init__(self, make: Callable[[], list[Any]]):
        self._make: Callable[[], list[Any]] = make
        self._items: list[Any] | None = None

    def _get(self) -> list[Any]:
        items = self._items
        if items is None:
            items = self._items = self._make()
        return items

    def __getitem__(self, i: Any) -> Any:
        return self._get()[i]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self) -> Any:
        return iter(self._get())


class _RuleBlocks:
    """The nodes x_n, weights w_n and powers x_n^k of a rule as Arb balls, by blocks (built on demand).

    They depend on the rule only (not on masses or charges) and are shared by every
    configuration that uses the same rule and precision. Block j holds the nodes
    j*BLOCK ... (j+1)*BLOCK - 1, its rows in the order even nodes, then odd nodes
    (the rule at h is the even nodes of the rule at h/2).
    """

    def __init__(self, flint: Any, rule: Rule, halve: bool, bits: int):
        self.flint, self.rule, self.halve, self.bits = flint, rule, halve, bits
        self.count = rule.n * (2 if halve else 1) + 1
        step = rule.h / (2 if halve else 1)
        with np.errstate(over="ignore", under="ignore"):
            u = rule.u_lo + step * np.arange(self.count)
            # only for the cut at large x r (no node of the sums is taken from these doubles)
            self.x_float = (rule.x_c * np.exp(u - np.exp(-u))).tolist()
        self._nodes: dict[int, tuple[list[Any], list[Any], list[int]]] = {}
        self._neg: dict[int, tuple[list[Any], list[Any]]] = {}
        self._vander: dict[tuple[int, int, bool], Any] = {}

    def nodes(self, j: int) -> tuple[list[Any], list[Any], list[int]]:
        """(x, w, rows) of block j: nodes in index order and the row order (local indices)."""
        found = self._nodes.get(j)
        if found is None:
            arb = self.flint.arb
            rule = self.rule
            step = arb(rule.h) / (2 if self.halve else 1)
            u0, xc = arb(rule.u_lo), arb(rule.x_c)
            xs, ws = [], []
            for k in range(j * BLOCK, min((j + 1) * BLOCK, self.count)):
                u = u0 + k * step
                e = (-u).exp()
                xv = xc * (u - e).exp()
                xs.append(xv)
                ws.append(step * xv * (1 + e))
            rows = list(range(0, len(xs), 2)) + list(range(1, len(xs), 2))
            found = self._nodes[j] = (xs, ws, rows)
        return found

    def neg_rows(self, j: int) -> tuple[list[Any], list[Any]]:
        """-x_n of block j: (even nodes, odd nodes), in row order (for exp(-x_n r))."""
        found = self._neg.get(j)
        if found is None:
            xs, _, rows = self.nodes(j)
            neg = [-xs[i] for i in rows]
            n_even = (len(rows) + 1) // 2
            found = self._neg[j] = (neg[:n_even], neg[n_even:])
        return found

    def vander(self, j: int, degree: int, weighted: bool) -> Any:
        """arb_mat of block j: rows x_n^k, k = 0..degree (``weighted``: times w_n sqrt(x_n)), in row order.

        Kept for the next configuration unless the rule is long and precise
        (more than VANDER_CACHE_BITS bits of nodes: then rebuilt per configuration).
        """
        key = (j, degree, weighted)
        found = self._vander.get(key)
        if found is None:
            xs, ws, rows = self.nodes(j)
            flat = []
            for i in rows:
                xv = xs[i]
                v = ws[i] * xv.sqrt() if weighted else self.flint.arb(1)
                flat.append(v)
                for _ in range(degree):
                    v = v * xv
                    flat.append(v)
            found = self.flint.arb_mat(len(rows), degree + 1, flat)
            if self.count * self.bits <= VANDER_CACHE_BITS:
                self._vander[key] = found
        return found


#: node blocks per (rule, halve, bits), shared by configurations (oldest dropped first)
_BLOCKS_CACHE: dict[tuple[Any, ...], _RuleBlocks] = {}
_BLOCKS_CACHE_SIZE = 8


def _rule_blocks(flint: Any, rule: Rule, halve: bool, bits: int) -> _RuleBlocks:
    key = (rule, halve, bits)
    found = _BLOCKS_CACHE.get(key)
    if found is None:
        found = _BLOCKS_CACHE[key] = _RuleBlocks(flint, rule, halve, bits)
        while len(_BLOCKS_CACHE) > _BLOCKS_CACHE_SIZE:
            _BLOCKS_CACHE.pop(next(iter(_BLOCKS_CACHE)))
    return found


class _ArbSetup:
    """Coefficients c_n of every group of channels as Arb balls, built by blocks on demand.

    Per group, sum_k w_k g_k(x) is reduced exactly (masses and weights are binary
    fractions, :func:`nusym.numeric.kernels.reduced_form`) to A(x) sqrt(U(x)) / D(x)
    (one part per distinct U), and c_n = w_n sqrt(x_n) P(x_n) / sqrt(Q(x_n)) with
    polynomials P (pref * mult * A U/x) and Q (U D^2 / x), whose coefficients are
    non-negative for non-negative masses (P: for weights of one sign). Per block:
    two matrix products (the powers of the nodes, times w_n sqrt(x_n) for P, by
    the coefficients of every group), then one square root and one division per
    node and group. A block is built once, whatever the distances asked for, so
    a value never depends on the other distances of a call.
    """

    def __init__(self, flint: Any, setup: Configuration, groups: tuple[_Group, ...], rule: Rule, halve: bool,
                 bits: int, pref: Any):
        self.flint, self.groups, self.bits = flint, groups, bits
        self.states = len(setup.masses)
        self.blocks = _rule_blocks(flint, rule, halve, bits)
        self.count = self.blocks.count
        pref_q = _mpq_of(pref)
        specs: list[tuple[Any, ...]] = []
        self.part_group: list[int] = []
        self.mixed: list[bool] = []
        for g, grp in enumerate(groups):
            mi, mj = _mpq_of(grp.mi), _mpq_of(grp.mj)
            # (u, U) -> {D: [(scalar, A), ...]}: g = sum scalar A sqrt(u U) / D, integer A, U, D
            parts: dict[tuple, dict[tuple, list[tuple[Any, tuple]]]] = {}
            for k, wk in enumerate(grp.weights):
                if wk == 0:
                    continue
                const, a_poly, u_const, u_poly, d_poly = reduced_form(setup.nature, k, mi, mj, integer=True)
                if const == 0:
                    continue
                scalar = _mpq_of(wk) * const * pref_q * len(grp.channels)
                parts.setdefault((u_const, u_poly), {}).setdefault(d_poly, []).append((scalar, a_poly))
            signs: set[bool] = set()
            for (u_const, u_poly), by_den in parts.items():
                dens = list(by_den)
                terms_: list[tuple[Any, Sequence[Any]]] = []
                for i, d_poly in enumerate(dens):      # one denominator: the product of all
                    other: Sequence[Any] = (1,)
                    for d_other in dens[:i] + dens[i + 1:]:
                        other = _pmul(other, d_other)
                    terms_.extend((sc, _pmul(a_poly, other) if len(other) > 1 else a_poly)
                                  for sc, a_poly in by_den[d_poly])
                d_all: Sequence[Any] = (1,)
                for d_poly in dens:
                    d_all = _pmul(d_all, d_poly)
                specs.append((terms_, u_const, u_poly, d_all))
                self.part_group.append(g)
                if any(v < 0 for v in u_poly + tuple(d_all)) or u_const < 0:
                    signs.update((True, False))      # not of one sign for x > 0: take |c_n|
                if len(terms_) == 1:        # exact signs of the numerator's coefficients
                    sc, a_poly = terms_[0]
                    signs.update((v > 0) == (sc > 0) for v in a_poly if v)
                else:
                    for k in range(max(len(a) for _, a in terms_)):
                        v = sum(sc * a[k] for sc, a in terms_ if k < len(a))
                        if v:
                            signs.add(v > 0)
            # c_n has one sign at every node unless the numerators have both signs
            # (U, D and the factors P, Q below have non-negative coefficients)
            self.mixed.append(len(signs) > 1)
        self.one_part = self.part_group == list(range(len(groups)))
        self.mixed_groups = [g for g, m in enumerate(self.mixed) if m]
        arb, mat, poly = flint.arb, flint.arb_mat, flint.arb_poly
        with flint.ctx.workprec(bits):
            self.s = [_arb_of(flint, grp.mi) + _arb_of(flint, grp.mj) for grp in groups]
            # c = w sqrt(x) P(x) / sqrt(Q(x)): A sqrt(U)/D with U = x U' -> P = A U', Q = U' D^2;
            # otherwise P = A U, Q = x U D^2 (a constant U: P = A sqrt(U), Q = x D^2)
            nums, roots = [], []
            for terms_, u_const, u_poly, d_poly in specs:
                a_arb = poly([])
                for sc, a_poly in terms_:
                    a_arb = a_arb + poly(list(a_poly)) * _arb_of(flint, sc)
                d_arb = poly(list(d_poly))
                uc = _arb_of(flint, u_const) if u_const != 1 else None
                if len(u_poly) > 1:
                    shifted = u_poly[0] == 0
                    u_arb = poly(list(u_poly[1:] if shifted else u_poly))
                    if uc is not None:
                        u_arb = u_arb * uc
                    nums.append((a_arb * u_arb).coeffs())
                    root = (u_arb * d_arb * d_arb).coeffs()
                    roots.append(root if shifted else [arb(0)] + root)
                else:
                    nums.append((a_arb * uc.sqrt() if uc is not None else a_arb).coeffs())
                    roots.append([arb(0)] + (d_arb * d_arb).coeffs())
            self.deg_num = max((len(c) for c in nums), default=1) - 1
            self.deg_root = max((len(c) for c in roots), default=1) - 1
            nums = [c + [arb(0)] * (self.deg_num + 1 - len(c)) for c in nums]
            roots = [c + [arb(0)] * (self.deg_root + 1 - len(c)) for c in roots]
            self.p_num = mat(self.deg_num + 1, len(nums), [c[k] for k in range(self.deg_num + 1) for c in nums]) \
                if nums else None
            self.p_root = mat(self.deg_root + 1, len(roots), [c[k] for k in range(self.deg_root + 1)
                                                              for c in roots]) if roots else None
        self._built: dict[int, tuple[Any, ...]] = {}
        self.c_first: list[Any] = []

    # ------------------------------------------------------------------ coefficients
    def _block(self, j: int) -> tuple[Any, ...]:
        """(M_even, M_odd, A_even, A_odd) of block j: c_n per node (rows) and group (columns).

        Rows: the even nodes of the block (M_even), then the odd ones (M_odd);
        A_even, A_odd: |c_n| of the groups whose c_n may change sign (or None).
        """
        found = self._built.get(j)
        if found is not None:
            return found
        flint, n_groups = self.flint, len(self.groups)
        xs, _, rows = self.blocks.nodes(j)
        n_rows, n_even = len(rows), (len(rows) + 1) // 2
        nums = (self.blocks.vander(j, self.deg_num, True) * self.p_num).entries()
        roots = (self.blocks.vander(j, self.deg_root, False) * self.p_root).entries()
        vals = [a / b.sqrt() for a, b in zip(nums, roots, strict=True)]
        if not self.one_part:
            n_parts = len(self.part_group)
            per_row = []
            for i in range(n_rows):
                acc = [flint.arb(0)] * n_groups
                for p, g in enumerate(self.part_group):
                    acc[g] = acc[g] + vals[i * n_parts + p]
                per_row.extend(acc)
            vals = per_row
        mat = flint.arb_mat
        m_even = mat(n_even, n_groups, vals[:n_even * n_groups])
        m_odd = mat(n_rows - n_even, n_groups, vals[n_even * n_groups:]) if n_rows > n_even else None
        a_even = a_odd = None
        if self.mixed_groups:
            absv = [abs(vals[i * n_groups + g]) for i in range(n_rows) for g in self.mixed_groups]
            k = len(self.mixed_groups)
            a_even = mat(n_even, k, absv[:n_even * k])
            a_odd = mat(n_rows - n_even, k, absv[n_even * k:]) if n_rows > n_even else None
        if j == 0:
            self.c_first = vals[:n_groups]
        found = self._built[j] = (m_even, m_odd, a_even, a_odd)
        return found

    def coefficients_mp(self, g: int) -> list[Any]:
        """c_n of group g at every node, as mpf (current precision)."""
        out: list[Any] = []
        n_groups = len(self.groups)
        with self.flint.ctx.workprec(self.bits):
            for j in range(-(-self.count // BLOCK)):
                m_even, m_odd = self._block(j)[:2]
                vals = m_even.entries() + (m_odd.entries() if m_odd is not None else [])
                rows = self.blocks.nodes(j)[2]
                local: list[Any] = [None] * len(rows)
                for pos, i in enumerate(rows):
                    local[i] = vals[pos * n_groups + g]
                out.extend(_mpf_of(v) for v in local)
        return out

    def nodes_mp(self) -> list[Any]:
        """x_n at every node, as mpf (current precision)."""
        with self.flint.ctx.workprec(self.bits):
            return [_mpf_of(v) for j in range(-(-self.count // BLOCK)) for v in self.blocks.nodes(j)[0]]

    # ------------------------------------------------------------------ sums
    def _stop(self, r_float: float, cut: float) -> int:
        """Number of nodes that contribute at r: x_n r <= cut (the nodes increase with n)."""
        stop = bisect.bisect_right(self.blocks.x_float, cut / r_float) if r_float > 0 else self.count
        return stop if stop > 0 else self.count

    def evaluate(self, r_nats: Any, dps: int, kind: str) -> list[tuple[Any, dict, bool]]:
        flint = self.flint
        arb, mat = flint.arb, flint.arb_mat
        n = self.count
        cut = _solve_upper(dps + 25)
        zero = arb(0)
        results = []
        if not self.groups:       # no channel has a weight: V = 0 (as the mpmath route)
            zeros = {(i + 1, j + 1): mpmath.mpf(0) for i in range(self.states) for j in range(self.states)}
            for r_nat in r_nats:
                stop = self._stop(float(mpmath.mpf(r_nat)), cut)
                results.append((mpmath.mpf(0), dict(zeros), stop < n or n < 2))
            return results
        with flint.ctx.workprec(self.bits):
            tol = arb(10) ** (-(dps + 2))
            tol_ends = tol / 1000
            floor = arb(10) ** -8
            for r_nat in r_nats:
                r_mp = mpmath.mpf(r_nat)
                stop = self._stop(float(r_mp), cut)
                ok = stop < n or n < 2
                r = _arb_of(flint, r_mp)
                inv = 1 / r
                sums = None
                e0 = None
                for j in range(-(-stop // BLOCK)):
                    m_even, m_odd, a_even, a_odd = self._block(j)
                    xs, _, rows = self.blocks.nodes(j)
                    neg_even, neg_odd = self.blocks.neg_rows(j)
                    valid = stop - j * BLOCK         # nodes of this block that contribute
                    ev_list = [(v * r).exp() for v in neg_even[:(valid + 1) // 2]]
                    ev_list += [zero] * (len(neg_even) - len(ev_list))
                    od_list = [(v * r).exp() for v in neg_odd[:valid // 2]]
                    od_list += [zero] * (len(neg_odd) - len(od_list))
                    if j == 0:
                        e0 = ev_list[0]
                    ev = mat(1, len(ev_list), ev_list)
                    od = mat(1, len(od_list), od_list) if m_odd is not None else None
                    part = [ev * m_even, od * m_odd if od is not None else None]
                    if a_even is not None:
                        part += [ev * a_even, od * a_odd if od is not None else None]
                    if kind == "F":
                        n_even = len(ev_list)
                        xev = mat(1, n_even, [xs[i] * v for i, v in zip(rows, ev_list, strict=False)])
                        xod = mat(1, len(od_list), [xs[i] * v for i, v in zip(rows[n_even:], od_list, strict=True)]) \
                            if od is not None else None
                        part += [xev * m_even, xod * m_odd if xod is not None else None]
                        if a_even is not None:
                            part += [xev * a_even, xod * a_odd if xod is not None else None]
                    if sums is None:
                        sums = part
                    else:
                        sums = [s if p is None else (p if s is None else s + p)
                                for s, p in zip(sums, part, strict=True)]
                results.append(self._finish(sums, e0, r, inv, ok, tol, tol_ends, floor, kind))
        return results

    def _finish(self, sums: Any, e0: Any, r: Any, inv: Any, ok: bool, tol: Any, tol_ends: Any, floor: Any,
                kind: str) -> tuple[Any, dict, bool]:
        arb = self.flint.arb
        n_groups = len(self.groups)

        def entries(m: Any, width: int) -> list[Any]:
            return m.entries() if m is not None else [arb(0)] * width

        k_mixed = len(self.mixed_groups)
        it = iter(sums or [])
        even = entries(next(it, None), n_groups)
        odd = entries(next(it, None), n_groups)
        abs_even: list[Any] = []       # read only for the groups of mixed sign (k_mixed > 0)
        abs_odd: list[Any] = []
        if k_mixed:
            abs_even, abs_odd = entries(next(it, None), k_mixed), entries(next(it, None), k_mixed)
        if kind == "F":
            x_even, x_odd = entries(next(it, None), n_groups), entries(next(it, None), n_groups)
            if k_mixed:
                xabs_even, xabs_odd = entries(next(it, None), k_mixed), entries(next(it, None), k_mixed)
        x0 = self.blocks.nodes(0)[0][0]
        total_f = total_c = scale = arb(0)
        per_group = []
        for g, grp in enumerate(self.groups):
            s_val = self.s[g]
            es = (-(s_val * r)).exp()
            f1, c1 = even[g] + odd[g], 2 * even[g]
            mixed_at = self.mixed_groups.index(g) if self.mixed[g] else None
            a1 = abs_even[mixed_at] + abs_odd[mixed_at] if mixed_at is not None else abs(f1)
            c0e0 = abs(self.c_first[g] * e0)
            if kind == "F":
                f2 = s_val * f1 + x_even[g] + x_odd[g]
                c2 = 2 * (s_val * even[g] + x_even[g])
                if mixed_at is not None:
                    a2 = s_val * a1 + xabs_even[mixed_at] + xabs_odd[mixed_at]
                else:
                    a2 = abs(f2)
                inv2 = inv * inv
                f_fine = es * (f1 * inv2 + f2 * inv)
                f_coarse = es * (c1 * inv2 + c2 * inv)
                absval = es * (a1 * inv2 + a2 * inv)
                ends = es * c0e0 * (inv2 + (s_val + x0) * inv)
            else:
                f_fine = es * f1 * inv
                f_coarse = es * c1 * inv
                absval = es * a1 * inv
                ends = es * c0e0 * inv
            per_group.append((grp, f_fine))
            total_f += f_fine
            total_c += f_coarse
            scale += absval
            if not (abs(f_fine - f_coarse) <= tol * absval and ends <= tol_ends * absval
                    and f_fine.rad() <= tol_ends * absval):
                ok = False
        if not scale.is_zero() and not abs(total_f) >= scale * floor:
            ok = False   # cancellation between channels beyond the guard digits
        if not abs(total_f - total_c) <= tol * scale:
            ok = False
        channels = {(i + 1, j + 1): mpmath.mpf(0) for i in range(self.states) for j in range(self.states)}
        for grp, val in per_group:
            for (i, j) in grp.channels:
                channels[(i + 1, j + 1)] = _mpf_of(val / len(grp.channels))
        return _mpf_of(total_f), channels, ok


# ----------------------------------------------------------------------------- public
class YukawaSpectrum(NamedTuple):
    """V(r) [eV] = sum_n c[n] exp(-q[n] r) / r, r in eV^-1, for r in [r_min, r_max] metres."""

    q: np.ndarray        # eV
    c: np.ndarray        # dimensionless
    r_min: float         # metres
    r_max: float         # metres

    def potential_eV(self, r_m: Any) -> np.ndarray:
        """V(r) in eV at r in metres (NumPy array), from the sum of Yukawas."""
        r = np.atleast_1d(np.asarray(r_m, dtype=float)) / constant_float("hbar_c")
        with np.errstate(under="ignore"):
            return np.exp(np.multiply.outer(-r, self.q)) @ self.c / r


def yukawa_spectrum(a: Any, b: Any, *, model: Any = None, r_min: Any = R_RANGE_M[0],
                    r_max: Any = R_RANGE_M[1], **shorthand: Any) -> YukawaSpectrum:
    """The atom-atom potential of Eq. (1) as a finite sum of Yukawas (double precision).

    ``V(r) = sum_n c_n exp(-q_n r)/r`` (eV, r in eV^-1) to ~1e-13 relative for
    r_min <= r <= r_max (metres): q_n = m_i + m_j + x_n are the exchanged masses
    sqrt(t) at the nodes of the shared rule, c_n the discretised spectral weights
    -Im M(t) dt/(4 pi^2) (all channels and absorptive terms of Eq. 6). Any
    geometry whose Yukawa interaction is known follows as sum_n c_n Y(q_n).
    ``model``: a :class:`nusym.Model` (or the shorthand keywords nature,
    ordering, lightest, preset, delta, alpha21, alpha31).

    >>> s = yukawa_spectrum("Fe-56", "Fe-56")
    >>> bool(s.q.min() >= 0), bool(s.c.sum() > 0)
    (True, True)
    """
    lo, hi = (float(parse_length_value(v, name)) for v, name in ((r_min, "r_min"), (r_max, "r_max")))
    if not lo <= hi:
        raise InvalidLengthError(f"r_min must not exceed r_max, got {r_min!r} > {r_max!r}")
    setup = configure(resolve_model(model, **shorthand), a, b, None)
    hc = constant_float("hbar_c")
    sp_setup = double_setup(setup, (lo / hc, hi / hc))
    q = np.concatenate([s + sp_setup.x for s in sp_setup.s]) if sp_setup.groups else np.zeros(0)
    c = np.concatenate(sp_setup.coefficients) * sp_setup.prefactor if sp_setup.groups else np.zeros(0)
    return YukawaSpectrum(q, c, float(lo), float(hi))


#: double-precision set-ups of the shared rule, per (configuration, rule range)
_DOUBLE_CACHE: dict[tuple[Any, ...], SpectralSetup] = {}


def double_setup(setup: Configuration, r_range_nat: tuple[float, float]) -> SpectralSetup:
    """The double-precision :class:`SpectralSetup` of a configuration over a rule range (cached)."""
    key = (setup.model, setup.nature, setup.masses, tuple(sorted(setup.weights.items())), r_range_nat)
    found = _DOUBLE_CACHE.get(key)
    if found is None:
        found = spectral_setup(setup if setup.precision == 16 else setup.as_float(), r_range_nat, None)
        _DOUBLE_CACHE[key] = found
        while len(_DOUBLE_CACHE) > 64:
            _DOUBLE_CACHE.pop(next(iter(_DOUBLE_CACHE)))
    return found
