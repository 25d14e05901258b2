"""Equivalence-principle violation by the two-neutrino force: accelerations and the Eotvos eta.

Two point-like test bodies A and B (e.g. Be and Ti) at distance D from the
surface of a source body of material S feel, besides gravity, the two-neutrino
force of Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020).  That
force couples to the weak charges (Z, N per atom, Eq. (5)), gravity to the mass,
so the accelerations per unit mass differ between materials: the 2-nu force
violates the weak equivalence principle (WEP).

Definitions (all accelerations are components along the line to the source,
**positive towards the source**, in m/s^2):

* ``accel_X`` (X = A, B): the 2-nu force on one *mean atom* of X divided by its
  mass (the force per unit mass of a body of X: charges and mass are both
  additive).  The 2-nu force is repulsive where V > 0 (e.g. every pair at
  short range with the defaults), so ``accel_X`` is then negative;
* ``accel_gravity``: the Newtonian acceleration G M_S/(R + D)^2 towards a sphere
  (radius R, mass M_S), or 2 pi G rho T towards a plate of thickness T;
* ``delta_accel = accel_a - accel_b``;
* ``eta = 2 (a_A - a_B)/(a_A + a_B)`` with the total accelerations
  a_X = accel_gravity + accel_X (the usual Eotvos parameter of free fall towards the
  source), i.e. ``eta ~= delta_accel/accel_gravity``: the WEP violation that the 2-nu
  force alone would produce.  It is antisymmetric in A <-> B and exactly 0 for A = B.

The source is a uniform sphere (default: radius 1 cm, a typical laboratory
attractor; its density from the material) or, with ``source_thickness``, a
plate of infinite lateral extent (a half-space would pull with infinite
gravity, so a finite thickness is required).  The force of the source on an
atom is a sum of Yukawa forces, the spectrum of Eq. (1)
(:func:`nusym.geometry.spectrum_for`, V = sum_n c_n exp(-q_n r)/r): outside a
uniform ball of N_S atoms the potential of each Yukawa is N_S Phi(q R)
exp(-q r)/r (:func:`nusym.geometry.sphere_form_factor_scaled`), so::

    F(r) = N_S sum_n c_n Phi(q_n R) exp(-q_n r) (q_n/r + 1/r^2),   r = R + D,

and for a plate F = n_S sum_n c_n (2 pi/q_n) exp(-q_n D)(1 - exp(-q_n T)).
Checked in ``tests/test_wep.py`` against direct integration over the source
volume of the atom-atom force of Eq. (1) evaluated by an independent quadrature
(better than 1e-12).

The neutrino sector is a :class:`nusym.model.Model` (``model=``) or the shorthand
keywords of :meth:`nusym.model.Model.from_preset` (``nature``, ``ordering``,
``lightest``, ``preset``, ``delta``, ``alpha21``, ``alpha31``), resolved once per
call.  Distances and sizes are lengths of :mod:`nusym.inputs` (1e-20 m to
1e20 m), densities go through :func:`nusym.inputs.parse_density`.

>>> res = eotvos("Be", "Ti", "W", "10um")
>>> res.accel_a < 0 < res.accel_gravity, float("%.3g" % res.eta)
(True, 2.37e-24)
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from nusym.constants import constant_float
from nusym.errors import InvalidLengthError, InvalidOptionError, InvalidParameterError
from nusym.geometry import body_length, check_finite, number_density, spectrum_for, sphere_form_factor_scaled
from nusym.inputs import lengths_double, parse_density
from nusym.materials import material
from nusym.model import Model, resolve_model
from nusym.reprs import html_columns
from nusym.sources import parse_source
from nusym.units import force_to_newton

__all__ = ["WEPResult", "SourceBody", "DEFAULT_SOURCE_RADIUS", "eotvos", "acceleration", "source_body",
           "source_gravity"]

#: radius of the default (spherical) source body
DEFAULT_SOURCE_RADIUS = "1cm"

#: distances summed at once (rows of the distance x node matrices)
_CHUNK = 2048


class WEPResult(NamedTuple):
    """Accelerations (m/s^2, positive towards the source) and eta; floats or NumPy arrays."""

    accel_a: Any        #: 2-nu acceleration of test body A
    accel_b: Any        #: 2-nu acceleration of test body B
    delta_accel: Any    #: accel_a - accel_b
    accel_gravity: Any  #: Newtonian acceleration towards the source
    eta: Any            #: 2 (a_A - a_B)/(a_A + a_B), a_X = accel_gravity + accel_X

    def _repr_html_(self) -> str:
        """A table of the accelerations and eta (Jupyter)."""
        return html_columns(
            {"accel A (m/s^2)": self.accel_a, "accel B (m/s^2)": self.accel_b,
             "A - B (m/s^2)": self.delta_accel, "gravity (m/s^2)": self.accel_gravity, "eta": self.eta},
            caption="Accelerations towards the source (positive = towards it) and the Eotvos parameter")


class SourceBody(NamedTuple):
    """The source body: ``shape`` ("sphere" or "plate"), its radius or thickness (m), atoms/m^3, kg/m^3."""

    shape: str
    size_m: float
    n_m3: float
    rho_kg_m3: float


def source_body(source: Any, *, source_radius: Any = None, source_thickness: Any = None,
                source_density: Any = None) -> SourceBody:
    """The source of :func:`eotvos` as a :class:`SourceBody` (validated; what the CLI prints).

    Parameters
    ----------
    source : str
        The material of the source.
    source_radius : float or str, optional
        Radius of a spherical source (default :data:`DEFAULT_SOURCE_RADIUS`).
    source_thickness : float or str, optional
        If given, the source is a plate of this thickness (not with
        ``source_radius``).
    source_density : float or str, optional
        kg/m^3 or a string with a unit (default: the natural element's).

    Returns
    -------
    SourceBody
        ``shape`` (``"sphere"`` or ``"plate"``), ``size_m``, ``n_m3`` (atoms per
        m^3), ``rho_kg_m3``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        Both a radius and a thickness.
    nusym.errors.InvalidMaterialError
        An unknown material or one without a known density.

    Examples
    --------
    >>> source_body("W", source_thickness="1mm", source_density="19.3 g/cm3")[:2]
    ('plate', 0.001)
    >>> source_body("W", source_radius="1mm", source_thickness="1mm")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidOptionError: give either source_radius (--source-radius; a spherical source) or
    source_thickness (--source-thickness; a plate), not both
    """
    if source_thickness is not None and source_radius is not None:
        raise InvalidOptionError(
            "give either source_radius (--source-radius; a spherical source) or source_thickness "
            "(--source-thickness; a plate), not both")
    density = None if source_density is None else parse_density(source_density)
    n = number_density(source, density)  # InvalidMaterialError when no density is known or given
    rho_text = material(source, density=density).density_kg_m3
    assert rho_text is not None  # checked by number_density
    rho = float(rho_text)
    if source_thickness is not None:
        return SourceBody("plate", body_length(source_thickness, "source thickness"), n, rho)
    radius = DEFAULT_SOURCE_RADIUS if source_radius is None else source_radius
    return SourceBody("sphere", body_length(radius, "source radius"), n, rho)


def _source_body(source: Any, source_radius: Any, source_thickness: Any, source_density: Any) -> SourceBody:
    """Transitional positional form for ``nusym.cli.wep`` (which still imports it): use :func:`source_body`."""
    return source_body(source, source_radius=source_radius, source_thickness=source_thickness,
                       source_density=source_density)


def _distances(distance: Any) -> tuple[Any, bool]:
    """(distances in metres as a float array, is_scalar), from the source surface."""
    try:
        return lengths_double(distance, "distance")
    except InvalidLengthError as exc:
        raise InvalidLengthError(f"{exc} (the distance of the test bodies from the source surface)") from None


def _force_on_atom_nat(test: Any, source: Any, body: SourceBody, distances_m: Any, model: Model) -> Any:
    """Radial 2-nu force (eV^2, positive = away from the source) on one mean atom of ``test``."""
    hc = constant_float("hbar_c")
    d = np.atleast_1d(distances_m).ravel()
    largest = float(d.max()) + 2 * body.size_m
    spec = spectrum_for(test, source, float(d.min()), largest, model=model)
    q, c = spec.q, spec.c
    size = body.size_m / hc
    n_nat = body.n_m3 * hc**3
    out = np.empty(d.size)
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):   # checked by the caller
        if body.shape == "sphere":
            weights = c * sphere_form_factor_scaled(q * size) * (n_nat * 4.0 * math.pi / 3.0 * size**3)
        else:
            weights = c * (2.0 * math.pi * n_nat / q) * -np.expm1(-q * size)
        for start in range(0, d.size, _CHUNK):
            dd = d[start:start + _CHUNK] / hc
            e = np.exp(-np.multiply.outer(dd, q))
            if body.shape == "sphere":
                r = (dd + size)[:, None]
                out[start:start + dd.size] = (e * (q[None, :] / r + 1.0 / r**2)) @ weights
            else:
                out[start:start + dd.size] = e @ weights
    return out


def _gravity(body: SourceBody, d: Any) -> Any:
    """Newtonian acceleration towards the source (m/s^2) at distances ``d`` (m) from its surface."""
    G = constant_float("G_N")
    if body.shape == "sphere":
        mass = body.rho_kg_m3 * 4.0 * math.pi / 3.0 * body.size_m**3
        return G * mass / (body.size_m + np.asarray(d, dtype=float)) ** 2
    return np.full(np.shape(d), 2.0 * math.pi * G * body.rho_kg_m3 * body.size_m)


def _acceleration(test: Any, source: Any, body: SourceBody, d: Any, model: Model) -> Any:
    """2-nu acceleration towards the source (m/s^2) of a test body, flat array."""
    f_nat = _force_on_atom_nat(test, source, body, d, model)
    check_finite(f_nat, "2-nu force")
    mass = float(parse_source(test).mass_kg())
    return -force_to_newton(f_nat) / mass + 0.0    # + 0.0: no -0.0 where the force underflows


def _model(model: Model | None, nature: Any, ordering: Any, lightest: Any, preset: Any, delta: Any,
           alpha21: Any, alpha31: Any) -> Model:
    return resolve_model(model, nature=nature, ordering=ordering, lightest=lightest, preset=preset,
                         delta=delta, alpha21=alpha21, alpha31=alpha31)


def source_gravity(source: Any, distance: Any, *, source_radius: Any = None, source_thickness: Any = None,
                   source_density: Any = None) -> Any:
    """Newtonian acceleration (m/s^2) towards the source at ``distance`` from its surface.

    Sphere: G M/(R + D)^2 with M = rho 4 pi R^3/3; plate: 2 pi G rho T (independent of D).
    G from ``constants.toml``.  Independent of the neutrinos (no model): the
    reference against which the force of Eq. (1) of Segarra & Bernabeu (2020) is
    compared.

    Parameters
    ----------
    source : str
        The material of the source.
    distance : float or str or array_like
        From the source's surface, in metres.
    source_radius, source_thickness, source_density : float or str, optional
        As in :func:`eotvos`.

    Returns
    -------
    float or numpy.ndarray
        m/s^2, positive towards the source.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A bad distance or size.
    nusym.errors.InvalidMaterialError
        An unknown material or one without a known density.

    Examples
    --------
    >>> float("%.6g" % source_gravity("W", "1cm"))
    1.34894e-08
    """
    d, scalar = _distances(distance)
    body = source_body(source, source_radius=source_radius, source_thickness=source_thickness,
                       source_density=source_density)
    g = _gravity(body, d)
    check_finite(g, "gravitational acceleration")
    return float(g) if scalar else g


def acceleration(test: Any, source: Any, distance: Any, *, source_radius: Any = None,
                 source_thickness: Any = None, source_density: Any = None, model: Model | None = None,
                 nature: str | None = None, ordering: str | None = None, lightest: Any = None,
                 preset: Any = None, delta: Any = None, alpha21: Any = None, alpha31: Any = None) -> Any:
    """2-nu acceleration (m/s^2, positive towards the source) of a point-like body of ``test``.

    The force of Eq. (1) of Segarra & Bernabeu (2020) integrated over the source
    (module docstring) on one mean atom of ``test``, divided by its mass.

    Parameters
    ----------
    test, source : str
        The materials of the test body and of the source.
    distance : float or str or array_like
        From the source's surface, in metres.
    source_radius, source_thickness, source_density : float or str, optional
        As in :func:`eotvos`.
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature``, ``ordering``,
        ``lightest`` (eV), ``preset``, ``delta``, ``alpha21``, ``alpha31`` of
        :meth:`nusym.Model.from_preset` (not both).

    Returns
    -------
    float or numpy.ndarray
        m/s^2, positive towards the source (negative where the force repels).

    Raises
    ------
    nusym.errors.InvalidLengthError
        A bad distance or size.
    nusym.errors.InvalidMaterialError
        An unknown material or a source without a known density.

    Examples
    --------
    >>> float("%.4g" % acceleration("Be", "W", "10um"))
    -7.053e-29
    """
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    d, scalar = _distances(distance)
    body = source_body(source, source_radius=source_radius, source_thickness=source_thickness,
                       source_density=source_density)
    out = _acceleration(test, source, body, d, m).reshape(d.shape)
    return float(out) if scalar else out


def eotvos(test_a: Any, test_b: Any, source: Any, distance: Any, *, source_radius: Any = None,
           source_thickness: Any = None, source_density: Any = None, model: Model | None = None,
           nature: str | None = None, ordering: str | None = None, lightest: Any = None,
           preset: Any = None, delta: Any = None, alpha21: Any = None, alpha31: Any = None) -> WEPResult:
    """2-nu accelerations of test bodies A, B towards a source, and the Eotvos parameter eta.

    The force is the Yukawa sum of Eq. (1) of Segarra & Bernabeu (2020)
    (:mod:`nusym.numeric.spectral`, ~1e-13 relative) integrated over the source;
    double precision.  Sign conventions in the module docstring.

    Parameters
    ----------
    test_a, test_b, source : str or nusym.materials.Material
        Materials or isotopes (anything :func:`nusym.materials.material` accepts:
        ``"Be"``, ``"Ti"``, ``"SiO2"``, ``"Fe-56"``).
    distance : float or str or array_like
        From the source's surface to the test bodies, in metres: a number, a string
        with a unit, a quantity, a sequence or a NumPy array (evaluated at once).
    source_radius : float or str, optional
        Radius of the spherical source (default :data:`DEFAULT_SOURCE_RADIUS`, 1 cm).
    source_thickness : float or str, optional
        If given, the source is a plate of this thickness and infinite lateral
        extent instead of a sphere.
    source_density : float or str, optional
        Density of the source in kg/m^3 or a string with a unit (default: the
        natural element's).
    model : nusym.Model, optional
        The neutrino sector; or the shorthand ``nature``, ``ordering``,
        ``lightest`` (eV), ``preset``, ``delta``, ``alpha21``, ``alpha31`` of
        :meth:`nusym.Model.from_preset` (not both).

    Returns
    -------
    WEPResult
        ``accel_a``, ``accel_b``, ``delta_accel``, ``accel_gravity`` (m/s^2,
        positive towards the source) and ``eta = 2 (a_A - a_B)/(a_A + a_B)`` of the
        total accelerations; floats for a scalar distance, arrays otherwise.

    Raises
    ------
    nusym.errors.InvalidLengthError
        A distance or size without a unit, not positive or out of range.
    nusym.errors.InvalidMaterialError
        An unknown material or a source without a known density.
    nusym.errors.InvalidParameterError
        eta undefined (the total accelerations cancel) or a result beyond the
        double range.

    Examples
    --------
    >>> r = eotvos("Be", "Ti", "W", [1e-6, 1e-4])
    >>> [float("%.3g" % x) for x in r.eta]
    [-2.17e-20, -5.05e-27]
    >>> eotvos("Be", "Be", "W", "10um").eta, eotvos("Ti", "Be", "W", "10um").eta == -eotvos("Be", "Ti", "W", "10um").eta
    (0.0, True)
    """
    m = _model(model, nature, ordering, lightest, preset, delta, alpha21, alpha31)
    d, scalar = _distances(distance)
    body = source_body(source, source_radius=source_radius, source_thickness=source_thickness,
                       source_density=source_density)
    acc_a = _acceleration(test_a, source, body, d, m)
    acc_b = _acceleration(test_b, source, body, d, m)
    grav = _gravity(body, d.ravel())
    delta_accel = acc_a - acc_b
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        eta = 2.0 * delta_accel / ((grav + acc_a) + (grav + acc_b))
    for values, what in ((acc_a, "acceleration"), (acc_b, "acceleration"), (delta_accel, "acceleration"),
                         (grav, "gravitational acceleration")):
        check_finite(values, what)
    if not np.all(np.isfinite(eta)):
        raise InvalidParameterError(
            "eta = 2 (a_A - a_B)/(a_A + a_B) is undefined here: the total accelerations of the two "
            "test bodies cancel (the 2-nu force balances gravity); use delta_accel")

    def out(x: Any) -> Any:
        x = x.reshape(d.shape)
        return float(x) if scalar else x

    return WEPResult(out(acc_a), out(acc_b), out(delta_accel), out(grav), out(eta))
