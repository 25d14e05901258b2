"""Certified enclosures of V(r) and F(r) with Arb ball arithmetic (python-flint).

Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020),

    V(r) = G_F^2/(192 pi^3 r) sum_ij sum_k w_k(Q_A^ij, Q_B^ij) exp(-(m_i+m_j) r) Int_0^oo dx exp(-x r) g_k(x),

with the absorptive parts of Eq. (6) (the generated kernels g_k of
:mod:`nusym.numeric.kernels`), evaluated so that every rounding and truncation
error is inside the returned interval: no floating-point step lies outside the
enclosure.

* **Inputs as balls.** A Model built from a preset has its masses (Table I) and
  PMNS matrix recomputed in Arb from the preset's exact decimal strings
  (``model.origin``: sqrt of the splittings, sin/cos theta = sqrt(sin^2 theta),
  exp(i phase) of the decimal phases), and checked against the stored numbers;
  otherwise (a custom Model, or an origin that cannot be reloaded) the stored
  numbers are taken as exact. Z and N are exact (materials: the exact rational
  mean), G_F, h, c and e are the exact decimals of ``nusym/data/constants.toml``,
  pi an Arb ball, r the exact value given (a float is the decimal it prints as).
* **Each channel integral** by Arb's rigorous Gauss-Legendre integration
  (``flint.acb.integral``): with u = x r = y^2 the integrand
  2 y exp(-y^2) g(y^2/r) is analytic on a neighbourhood of the path (the
  threshold square roots sqrt(x), and every factor that vanishes exactly, e.g. a
  massless partner, are removed algebraically from the generated factorisation;
  the remaining square roots are evaluated with Arb's analytic-branch check).
  Far from the origin the integrand is evaluated in the reversed form
  x^B P(1/x) (tight balls); the tail y > Y is bounded rigorously by
  ``|g(x)| <= C x^B`` for x >= X (from the reversed polynomials) and
  Gamma(B+1, U) <= U^B exp(-U)/(1 - B/U).
* **Guard bits**: the working precision is raised until the interval's
  relative width (upper - lower)/abs(mid) is <= 10^-dps.

Guarantee: the true value (for the exact inputs) lies in [lower, upper], and
(upper - lower) <= 10^-dps abs(mid). Where V is zero or cancels to below
10^-(extra) of the channel sum (the working precision is capped), the interval
is returned with the absolute guarantee (upper - lower) <= 10^-dps * scale,
``scale`` = sum over channels of ``|V_ij|`` (an upper bound, see
:attr:`Interval.scale`); :class:`nusym.errors.VerificationError` if not even that
can be reached.

>>> from nusym.model import Model
>>> [v] = potential_intervals(Model.from_preset(), "Fe-56", "Fe-56", ["1e-6"], dps=20)
>>> v.as_strings(15)
('1.85047126404539e-49', '1.85047126404540e-49')
>>> float(v.rel_width) <= 1e-20
True
>>> import nusym
>>> v.contains(nusym.potential("1um", "Fe-56", "Fe-56", dps=30), rel_tol="1e-30")
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from typing import Any

import mpmath
from mpmath import libmp

from nusym.constants import constant_info
from nusym.errors import (
    InvalidLengthError,
    InvalidOptionError,
    InvalidParameterError,
    NusymError,
    VerificationError,
)
from nusym.generated.absorptive import EQ1_PREFACTOR
from nusym.generated.mixing import C_N, C_Z
from nusym.inputs import check_dps, parse_length_value
from nusym.model import MODEL_DIGITS, Model
from nusym.numeric.kernels import structure, terms, weight_functions
from nusym.presets import load_parameters
from nusym.sources import Source, parse_source

__all__ = ["KINDS", "Interval", "charge_matrix_arb", "exact_ball", "pmns_arb", "potential_intervals"]

#: "V": the potential in eV; "F": the force -dV/dr in newtons
KINDS = ("V", "F")

#: bits added to the precision that the requested digits need
_GUARD_BITS = 20
#: the working precision is raised at most to _CAP_FACTOR * (first precision) + _CAP_BITS bits
_CAP_FACTOR = 4
_CAP_BITS = 512


def _flint() -> Any:
    import flint  # heavy optional library: only when certified output is asked for

    return flint


# ============================================================================ exact numbers
def _mpf_exact(raw: tuple) -> mpmath.mpf:
    """An mpf holding the binary number ``raw`` (an _mpf_ tuple) without rounding."""
    return mpmath.mp.make_mpf(raw)


def _arb_of_mpf(x: Any) -> Any:
    """The mpf ``x`` as an exact arb (no rounding)."""
    flint = _flint()
    sign, man, exp, _ = x._mpf_
    if not man:
        if x._mpf_ != libmp.fzero:
            raise InvalidParameterError(f"expected a finite number, got {x}")
        return flint.arb(0)
    return flint.arb((-int(man) if sign else int(man), int(exp)))


def _mpf_of_arb_exact(x: Any) -> mpmath.mpf:
    """An exact arb (midpoint only) as an exact mpf."""
    man, exp = x.mid().man_exp()
    return _mpf_exact(libmp.from_man_exp(int(man), int(exp)))


def exact_ball(value: Any, what: str = "value") -> Any:
    """An arb ball that contains the exact value of ``value`` (at the current flint precision).

    int, Fraction, mpf: exact (or a ball of the current precision around a
    rational); str, Decimal: the decimal it spells; float: the decimal it prints as.
    """
    flint = _flint()
    if isinstance(value, bool):
        raise InvalidParameterError(f"{what} must be a number, got {value!r}")
    if isinstance(value, int):
        return flint.arb(value)
    if isinstance(value, Fraction):
        return flint.arb(value.numerator) / value.denominator
    if isinstance(value, mpmath.mpf):
        return _arb_of_mpf(value)
    if isinstance(value, float):
        value = repr(float(value))          # a NumPy float64 too: the decimal it prints as
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):   # NumPy scalar
        return exact_ball(value.item(), what)
    text = str(value).strip()
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise InvalidParameterError(f"{what} must be a decimal number, got {value!r}") from None
    if not d.is_finite():
        raise InvalidParameterError(f"{what} must be finite, got {value!r}")
    return flint.arb(text)


def _exact_complex(z: Any) -> Any:
    """An mpc (or mpf) as an exact acb (no rounding to the mpmath precision)."""
    flint = _flint()
    if isinstance(z, mpmath.mpc):
        return flint.acb(_arb_of_mpf(z.real), _arb_of_mpf(z.imag))
    return flint.acb(_arb_of_mpf(z))


# ============================================================================ the interval
def _mpf_cmp(a: tuple, b: tuple) -> int:
    return libmp.mpf_cmp(a, b)


@dataclass(frozen=True, eq=True)
class Interval:
    """A certified enclosure [lower, upper] (exact binary endpoints, mpmath mpf).

    ``scale`` (optional): an upper bound of the sum over channels of ``|V_ij|`` (or
    ``|F_ij|``) of Eq. (1); where the value cancels to near zero the guarantee is
    ``upper - lower <= 10^-dps * scale``.

    >>> iv = Interval.from_strings("1.25", "1.5")
    >>> iv.mid, iv.radius, iv.contains("1.3"), iv.contains(2)
    (mpf('1.375'), mpf('0.125'), True, False)
    >>> iv.as_strings(2)
    ('1.2', '1.5')
    """

    lower: mpmath.mpf
    upper: mpmath.mpf
    scale: mpmath.mpf | None = None

    def __post_init__(self) -> None:
        for name in ("lower", "upper"):
            v = getattr(self, name)
            if not isinstance(v, mpmath.mpf) or not mpmath.isfinite(v):
                raise InvalidParameterError(f"Interval.{name} must be a finite mpf, got {v!r}")
        if _mpf_cmp(self.lower._mpf_, self.upper._mpf_) > 0:
            raise InvalidParameterError(f"Interval: lower {self.lower} > upper {self.upper}")

    # ---------------------------------------------------------------- constructors
    @classmethod
    def from_arb(cls, x: Any, scale: Any = None) -> Interval:
        """The interval [mid - rad, mid + rad] of an arb ball (exactly)."""
        if not x.is_finite():
            raise VerificationError(f"no finite enclosure: {x}")
        mid = _mpf_of_arb_exact(x.mid())
        rad = _mpf_of_arb_exact(x.rad())
        lo = _mpf_exact(libmp.mpf_sub(mid._mpf_, rad._mpf_, 0))
        hi = _mpf_exact(libmp.mpf_add(mid._mpf_, rad._mpf_, 0))
        sc = None
        if scale is not None:
            sc = _mpf_of_arb_exact(scale.upper() if hasattr(scale, "upper") else scale)
        return cls(lo, hi, sc)

    @classmethod
    def from_strings(cls, lower: str, upper: str) -> Interval:
        """A binary interval containing the decimals [lower, upper] (rounded outwards at 4 bits per
        character + 64; moderate exponents only)."""
        bits = 4 * (len(lower) + len(upper)) + 64
        lo = libmp.from_str(str(lower), bits, libmp.round_floor)
        hi = libmp.from_str(str(upper), bits, libmp.round_ceiling)
        return cls(_mpf_exact(lo), _mpf_exact(hi))

    # ---------------------------------------------------------------- properties
    @property
    def mid(self) -> mpmath.mpf:
        """(lower + upper)/2, exactly."""
        return _mpf_exact(libmp.mpf_shift(libmp.mpf_add(self.lower._mpf_, self.upper._mpf_, 0), -1))

    @property
    def radius(self) -> mpmath.mpf:
        """(upper - lower)/2, exactly."""
        return _mpf_exact(libmp.mpf_shift(libmp.mpf_sub(self.upper._mpf_, self.lower._mpf_, 0), -1))

    @property
    def width(self) -> mpmath.mpf:
        """upper - lower, exactly."""
        return _mpf_exact(libmp.mpf_sub(self.upper._mpf_, self.lower._mpf_, 0))

    @property
    def rel_width(self) -> mpmath.mpf:
        """(upper - lower)/abs(mid) rounded up to 64 bits (+inf if mid is 0)."""
        mid = libmp.mpf_abs(self.mid._mpf_)
        if mid == libmp.fzero:
            return mpmath.mpf("inf") if self.width else mpmath.mpf(0)
        return _mpf_exact(libmp.mpf_div(self.width._mpf_, mid, 64, libmp.round_ceiling))

    # ---------------------------------------------------------------- queries
    def contains(self, x: Any, rel_tol: Any = None) -> bool:
        """Whether the exact value of ``x`` lies in [lower, upper].

        ``x``: an mpf or int (exact), a decimal string, Decimal or Fraction (exact
        value), a float (the decimal it prints as) or an :class:`Interval` (subset).
        ``rel_tol``: compare with [lower - t, upper + t], t = rel_tol ``|x|`` (for a
        value known to ``rel_tol`` only, e.g. 10^-35 for one rounded to 35 digits).
        """
        if isinstance(x, Interval):
            return self.contains(x.lower, rel_tol) and self.contains(x.upper, rel_tol)
        if rel_tol is not None and rel_tol != 0:
            flint = _flint()
            prec = max(self.lower._mpf_[3], self.upper._mpf_[3], 53) + 64
            with flint.ctx.workprec(prec):
                b = exact_ball(x, "x")
                t = (abs(b) * exact_ball(rel_tol, "rel_tol")).upper()
                lo = _mpf_of_arb_exact((_arb_of_mpf(self.lower) - t).lower())
                hi = _mpf_of_arb_exact((_arb_of_mpf(self.upper) + t).upper())
            return Interval(lo, hi).contains(x)
        if isinstance(x, bool):
            raise InvalidParameterError(f"x must be a number, got {x!r}")
        raw = libmp.from_int(x) if isinstance(x, int) else x._mpf_ if isinstance(x, mpmath.mpf) else None
        if raw is not None:
            return _mpf_cmp(self.lower._mpf_, raw) <= 0 and _mpf_cmp(raw, self.upper._mpf_) <= 0
        flint = _flint()
        lo, hi = _arb_of_mpf(self.lower), _arb_of_mpf(self.upper)
        prec = max(self.lower._mpf_[3], self.upper._mpf_[3], 53) + 64
        for _ in range(8):
            with flint.ctx.workprec(prec):
                b = exact_ball(x, "x")
                if b.lower() >= lo and b.upper() <= hi:
                    return True
                if b.upper() < lo or b.lower() > hi:
                    return False
            prec *= 2
        raise VerificationError(f"cannot decide whether {x!r} lies in {self!r}")

    def as_strings(self, dps: int) -> tuple[str, str]:
        """(lo, hi): decimal strings of ``dps`` significant digits with lo <= lower, upper <= hi.

        Outward rounding, so the strings themselves are a valid enclosure.
        """
        if not isinstance(dps, int) or isinstance(dps, bool) or dps < 1:
            raise InvalidParameterError(f"dps must be a positive integer, got {dps!r}")
        return _decimal_bound(self.lower, dps, up=False), _decimal_bound(self.upper, dps, up=True)

    def __str__(self) -> str:
        lo, hi = self.as_strings(self._show_digits())
        return f"[{lo}, {hi}]"

    def _show_digits(self) -> int:
        rel = self.rel_width
        if not mpmath.isfinite(rel) or rel == 0:
            return 17 if rel == 0 else 6
        return int(min(max(-mpmath.log10(rel) + 3, 6), 60))

    def __repr__(self) -> str:
        lo, hi = self.as_strings(self._show_digits())
        return f"Interval({lo!r}, {hi!r})"


def _decimal_bound(x: mpmath.mpf, dps: int, up: bool) -> str:
    """A decimal string of ``dps`` digits that is >= x (up) or <= x (not up)."""
    raw = x._mpf_
    if raw == libmp.fzero:
        return "0"
    flint = _flint()
    _, _, exp, bc = raw
    ax = _arb_of_mpf(x)
    # estimate of floor(log10|x|) (in Arb: the binary exponent may exceed a float's
    # 16 digits), corrected below if off by one
    with flint.ctx.workprec(max(abs(exp) + bc, 1).bit_length() + 64):
        e10 = int(abs(ax).log_base(10).mid().floor().unique_fmpz())
    extra = 64
    for _ in range(8):
        shift = dps - 1 - e10
        prec = int(dps * 3.33) + extra + max(abs(shift), 1).bit_length() + bc
        with flint.ctx.workprec(prec):
            scale = flint.arb(10) ** flint.arb(abs(shift))      # exact exponent (an int as arb)
            q = ax * scale if shift >= 0 else ax / scale
            n = q.upper().ceil() if up else q.lower().floor()
            value = n.unique_fmpz()
        n = int(value) if value is not None else 0
        digits = str(abs(n))
        if n == 0 or not q.is_finite():      # not enough precision for this exponent
            extra *= 2
            continue
        if len(digits) == dps:
            e = len(digits) - 1 - shift
            mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
            return f"{'-' if n < 0 else ''}{mant}" + (f"e{e:+d}" if e else "")
        e10 += 1 if len(digits) > dps else -1
    raise VerificationError(f"outward decimal rounding of {x} to {dps} digits failed")


# ============================================================================ exact kernel structure
class _Poly:
    """A polynomial in (mi, mj) with rational coefficients: the exact coefficients of the kernels."""

    __slots__ = ("terms",)

    def __init__(self, terms: dict[tuple[int, int], Fraction]):
        self.terms = {k: v for k, v in terms.items() if v}

    @staticmethod
    def coerce(v: Any) -> _Poly:
        if isinstance(v, _Poly):
            return v
        if isinstance(v, (int, Fraction)) and not isinstance(v, bool):
            return _Poly({(0, 0): Fraction(v)})
        return NotImplemented

    def __add__(self, other: Any) -> _Poly:
        o = _Poly.coerce(other)
        if o is NotImplemented:
            return o
        out = dict(self.terms)
        for k, v in o.terms.items():
            out[k] = out.get(k, Fraction(0)) + v
        return _Poly(out)

    __radd__ = __add__

    def __neg__(self) -> _Poly:
        return _Poly({k: -v for k, v in self.terms.items()})

    def __sub__(self, other: Any) -> _Poly:
        o = _Poly.coerce(other)
        return o if o is NotImplemented else self + (-o)

    def __rsub__(self, other: Any) -> _Poly:
        return (-self) + other

    def __mul__(self, other: Any) -> _Poly:
        o = _Poly.coerce(other)
        if o is NotImplemented:
            return o
        out: dict[tuple[int, int], Fraction] = {}
        for (a1, b1), v1 in self.terms.items():
            for (a2, b2), v2 in o.terms.items():
                k = (a1 + a2, b1 + b2)
                out[k] = out.get(k, Fraction(0)) + v1 * v2
        return _Poly(out)

    __rmul__ = __mul__

    def __pow__(self, n: int) -> _Poly:
        if not isinstance(n, int) or n < 0:
            return NotImplemented
        out = _Poly({(0, 0): Fraction(1)})
        for _ in range(n):
            out = out * self
        return out

    def __eq__(self, other: object) -> bool:
        o = _Poly.coerce(other)
        return o is not NotImplemented and self.terms == o.terms

    def __hash__(self) -> int:
        return hash(frozenset(self.terms.items()))

    def is_zero(self) -> bool:
        return not self.terms

    def evaluate(self, mi: Any, mj: Any) -> Any:
        flint = _flint()
        total = flint.arb(0)
        for (a, b), v in self.terms.items():
            term = flint.arb(v.numerator) / v.denominator if v.denominator != 1 else flint.arb(v.numerator)
            if a:
                term = term * mi ** a
            if b:
                term = term * mj ** b
            total += term
        return total


_MI = _Poly({(1, 0): Fraction(1)})
_MJ = _Poly({(0, 1): Fraction(1)})
_ONE = _Poly({(0, 0): Fraction(1)})


def _pmul(p: list[_Poly], q: list[_Poly]) -> list[_Poly]:
    """Product of polynomials in x (coefficient lists, highest power first)."""
    out = [_Poly({}) for _ in range(len(p) + len(q) - 1)]
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] = out[i + j] + a * b
    return out


@dataclass(frozen=True)
class _Group:
    """g = x^(a2/2) * N(x) * sqrt(H(x)) / D(x) (exact coefficients, highest power first)."""

    a2: int
    numerator: tuple[tuple[Fraction, int, tuple[_Poly, ...]], ...]   # (c_k, term index, N_k) with shift
    H: tuple[_Poly, ...]
    D: tuple[_Poly, ...]


@lru_cache(maxsize=64)
def _channel_structure(nature: str, mi_zero: bool, mj_zero: bool) -> tuple[_Group, ...]:
    """The exact factorisation of every term of ``nature``, grouped by common sqrt and denominator.

    Powers of x are taken out of every factor whose low coefficients vanish
    exactly (x itself, x + 2 m for a massless m, ...), so that the remaining
    factors do not vanish at x = 0 and x = y^2 leaves an analytic integrand.
    """
    mi = _Poly({}) if mi_zero else _MI
    mj = _Poly({}) if mj_zero else _MJ
    parts = []
    for index, _name in enumerate(terms(nature)):
        const, factors = structure(nature, index, mi, mj)
        a2, N, D, H = 0, [_ONE], [_ONE], [_ONE]
        vanishes = False
        for cs, e2 in factors:
            cs = [_Poly.coerce(c) for c in cs]
            if all(c.is_zero() for c in cs):
                vanishes = e2 > 0
                if not vanishes:
                    raise VerificationError(f"kernel {nature}/{index}: a factor in a denominator vanishes")
                break
            a = 0
            while cs[-1].is_zero():
                cs.pop()
                a += 1
            a2 += a * e2
            whole, half = divmod(e2, 2)
            if whole > 0:
                for _ in range(whole):
                    N = _pmul(N, cs)
            elif whole < 0:
                for _ in range(-whole):
                    D = _pmul(D, cs)
            if half:
                H = _pmul(H, cs)
        if not vanishes:
            parts.append((Fraction(const), index, a2, tuple(N), tuple(H), tuple(D)))
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for part in parts:
        key = (part[2] % 2, part[4], part[5])
        groups.setdefault(key, []).append(part)
    out = []
    for (_, H, D), members in groups.items():
        a2 = min(m[2] for m in members)
        numerator = []
        for const, index, a2k, N, _, _ in members:
            shift = (a2k - a2) // 2          # x^shift folded into the numerator
            numerator.append((const, index, tuple(N) + (_Poly({}),) * shift))
        out.append(_Group(a2, tuple(numerator), H, D))
    return tuple(out)


# ============================================================================ model in Arb
def pmns_arb(s2_12: Any, s2_13: Any, s2_23: Any, delta_deg: Any, alpha21_deg: Any, alpha31_deg: Any) -> list:
    """U = R23 U13(delta) R12 diag(1, e^(i alpha21/2), e^(i alpha31/2)) as acb balls (rows e, mu, tau).

    Angles from sin^2 theta (sin = sqrt(s2), cos = sqrt(1 - s2)), phases in
    degrees; the arguments are exact decimals (strings) or numbers. The same
    parametrisation as :func:`nusym.generated.mixing.pmns`.
    """
    flint = _flint()
    arb, acb = flint.arb, flint.acb

    def sc(s2: Any) -> tuple[Any, Any]:
        s2 = exact_ball(s2, "sin^2 theta")
        return s2.sqrt(), (1 - s2).sqrt()

    def phase(deg: Any, divisor: int) -> Any:
        q = Fraction(Decimal(str(deg).strip())) / (180 * divisor) if not isinstance(deg, Fraction) \
            else deg / (180 * divisor)
        s, c = arb.sin_cos_pi_fmpq(flint.fmpq(q.numerator, q.denominator))
        return acb(c, s)

    s12, c12 = sc(s2_12)
    s13, c13 = sc(s2_13)
    s23, c23 = sc(s2_23)
    ed = phase(delta_deg, 1)
    edc = ed.conjugate()
    a2 = phase(alpha21_deg, 2)
    a3 = phase(alpha31_deg, 2)
    return [
        [acb(c12 * c13), a2 * (s12 * c13), a3 * edc * s13],
        [-ed * (s13 * s23 * c12) - s12 * c23, (-ed * (s12 * s13 * s23) + c12 * c23) * a2, a3 * (s23 * c13)],
        [-ed * (s13 * c12 * c23) + s12 * s23, (-ed * (s12 * s13 * c23) - s23 * c12) * a2, a3 * (c13 * c23)],
    ]


def _stored_matches(ball: Any, stored: Any) -> bool:
    """Whether the model's stored number (rounded to MODEL_DIGITS digits) is consistent with the ball.

    The stored number may differ from the exact value by 10^-(MODEL_DIGITS - 5) of its
    modulus (of the complex modulus for a mixing element).
    """
    flint = _flint()
    z = _exact_complex(stored)
    tol = (abs(z) * flint.arb(10) ** (-(MODEL_DIGITS - 5))).upper()
    b = ball if isinstance(ball, flint.acb) else flint.acb(ball)
    return all(flint.arb(p.mid(), p.rad() + tol).contains(q) for p, q in ((b.real, z.real), (b.imag, z.imag)))


def _model_balls(model: Model) -> tuple[list[Any], list[list[Any]], str]:
    """(masses as arb, mixing as acb, "preset" | "stored") at the current flint precision."""
    origin = dict(model.origin)
    if model.n == 3 and {"preset", "ordering", "lightest_eV", "delta_deg"} <= set(origin):
        try:
            masses, mixing = _preset_balls(origin)
        except (NusymError, OSError, ValueError, ArithmeticError):
            masses = None
        if masses is not None and all(_stored_matches(b, s) for b, s in zip(masses, model.masses, strict=True)) and all(
                _stored_matches(b, s) for row_b, row_s in zip(mixing, model.mixing, strict=True)
                for b, s in zip(row_b, row_s, strict=True)):
            return masses, mixing, "preset"
    return ([_arb_of_mpf(m) for m in model.masses],
            [[_exact_complex(v) for v in row] for row in model.mixing], "stored")


def _preset_balls(origin: dict[str, str]) -> tuple[list[Any], list[list[Any]]]:
    """Masses (Table I) and PMNS matrix from the exact decimals of a preset (current flint precision)."""
    params = load_parameters(origin["preset"], origin["ordering"])
    m0 = exact_ball(origin["lightest_eV"], "lightest mass")
    dm21 = exact_ball(params.dm21_sq)
    dm3l = exact_ball(params.dm3l_sq)
    m0sq = m0 * m0

    def root(v: Any) -> Any:
        if not v > 0:
            raise VerificationError("a squared mass is not certainly positive")
        return v.sqrt()

    if params.ordering == "normal":
        masses = [m0, root(m0sq + dm21), root(m0sq + dm3l)]
    else:
        masses = [root(m0sq - dm3l - dm21), root(m0sq - dm3l), m0]
    mixing = pmns_arb(params.sin2_th12, params.sin2_th13, params.sin2_th23, origin["delta_deg"],
                      origin["alpha21_deg"], origin["alpha31_deg"])
    return masses, [list(row) for row in mixing]


def _source_balls(spec: Any) -> tuple[Any, Any]:
    """(Z, N) of a source times its number of atoms, as exact balls."""
    src = spec if isinstance(spec, Source) else parse_source(spec)
    z, n = src.Z, src.N
    if src.material is not None and not (isinstance(z, int) and isinstance(n, int)):
        z, n = src.material.mean_exact("Z"), src.material.mean_exact("N")
    atoms = exact_ball(src.atoms, "atoms")
    return exact_ball(z, "Z") * atoms, exact_ball(n, "N") * atoms


def charge_matrix_arb(z: Any, n: Any, mixing: list[list[Any]], c_z: Any = C_Z, c_n: Any = C_N) -> list[list[Any]]:
    """Q^ij = sum_ab U_ai (Z C_Z + N C_N)_ab conj(U_bj) (Eq. 5) in ball arithmetic.

    ``c_z``, ``c_n``: other flavour-basis couplings (the scalar charges of
    :func:`nusym.charges.scalar_charge_matrix` use (g_e + g_p) 1 and g_n 1).
    """
    coupling = [[z * c_z[a][b] + n * c_n[a][b] for b in range(3)] for a in range(3)]
    pairs = [(a, b, coupling[a][b]) for a in range(3) for b in range(3) if c_z[a][b] or c_n[a][b]]
    states = len(mixing[0])
    conj = [[v.conjugate() for v in row] for row in mixing]
    flint = _flint()
    out = []
    for i in range(states):
        row = []
        for j in range(states):
            acc = flint.acb(0)
            for a, b, c in pairs:
                acc += mixing[a][i] * c * conj[b][j]
            row.append(acc)
        out.append(row)
    return out


# ============================================================================ set-up per precision
@dataclass
class _Channel:
    mi: Any
    mj: Any
    s: Any
    groups: list[tuple[int, list[Any], list[Any], list[Any]]]   # (a2, N, H, D) with arb coefficients


@dataclass
class _Setup:
    prec: int
    channels: list[_Channel]
    prefactor: Any
    metre: Any          # 1 m in eV^-1
    newton: Any         # 1 eV^2 in N
    source: str


def _setup(model: Model, a: Any, b: Any, prec: int) -> _Setup:
    flint = _flint()
    arb = flint.arb
    with flint.ctx.workprec(prec):
        masses, mixing, source = _model_balls(model)
        za, na = _source_balls(a)
        zb, nb = _source_balls(b)
        family = model.family
        couplings: tuple[Any, ...] = ()
        if model.structure == "SP":
            assert model.scalar_couplings is not None  # Model requires them for a scalar current
            g = {k: arb(v.numerator) / v.denominator for k, v in model.scalar_couplings}
            couplings = tuple(tuple(tuple(c if a == b else 0 for b in range(3)) for a in range(3))
                              for c in (g["e"] + g["p"], g["n"]))
        qa = charge_matrix_arb(za, na, mixing, *couplings)
        qb = charge_matrix_arb(zb, nb, mixing, *couplings)
        if family == model.nature:
            fns = weight_functions(family)
        else:
            fns = weight_functions(family, {k: arb(v.numerator) / v.denominator
                                            for k, v in model.current_coefficients().items()})
        channels = []
        n = model.n
        for i in range(n):
            for j in range(i, n):
                ws = []
                for f in fns:
                    w = f(qa[i][j].real, qa[i][j].imag, qb[i][j].real, qb[i][j].imag)
                    if i != j:   # (j, i) gives the same weight (Q Hermitian) and the same kernel
                        w = w + f(qa[j][i].real, qa[j][i].imag, qb[j][i].real, qb[j][i].imag)
                    ws.append(w)
                if all(w.is_zero() for w in ws):
                    continue
                mi, mj = masses[i], masses[j]
                if mi.is_zero() and not mj.is_zero():
                    mi, mj = mj, mi          # the kernels are symmetric in m_i <-> m_j
                groups = []
                for grp in _channel_structure(family, mi.is_zero(), mj.is_zero()):
                    num = [arb(0)]
                    for const, index, N in grp.numerator:
                        if ws[index].is_zero():
                            continue
                        cw = ws[index] * const.numerator / const.denominator
                        coeffs = [c.evaluate(mi, mj) * cw for c in N]
                        pad = len(coeffs) - len(num)
                        if pad > 0:
                            num = [arb(0)] * pad + num
                        elif pad < 0:
                            coeffs = [arb(0)] * (-pad) + coeffs
                        num = [u + v for u, v in zip(num, coeffs, strict=True)]
                    if all(c.is_zero() for c in num):
                        continue
                    while len(num) > 1 and num[0].is_zero():
                        num = num[1:]
                    groups.append((grp.a2, num, [c.evaluate(mi, mj) for c in grp.H],
                                   [c.evaluate(mi, mj) for c in grp.D]))
                if groups:
                    channels.append(_Channel(mi, mj, mi + mj, groups))
        p, q = EQ1_PREFACTOR
        g_f = exact_ball(constant_info("G_F").value) * exact_ball("1e-18")
        pi = arb.pi()
        prefactor = g_f * g_f * p / (q * pi ** 3)
        h, c, e = (exact_ball(constant_info(k).value) for k in ("h", "c", "e"))
        hbar_c = h * c / (2 * pi * e)          # eV m
        metre = 1 / hbar_c                      # 1 m in eV^-1
        newton = e / hbar_c                     # 1 eV^2 in N
    return _Setup(prec, channels, prefactor, metre, newton, source)


# ============================================================================ one channel integral
def _horner(cs: list[Any], x: Any) -> Any:
    acc = cs[0]
    for c in cs[1:]:
        acc = acc * x + c
    return acc


def _is_one(cs: list[Any]) -> bool:
    return len(cs) == 1 and cs[0].is_exact() and cs[0] == 1


def _root_bound(cs: list[Any]) -> float:
    """Fujiwara's bound on the moduli of the roots (floats: only to choose an evaluation form)."""
    c0 = abs(float(cs[0].mid()))
    if len(cs) == 1 or c0 == 0:
        return 0.0
    return 2 * max((abs(float(c.mid())) / c0) ** (1 / k) for k, c in enumerate(cs[1:], 1))


