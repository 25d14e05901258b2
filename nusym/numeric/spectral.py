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
|Im ln x| < pi/2, so the trapezoidal error falls like exp(-2 pi d/h) (d ~ 1.2-1.35
measured): ``h`` is chosen from the number of digits asked for. x_c is placed
e^-3 below 1/r_max and below 2 m for every non-zero mass m (the branch points of
g at x = -2 m stay in the uniform region), but not lower than where the
threshold region stops contributing. The verified mpmath evaluation
(:func:`evaluate_mp`) compares the rule at step h with the nested rule at h/2
(whose error is the square of the former's) and checks that the end nodes do not
contribute; the double-precision one (:func:`evaluate_double`) uses the rule
tested in ``tests/test_spectral.py`` against the verified integral
(relative error < 1e-13 from 1 nm to 1 mm for every mass configuration).

>>> s = yukawa_spectrum("Fe-56", "Fe-56", lightest=0.1)
>>> float("%.10g" % s.potential_eV(1e-6)[0])
1.63913410e-49
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Any, NamedTuple

import mpmath
import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidLengthError
from nusym.inputs import parse_length_value
from nusym.model import resolve_model
from nusym.numeric.config import Configuration, configure, prefactor, prefactor_float
from nusym.numeric.kernels import g_mpfr_values, g_numpy

__all__ = ["Rule", "make_rule", "widen_by_decades", "Table", "build_table", "YukawaSpectrum", "yukawa_spectrum", "SpectralSetup",
           "spectral_setup", "evaluate_double", "evaluate_mp", "R_RANGE_M"]

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
    h = float("%.2g" % h)
    # in logarithms: 10^-(2D/3) underflows a double from D ~ 470 on
    ln10 = math.log(10)
    ln_floor = -((2 * digits) / 3 + 1) * ln10 - math.log(r_max)
    x_c = math.exp(-3) / r_max
    for m in masses:
        if m > 0:
            x_c = min(x_c, 2 * m * math.exp(-3))
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
        coeffs = []
        s_values = []
        for grp in groups:
            mi, mj = float(grp.mi), float(grp.mj)
            c = np.zeros_like(x)
            for k, wk in enumerate(grp.weights):
                if wk == 0:
                    continue
                c = c + float(wk) * g_numpy(setup.nature, k, x, mi, mj)
            coeffs.append(len(grp.channels) * w * c)
            s_values.append(mi + mj)
        # the prefactor (~1e-24 eV^-4) is applied last, so that no intermediate
        # product leaves the normal double range before V itself does
        return SpectralSetup(rule, setup.nature, groups, tuple(s_values), tuple(coeffs), x, None,
                             prefactor_float(), states)

    rule = _rule_for(setup, precision, r_range_nat)
    x, w = rule.nodes_mp(halve=halve)
    pref = prefactor(mpmath.mp.dps)
    coeffs = []
    s_values = []
    for grp in groups:
        mi, mj = mpmath.mpf(grp.mi), mpmath.mpf(grp.mj)
        c = [mpmath.mpf(0)] * len(x)
        for k, wk in enumerate(grp.weights):
            if wk == 0:
                continue
            c = [cn + wk * gn for cn, gn in zip(c, g_mpfr_values(setup.nature, k, mi, mj, x))]
        mult = pref * len(grp.channels)
        coeffs.append([mult * wn * cn for wn, cn in zip(w, c)])
        s_values.append(mi + mj)
    return SpectralSetup(rule, setup.nature, groups, tuple(s_values), tuple(coeffs), x, precision, 1.0, states)


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


@_quiet_underflow
def _group_sums(sp_setup: SpectralSetup, r: np.ndarray, kind: str) -> np.ndarray:
    """(len(r), groups): sum_n c_n exp(-x_n r) times (1/r^2 + q_n/r ... ) for kind F, no exp(-s r)."""
    x = sp_setup.x
    s = np.array(sp_setup.s, dtype=float)
    if not sp_setup.groups:
        return np.zeros((r.size, 0))
    cmat = np.stack(sp_setup.coefficients, axis=1)
    e = np.exp(np.multiply.outer(-r, x))

    def dot(mat: np.ndarray) -> np.ndarray:
        # BLAS: a row's result may change in the last bit with the number of rows
        # (distances) of the call, far below the rule's accuracy (~1e-14)
        return e @ mat

    if kind == "F":
        a = dot(cmat)
        b = dot(cmat * (s[None, :] + x[:, None]))
        return a / (r * r)[:, None] + b / r[:, None]
    return dot(cmat) / r[:, None]


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
    |terms| (per group of channels and in total), when an end node of the rule
    contributes more than 10^-(dps+5) of it, or when cancellation between channels
    would eat the guard digits. Nodes with x r beyond the point where
    (x r)^6 exp(-x r) < 10^-(dps+25) are skipped (their terms are below that).
    """
    x = fine.x
    n = len(x)
    tol = mpmath.mpf(10) ** (-(dps + 2))
    cut = mpmath.mpf(_solve_upper(dps + 25))
    prepared = []
    for grp, s_val, c in zip(fine.groups, fine.s, fine.coefficients):
        mixed = any(v < 0 for v in c) and any(v > 0 for v in c)
        cq = [cn * (s_val + xn) for cn, xn in zip(c, x)] if kind == "F" else None
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

            def sums(coef: list[Any]) -> tuple[Any, Any]:
                even = mpmath.fdot(coef[0:stop:2], e_even)
                odd = mpmath.fdot(coef[1:stop:2], e_odd)
                return even + odd, 2 * even

            f1, c1 = sums(c)
            a1 = sums(ca)[0] if ca is not None else abs(f1)
            if kind == "F":
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
