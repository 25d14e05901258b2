"""Extended bodies: the two-neutrino potential between spheres and plates of real materials.

Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) is a
superposition of Yukawa potentials (its dispersion integral over t = q^2)::

    V(r) = -1/(4 pi^2 r) Int dt Im M(t) exp(-sqrt(t) r)
         ~= sum_n c_n exp(-q_n r) / r          (r in eV^-1, V in eV),

with the t integral done by the fixed quadrature rule of
:mod:`nusym.numeric.spectral` (q_n = sqrt(t_n) in eV, c_n dimensionless, ~1e-13
relative over the rule's range of r; :func:`spectrum_for`).  Two uniform bodies
of number densities n_1, n_2 (atoms per volume; for a material, its *mean atom*,
which is exact because V is bilinear in the weak charges Q^ij of Eq. (5), see
:mod:`nusym.materials`) interact through::

    E = n_1 n_2 Int_1 dV_1 Int_2 dV_2 V(|r_1 - r_2|) = n_1 n_2 sum_n c_n I(q_n),

where I(q) = Int Int dV_1 dV_2 exp(-q r_12)/r_12 is the Yukawa interaction of the
two geometries with unit densities, known in closed form for spheres and plates
(:func:`yukawa_sphere_sphere`, :func:`yukawa_sphere_plane`,
:func:`yukawa_plane_plane`).  The force is F = -dE/d(gap) (positive = repulsive),
from the analytic gap derivative of I.  Everything is double precision.

The neutrino sector is a :class:`nusym.model.Model` (``model=``), or the shorthand
keywords ``nature``, ``ordering``, ``lightest``, ``preset``, ``delta``,
``alpha21``, ``alpha31`` of :meth:`nusym.model.Model.from_preset`, resolved once
per call.  Lengths (gaps, radii, thicknesses) are read by
:func:`nusym.inputs.lengths_double` (metres, strings with units, astropy/pint
quantities; 1e-20 m to 1e20 m), densities by :func:`nusym.inputs.parse_density`.

The Yukawa factors are written so that nothing overflows when q R ~ 1e5 (q ~
0.1 eV, R ~ mm): exp(q R) from the sphere's form factor is always combined
with exp(-q R) from the centre distance, leaving exp(-q gap) times bounded
functions (:func:`sphere_form_factor_scaled`).

Checked in ``tests/test_geometry.py`` against direct numerical volume integration
of the atom-atom potential evaluated by an independent quadrature of Eq. (1)
(plane-plane slabs and half-spaces, sphere-plane; asserted 1e-10), the
point-particle limit of two small spheres, the Derjaguin (proximity-force)
approximation for a large sphere near a plate, and F = -dE/d(gap) by finite
differences.  The bodies are continua of uniform density: meaningful for gaps
well above the interatomic spacing (~0.3 nm).

>>> r = sphere_plane("10um", "Au", "Si", radius="100um")
>>> r.per_area, float("%.4g" % r.energy_eV), float("%.4g" % r.force_N)
(False, 8.372e-26, 2.033e-39)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidMaterialError, InvalidOptionError, InvalidParameterError
from nusym.inputs import LENGTH_MAX_M, check_choice, lengths_double, parse_density
from nusym.materials import material
from nusym.model import Model, resolve_model
from nusym.numeric.config import configure
from nusym.numeric.spectral import R_RANGE_M, YukawaSpectrum, double_setup, widen_by_decades
from nusym.reprs import html_columns

__all__ = [
    "GEOMETRIES",
    "RANGE_FACTOR",
    "SEPARATION_MAX_M",
    "BodyInteraction",
    "sphere_sphere",
    "sphere_plane",
    "plane_plane",
    "interaction",
    "number_density",
    "body_length",
    "surface_gaps",
    "check_finite",
    "sphere_form_factor_scaled",
    "yukawa_sphere_sphere",
    "yukawa_sphere_plane",
    "yukawa_plane_plane",
    "spectrum_for",
]

#: geometries of :func:`interaction` / ``nusym potential --geometry`` ("atoms": Eq. (1) itself)
GEOMETRIES = ("atoms", "sphere-sphere", "sphere-plane", "plane-plane")

#: the Yukawa sums use a rule valid from min(1 nm, smallest gap) to max(1 mm, this factor
#: times the largest length of the geometry), both widened by whole decades (tested:
#: a further factor 1000 changes the results by < 1e-11 relative)
RANGE_FACTOR = 1e3

#: largest separation (metres) that :func:`spectrum_for` accepts: a gap plus the diameters
#: of two bodies, each length at most LENGTH_MAX_M
SEPARATION_MAX_M = 5 * LENGTH_MAX_M

#: gaps summed at once (rows of the gap x node matrices)
_CHUNK = 2048

#: series of Phi(x) = 3 (x cosh x - sinh x) / x^3 = sum_k a_k x^(2k), a_k = 3 (2k+2)/(2k+3)!
_SERIES = tuple(3.0 * (2 * k + 2) / math.factorial(2 * k + 3) for k in range(14))
_SERIES_MAX_X = 1.5


class BodyInteraction(NamedTuple):
    """Two-neutrino interaction of two extended bodies (double precision).

    ``energy_eV``/``energy_J``: the potential energy (for ``plane-plane``: per
    unit area, eV/m^2 and J/m^2); ``force_N``: F = -dE/d(gap) in newtons
    (``plane-plane``: the pressure, N/m^2), positive = repulsive.  Floats for a
    scalar gap, NumPy arrays of the gap's shape otherwise.
    """

    energy_eV: Any
    energy_J: Any
    force_N: Any
    per_area: bool

    def _repr_html_(self) -> str:
        """A table of energy and force (Jupyter)."""
        if self.per_area:
            cols = {"E (eV/m^2)": self.energy_eV, "E (J/m^2)": self.energy_J, "P (N/m^2)": self.force_N}
        else:
            cols = {"E (eV)": self.energy_eV, "E (J)": self.energy_J, "F (N)": self.force_N}
        return html_columns(cols, caption="Two-neutrino interaction of two bodies (F = -dE/d(gap), "
                                          "positive = repulsive)")


# ----------------------------------------------------------------------------- Yukawa factors
def sphere_form_factor_scaled(x: Any) -> Any:
    """exp(-x) Phi(x) with Phi(x) = 3 (x cosh x - sinh x)/x^3, for x = q R >= 0.

    Phi is the Yukawa form factor of a uniform sphere: outside a ball of radius R
    and unit density, ``Int_ball dV' exp(-q|r - r'|)/|r - r'| = (4 pi R^3/3)
    Phi(q R) exp(-q r)/r`` (r > R), and Int_ball dV exp(-q z) = (4 pi R^3/3) Phi(q R)
    for z measured from the centre along a fixed axis (Adelberger, Heckel &
    Nelson, Annu. Rev. Nucl. Part. Sci. 53, 77 (2003), Eq. (9); Adelberger et al.,
    Prog. Part. Nucl. Phys. 62, 102 (2009)).  Phi(0) = 1, Phi grows like
    3 e^x/(2 x^2), so the scaled form is returned: for x < 1.5 the series
    Phi = sum_k 3 (2k+2)/(2k+3)! x^(2k) (1 + x^2/10 + x^4/280 + ...; 14 terms,
    < 1e-17 truncation) times exp(-x); above, 3/(2 x^3) [(x - 1) + (x + 1) exp(-2x)]
    (no cancellation there).  Bounded by 1, never overflows.

    >>> import numpy as np
    >>> [float("%.12g" % v) for v in sphere_form_factor_scaled(np.array([0.0, 1.0, 1e5]))]
    [1.0, 0.40600584971, 1.499985e-10]
    >>> x = 1.49999999; a = sphere_form_factor_scaled(x); b = sphere_form_factor_scaled(1.5)
    >>> abs(a / b - 1) < 1e-7
    True
    """
    arr = np.asarray(x, dtype=float)
    out = np.empty_like(arr)
    small = arr < _SERIES_MAX_X
    xs = arr[small]
    x2 = xs * xs
    acc = np.zeros_like(xs)
    for coefficient in reversed(_SERIES):
        acc = acc * x2 + coefficient
    out[small] = acc * np.exp(-xs)
    xl = arr[~small]
    with np.errstate(under="ignore"):
        out[~small] = 1.5 / xl**3 * ((xl - 1.0) + (xl + 1.0) * np.exp(-2.0 * xl))
    return out if out.ndim else float(out)


def _one_minus_exp(qt: Any) -> Any:
    """1 - exp(-q T) without cancellation (-expm1); T = inf (half-space) gives 1."""
    with np.errstate(under="ignore"):
        return -np.expm1(-qt)


def _ball_volume(radius: Any) -> Any:
    return 4.0 * math.pi / 3.0 * radius**3


def yukawa_sphere_sphere(q: Any, gap: Any, radius1: Any, radius2: Any) -> tuple[Any, Any]:
    """(I, -dI/d gap) for two uniform balls of unit density and exp(-q r)/r.

    Both balls act as points carrying their form factors (the shell theorem for
    the screened Poisson equation)::

        I = V_1 V_2 Phi(q R_1) Phi(q R_2) exp(-q D)/D,      D = R_1 + R_2 + gap,
          = V_1 V_2 s(q R_1) s(q R_2) exp(-q gap)/D,          s(x) = exp(-x) Phi(x),

    -dI/d gap = I (q + 1/D); V = 4 pi R^3/3 and Phi as in
    :func:`sphere_form_factor_scaled` (Adelberger et al. 2003, 2009).  Any
    consistent units (q in inverse length): I has units length^5.  As q -> 0 or
    R -> 0 it tends to V_1 V_2 exp(-q D)/D (two points).

    >>> I, F = yukawa_sphere_sphere(1e-8, 1.0, 1e-3, 1e-3)
    >>> bool(abs(I / ((4 * 3.141592653589793 / 3 * 1e-9) ** 2 / 1.002) - 1) < 1e-7)
    True
    """
    q = np.asarray(q, dtype=float)
    centres = radius1 + radius2 + gap
    with np.errstate(under="ignore"):
        value = (_ball_volume(radius1) * _ball_volume(radius2)
                 * sphere_form_factor_scaled(q * radius1) * sphere_form_factor_scaled(q * radius2)
                 * np.exp(-q * gap) / centres)
    return value, value * (q + 1.0 / centres)


def yukawa_sphere_plane(q: Any, gap: Any, radius: Any, thickness: Any = math.inf) -> tuple[Any, Any]:
    """(I, -dI/d gap) for a ball (radius R) at ``gap`` from a plate of thickness T (unit densities).

    The plate (infinite lateral extent) at height z above its surface:
    Int d^2 rho exp(-q sqrt(rho^2 + z^2))/sqrt(rho^2 + z^2) = 2 pi exp(-q z)/q, so a
    slab 0 <= z' <= T gives 2 pi exp(-q z)(1 - exp(-q T))/q^2.  Over the ball,
    whose centre is at z = R + gap, Int_ball exp(-q z) dV = V Phi(q R) exp(-q(R + gap))::

        I = V s(q R) (2 pi/q^2) (1 - exp(-q T)) exp(-q gap),    -dI/d gap = q I,

    with s(x) = exp(-x) Phi(x) (:func:`sphere_form_factor_scaled`); T = inf is a
    half-space.  This is the sphere-plate Yukawa energy used for Casimir-regime
    tests (e.g. Decca et al., Phys. Rev. D 75, 077101 (2007); Bordag, Klimchitskaya,
    Mohideen & Mostepanenko, "Advances in the Casimir effect", OUP 2009, ch. 21),
    here without the proximity-force approximation.  For q R >> 1 and R >> gap it
    tends to the Derjaguin form 2 pi R x (plate-plate energy per area).

    >>> I, F = yukawa_sphere_plane(1e5, 1e-5, 1e-3)      # q R = 100, q gap = 1
    >>> pfa = 2 * 3.141592653589793 * 1e-3 * yukawa_plane_plane(1e5, 1e-5)[0]
    >>> float("%.6f" % (F / pfa))   # 1 - 1/(q R) + O(exp(-2 q R))
    0.99
    """
    q = np.asarray(q, dtype=float)
    with np.errstate(under="ignore"):
        value = (_ball_volume(radius) * sphere_form_factor_scaled(q * radius) * (2.0 * math.pi / q**2)
                 * _one_minus_exp(q * thickness) * np.exp(-q * gap))
    return value, value * q


def yukawa_plane_plane(q: Any, gap: Any, thickness1: Any = math.inf,
                       thickness2: Any = math.inf) -> tuple[Any, Any]:
    """(I/A, -d(I/A)/d gap) per unit area for two parallel plates (unit densities).

    Integrating the slab potential 2 pi exp(-q z)(1 - exp(-q T_2))/q^2 over the
    other slab's thickness::

        I/A = (2 pi/q^3) exp(-q gap) (1 - exp(-q T_1)) (1 - exp(-q T_2)),
        -d(I/A)/d gap = q I/A,

    (half-spaces: T = inf; cf. Decca et al., Ann. Phys. 318, 37 (2005), the Yukawa
    pressure between two plates).

    >>> I, P = yukawa_plane_plane(2.0, 0.5)
    >>> bool(abs(I - 2 * 3.141592653589793 / 8 * 2.718281828459045 ** -1) < 1e-15), bool(P == 2 * I)
    (True, True)
    """
    q = np.asarray(q, dtype=float)
    with np.errstate(under="ignore"):
        value = ((2.0 * math.pi / q**3) * _one_minus_exp(q * thickness1) * _one_minus_exp(q * thickness2)
                 * np.exp(-q * gap))
    return value, value * q


# ----------------------------------------------------------------------------- input
def body_length(value: Any, what: str, *, half_space: bool = False) -> float:
    """One length of a body (radius, thickness) in metres as a float.

    Parameters
    ----------
    value : float or str or quantity or None
        Anything :func:`nusym.inputs.lengths_double` accepts as a single length
        (metres, ``"10um"``, an astropy/pint quantity; 1e-20 m to 1e20 m).
    what : str
        The name of the length in error messages.
    half_space : bool, optional
        If True, ``None`` means an unbounded plate and gives ``math.inf`` (an
        infinite number is refused like any other out-of-range length: it is more
        often an overflow than a wish).

    Returns
    -------
    float
        The length in metres.

    Raises
    ------
    nusym.errors.InvalidLengthError
        No value (without ``half_space``), several values, or an invalid length.

    Examples
    --------
    >>> body_length("2.5 mm", "radius"), body_length(None, "thickness", half_space=True)
    (0.0025, inf)
    >>> body_length(1e300, "radius")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length for radius: 1e+300 is out of range: lengths must be between 1e-20
    m and 1e+20 m
    """
    if value is None:
        if half_space:
            return math.inf
        raise InvalidLengthError(f"no value given for {what}: give a length such as '1mm'")
    arr, scalar = lengths_double(value, what)
    if not scalar:
        raise InvalidLengthError(f"invalid length for {what}: expected a single length, got "
                                 f"{arr.size} values")
    return float(arr)


def surface_gaps(gap: Any, what: str = "gap") -> tuple[Any, bool]:
    """``(gaps in metres as a float NumPy array, is_scalar)`` of surface-to-surface distances.

    Parameters
    ----------
    gap : float or str or array_like
        The inputs of :func:`nusym.inputs.lengths_double` (any array shape); a gap
        must be positive: bodies must not touch or overlap.
    what : str, optional
        The name in error messages (default ``"gap"``).

    Returns
    -------
    tuple of (numpy.ndarray, bool)
        The gaps in metres and whether a single scalar was given.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A gap that is not a positive, finite length in range.

    Examples
    --------
    >>> surface_gaps(["1um", 2e-6])
    (array([1.e-06, 2.e-06]), False)
    >>> surface_gaps(0.0)
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidLengthError: invalid length for gap: 0.0 is not a positive, finite length; lengths must be
    between 1e-20 m and 1e+20 m (surface to surface: bodies must not touch or overlap)
    """
    try:
        return lengths_double(gap, what)
    except InvalidLengthError as exc:
        raise InvalidLengthError(f"{exc} (surface to surface: bodies must not touch or overlap)") from None


#: transitional alias for ``nusym.cli.potential`` (which still imports it): use :func:`surface_gaps`
_gaps = surface_gaps


def number_density(spec: Any, density: Any = None) -> float:
    """Atoms per cubic metre of a material: mass density / mean atomic mass.

    The n_1, n_2 that multiply the pair potential of Eq. (1) of Segarra & Bernabeu
    (2020) in the energy of two bodies.

    Parameters
    ----------
    spec : str or nusym.materials.Material
        Anything :func:`nusym.materials.material` accepts.
    density : float or str, optional
        The mass density (kg/m^3 or a string such as ``"19.3 g/cm^3"``,
        :func:`nusym.inputs.parse_density`); ``None`` takes that of a natural
        element from ``nusym/data/densities.csv``; compounds, alloys and isotopes
        need one.

    Returns
    -------
    float
        Atoms (mean atoms of the material) per m^3.

    Raises
    ------
    nusym.errors.InvalidMaterialError
        An unknown material, or no known density and none given.

    Examples
    --------
    >>> float("%.6g" % number_density("W")), float("%.6g" % number_density("W", "19.3 g/cm3"))
    (6.32214e+28, 6.32214e+28)
    >>> number_density("SiO2")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMaterialError: material 'SiO2' has no known density: give its mass density in kg/m^3
    (density=..., on the command line --density1/--density2 or --source-density); densities are known only for natural
    elements solid or liquid at room temperature
    """
    mat = material(spec, density=None if density is None else parse_density(density))
    if mat.density_kg_m3 is None:
        raise InvalidMaterialError(
            f"material {mat.label!r} has no known density: give its mass density in kg/m^3 "
            f"(density=..., on the command line --density1/--density2 or --source-density); "
            f"densities are known only for natural elements solid or liquid at room temperature")
    return float(mat.number_density_m3())


def spectrum_for(a: Any, b: Any, smallest_m: float, largest_m: float, *, model: Model | None = None,
                 nature: str | None = None, ordering: str | None = None, lightest: Any = None,
                 preset: Any = None, delta: Any = None, alpha21: Any = None,
                 alpha31: Any = None) -> YukawaSpectrum:
    """The Yukawa spectrum (q_n in eV, c_n) of Eq. (1) for separations between the two lengths (metres).

    V(r) = sum_n c_n exp(-q_n r)/r (Eq. (1) of Segarra & Bernabeu 2020 with its
    dispersion integral discretised, as
    :func:`nusym.numeric.spectral.yukawa_spectrum`) by the double-precision rule of
    :func:`nusym.numeric.spectral.double_setup` on [r_min, r_max] with r_min = 1 nm
    and r_max = 1 mm widened by whole decades until r_min <= ``smallest_m`` and
    r_max >= :data:`RANGE_FACTOR` * ``largest_m`` (so a result does not depend on
    the other gaps of a call).  ``smallest_m``: a length as in :func:`body_length`;
    ``largest_m`` too, or a float up to :data:`SEPARATION_MAX_M` (the largest
    separation of a geometry, a gap plus diameters, may exceed the 1e20 m of one
    length).

    Parameters
    ----------
    a, b : str
        The sources (isotopes or materials).
    smallest_m, largest_m : float or str
        The range of separations the spectrum must serve.
    model : nusym.Model, optional
        Or its shorthand keywords, as in :func:`sphere_sphere`.

    Returns
    -------
    nusym.numeric.spectral.YukawaSpectrum
        ``q`` (eV), ``c`` and the rule's range ``r_min``, ``r_max`` (m).

    Raises
    ------
    nusym.errors.InvalidLengthError
        A length out of range.

    Examples
    --------
    >>> s = spectrum_for("Fe-56", "Fe-56", 1e-6, 1e-2)
    >>> s.r_min, s.r_max
    (1e-09, 10.0)
    """
    m = resolve_model(model, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                      delta=delta, alpha21=alpha21, alpha31=alpha31)
    return _spectrum(m, a, b, body_length(smallest_m, "smallest_m"), _separation(largest_m, "largest_m"))


def _separation(value: Any, what: str) -> float:
    """A length, or a float up to SEPARATION_MAX_M (a sum of lengths: gap plus diameters)."""
    try:
        return body_length(value, what)
    except InvalidLengthError:
        if isinstance(value, float) and LENGTH_MAX_M < value <= SEPARATION_MAX_M:
            return value
        raise


def _spectrum(model: Model, a: Any, b: Any, smallest_m: float, largest_m: float) -> YukawaSpectrum:
    if not smallest_m <= largest_m:
        raise InvalidLengthError(f"the smallest length must not exceed the largest, got {smallest_m!r} m > "
                                 f"{largest_m!r} m")
    lo, hi = widen_by_decades(R_RANGE_M[0], R_RANGE_M[1], smallest_m * (1 - 1e-9), RANGE_FACTOR * largest_m)
    hc = constant_float("hbar_c")
    sp_setup = double_setup(configure(model, a, b, 30), (lo / hc, hi / hc))
    if not sp_setup.groups:
        return YukawaSpectrum(np.zeros(0), np.zeros(0), lo, hi)
    q = np.concatenate([s + sp_setup.x for s in sp_setup.s])
    c = np.concatenate(sp_setup.coefficients) * sp_setup.prefactor
    return YukawaSpectrum(q, c, lo, hi)


# ----------------------------------------------------------------------------- evaluation
def _sum_over_spectrum(q: Any, c: Any, gaps_nat: Any,
                       factor: Callable[[Any, Any], tuple[Any, Any]]) -> tuple[Any, Any]:
    """(sum_n c_n I(q_n; gap), sum_n c_n F(q_n; gap)) for every gap (flat arrays)."""
    flat = gaps_nat.ravel()
    energy = np.empty(flat.size)
    force = np.empty(flat.size)
    with np.errstate(under="ignore"):
        for start in range(0, flat.size, _CHUNK):
            g = flat[start:start + _CHUNK]
            i_q, f_q = factor(q[None, :], g[:, None])
            energy[start:start + g.size] = i_q @ c
            force[start:start + g.size] = f_q @ c
    return energy, force


def check_finite(values: Any, what: str) -> None:
    """Raise :class:`nusym.errors.InvalidParameterError` if ``values`` holds a NaN or infinity.

    The double-precision evaluators never return a NaN or an overflow: inputs
    whose result leaves the double range are refused with this message.

    >>> check_finite(np.array([1.0, 0.0]), "energy")
    >>> check_finite(np.array([1.0, np.inf]), "energy")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidParameterError: the energy is not representable in double precision for these inputs (it
    overflows or is undefined); give smaller bodies, densities or larger gaps
    """
    with np.errstate(invalid="ignore"):
        ok = bool(np.all(np.isfinite(values)))
    if not ok:
        raise InvalidParameterError(
            f"the {what} is not representable in double precision for these inputs (it overflows "
            "or is undefined); give smaller bodies, densities or larger gaps")


def _finish(energy_nat: Any, force_nat: Any, shape: tuple, scalar: bool, per_area: bool) -> BodyInteraction:
    """Natural units (eV, eV^2; per area eV^3, eV^4) -> eV, J, N (per m^2)."""
    e = constant_float("e")
    hc = constant_float("hbar_c")
    with np.errstate(over="ignore", under="ignore"):
        if per_area:
            energy_eV = energy_nat / hc**2           # eV per m^2
            force_N = force_nat * (e / hc) / hc**2   # N per m^2
        else:
            energy_eV = energy_nat
            force_N = force_nat * (e / hc)
        energy_J = energy_eV * e
    energy_eV, energy_J, force_N = energy_eV + 0.0, energy_J + 0.0, force_N + 0.0   # no -0.0
    check_finite(energy_eV, "energy")
    check_finite(force_N, "pressure" if per_area else "force")

    def out(x: Any) -> Any:
        x = x.reshape(shape)
        return float(x) if scalar else x

    return BodyInteraction(out(energy_eV), out(energy_J), out(force_N), per_area)


def _run(geometry: str, gap: Any, a: Any, b: Any, lengths: dict[str, float], density1: Any,
         density2: Any, model: Model) -> BodyInteraction:
    gaps_m, scalar = surface_gaps(gap)
    n1 = number_density(a, density1)
    n2 = number_density(b, density2)
    finite = [v for v in lengths.values() if math.isfinite(v)]
    largest = float(gaps_m.max()) + 2 * sum(finite)
    spec = _spectrum(model, a, b, float(gaps_m.min()), largest)
    hc = constant_float("hbar_c")
    nat = {k: v / hc for k, v in lengths.items()}     # inf stays inf
    n12 = (n1 * hc**3) * (n2 * hc**3)                  # atoms^2 per eV^-6
    if geometry == "sphere-sphere":
        def factor(q: Any, g: Any) -> tuple[Any, Any]:
            return yukawa_sphere_sphere(q, g, nat["radius1"], nat["radius2"])
    elif geometry == "sphere-plane":
        def factor(q: Any, g: Any) -> tuple[Any, Any]:
            return yukawa_sphere_plane(q, g, nat["radius"], nat["thickness"])
    else:
        def factor(q: Any, g: Any) -> tuple[Any, Any]:
            return yukawa_plane_plane(q, g, nat["thickness1"], nat["thickness2"])
    with np.errstate(over="ignore", invalid="ignore"):   # checked in _finish
        energy, force = _sum_over_spectrum(spec.q, spec.c, np.atleast_1d(gaps_m) / hc, factor)
        energy, force = energy * n12, force * n12
    return _finish(energy, force, gaps_m.shape, scalar, geometry == "plane-plane")


def _model(model: Model | None, nature: Any, ordering: Any, lightest: Any, preset: Any, delta: Any,
           alpha21: Any, alpha31: Any) -> Model:
    return resolve_model(model, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                         delta=delta, alpha21=alpha21, alpha31=alpha31)


def sphere_sphere(gap: Any, a: Any, b: Any, *, radius1: Any, radius2: Any, density1: Any = None,
                  density2: Any = None, model: Model | None = None, nature: str | None = None,
                  ordering: str | None = None, lightest: Any = None, preset: Any = None,
                  delta: Any = None, alpha21: Any = None, alpha31: Any = None) -> BodyInteraction:
    """Two-neutrino energy and force between two uniform balls of materials ``a`` and ``b``.

    ``E = n_1 n_2 Int dV_1 Int dV_2 V(|r_1 - r_2|)`` with V of Eq. (1) of Segarra &
    Bernabeu (2020), ``= n_1 n_2 sum_n c_n I(q_n)`` with I of
    :func:`yukawa_sphere_sphere` (exact closed form); F = -dE/d(gap), positive =
    repulsive.  Double precision.

    Parameters
    ----------
    gap : float or str or array_like
        Surface-to-surface distance in metres: a number, a string with a unit
        (``"10um"``), an astropy/pint quantity, or a sequence / NumPy array (then the
        results are arrays of its shape).
    a, b : str or nusym.materials.Material
        The materials of the two bodies (anything :func:`nusym.materials.material`
        accepts); body ``a`` is the first one named in the geometry.
    radius1, radius2 : float or str
        Radii of the balls of ``a`` and ``b`` (lengths as for ``gap``, see
        :func:`body_length`).
    density1, density2 : float or str, optional
        Mass densities in kg/m^3, or strings with a unit (``"19.3g/cm3"``).  Default:
        that of the natural element (:func:`number_density`); compounds need one.
    model : nusym.Model, optional
        The neutrino sector (nature, masses, mixing).  Instead, the shorthand
        keywords ``nature``, ``ordering``, ``lightest`` (eV), ``preset``,
        ``delta``, ``alpha21``, ``alpha31`` (degrees) of
        :meth:`nusym.Model.from_preset`; giving both is an error.  Default: Dirac,
        normal ordering, lightest mass 0, preset ``segarra2020``.

    Returns
    -------
    BodyInteraction
        ``energy_eV``, ``energy_J``, ``force_N`` (F = -dE/d(gap), positive =
        repulsive) and ``per_area``: floats for a scalar gap, NumPy arrays of the
        gap's shape otherwise.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A gap or body length that is missing its unit, not positive, or outside
        1e-20..1e20 m.
    nusym.errors.InvalidMaterialError
        An unknown material, or one without a known density when none is given.
    nusym.errors.InvalidOptionError
        Both ``model`` and shorthand keywords, or a bad shorthand value.

    Examples
    --------
    >>> r = sphere_sphere("1mm", "W", "W", radius1="1mm", radius2="1mm")
    >>> float("%.4g" % r.energy_J), float("%.4g" % r.force_N)
    (5.955e-46, 1.273e-42)
    """
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    lengths = {"radius1": body_length(radius1, "radius1"), "radius2": body_length(radius2, "radius2")}
    return _run("sphere-sphere", gap, a, b, lengths, density1, density2, m)


def sphere_plane(gap: Any, a: Any, b: Any, *, radius: Any, thickness: Any = None, density1: Any = None,
                 density2: Any = None, model: Model | None = None, nature: str | None = None,
                 ordering: str | None = None, lightest: Any = None, preset: Any = None,
                 delta: Any = None, alpha21: Any = None, alpha31: Any = None) -> BodyInteraction:
    """Energy and force between a ball of ``a`` (``radius``) and a plate of ``b`` at ``gap``.

    ``E = n_1 n_2 sum_n c_n I(q_n)`` over the Yukawa spectrum of Eq. (1) of Segarra &
    Bernabeu (2020), with I of :func:`yukawa_sphere_plane` (exact, not the
    proximity-force approximation).  The plate has infinite lateral extent.

    Parameters
    ----------
    gap : float or str or array_like
        Surface-to-surface distance in metres: a number, a string with a unit
        (``"10um"``), an astropy/pint quantity, or a sequence / NumPy array (then the
        results are arrays of its shape).
    a, b : str or nusym.materials.Material
        The materials of the two bodies (anything :func:`nusym.materials.material`
        accepts); body ``a`` is the first one named in the geometry.
    radius : float or str
        Radius of the ball of ``a``.
    thickness : float or str, optional
        Thickness of the plate of ``b``; ``None`` (default): a half-space.
    density1, density2 : float or str, optional
        Mass densities in kg/m^3, or strings with a unit (``"19.3g/cm3"``).  Default:
        that of the natural element (:func:`number_density`); compounds need one.
    model : nusym.Model, optional
        The neutrino sector (nature, masses, mixing).  Instead, the shorthand
        keywords ``nature``, ``ordering``, ``lightest`` (eV), ``preset``,
        ``delta``, ``alpha21``, ``alpha31`` (degrees) of
        :meth:`nusym.Model.from_preset`; giving both is an error.  Default: Dirac,
        normal ordering, lightest mass 0, preset ``segarra2020``.

    Returns
    -------
    BodyInteraction
        ``energy_eV``, ``energy_J``, ``force_N`` (F = -dE/d(gap), positive =
        repulsive) and ``per_area``: floats for a scalar gap, NumPy arrays of the
        gap's shape otherwise.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A gap or body length that is missing its unit, not positive, or outside
        1e-20..1e20 m.
    nusym.errors.InvalidMaterialError
        An unknown material, or one without a known density when none is given.
    nusym.errors.InvalidOptionError
        Both ``model`` and shorthand keywords, or a bad shorthand value.

    Examples
    --------
    >>> r = sphere_plane(["1um", "10um"], "Au", "Si", radius="50um", thickness="1mm")
    >>> [float("%.4g" % f) for f in r.force_N]
    [3.416e-38, 9.419e-40]
    """
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    lengths = {"radius": body_length(radius, "radius"),
               "thickness": body_length(thickness, "thickness", half_space=True)}
    return _run("sphere-plane", gap, a, b, lengths, density1, density2, m)


def plane_plane(gap: Any, a: Any, b: Any, *, thickness1: Any = None, thickness2: Any = None,
                density1: Any = None, density2: Any = None, model: Model | None = None,
                nature: str | None = None, ordering: str | None = None, lightest: Any = None,
                preset: Any = None, delta: Any = None, alpha21: Any = None,
                alpha31: Any = None) -> BodyInteraction:
    """Energy per unit area (eV/m^2, J/m^2) and pressure (N/m^2) between two parallel plates.

    ``E/A = n_1 n_2 sum_n c_n (I/A)(q_n)`` over the Yukawa spectrum of Eq. (1) of
    Segarra & Bernabeu (2020), I/A of :func:`yukawa_plane_plane`.

    Parameters
    ----------
    gap : float or str or array_like
        Surface-to-surface distance in metres: a number, a string with a unit
        (``"10um"``), an astropy/pint quantity, or a sequence / NumPy array (then the
        results are arrays of its shape).
    a, b : str or nusym.materials.Material
        The materials of the two bodies (anything :func:`nusym.materials.material`
        accepts); body ``a`` is the first one named in the geometry.
    thickness1, thickness2 : float or str, optional
        Thicknesses of the plates of ``a`` and ``b``; ``None`` (default): half-spaces.
    density1, density2 : float or str, optional
        Mass densities in kg/m^3, or strings with a unit (``"19.3g/cm3"``).  Default:
        that of the natural element (:func:`number_density`); compounds need one.
    model : nusym.Model, optional
        The neutrino sector (nature, masses, mixing).  Instead, the shorthand
        keywords ``nature``, ``ordering``, ``lightest`` (eV), ``preset``,
        ``delta``, ``alpha21``, ``alpha31`` (degrees) of
        :meth:`nusym.Model.from_preset`; giving both is an error.  Default: Dirac,
        normal ordering, lightest mass 0, preset ``segarra2020``.

    Returns
    -------
    BodyInteraction
        Per unit area: ``energy_eV`` (eV/m^2), ``energy_J`` (J/m^2), ``force_N``
        (the pressure, N/m^2, positive = repulsive), ``per_area`` = True.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A gap or body length that is missing its unit, not positive, or outside
        1e-20..1e20 m.
    nusym.errors.InvalidMaterialError
        An unknown material, or one without a known density when none is given.
    nusym.errors.InvalidOptionError
        Both ``model`` and shorthand keywords, or a bad shorthand value.

    Examples
    --------
    >>> r = plane_plane("1um", "Au", "Au")
    >>> r.per_area, float("%.4g" % r.energy_J), float("%.4g" % r.force_N)
    (True, 9.825e-34, 1.271e-27)
    """
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    lengths = {"thickness1": body_length(thickness1, "thickness1", half_space=True),
               "thickness2": body_length(thickness2, "thickness2", half_space=True)}
    return _run("plane-plane", gap, a, b, lengths, density1, density2, m)


def interaction(geometry: str, gap: Any, a: Any, b: Any, *, radius1: Any | None = None,
                radius2: Any | None = None, thickness1: Any | None = None,
                thickness2: Any | None = None, density1: Any = None, density2: Any = None,
                model: Model | None = None, nature: str | None = None,
                ordering: str | None = None, lightest: Any = None, preset: Any = None,
                delta: Any = None, alpha21: Any = None, alpha31: Any = None) -> BodyInteraction:
    """Dispatch on ``geometry`` (one of :data:`GEOMETRIES` except "atoms"); used by the CLI.

    The interaction of two bodies through the potential of Eq. (1) of Segarra &
    Bernabeu (2020), by :func:`sphere_sphere`, :func:`sphere_plane` or
    :func:`plane_plane`.

    Parameters
    ----------
    geometry : {"sphere-sphere", "sphere-plane", "plane-plane"}
        The bodies: two balls, a ball (``a``) above a plate (``b``), or two plates.
    gap, a, b
        As in :func:`sphere_sphere`.
    radius1, radius2 : float or str, optional
        ``sphere-sphere`` needs both; ``sphere-plane`` needs ``radius1`` (the
        sphere, body ``a``).
    thickness1, thickness2 : float or str, optional
        ``sphere-plane`` takes ``thickness2`` (the plate), ``plane-plane`` both;
        default half-spaces.  A length that the geometry does not use is an error.
    density1, density2, model
        As in :func:`sphere_sphere` (and the shorthand keywords of the model).

    Returns
    -------
    BodyInteraction
        As the function of the geometry returns it.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown geometry, a missing radius, or a length the geometry does not use.

    Examples
    --------
    >>> r = interaction("plane-plane", "1um", "Au", "Au", nature="majorana", lightest="0.05")
    >>> r.force_N == plane_plane("1um", "Au", "Au", nature="majorana", lightest="0.05").force_N
    True
    >>> interaction("sphere-plane", "1um", "W", "W", radius2="1mm")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: geometry 'sphere-plane' needs radius1 (the radius of the sphere, body A); radius2
    is not used by it (sphere-plane: body A is the sphere, body B the plate; lengths radius1, thickness2)
    """
    key = check_choice(geometry, "geometry", [g for g in GEOMETRIES if g != "atoms"])
    allowed = {"sphere-sphere": ("radius1", "radius2"), "sphere-plane": ("radius1", "thickness2"),
               "plane-plane": ("thickness1", "thickness2")}
    given = {"radius1": radius1, "radius2": radius2, "thickness1": thickness1, "thickness2": thickness2}
    unused = [k for k, v in given.items() if v is not None and k not in allowed[key]]
    roles = {"sphere-sphere": "body A and body B are spheres; lengths radius1, radius2",
             "sphere-plane": "body A is the sphere, body B the plate; lengths radius1, thickness2",
             "plane-plane": "two plates; lengths thickness1, thickness2 (default: half-spaces)"}[key]
    missing = [k for k in allowed[key] if k.startswith("radius") and given[k] is None]
    if missing or unused:
        parts = []
        if missing:
            what = {"radius1": "the radius of the sphere, body A" if key == "sphere-plane"
                    else "the radius of sphere A", "radius2": "the radius of sphere B"}
            parts.append(f"needs {' and '.join(f'{m} ({what[m]})' for m in missing)}")
        if unused:
            parts.append(f"{', '.join(unused)} {'is' if len(unused) == 1 else 'are'} not used by it")
        raise InvalidOptionError(f"geometry {key!r} {'; '.join(parts)} ({key}: {roles})")
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    common = dict(density1=density1, density2=density2, model=m)
    if key == "sphere-sphere":
        return sphere_sphere(gap, a, b, radius1=radius1, radius2=radius2, **common)
    if key == "sphere-plane":
        return sphere_plane(gap, a, b, radius=radius1, thickness=thickness2, **common)
    return plane_plane(gap, a, b, thickness1=thickness1, thickness2=thickness2, **common)
