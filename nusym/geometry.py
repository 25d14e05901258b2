"""Extended bodies: the two-neutrino potential between spheres and plates of real materials.

Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020) is a
superposition of Yukawa potentials,

    V(r) = -1/(4 pi^2 r) Int dt Im M(t) exp(-sqrt(t) r)
         ~= sum_n c_n exp(-q_n r) / r          (r in eV^-1, V in eV),

with the t integral done by the fixed quadrature rule of
:func:`nusym.numeric.spectral.yukawa_spectrum` (q_n = sqrt(t_n) in eV, c_n
dimensionless, ~1e-13 relative over the rule's range of r).  Two uniform bodies
of number densities n_1, n_2 (atoms per volume; for a material, its *mean atom*,
which is exact because V is bilinear in the weak charges, see
:mod:`nusym.materials`) interact through

    E = n_1 n_2 Int_1 dV_1 Int_2 dV_2 V(|r_1 - r_2|) = n_1 n_2 sum_n c_n I(q_n),

where I(q) = Int Int dV_1 dV_2 exp(-q r_12)/r_12 is the Yukawa interaction of the
two geometries with unit densities, known in closed form for spheres and plates
(:func:`yukawa_sphere_sphere`, :func:`yukawa_sphere_plane`,
:func:`yukawa_plane_plane`).  The force is F = -dE/d(gap) (positive = repulsive),
from the analytic gap derivative of I.  Everything is double precision.

The Yukawa factors are written so that nothing overflows when q R ~ 1e5 (q ~
0.1 eV, R ~ mm): exp(q R) from the sphere's form factor is always combined
with exp(-q R) from the centre distance, leaving exp(-q gap) times bounded
functions (:func:`sphere_form_factor_scaled`).

Checked in ``tests/test_geometry.py`` against direct numerical volume integration
of the atom-atom potential (plane-plane slabs and half-spaces, sphere-plane:
agreement ~5e-15, asserted 1e-10), the point-particle limit of two small spheres,
the Derjaguin (proximity-force) approximation for a large sphere near a plate,
and F = -dE/d(gap) by finite differences.  The bodies are continua of uniform
density: meaningful for gaps well above the interatomic spacing (~0.3 nm).

>>> r = sphere_plane("10um", "Au", "Si", radius="100um")
>>> r.per_area, float("%.4g" % r.energy_eV), float("%.4g" % r.force_N)
(False, 8.372e-26, 2.033e-39)
"""

from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple, Optional

from nusym.errors import InvalidLengthError, InvalidMaterialError, InvalidOptionError

__all__ = [
    "GEOMETRIES",
    "BodyInteraction",
    "sphere_sphere",
    "sphere_plane",
    "plane_plane",
    "number_density",
    "sphere_form_factor_scaled",
    "yukawa_sphere_sphere",
    "yukawa_sphere_plane",
    "yukawa_plane_plane",
    "spectrum_for",
    "interaction",
]

#: geometries of :func:`interaction` / ``nusym potential --geometry`` ("atoms": Eq. (1) itself)
GEOMETRIES = ("atoms", "sphere-sphere", "sphere-plane", "plane-plane")

#: the Yukawa sums use a rule valid from min(1 nm, smallest gap) to max(1 mm, this factor
#: times the largest length of the geometry), both widened by whole decades (tested:
#: a further factor 1000 changes the results by < 1e-11 relative)
RANGE_FACTOR = 1e3

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


# ----------------------------------------------------------------------------- Yukawa factors
def sphere_form_factor_scaled(x: Any) -> Any:
    """exp(-x) Phi(x) with Phi(x) = 3 (x cosh x - sinh x)/x^3, for x = q R >= 0.

    Phi is the Yukawa form factor of a uniform sphere: outside a ball of radius R
    and unit density, Int_ball dV' exp(-q|r - r'|)/|r - r'| = (4 pi R^3/3)
    Phi(q R) exp(-q r)/r (r > R), and Int_ball dV exp(-q z) = (4 pi R^3/3) Phi(q R)
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
    import numpy as np

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
    import numpy as np

    with np.errstate(under="ignore"):
        return -np.expm1(-qt)


def _ball_volume(radius: Any) -> Any:
    return 4.0 * math.pi / 3.0 * radius**3


def yukawa_sphere_sphere(q: Any, gap: Any, radius1: Any, radius2: Any) -> tuple[Any, Any]:
    """(I, -dI/d gap) for two uniform balls of unit density and exp(-q r)/r.

    Both balls act as points carrying their form factors (the shell theorem for
    the screened Poisson equation):

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
    import numpy as np

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
    whose centre is at z = R + gap, Int_ball exp(-q z) dV = V Phi(q R) exp(-q(R + gap)):

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
    import numpy as np

    q = np.asarray(q, dtype=float)
    with np.errstate(under="ignore"):
        value = (_ball_volume(radius) * sphere_form_factor_scaled(q * radius) * (2.0 * math.pi / q**2)
                 * _one_minus_exp(q * thickness) * np.exp(-q * gap))
    return value, value * q