class _Integrand:
    """x -> G(x) = sum_groups x^(a2/2) N(x) sqrt(H(x)) / D(x), and 2 y exp(-y^2) G(y^2/r) for Arb."""

    def __init__(self, groups: list[tuple[int, list[Any], list[Any], list[Any]]], rinv: Any):
        flint = _flint()
        self.acb = flint.acb
        self.rinv = rinv
        rsqrt = rinv.sqrt()
        self.groups = []
        threshold = 0.0
        for a2, N, H, D in groups:
            dn, dh, dd = len(N) - 1, len(H) - 1, len(D) - 1
            b2 = a2 + 2 * dn + dh - 2 * dd                # G ~ x^(b2/2) for large x
            direct_c = rinv ** (a2 // 2) * (rsqrt if a2 % 2 else 1)
            rev_c = rinv ** (b2 // 2) * (rsqrt if b2 % 2 else 1)
            self.groups.append((a2, N, H, D, b2, N[::-1], H[::-1], D[::-1], direct_c, rev_c,
                                not _is_one(H), not _is_one(D)))
            threshold = max(threshold, _root_bound(N), _root_bound(H), _root_bound(D))
        # |x| beyond all roots: the reversed form x^B P(1/x) gives tight balls
        self.threshold = 2 * threshold

    def g(self, x: Any, y: Any, analytic: bool) -> Any:
        acb = self.acb
        total = acb(0)
        reverse = self.threshold > 0 and float(x.abs_lower()) > self.threshold
        w = 1 / x if reverse else None
        for a2, N, H, D, b2, Nr, Hr, Dr, dc, rc, has_h, has_d in self.groups:
            if reverse:
                val = _horner(Nr, w) * (y ** b2 * rc if b2 else rc)
                if has_h:
                    val *= _horner(Hr, w).sqrt(analytic=analytic)
                if has_d:
                    val /= _horner(Dr, w)
            else:
                val = _horner(N, x) * (y ** a2 * dc if a2 else dc)
                if has_h:
                    val *= _horner(H, x).sqrt(analytic=analytic)
                if has_d:
                    val /= _horner(D, x)
            total += val
        return total

    def __call__(self, y: Any, analytic: bool) -> Any:
        y2 = y * y
        return 2 * y * (-y2).exp() * self.g(y2 * self.rinv, y, analytic)

    def tail_constant(self, X: Any) -> tuple[Any, Fraction]:
        """(C, B) with |G(x)| <= C x^B for every real x >= X > 0.

        Per group G = x^(b2/2) N~(w) sqrt(H~(w)) / D~(w), w = 1/x in (0, 1/X], where
        P~(w) = sum_j P_j w^j (P_j the coefficients of P, highest power of x first):
        |N~| <= sum_j |N_j| X^-j, the same for H~, and D~ >= D_0 when all D_j >= 0,
        else D~ >= |D_0| - sum_(j>=1) |D_j| X^-j.
        """
        arb = _flint().arb
        Xinv = 1 / X

        def upper(cs: list[Any]) -> Any:
            acc, p = arb(0), arb(1)
            for coeff in cs:
                acc += abs(coeff).upper() * p
                p *= Xinv
            return acc.upper()

        bounds = []
        for _a2, N, H, D, b2, _Nr, _Hr, _Dr, _dc, _rc, has_h, has_d in self.groups:
            bound = upper(N)
            if has_h:
                bound *= upper(H).sqrt()
            if has_d:
                if all(coeff >= 0 for coeff in D):
                    low = D[0].lower()
                else:
                    low = abs(D[0]).lower() - (upper(D[1:]) * Xinv if len(D) > 1 else 0)
                if not low > 0:
                    return arb("inf"), Fraction(0)
                bound /= low
            bounds.append((bound, Fraction(b2, 2)))
        big = max(b for _, b in bounds)
        total = arb(0)
        for bound, b in bounds:     # x^b <= x^big X^(b - big) for x >= X
            total += bound * (X ** arb(f"{b - big}") if b != big else 1)
        return total.upper(), big


def _gamma_upper_bound(a: Fraction, U: Any) -> Any:
    """An upper bound of Gamma(a, U) = Int_U^oo t^(a-1) e^(-t) dt for U > max(a - 1, 0)."""
    arb = _flint().arb
    am1 = arb(f"{a - 1}") if a != 1 else arb(0)
    if a <= 1:
        return (U ** am1 * (-U).exp()).upper()
    denom = 1 - am1 / U
    if not denom > 0:
        return arb("inf")
    return (U ** am1 * (-U).exp() / denom).upper()


def _channel_integral(ch: _Channel, r: Any, rinv: Any, kind: str, prec: int) -> Any:
    """I = Int_0^oo exp(-x r) G(x) [(s + x + 1/r) for the force] dx as an arb ball."""
    flint = _flint()
    arb, acb = flint.arb, flint.acb
    groups = ch.groups
    if kind == "F":
        lin = [arb(1), ch.s + rinv]
        groups = [(a2, [sum((N[i] * lin[k - i] for i in range(len(N)) if 0 <= k - i < 2), arb(0))
                        for k in range(len(N) + 1)], H, D) for a2, N, H, D in groups]
    f = _Integrand(groups, rinv)
    # a magnitude estimate (only to set Arb's absolute tolerance and the cut)
    est = arb(0)
    for yv in ("0.75", "1.25", "1.75", "2.5"):
        v = f(acb(arb(yv)), False)
        if v.is_finite():
            est = est.max(abs(v.real).upper())
    est = est * rinv
    if not est > 0:
        est = arb(2) ** (-prec) * rinv
    # the cut U = Y^2 = X r: tail <= 2^-(prec+8) est
    goal = est * arb(2) ** (-(prec + 8))
    U = arb(math.ceil(prec * math.log(2) + 30))
    tail = arb("inf")
    for _ in range(12):
        X = U * rinv
        C, B = f.tail_constant(X)
        if C.is_finite():
            # Int_X^oo e^(-x r) C x^B dx = C r^-(B+1) Gamma(B+1, U)
            tail = (C * rinv ** arb(f"{B + 1}") * _gamma_upper_bound(B + 1, U)).upper()
            if tail < goal:
                break
            excess = float((tail / goal).log().upper()) if tail.is_finite() else 50.0
            U = U + arb(math.ceil(min(max(excess, 1.0), 1e6)) + 2)
        else:
            U = U * 2
    else:
        if not tail.is_finite():
            raise VerificationError("no finite bound of the tail of the transform")
    Y = U.sqrt().upper()
    rel = arb(2) ** (-(prec - 8))
    value = acb.integral(f, 0, Y, rel_tol=rel, abs_tol=(est * rel / rinv).upper())
    if not value.real.is_finite():
        raise VerificationError("Arb's integration did not return a finite enclosure")
    return value.real * rinv + arb(0, tail)


# ============================================================================ the public function
def _r_ball(r_value: Any) -> Any:
    """r in metres as an arb ball containing the exact value given (after validation)."""
    flint = _flint()
    if isinstance(r_value, mpmath.mpf):
        parse_length_value(r_value)
        return _arb_of_mpf(r_value)
    if isinstance(r_value, (int, Fraction, Decimal, float)) and not isinstance(r_value, bool):
        with mpmath.workdps(30):
            parse_length_value(float(r_value))
        return exact_ball(r_value, "r")
    if isinstance(r_value, str):
        text = r_value.strip()
        try:
            Decimal(text)
            plain = True
        except InvalidOperation:
            plain = False
        if plain:     # a bare number: metres
            with mpmath.workdps(30):
                parse_length_value(float(text))
            return exact_ball(text, "r")
    # a string with a unit or a quantity: parsed by nusym.inputs at high precision; the
    # conversion rounds a few times, so a relative radius of 2^-(bits - 8) covers it
    bits = flint.ctx.prec + 64
    with mpmath.workprec(bits):
        x = parse_length_value(r_value)
    b = _arb_of_mpf(x)
    return b + flint.arb(0, (abs(b) * flint.arb(2) ** (-(bits - 8))).upper())


def _precision_for(dps: int) -> int:
    return math.ceil((dps + 1) * math.log2(10)) + _GUARD_BITS


def potential_intervals(model: Model, a: Any, b: Any, r_metres: Sequence[Any], dps: int,
                        kind: str = "V") -> list[Interval]:
    """Certified enclosures of V(r) in eV (``kind="V"``) or F = -dV/dr in newtons (``kind="F"``).

    ``model``: a :class:`nusym.Model`; ``a``, ``b``: sources (anything
    :func:`nusym.sources.parse_source` accepts); ``r_metres``: a sequence of
    distances in metres (mpf: exactly; int, Fraction, Decimal, decimal strings:
    the exact value; floats: the decimal they print as; strings with a unit and
    quantities through :func:`nusym.inputs.parse_length_value`). One
    :class:`Interval` per r with relative width (upper - lower)/abs(mid) <= 10^-dps
    (5 <= dps <= 1000), see the module docstring for the case V ~ 0.

    >>> from nusym.model import Model
    >>> m = Model.from_preset(lightest="0.1", nature="majorana")
    >>> [f] = potential_intervals(m, "Fe-56", "W", ["1e-6"], dps=10, kind="F")
    >>> f.as_strings(8)
    ('4.1871835e-61', '4.1871836e-61')
    """
    if not isinstance(model, Model):
        raise InvalidOptionError(f"model must be a nusym.Model, got {type(model).__name__}")
    dps = check_dps(dps)
    if kind not in KINDS:
        raise InvalidOptionError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if isinstance(r_metres, (str, bytes)) or not hasattr(r_metres, "__iter__"):
        r_metres = [r_metres]
    else:
        try:
            r_metres = list(r_metres)      # sequences, NumPy arrays, quantity arrays (item by item)
        except TypeError:                  # a 0-d array or scalar quantity
            r_metres = [r_metres]
    if not r_metres:
        raise InvalidLengthError("no value given: r_metres is empty; give one or more lengths")
    flint = _flint()
    p0 = _precision_for(dps)
    setups: dict[int, _Setup] = {}

    def setup(prec: int) -> _Setup:
        if prec not in setups:
            setups[prec] = _setup(model, a, b, prec)
        return setups[prec]

    out = []
    for r_value in r_metres:
        # r to the largest precision the loop may reach (decimals are not binary numbers)
        with flint.ctx.workprec(_CAP_FACTOR * (p0 + 128) + _CAP_BITS + 64):
            r_m = _r_ball(r_value)
        out.append(_one_r(setup, r_m, dps, kind, p0))
    return out


def _one_r(setup: Any, r_m: Any, dps: int, kind: str, p0: int) -> Interval:
    flint = _flint()
    arb = flint.arb
    # exp(-s r) loses log2(s r) bits of relative accuracy (channels that contribute only)
    s_max = max((float(ch.s.mid()) for ch in setup(p0).channels), default=0.0)
    r_guess = float(r_m.mid()) / 1.973e-7
    prec = p0 + max(0, math.ceil(math.log2(1 + s_max * r_guess)))
    cap = _CAP_FACTOR * prec + _CAP_BITS
    target = None
    last = None
    while True:
        st = setup(prec)
        with flint.ctx.workprec(prec):
            if target is None:
                target = arb(10) ** (-dps)
            r = r_m * st.metre
            rinv = 1 / r
            total, scale = arb(0), arb(0)
            for ch in st.channels:
                integral = _channel_integral(ch, r, rinv, kind, prec)
                v = st.prefactor * (-(ch.s * r)).exp() * rinv * integral
                total += v
                scale += abs(v).upper()
            if kind == "F":
                total, scale = total * st.newton, scale * st.newton
            width = 2 * total.rad()
            if total.is_finite() and width <= target * abs(total).lower():
                return Interval.from_arb(total, scale)
            last = (total, scale, width)
            if prec >= cap:
                break
            lower = abs(total).lower()
            if total.is_finite() and lower > 0:
                deficit = float(((width / (target * lower)).log() / arb(2).log()).upper())
                step = max(math.ceil(deficit) + 16, 16)
            else:
                step = max(prec // 2, 64)
            prec = min(prec + step, cap)
    total, scale, width = last
    if total.is_finite() and width <= target * scale:
        return Interval.from_arb(total, scale)
    raise VerificationError(
        f"{'V' if kind == 'V' else 'F'} could not be enclosed to {dps} digits at r = {r_m.mid()} m "
        f"(interval {total}, channel sum {scale})")
