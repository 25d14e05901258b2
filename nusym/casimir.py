"""The Casimir force between real bodies: Lifshitz theory, proximity-force approximation.

The background against which the two-neutrino force of Segarra & Bernabeu,
Phys. Rev. D 101, 093004 (2020) (Eq. (1), integrated over bodies in
:mod:`nusym.geometry`) would have to be measured.  Three descriptions:

* ``"ideal"``: perfect conductors.  At T = 0 the closed forms
  E/A = -pi^2 hbar c/(720 d^3), P = -pi^2 hbar c/(240 d^4) (Casimir 1948); at
  T > 0 the Matsubara sum below with r_TM = 1, r_TE = -1 at every frequency.
* ``"plasma"`` and ``"drude"``: the Lifshitz formula for two half-spaces with
  the dielectric function eps(i xi) of each material at imaginary frequency,
  from ``nusym/data/optical.csv`` (metals: omega_p and gamma; a dielectric such as
  Si: a single-oscillator model; sources in the file).  Plasma:
  eps = 1 + omega_p^2/xi^2; Drude: eps = 1 + omega_p^2/(xi (xi + gamma)).

Lifshitz (Lifshitz 1956; Bordag, Klimchitskaya, Mohideen & Mostepanenko,
"Advances in the Casimir effect", OUP 2009, ch. 12), energy per area and
pressure between half-spaces 1 and 2 across a vacuum gap d:

    E(d) = hbar/(4 pi^2) Int_0^oo dxi Int_0^oo k dk sum_p ln(1 - r_p^1 r_p^2 exp(-2 q d)),
    P(d) = -dE/dd,     q = sqrt(k^2 + xi^2/c^2),   kappa_i = sqrt(k^2 + eps_i xi^2/c^2),
    r_TM^i = (eps_i q - kappa_i)/(eps_i q + kappa_i),   r_TE^i = (q - kappa_i)/(q + kappa_i).

With x = 2 q d and zeta = 2 d xi/c (dimensionless),

    E = hbar c/(4 pi^2 (2d)^3) Int_0^oo dzeta f_E(zeta),    P = -hbar c/(2 pi^2 (2d)^4) Int_0^oo dzeta f_P(zeta),
    f_E = Int_zeta^oo x dx sum_p ln(1 - R_p e^-x),   f_P = Int_zeta^oo x^2 dx sum_p R_p e^-x/(1 - R_p e^-x),

R_p = r_p^1 r_p^2.  At temperature T, hbar Int dxi/(2 pi) -> k_B T sum'_l over the
Matsubara frequencies xi_l = 2 pi k_B T l/hbar (zeta_l = l Delta, Delta =
4 pi d k_B T/(hbar c); the l = 0 term with weight 1/2):

    E = k_B T/(2 pi (2d)^2) sum'_l f_E(zeta_l),    P = -k_B T/(pi (2d)^3) sum'_l f_P(zeta_l).

The x integrals and the T = 0 zeta integral use an exp-sinh (double-exponential)
rule; the Matsubara sum is summed term by term up to zeta = 60 (when that needs more than
:data:`MATSUBARA_TERMS` terms, the rest by its Euler-Maclaurin integral, which is exact
to O(Delta^2) there).  Checked in ``tests/test_casimir.py``: omega_p -> oo at T = 0
gives the ideal result (1e-6); the high-temperature limits ``|P| = zeta(3) k_B T/(8 pi d^3)``
(Drude: TM l = 0 only) and twice that (ideal metal) at large d T; plasma/Drude -> 2
there; P = -dE/dd by finite differences; the rule against a halved step.

Bodies: ``"sphere-plane"`` and ``"sphere-sphere"`` in the proximity-force (Derjaguin)
approximation, F = 2 pi R_eff E(d), R_eff = R (sphere-plane), R1 R2/(R1 + R2)
(sphere-sphere), valid for d << R (corrections ~ d/R); plates per unit area.  The
bodies are treated as half-spaces (metal films thicker than ~100 nm are).  Forces in
newtons (plates: N/m^2), positive = repulsive: the Casimir force between these
materials in vacuum is negative (attractive).

>>> r = casimir_force("sphere-plane", "1um", "Au", "Au", radius1="100um", model="ideal")
>>> float("%.6g" % r.force_N)
-2.72298e-13
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidMaterialError, InvalidOptionError, InvalidParameterError
from nusym.geometry import body_length, surface_gaps
from nusym.inputs import check_choice
from nusym.materials import material
from nusym.reprs import html_columns
from nusym.resources import read_text

__all__ = [
    "CASIMIR_MODELS",
    "CASIMIR_GEOMETRIES",
    "TEMPERATURE_MAX_K",
    "CASIMIR_GAP_MIN_M",
    "MATSUBARA_TERMS",
    "Optical",
    "CasimirResult",
    "CasimirForce",
    "boltzmann",
    "check_temperature",
    "optical_table",
    "optical",
    "ideal_plane_plane",
    "lifshitz_plane_plane",
    "casimir_force",
]

#: the descriptions of the plates: perfect conductors, plasma-model or Drude-model metals
CASIMIR_MODELS = ("ideal", "plasma", "drude")
#: geometries of :func:`casimir_force`
CASIMIR_GEOMETRIES = ("sphere-sphere", "sphere-plane", "plane-plane")
#: largest temperature accepted (kelvin)
TEMPERATURE_MAX_K = 1e4
#: smallest gap of the Lifshitz theory of continuous media (and of this implementation)
CASIMIR_GAP_MIN_M = 1e-9
#: Matsubara terms summed one by one before the Euler-Maclaurin tail takes over
MATSUBARA_TERMS = 2000
#: the Matsubara sum and the x integrals stop at zeta = ZETA_CUT (terms ~ exp(-60))
_ZETA_CUT = 60.0
#: exp-sinh rule on [0, oo): y = exp(pi/2 sinh t), t = k h, T_MIN <= t <= T_MAX
_DE_STEP = 1.0 / 20.0
_DE_T_MIN = -4.0
_DE_T_MAX = 2.3


@functools.cache
def boltzmann() -> float:
    """k_B in J/K (exact, SI 2019), from ``nusym/data/constants.toml``.

    >>> boltzmann()
    1.380649e-23
    """
    return constant_float("k_B")


def check_temperature(value: Any) -> float:
    """A temperature in kelvin as a float: 0 <= T <= :data:`TEMPERATURE_MAX_K`.

    Numbers, decimal strings, or strings ending in ``K`` (``"300K"``, ``"4.2 K"``).

    >>> check_temperature("300K"), check_temperature(0), check_temperature(" 4.2 K ")
    (300.0, 0.0, 4.2)
    >>> check_temperature(-1)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: temperature must be a number of kelvin between 0 and 10000 (e.g. 0, 300,
    '300K'), got -1
    """
    def error() -> InvalidParameterError:
        shown = repr(value) if isinstance(value, str) else str(value)
        return InvalidParameterError(
            f"temperature must be a number of kelvin between 0 and {TEMPERATURE_MAX_K:g} "
            f"(e.g. 0, 300, '300K'), got {shown[:80]}")

    if isinstance(value, bool) or value is None:
        raise error()
    if isinstance(value, str):
        m = re.fullmatch(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?:K|kelvin)?\s*", value)
        if not m:
            raise error()
        x = float(m.group(1))
    else:
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise error() from None
    if not (math.isfinite(x) and 0.0 <= x <= TEMPERATURE_MAX_K):
        raise error()
    return x + 0.0


# ----------------------------------------------------------------------------- optical data
@dataclass(frozen=True)
class Optical:
    """eps(i xi) of one material (``nusym/data/optical.csv``); energies hbar*omega in eV.

    ``kind``: ``"drude"`` (a metal: ``omega_p_eV``, ``gamma_eV``) or ``"oscillator"``
    (a dielectric: ``eps_0``, ``eps_inf``, ``omega_0_eV``).
    """

    material: str
    kind: str
    omega_p_eV: float | None
    gamma_eV: float | None
    eps_0: float | None
    eps_inf: float | None
    omega_0_eV: float | None
    source: str

    @property
    def is_metal(self) -> bool:
        return self.kind == "drude"

    def chi(self, w_eV: Any, model: str) -> Any:
        """(eps(i xi) - 1) (hbar xi)^2 in eV^2 at hbar xi = ``w_eV`` (finite at xi = 0).

        ``model``: ``"plasma"`` or ``"drude"`` (a dielectric ignores it).

        >>> au = optical("Au")
        >>> float(au.chi(0.0, "plasma")), float(au.chi(0.0, "drude"))
        (81.0, 0.0)
        """
        w = np.asarray(w_eV, dtype=float)
        if self.kind == "drude":
            wp2 = self._given(self.omega_p_eV, "omega_p") ** 2
            if model == "plasma":
                return np.full_like(w, wp2)
            return wp2 * w / (w + self._given(self.gamma_eV, "gamma"))
        w2 = w * w
        eps_0, eps_inf = self._given(self.eps_0, "eps_0"), self._given(self.eps_inf, "eps_inf")
        omega_0 = self._given(self.omega_0_eV, "omega_0")
        return (eps_inf - 1.0) * w2 + (eps_0 - eps_inf) * w2 / (1.0 + w2 / omega_0 ** 2)

    def _given(self, value: float | None, column: str) -> float:
        """A parameter the model ``kind`` needs (a blank column of optical.csv is an error)."""
        if value is None:
            raise InvalidMaterialError(f"optical data of {self.material!r} ({self.kind}) lack {column} "
                                       "(nusym/data/optical.csv)")
        return value

    def eps(self, w_eV: Any, model: str) -> Any:
        """eps(i xi) at hbar xi = ``w_eV`` (eV); ``inf`` for a metal at xi = 0.

        >>> float(optical("Si").eps(0.0, "drude")), float(optical("Au").eps(0.0, "drude"))
        (11.87, inf)
        """
        w = np.asarray(w_eV, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = 1.0 + self.chi(w, model) / (w * w)
        zero = w == 0
        if np.any(zero):
            out = np.where(zero, np.inf if self.is_metal else self.eps_0, out)
        return out


def _wavenumber_to_eV() -> float:
    """hbar omega in eV of a wavenumber of 1 cm^-1: h c 100/e."""
    return constant_float("h") * constant_float("c") * 100.0 / constant_float("e")


@functools.cache
def optical_table() -> dict[str, Optical]:
    """Material symbol -> :class:`Optical`, read once from ``nusym/data/optical.csv``.

    >>> sorted(optical_table())
    ['Ag', 'Al', 'Au', 'Cu', 'Si', 'W']
    >>> round(optical_table()["Cu"].omega_p_eV, 3)
    7.389
    """
    lines = [ln for ln in read_text("optical.csv").splitlines() if ln.strip() and not ln.startswith("#")]
    table: dict[str, Optical] = {}
    per_cm = _wavenumber_to_eV()
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        scale = {"eV": 1.0, "cm^-1": per_cm}[row["unit"]]

        def number(key: str, scaled: bool, row: dict[str, str] = row, scale: float = scale) -> float | None:
            text = row[key].strip()
            return None if not text else float(text) * (scale if scaled else 1.0)

        table[row["material"]] = Optical(row["material"], row["model"], number("omega_p", True),
                                         number("gamma", True), number("eps_0", False),
                                         number("eps_inf", False), number("omega_0", True), row["source"])
    return table


def optical(spec: Any) -> Optical:
    """The optical data of a material (a symbol such as ``"Au"``, a :class:`nusym.materials.Material`,
    or an :class:`Optical` itself, returned as it is).

    >>> optical("W").kind
    'drude'
    >>> optical("Fe")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMaterialError: no optical data for 'Fe' (needed by casimir='plasma' or 'drude'): known
    materials Ag, Al, Au, Cu, Si, W (nusym/data/optical.csv); use casimir='ideal' (perfect conductors) or casimir=None
    """
    if isinstance(spec, Optical):
        return spec
    label = getattr(spec, "label", None)
    if label is None:
        label = spec.strip() if isinstance(spec, str) else spec
    table = optical_table()
    if not isinstance(label, str) or label not in table:
        if isinstance(label, str):
            try:                     # the same material spelled otherwise ("au" is not a symbol)
                label = material(label).label
            except (InvalidMaterialError, ValueError):
                pass
        if not isinstance(label, str) or label not in table:
            raise InvalidMaterialError(
                f"no optical data for {label!r} (needed by casimir='plasma' or 'drude'): known materials "
                f"{', '.join(sorted(table))} (nusym/data/optical.csv); use casimir='ideal' (perfect "
                "conductors) or casimir=None")
    return table[label]


# ----------------------------------------------------------------------------- quadrature
@functools.cache
def _exp_sinh() -> tuple[Any, Any]:
    """Nodes y and weights of the exp-sinh rule for Int_0^oo dy."""
    t = np.arange(math.ceil(_DE_T_MIN / _DE_STEP), math.floor(_DE_T_MAX / _DE_STEP) + 1) * _DE_STEP
    y = np.exp(0.5 * math.pi * np.sinh(t))
    w = _DE_STEP * 0.5 * math.pi * np.cosh(t) * y
    return y, w


def _reflection(opt: Optical | None, model: str, zeta: Any, x: Any, a: float) -> tuple[Any, Any]:
    """(1 - r_TM, 1 + r_TE) at zeta, x (broadcast) for a = 2d/(hbar c) in 1/eV; opt None = ideal.

    Returned as the distances of r_TM from 1 and r_TE from -1, so that 1 - R_p with
    R_p = r_p^1 r_p^2 (:func:`_inner`) has no cancellation near perfect reflection.
    """
    shape = np.broadcast(zeta, x).shape
    if opt is None:
        return np.zeros(shape), np.zeros(shape)
    w = zeta / a                                  # hbar xi in eV
    u = opt.chi(w, model) * a * a / (x * x)       # (eps - 1) zeta^2 / x^2 >= 0
    s = np.sqrt(1.0 + u)                          # kappa / q
    eps = opt.eps(w, model)
    with np.errstate(invalid="ignore"):
        g_tm = np.where(np.isinf(eps), 0.0, 2.0 * s / (eps + s))   # 1 - (eps - s)/(eps + s)
    h_te = 2.0 / (1.0 + s)                                         # 1 + (1 - s)/(1 + s)
    return np.broadcast_to(g_tm, shape), np.broadcast_to(h_te, shape)


def _inner(zeta: Any, a: float, o1: Optical | None, o2: Optical | None, model: str) -> tuple[Any, Any]:
    """(f_E(zeta), f_P(zeta)) for an array of zeta: the x integrals from zeta to oo."""
    y, w = _exp_sinh()
    z = np.asarray(zeta, dtype=float)[:, None]
    x = z + y[None, :]
    g1, h1 = _reflection(o1, model, z, x, a)
    g2, h2 = _reflection(o2, model, z, x, a)
    with np.errstate(under="ignore"):
        ex = np.exp(-x)
        em1 = -np.expm1(-x)                      # 1 - exp(-x), accurate as x -> 0
        fe = np.zeros(x.shape)
        fp = np.zeros(x.shape)
        # 1 - r1 r2 = e1 + e2 - e1 e2 with e = 1 - r_TM (TM) or e = 1 + r_TE (TE)
        for e1, e2 in ((g1, g2), (h1, h2)):
            one_minus_r = e1 + e2 - e1 * e2
            big_r = 1.0 - one_minus_r            # R_p = r_p^1 r_p^2, |R_p| <= 1
            denom = one_minus_r + big_r * em1    # 1 - R_p exp(-x) > 0 without cancellation
            fe += x * np.log(denom)
            fp += x * x * big_r * ex / denom
    return fe @ w, fp @ w


def _outer_integral(start: float, a: float, o1: Any, o2: Any, model: str) -> tuple[float, float]:
    """Int_start^oo dzeta (f_E, f_P)."""
    y, w = _exp_sinh()
    zeta = start + y[y < _ZETA_CUT + 40.0]
    fe, fp = _inner(zeta, a, o1, o2, model)
    ww = w[: zeta.size]
    return float(fe @ ww), float(fp @ ww)


def _lifshitz_one(d: float, temperature: float, o1: Any, o2: Any, model: str) -> tuple[float, float]:
    """(E in J/m^2, P in N/m^2) at one gap d (m)."""
    hc_eVm = constant_float("hbar_c")
    hc = hc_eVm * constant_float("e")             # J m
    a = 2.0 * d / hc_eVm                          # 1/eV: hbar xi = zeta / a
    if temperature == 0.0:
        ie, ip = _outer_integral(0.0, a, o1, o2, model)
        return hc / (4 * math.pi ** 2 * (2 * d) ** 3) * ie, -hc / (2 * math.pi ** 2 * (2 * d) ** 4) * ip
    kt = boltzmann() * temperature                # J
    delta = 4 * math.pi * d * kt / hc
    n_terms = int(_ZETA_CUT / delta) + 2
    explicit = min(n_terms, MATSUBARA_TERMS)
    zeta = np.arange(explicit) * delta
    fe, fp = _inner(zeta, a, o1, o2, model)
    weight = np.ones(explicit)
    weight[0] = 0.5
    se, sp = float(fe @ weight), float(fp @ weight)
    if n_terms > explicit:                        # Euler-Maclaurin tail: sum_{l>=L} f(l Delta)
        z0 = explicit * delta
        te, tp = _outer_integral(z0, a, o1, o2, model)
        f0e, f0p = _inner(np.array([z0]), a, o1, o2, model)
        se += te / delta + 0.5 * float(f0e[0])
        sp += tp / delta + 0.5 * float(f0p[0])
    return kt / (2 * math.pi * (2 * d) ** 2) * se, -kt / (math.pi * (2 * d) ** 3) * sp


class CasimirResult(NamedTuple):
    """Casimir energy per area (J/m^2) and pressure (N/m^2, negative = attractive) of two plates."""

    energy_J_m2: Any
    pressure_N_m2: Any


class CasimirForce(NamedTuple):
    """Casimir interaction of two bodies: ``energy_J`` (plates: J/m^2), ``force_N`` (plates: N/m^2),
    positive = repulsive; ``per_area`` for plates; ``model``, ``temperature_K`` as used."""

    energy_J: Any
    force_N: Any
    per_area: bool
    model: str
    temperature_K: float

    def _repr_html_(self) -> str:
        """A table of energy and force (Jupyter)."""
        cols = ({"E (J/m^2)": self.energy_J, "P (N/m^2)": self.force_N} if self.per_area
                else {"E (J)": self.energy_J, "F (N)": self.force_N})
        return html_columns(cols, caption=f"Casimir interaction, {self.model} model at {self.temperature_K:g} K "
                                          "(positive = repulsive)")


def _casimir_gaps(gap: Any) -> tuple[Any, bool]:
    gaps, scalar = surface_gaps(gap)
    if np.any(gaps < CASIMIR_GAP_MIN_M):
        raise InvalidLengthError(
            f"the Casimir force is computed for gaps of at least {CASIMIR_GAP_MIN_M:g} m (the Lifshitz "
            f"theory of continuous media); got {float(gaps.min())!r} m (use casimir=None below it)")
    return gaps, scalar


def _shape(values: Any, shape: tuple, scalar: bool) -> Any:
    arr = np.asarray(values, dtype=float).reshape(shape) + 0.0
    return float(arr) if scalar else arr


def ideal_plane_plane(gap: Any) -> CasimirResult:
    """Perfect conductors at T = 0: E/A = -pi^2 hbar c/(720 d^3), P = -pi^2 hbar c/(240 d^4).

    (H. B. G. Casimir, Proc. K. Ned. Akad. Wet. 51, 793 (1948).)

    Parameters
    ----------
    gap : float or str or array_like
        As in :func:`nusym.geometry.surface_gaps`, at least :data:`CASIMIR_GAP_MIN_M`.

    Returns
    -------
    CasimirResult
        ``energy_J_m2`` and ``pressure_N_m2`` (negative = attractive).

    Raises
    ------
    nusym.errors.InvalidLengthError
        A gap below :data:`CASIMIR_GAP_MIN_M` or otherwise invalid.

    Examples
    --------
    >>> r = ideal_plane_plane("1um")
    >>> float("%.6g" % r.energy_J_m2), float("%.6g" % r.pressure_N_m2)
    (-4.33375e-10, -0.00130013)
    """
    gaps, scalar = _casimir_gaps(gap)
    hc = constant_float("hbar_c") * constant_float("e")
    e = -math.pi ** 2 * hc / (720.0 * gaps ** 3)
    p = -math.pi ** 2 * hc / (240.0 * gaps ** 4)
    return CasimirResult(_shape(e, gaps.shape, scalar), _shape(p, gaps.shape, scalar))


def lifshitz_plane_plane(gap: Any, a: Any, b: Any, *, model: str = "drude",
                         temperature: Any = 0) -> CasimirResult:
    """Lifshitz energy per area and pressure between half-spaces of materials ``a`` and ``b``.

    Parameters
    ----------
    gap : float or str or array_like
        As :func:`nusym.geometry.surface_gaps`, at least :data:`CASIMIR_GAP_MIN_M`.
    a, b : str
        Materials with optical data (:func:`optical`).
    model : {"drude", "plasma", "ideal"}, optional
        ``"drude"`` (default) or ``"plasma"``: eps(i xi) from :func:`optical`;
        ``"ideal"``: r_TM = 1, r_TE = -1 (perfect conductors, any T).
    temperature : float or str, optional
        In kelvin (:func:`check_temperature`; 0, the default: the frequency
        integral; > 0: the Matsubara sum).

    Returns
    -------
    CasimirResult
        ``energy_J_m2`` and ``pressure_N_m2`` (negative = attractive); floats for
        a scalar gap, arrays otherwise.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A gap below :data:`CASIMIR_GAP_MIN_M` or otherwise invalid.
    nusym.errors.InvalidMaterialError
        A material without optical data.
    nusym.errors.InvalidParameterError
        A temperature outside 0..10000 K.

    Examples
    --------
    >>> r = lifshitz_plane_plane("1um", "Au", "Au", model="plasma")
    >>> float("%.4g" % (r.pressure_N_m2 / ideal_plane_plane("1um").pressure_N_m2))
    0.8937
    """
    model = check_choice(model, "Casimir model", CASIMIR_MODELS)
    t = check_temperature(temperature)
    gaps, scalar = _casimir_gaps(gap)
    o1 = o2 = None
    if model != "ideal":
        o1, o2 = optical(a), optical(b)
    e = np.empty(gaps.size)
    p = np.empty(gaps.size)
    for k, d in enumerate(gaps.ravel()):
        e[k], p[k] = _lifshitz_one(float(d), t, o1, o2, model)
    return CasimirResult(_shape(e, gaps.shape, scalar), _shape(p, gaps.shape, scalar))


def casimir_force(geometry: str, gap: Any, a: Any, b: Any, *, radius1: Any = None, radius2: Any = None,
                  model: str = "ideal", temperature: Any = 0) -> CasimirForce:
    """The Casimir force between two bodies of materials ``a``, ``b`` (positive = repulsive).

    The electromagnetic background of the two-neutrino force of Segarra & Bernabeu
    (2020) in the force budget (:func:`nusym.budgets.budget`).

    Parameters
    ----------
    geometry : {"sphere-plane", "sphere-sphere", "plane-plane"}
        ``sphere-plane`` (sphere ``a`` of ``radius1``) and ``sphere-sphere``
        (``radius1``, ``radius2``): the proximity-force approximation
        F = 2 pi R_eff E_pp(d) with E_pp the plate-plate (free) energy per area;
        ``plane-plane``: the pressure (N/m^2) and energy per area.
    gap : float or str or array_like
        Surface-to-surface distances (at least :data:`CASIMIR_GAP_MIN_M`).
    a, b : str
        The materials.
    radius1, radius2 : float or str, optional
        Sphere radii as the geometry needs them.
    model : {"ideal", "plasma", "drude"}, optional
        ``"ideal"`` (default) at T = 0 uses the closed forms (sphere-plane:
        F = -pi^3 hbar c R/(360 d^3)); otherwise :func:`lifshitz_plane_plane`.
    temperature : float or str, optional
        In kelvin (default 0).

    Returns
    -------
    CasimirForce
        ``energy_J`` (plates: J/m^2), ``force_N`` (plates: N/m^2), ``per_area``,
        ``model``, ``temperature_K``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown geometry or model, or a radius the geometry does not take.
    nusym.errors.InvalidLengthError
        A gap below :data:`CASIMIR_GAP_MIN_M` or a bad radius.

    Examples
    --------
    >>> r = casimir_force("sphere-sphere", "1um", "Au", "Au", radius1="100um", radius2="100um")
    >>> float("%.6g" % r.force_N)
    -1.36149e-13
    """
    geometry = check_choice(geometry, "geometry", CASIMIR_GEOMETRIES)
    model = check_choice(model, "Casimir model", CASIMIR_MODELS)
    t = check_temperature(temperature)
    if model == "ideal" and t == 0.0:
        pp = ideal_plane_plane(gap)
    else:
        pp = lifshitz_plane_plane(gap, a, b, model=model, temperature=t)
    if geometry == "plane-plane":
        return CasimirForce(pp.energy_J_m2, pp.pressure_N_m2, True, model, t)
    r1 = body_length(radius1, "radius1")
    if geometry == "sphere-plane":
        if radius2 is not None:
            raise InvalidOptionError("sphere-plane takes radius1 (the sphere, body A) only, not radius2")
        r_eff = r1
    else:
        r2 = body_length(radius2, "radius2")
        r_eff = r1 * r2 / (r1 + r2)
    force = 2 * math.pi * r_eff * np.asarray(pp.energy_J_m2)
    # the PFA energy of the sphere: E = 2 pi R Int_d^oo E_pp(s) ds is not needed by the budget
    if not np.all(np.isfinite(force)):
        raise InvalidParameterError("the Casimir force overflows for these inputs; give larger gaps")
    force = force + 0.0
    return CasimirForce(None, float(force) if np.ndim(force) == 0 else force, False, model, t)