def yukawa_plane_plane(q: Any, gap: Any, thickness1: Any = math.inf,
                       thickness2: Any = math.inf) -> tuple[Any, Any]:
    """(I/A, -d(I/A)/d gap) per unit area for two parallel plates (unit densities).

    Integrating the slab potential 2 pi exp(-q z)(1 - exp(-q T_2))/q^2 over the
    other slab's thickness:

        I/A = (2 pi/q^3) exp(-q gap) (1 - exp(-q T_1)) (1 - exp(-q T_2)),
        -d(I/A)/d gap = q I/A,

    (half-spaces: T = inf; cf. Decca et al., Ann. Phys. 318, 37 (2005), the Yukawa
    pressure between two plates).

    >>> I, P = yukawa_plane_plane(2.0, 0.5)
    >>> bool(abs(I - 2 * 3.141592653589793 / 8 * 2.718281828459045 ** -1) < 1e-15), bool(P == 2 * I)
    (True, True)
    """
    import numpy as np

    q = np.asarray(q, dtype=float)
    with np.errstate(under="ignore"):
        value = ((2.0 * math.pi / q**3) * _one_minus_exp(q * thickness1) * _one_minus_exp(q * thickness2)
                 * np.exp(-q * gap))
    return value, value * q


# ----------------------------------------------------------------------------- input
def _scalar_length(value: Any, what: str) -> float:
    """A positive, finite length in metres (number or string with a unit) as a float."""
    from nusym.numeric.potential import _one_length

    try:
        return float(_one_length(value, 20))
    except InvalidLengthError as exc:
        raise InvalidLengthError(f"{what}: {exc}") from None


def _optional_thickness(value: Any, what: str) -> float:
    """``None`` or "inf" -> inf (half-space), else a positive length in metres."""
    if value is None or isinstance(value, str) and value.strip().lower() in ("inf", "infinity"):
        return math.inf
    if isinstance(value, float) and value == math.inf:
        return math.inf
    return _scalar_length(value, what)


def _gaps(gap: Any) -> tuple[Any, bool]:
    """The gap(s) in metres as a float NumPy array, and whether a scalar was given."""
    import numpy as np

    from nusym.numeric.potential import _lengths

    if isinstance(gap, np.ndarray) and gap.dtype.kind in "iuf":
        arr = gap.astype(float)
        bad = ~np.isfinite(arr) | (arr <= 0)
        if arr.size == 0:
            raise InvalidLengthError("gap: no value given (empty array)")
        if bad.any():
            raise InvalidLengthError(
                f"gap: invalid length {arr[bad].flat[0]!r}: every gap must be positive and finite "
                f"(in metres); bodies must not touch or overlap")
        return arr, False
    try:
        values, scalar = _lengths(gap, 20)
    except InvalidLengthError as exc:
        raise InvalidLengthError(f"gap: {exc}; bodies must not touch or overlap") from None
    arr = np.array([float(v) for v in values])
    return (arr.reshape(()) if scalar else arr), scalar


def number_density(spec: Any, density: Any = None) -> float:
    """Atoms per cubic metre of a material: mass density / mean atomic mass.

    ``density`` in kg/m^3 (number or decimal string); ``None`` takes the density
    of a natural element from ``nusym/data/densities.csv`` (via
    :func:`nusym.materials.material`); compounds, alloys and isotopes need one.

    >>> float("%.6g" % number_density("W"))
    6.32214e+28
    >>> number_density("SiO2")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMaterialError: material 'SiO2' has no known density: give its mass density in kg/m^3 (density=..., on the command line --density1/--density2 or --source-density); densities are known only for natural elements solid or liquid at room temperature
    """
    from nusym.materials import material

    mat = material(spec, density=density)
    if mat.density_kg_m3 is None:
        raise InvalidMaterialError(
            f"material {mat.label!r} has no known density: give its mass density in kg/m^3 "
            f"(density=..., on the command line --density1/--density2 or --source-density); "
            f"densities are known only for natural elements solid or liquid at room temperature")
    return float(mat.number_density_m3())


def _decade_range(smallest_m: float, largest_m: float) -> tuple[float, float]:
    from nusym.numeric.spectral import R_RANGE_M, widen_by_decades

    return widen_by_decades(R_RANGE_M[0], R_RANGE_M[1], smallest_m * (1 - 1e-9), RANGE_FACTOR * largest_m)


