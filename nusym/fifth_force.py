"""The two-neutrino force as an effective Yukawa strength alpha(lambda), and published limits.

Fifth-force experiments quote limits on a Yukawa correction to Newtonian gravity,

    V(r) = -G m_A m_B / r * (1 + alpha exp(-r/lambda)),

(e.g. Adelberger, Heckel & Nelson, Annu. Rev. Nucl. Part. Sci. 53, 77 (2003), Eq. 2).
The two-neutrino potential of Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101,
093004 (2020) is not one Yukawa but a continuum of them: with q = sqrt(t),

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
for the massless (r^-5) potential; and for pairs whose Q^11 charges have
opposite signs (e.g. Au-Si) V_2nu changes sign beyond ~1/m_2, where only the
massless channel survives.

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
from typing import Any, Optional

from nusym.errors import InvalidOptionError, InvalidParameterError

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

#: accepted values of ``definition`` in :func:`alpha_eff`
DEFINITIONS = ("potential", "force", "spectral")

_LIMITS_FILE = "yukawa_limits.csv"


# ----------------------------------------------------------------------------- helpers
def _check_definition(definition: Any) -> str:
    key = definition.strip().lower() if isinstance(definition, str) else definition
    if key not in DEFINITIONS:
        raise InvalidOptionError(
            f"unknown alpha definition {definition!r}; allowed: {', '.join(DEFINITIONS)}")
    return key


def gravity_coupling(a: Any, b: Any, dps: Optional[int] = None) -> Any:
    """K = G m_A m_B / (hbar c), dimensionless: V_N = -K / r with r in eV^-1, V in eV.

    ``a``, ``b``: anything :func:`nusym.sources.parse_source` accepts (one atom each).
    ``dps=None`` returns a float, otherwise an mpf rounded to ``dps`` digits.

    >>> float("%.6g" % gravity_coupling("Fe-56", "Fe-56"))
    1.82127e-35
    """
    import mpmath

    from nusym.constants import constant
    from nusym.sources import parse_source

    src_a, src_b = parse_source(a), parse_source(b)
    digits = 20 if dps is None else dps
    wp = digits + 10
    with mpmath.workdps(wp):
        k = (constant("G_N", wp) * src_a.mass_kg(wp) * src_b.mass_kg(wp)
             / (constant("e", wp) * constant("hbar_c", wp)))
    if dps is None:
        return float(k)
    with mpmath.workdps(dps):
        return +k


def _lengths_double(lam: Any) -> tuple[Any, bool]:
    from nusym.numeric.potential import _double_lengths

    return _double_lengths(lam)


def spectral_density(q_eV: Any, a: Any, b: Any, *, nature: str = "dirac", ordering: str = "normal",
                     lightest: Any = 0, preset: Any = "segarra2020", alpha21: Any = None,
                     alpha31: Any = None) -> Any:
    """rho(q) in eV^-1 with V_2nu(r) = Int dq rho(q) exp(-q r)/r (double precision).

    From Eq. (1) with t = q^2: rho(q) = -(2q/(4 pi^2)) sum_ij Im M_ij(q^2)
    = G_F^2/(192 pi^3) sum_ij sum_k w_k g_k(q - m_i - m_j), where g_k(x) dx is the
    absorptive kernel of Eq. (6) times dt (:func:`nusym.symbolic.absorptive.kernel_in_x`)
    and w_k the charge weights; rho = 0 below the lowest threshold q = 2 m_lightest.
    ``q_eV``: a number or NumPy array (eV), the same shape is returned.

    >>> import numpy as np
    >>> rho = spectral_density(np.array([0.1, 1.0]), "Fe-56", "Fe-56")
    >>> bool(rho[1] / rho[0] > 900)   # massless limit: rho ~ q^3
    True
    """
    import numpy as np

    from nusym.constants import constant_float
    from nusym.numeric.fast import _g_numpy
    from nusym.numeric.potential import _setup

    q = np.asarray(q_eV, dtype=float)
    if not np.all(np.isfinite(q)) or np.any(q <= 0):
        raise InvalidParameterError("every q must be a positive, finite energy in eV")
    setup = _setup(a, b, nature, ordering, lightest, preset, "integral", None, alpha21, alpha31, 30)
    flat = q.ravel()
    total = np.zeros_like(flat)
    for (i, j), weights in setup.weights.items():
        mi, mj = float(setup.masses[i]), float(setup.masses[j])
        x = flat - (mi + mj)
        above = x > 0
        if not above.any():
            continue
        for k, w in enumerate(weights):
            w = float(w)
            if w == 0:
                continue
            g = np.asarray(_g_numpy(setup.nature, k, "T")(x[above], mi, mj), dtype=float)
            total[above] += w * np.broadcast_to(g, x[above].shape)
    pref = constant_float("G_F_eV") ** 2 / (192 * math.pi ** 3)
    return (pref * total).reshape(q.shape)


# ----------------------------------------------------------------------------- alpha(lambda)
def alpha_from_potential(lam_nat: Any, v_eV: Any, k: Any) -> Any:
    """alpha_V = e V(lambda) / V_N(lambda) = -e lambda V(lambda) / K (lambda in eV^-1, V in eV).

    The Yukawa -K alpha exp(-r/lambda)/r equals V at r = lambda for this alpha
    (definition ``"potential"``). Works for floats, NumPy arrays and mpf.

    >>> import math
    >>> k, alpha0, lam = 2.0e-35, -3.0e-12, 5.0e6
    >>> v = -k * alpha0 * math.exp(-1.0) / lam        # a pure Yukawa at r = lambda
    >>> abs(alpha_from_potential(lam, v, k) / alpha0 - 1) < 1e-15
    True
    """
    import mpmath

    e = mpmath.e if isinstance(v_eV, mpmath.mpf) else math.e
    return -e * lam_nat * v_eV / k


def alpha_from_force(lam_nat: Any, f_eV2: Any, k: Any) -> Any:
    """alpha_F = (e/2) F(lambda) / F_N(lambda) = -(e/2) lambda^2 F(lambda) / K (F = -dV/dr in eV^2).

    A Yukawa -K alpha exp(-r/lambda)/r exerts F = -K alpha exp(-r/lambda)
    (1/r^2 + 1/(r lambda)), i.e. -(2/e) K alpha/lambda^2 at r = lambda, so this alpha
    reproduces F at r = lambda (definition ``"force"``).
    """
    import mpmath

    e = mpmath.e if isinstance(f_eV2, mpmath.mpf) else math.e
    return -(e / 2) * lam_nat ** 2 * f_eV2 / k


def alpha_eff(lam: Any, a: Any, b: Any, *, definition: str = "potential", nature: str = "dirac",
              ordering: str = "normal", lightest: Any = 0, preset: Any = "segarra2020",
              alpha21: Any = None, alpha31: Any = None, dps: Optional[int] = None,
              log: bool = False) -> Any:
    """Effective Yukawa strength alpha(lambda) of the two-neutrino force between atoms a and b.

    Relative to V_N = -G m_A m_B / r for one atom of ``a`` and one of ``b`` (for a
    material, its mean atom). ``lam``: the Yukawa range in metres (a number, a
    string with a unit such as ``"10um"``, a sequence or a NumPy array).
    ``definition``: ``"potential"`` (V matched at r = lambda, default), ``"force"``
    (F matched at r = lambda) or ``"spectral"`` (weight per unit ln lambda); see the
    module docstring. The sign is that of alpha: negative where V_2nu is repulsive.

    ``dps=None`` (default): double precision via ``nusym.potential(..., dps=None)``,
    a NumPy array of the shape of ``lam`` (a NumPy scalar for a scalar); values
    that underflow are 0.0 (use ``log=True``). ``dps=N``: the verified
    ``nusym.potential``/``nusym.force`` values to N digits, mpf (or a list of mpf);
    not for ``"spectral"``. ``log=True`` returns ln|alpha| (double precision,
    without underflow; ``"potential"`` and ``"spectral"`` only).

    >>> import mpmath
    >>> mpmath.nstr(alpha_eff("1um", "Fe-56", "Fe-56", dps=12), 12)
    '-1.39964216869e-13'
    >>> alpha_eff("1um", "Fe-56", "Fe-56", definition="yukawa")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown alpha definition 'yukawa'; allowed: potential, force, spectral
    """
    definition = _check_definition(definition)
    kwargs = dict(nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                  alpha21=alpha21, alpha31=alpha31)
    if dps is not None:
        if log:
            raise InvalidOptionError("log=True is available in double precision only (dps=None)")
        if definition == "spectral":
            raise InvalidOptionError("definition 'spectral' is available in double precision only "
                                     "(dps=None)")
        return _alpha_mp(lam, a, b, definition, dps, kwargs)
    if log and definition == "force":
        raise InvalidOptionError("log=True is available for definitions 'potential' and 'spectral'")
    return _alpha_double(lam, a, b, definition, log, kwargs)


def _alpha_double(lam: Any, a: Any, b: Any, definition: str, log: bool, kwargs: dict) -> Any:
    import numpy as np

    import nusym
    from nusym.constants import constant_float

    lam_m, scalar = _lengths_double(lam)
    lam_m = np.atleast_1d(lam_m)
    k = gravity_coupling(a, b)
    hbar_c = constant_float("hbar_c")
    lam_nat = lam_m / hbar_c
    if definition == "potential":
        if log:
            lnv = nusym.potential(lam_m, a, b, dps=None, log=True, **kwargs)
            out = np.asarray(lnv) + np.log(lam_nat) + 1.0 - math.log(k)
        else:
            v = np.asarray(nusym.potential(lam_m, a, b, dps=None, **kwargs))
            out = alpha_from_potential(lam_nat, v, k)
    elif definition == "force":
        f_newton = np.asarray(nusym.force(lam_m, a, b, dps=None, **kwargs))
        f_nat = f_newton * (hbar_c / constant_float("e"))      # newtons -> eV^2
        out = alpha_from_force(lam_nat, f_nat, k)
    else:
        rho = spectral_density(1.0 / lam_nat, a, b, **kwargs)
        q = 1.0 / lam_nat
        if log:
            with np.errstate(divide="ignore"):
                out = np.log(q * np.abs(rho)) - math.log(k)
        else:
            out = -q * rho / k
    out = np.asarray(out, dtype=float)
    return out[0] if scalar else out.reshape(np.shape(lam_m))


def _alpha_mp(lam: Any, a: Any, b: Any, definition: str, dps: int, kwargs: dict) -> Any:
    import mpmath

    import nusym
    from nusym.constants import constant
    from nusym.numeric.potential import _check_dps, _lengths

    dps = _check_dps(dps)
    wp = dps + 15
    lengths, scalar = _lengths(lam, wp)
    if definition == "potential":
        values = nusym.potential(lengths, a, b, dps=dps + 5, **kwargs)
    else:
        values = nusym.force(lengths, a, b, dps=dps + 5, **kwargs)
    out = []
    with mpmath.workdps(wp):
        k = gravity_coupling(a, b, dps=wp)
        hbar_c, e_charge = constant("hbar_c", wp), constant("e", wp)
        for lam_m, v in zip(lengths, values):
            v = mpmath.mpf(v)
            if definition == "potential":
                alpha = alpha_from_potential(lam_m / hbar_c, v, k)
            else:   # nusym.force gives newtons
                alpha = alpha_from_force(lam_m / hbar_c, v * hbar_c / e_charge, k)
            with mpmath.workdps(dps):
                out.append(+alpha)
    return out[0] if scalar else out


# ----------------------------------------------------------------------------- limits
@dataclass(frozen=True)
class LimitCurve:
    """A published upper limit |alpha| < alpha_max(lambda) (95 % CL) of one experiment.

    ``lambda_m`` and ``alpha_max`` are NumPy arrays sorted by lambda; ``origin``
    says per point how it was obtained (see ``nusym/data/README.md``).
    """

    key: str
    label: str
    reference: str
    lambda_m: Any
    alpha_max: Any
    origin: tuple[str, ...]

    def alpha_at(self, lam_m: Any) -> Any:
        """alpha_max interpolated linearly in (log lambda, log alpha); NaN outside the curve.

        >>> c = yukawa_limits()["chen2016"]
        >>> bool(c.alpha_at(1e-6) > 1e5)
        True
        """
        import numpy as np

        x = np.log(np.asarray(lam_m, dtype=float))
        lx, ly = np.log(self.lambda_m), np.log(self.alpha_max)
        y = np.interp(x, lx, ly, left=np.nan, right=np.nan)
        return np.exp(y)


_META = re.compile(r"^#\s*experiment\s+(?P<key>[a-z0-9_]+)\s*\|\s*(?P<label>[^|]+?)\s*\|\s*(?P<ref>.+?)\s*$")


@functools.lru_cache(maxsize=None)
def _read_limits() -> tuple[LimitCurve, ...]:
    import numpy as np

    from nusym._data import read_text

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
    rows: dict[str, list[tuple[float, float, str]]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(body))):
        rows.setdefault(row["experiment"], []).append(
            (float(row["lambda_m"]), float(row["alpha_max"]), row["origin"]))
    curves = []
    for key, pts in rows.items():
        pts.sort()
        label, ref = meta[key]
        curves.append(LimitCurve(key, label, ref, np.array([p[0] for p in pts]),
                                 np.array([p[1] for p in pts]), tuple(p[2] for p in pts)))
    return tuple(curves)


def yukawa_limits(experiment: Optional[str] = None) -> Any:
    """Published 95 % CL limits on |alpha|(lambda), 1 um <= lambda <= 1 mm (coarse; data file).

    Returns {key: :class:`LimitCurve`} in the order of the file, or one curve for
    ``experiment=key``. Sources and how each point was obtained:
    ``nusym/data/yukawa_limits.csv`` and ``nusym/data/README.md``.

    >>> sorted(yukawa_limits())
    ['blakemore2021', 'chen2016', 'eotwash2020', 'geraci2008', 'isl_envelope', 'kapner2007', 'tan2020']
    >>> yukawa_limits("nope")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: unknown experiment 'nope'; allowed: chen2016, eotwash2020, isl_envelope, geraci2008, blakemore2021, kapner2007, tan2020
    """
    curves = {c.key: c for c in _read_limits()}
    if experiment is None:
        return dict(curves)
    if experiment not in curves:
        raise InvalidOptionError(f"unknown experiment {experiment!r}; allowed: {', '.join(curves)}")
    return curves[experiment]