def spectrum_for(a: Any, b: Any, smallest_m: float, largest_m: float, *, nature: str = "dirac",
                 ordering: str = "normal", lightest: Any = 0, preset: Any = "segarra2020",
                 alpha21: Any = None, alpha31: Any = None) -> Any:
    """The Yukawa spectrum (q_n in eV, c_n) for separations between the two lengths (metres).

    The rule of :func:`nusym.numeric.spectral.yukawa_spectrum` on [r_min, r_max]
    with r_min = 1 nm and r_max = 1 mm widened by whole decades until r_min <=
    ``smallest_m`` and r_max >= :data:`RANGE_FACTOR` * ``largest_m`` (so a
    result does not depend on the other gaps of a call).

    >>> s = spectrum_for("Fe-56", "Fe-56", 1e-6, 1e-2)
    >>> s.r_min, s.r_max
    (1e-09, 10.0)
    """
    from nusym.numeric.spectral import yukawa_spectrum

    lo, hi = _decade_range(smallest_m, largest_m)
    return yukawa_spectrum(a, b, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                           alpha21=alpha21, alpha31=alpha31, r_min=lo, r_max=hi)


# ----------------------------------------------------------------------------- evaluation
def _sum_over_spectrum(q: Any, c: Any, gaps_nat: Any,
                       factor: Callable[[Any, Any], tuple[Any, Any]]) -> tuple[Any, Any]:
    """(sum_n c_n I(q_n; gap), sum_n c_n F(q_n; gap)) for every gap (flat arrays)."""
    import numpy as np

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


def _natural(x_m: float) -> float:
    from nusym.constants import constant_float

    return x_m / constant_float("hbar_c")


def _finish(energy_nat: Any, force_nat: Any, shape: tuple, scalar: bool, per_area: bool) -> BodyInteraction:
    """Natural units (eV, eV^2; per area eV^3, eV^4) -> eV, J, N (per m^2)."""
    from nusym.constants import constant_float

    e = constant_float("e")
    hc = constant_float("hbar_c")
    if per_area:
        energy_eV = energy_nat / hc**2           # eV per m^2
        force_N = force_nat * (e / hc) / hc**2   # N per m^2
    else:
        energy_eV = energy_nat
        force_N = force_nat * (e / hc)
    energy_J = energy_eV * e

    def out(x: Any) -> Any:
        x = x.reshape(shape)
        return float(x) if scalar else x

    return BodyInteraction(out(energy_eV), out(energy_J), out(force_N), per_area)


def _run(geometry: str, gap: Any, a: Any, b: Any, lengths: dict[str, float], density1: Any,
         density2: Any, spectrum_kwargs: dict[str, Any]) -> BodyInteraction:
    import numpy as np

    from nusym.constants import constant_float

    gaps_m, scalar = _gaps(gap)
    n1 = number_density(a, density1)
    n2 = number_density(b, density2)
    finite = [v for v in lengths.values() if math.isfinite(v)]
    largest = float(gaps_m.max()) + 2 * sum(finite)
    spec = spectrum_for(a, b, float(gaps_m.min()), largest, **spectrum_kwargs)
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
    energy, force = _sum_over_spectrum(spec.q, spec.c, np.atleast_1d(gaps_m) / hc, factor)
    return _finish(energy * n12, force * n12, gaps_m.shape, scalar, geometry == "plane-plane")


def sphere_sphere(gap: Any, a: Any, b: Any, *, radius1: Any, radius2: Any, density1: Any = None,
                  density2: Any = None, nature: str = "dirac", ordering: str = "normal",
                  lightest: Any = 0, preset: Any = "segarra2020", alpha21: Any = None,
                  alpha31: Any = None) -> BodyInteraction:
    """Two-neutrino energy and force between two uniform balls of materials ``a`` and ``b``.

    ``gap``: the surface-to-surface distance in metres (number, string with a unit
    such as ``"10um"``, or a sequence/NumPy array); ``radius1``, ``radius2``:
    lengths (metres or strings); ``density1``, ``density2``: mass densities in
    kg/m^3 (default: that of the natural element, see :func:`number_density`).
    Other arguments as in :func:`nusym.potential`.  E = n_1 n_2 sum_n c_n
    I(q_n) with I of :func:`yukawa_sphere_sphere`; F = -dE/d(gap), positive =
    repulsive.

    >>> r = sphere_sphere("1mm", "W", "W", radius1="1mm", radius2="1mm")
    >>> float("%.4g" % r.energy_J), float("%.4g" % r.force_N)
    (5.955e-46, 1.273e-42)
    """
    kw = dict(nature=nature, ordering=ordering, lightest=lightest, preset=preset,
              alpha21=alpha21, alpha31=alpha31)
    lengths = {"radius1": _scalar_length(radius1, "radius1"), "radius2": _scalar_length(radius2, "radius2")}
    return _run("sphere-sphere", gap, a, b, lengths, density1, density2, kw)


def sphere_plane(gap: Any, a: Any, b: Any, *, radius: Any, thickness: Any = None, density1: Any = None,
                 density2: Any = None, nature: str = "dirac", ordering: str = "normal",
                 lightest: Any = 0, preset: Any = "segarra2020", alpha21: Any = None,
                 alpha31: Any = None) -> BodyInteraction:
    """Energy and force between a ball of ``a`` (``radius``) and a plate of ``b`` at ``gap``.

    The plate has infinite lateral extent and thickness ``thickness`` (``None``:
    a half-space).  Arguments as in :func:`sphere_sphere`; the Yukawa factor is
    :func:`yukawa_sphere_plane` (exact, not the proximity-force approximation).

    >>> r = sphere_plane(["1um", "10um"], "Au", "Si", radius="50um", thickness="1mm")
    >>> [float("%.4g" % f) for f in r.force_N]
    [3.416e-38, 9.419e-40]
    """
    kw = dict(nature=nature, ordering=ordering, lightest=lightest, preset=preset,
              alpha21=alpha21, alpha31=alpha31)
    lengths = {"radius": _scalar_length(radius, "radius"),
               "thickness": _optional_thickness(thickness, "thickness")}
    return _run("sphere-plane", gap, a, b, lengths, density1, density2, kw)


def plane_plane(gap: Any, a: Any, b: Any, *, thickness1: Any = None, thickness2: Any = None,
                density1: Any = None, density2: Any = None, nature: str = "dirac",
                ordering: str = "normal", lightest: Any = 0, preset: Any = "segarra2020",
                alpha21: Any = None, alpha31: Any = None) -> BodyInteraction:
    """Energy per unit area (eV/m^2, J/m^2) and pressure (N/m^2) between two parallel plates.

    Plates of thicknesses ``thickness1``, ``thickness2`` (``None``: half-spaces)
    at ``gap``; Yukawa factor :func:`yukawa_plane_plane`.  Arguments as in
    :func:`sphere_sphere`.

    >>> r = plane_plane("1um", "Au", "Au")
    >>> r.per_area, float("%.4g" % r.energy_J), float("%.4g" % r.force_N)
    (True, 9.825e-34, 1.271e-27)
    """
    kw = dict(nature=nature, ordering=ordering, lightest=lightest, preset=preset,
              alpha21=alpha21, alpha31=alpha31)
    lengths = {"thickness1": _optional_thickness(thickness1, "thickness1"),
               "thickness2": _optional_thickness(thickness2, "thickness2")}
    return _run("plane-plane", gap, a, b, lengths, density1, density2, kw)


def interaction(geometry: str, gap: Any, a: Any, b: Any, *, radius1: Optional[Any] = None,
                radius2: Optional[Any] = None, thickness1: Optional[Any] = None,
                thickness2: Optional[Any] = None, **kwargs: Any) -> BodyInteraction:
    """Dispatch on ``geometry`` (one of :data:`GEOMETRIES` except "atoms"); used by the CLI.

    ``sphere-sphere`` needs ``radius1`` and ``radius2``; ``sphere-plane`` needs
    ``radius1`` (the sphere, body ``a``) and takes ``thickness2`` (the plate);
    ``plane-plane`` takes ``thickness1``, ``thickness2``.  A length that the
    geometry does not use is an error.

    >>> interaction("sphere-plane", "1um", "W", "W", radius2="1mm")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: geometry 'sphere-plane' needs radius1 (the radius of the sphere, body A); radius2 is not used by it (sphere-plane: body A is the sphere, body B the plate; lengths radius1, thickness2)
    """
    key = geometry.strip().lower() if isinstance(geometry, str) else geometry
    allowed = {"sphere-sphere": ("radius1", "radius2"), "sphere-plane": ("radius1", "thickness2"),
               "plane-plane": ("thickness1", "thickness2")}
    if key not in allowed:
        raise InvalidOptionError(
            f"unknown geometry {geometry!r}; allowed: {', '.join(g for g in GEOMETRIES if g != 'atoms')}")
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
    if key == "sphere-sphere":
        return sphere_sphere(gap, a, b, radius1=radius1, radius2=radius2, **kwargs)
    if key == "sphere-plane":
        return sphere_plane(gap, a, b, radius=radius1, thickness=thickness2, **kwargs)
    return plane_plane(gap, a, b, thickness1=thickness1, thickness2=thickness2, **kwargs)
