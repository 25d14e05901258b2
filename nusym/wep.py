"""Equivalence-principle violation by the two-neutrino force: accelerations and the Eotvos eta.

Two point-like test bodies A and B (e.g. Be and Ti) at distance D from the
surface of a source body of material S feel, besides gravity, the two-neutrino
force of Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004 (2020).  That
force couples to the weak charges (Z, N per atom, Eq. 5), gravity to the mass,
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
atom is a sum of Yukawa forces (:func:`nusym.geometry.spectrum_for`): outside a
uniform ball of N_S atoms the potential of each Yukawa is N_S Phi(q R)
exp(-q r)/r (:func:`nusym.geometry.sphere_form_factor_scaled`), so

    F(r) = N_S sum_n c_n Phi(q_n R) exp(-q_n r) (q_n/r + 1/r^2),   r = R + D,

and for a plate F = n_S sum_n c_n (2 pi/q_n) exp(-q_n D)(1 - exp(-q_n T)).
Checked in ``tests/test_wep.py`` against direct integration of the atom-atom
force over the source volume (better than 1e-9).

>>> res = eotvos("Be", "Ti", "W", "10um")
>>> res.accel_a < 0 < res.accel_gravity, float("%.3g" % res.eta)
(True, 2.37e-24)
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from nusym.errors import InvalidOptionError

__all__ = ["WEPResult", "eotvos", "acceleration", "source_gravity", "DEFAULT_SOURCE_RADIUS"]

#: radius of the default (spherical) source body
DEFAULT_SOURCE_RADIUS = "1cm"


class WEPResult(NamedTuple):
    """Accelerations (m/s^2, positive towards the source) and eta; floats or NumPy arrays."""

    accel_a: Any        #: 2-nu acceleration of test body A
    accel_b: Any        #: 2-nu acceleration of test body B
    delta_accel: Any    #: accel_a - accel_b
    accel_gravity: Any  #: Newtonian acceleration towards the source
    eta: Any            #: 2 (a_A - a_B)/(a_A + a_B), a_X = accel_gravity + accel_X


class _Source(NamedTuple):
    shape: str           # "sphere" or "plate"
    size_m: float        # radius or thickness
    n_m3: float          # atoms per m^3
    rho_kg_m3: float     # mass density


def _source_body(source: Any, source_radius: Any, source_thickness: Any, source_density: Any) -> _Source:
    from nusym.geometry import _scalar_length, number_density
    from nusym.materials import material

    n = number_density(source, source_density)
    rho = float(material(source, density=source_density).density_kg_m3)
    if source_thickness is not None:
        if source_radius is not None:
            raise InvalidOptionError(
                "give either source_radius (--source-radius; a spherical source) or source_thickness "
                "(--source-thickness; a plate), not both")
        return _Source("plate", _scalar_length(source_thickness, "source thickness"), n, rho)
    radius = DEFAULT_SOURCE_RADIUS if source_radius is None else source_radius
    return _Source("sphere", _scalar_length(radius, "source radius"), n, rho)


def _force_on_atom_nat(test: Any, source: Any, body: _Source, distances_m: Any, kwargs: dict) -> Any:
    """Radial 2-nu force (eV^2, positive = away from the source) on one mean atom of ``test``."""
    import numpy as np

    from nusym.constants import constant_float
    from nusym.geometry import _CHUNK, sphere_form_factor_scaled, spectrum_for

    hc = constant_float("hbar_c")
    d = np.atleast_1d(distances_m).ravel()
    largest = float(d.max()) + 2 * body.size_m
    spec = spectrum_for(test, source, float(d.min()), largest, **kwargs)
    q, c = spec.q, spec.c
    size = body.size_m / hc
    n_nat = body.n_m3 * hc**3
    out = np.empty(d.size)
    with np.errstate(under="ignore"):
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


def source_gravity(source: Any, distance: Any, *, source_radius: Any = None, source_thickness: Any = None,
                   source_density: Any = None) -> Any:
    """Newtonian acceleration (m/s^2) towards the source at ``distance`` from its surface.

    Sphere: G M/(R + D)^2 with M = rho 4 pi R^3/3; plate: 2 pi G rho T (independent of D).
    G from ``constants.toml`` (CODATA 2018).

    >>> float("%.6g" % source_gravity("W", "1cm"))
    1.34894e-08
    """
    d, scalar = _distances(distance)
    body = _source_body(source, source_radius, source_thickness, source_density)
    g = _gravity(body, d)
    return float(g) if scalar else g


def _gravity(body: _Source, d: Any) -> Any:
    import numpy as np

    from nusym.constants import constant_float

    G = constant_float("G_N")
    if body.shape == "sphere":
        mass = body.rho_kg_m3 * 4.0 * math.pi / 3.0 * body.size_m**3
        return G * mass / (body.size_m + np.asarray(d, dtype=float)) ** 2
    return np.full(np.shape(d), 2.0 * math.pi * G * body.rho_kg_m3 * body.size_m)


def _acceleration(test: Any, source: Any, body: _Source, d: Any, kwargs: dict) -> Any:
    """2-nu acceleration towards the source (m/s^2) of a test body, flat array."""
    from nusym.sources import parse_source
    from nusym.units import force_to_newton

    f_nat = _force_on_atom_nat(test, source, body, d, kwargs)
    mass = float(parse_source(test).mass_kg())
    return -force_to_newton(f_nat) / mass


def acceleration(test: Any, source: Any, distance: Any, *, source_radius: Any = None,
                 source_thickness: Any = None, source_density: Any = None, nature: str = "dirac",
                 ordering: str = "normal", lightest: Any = 0, preset: Any = "segarra2020",
                 alpha21: Any = None, alpha31: Any = None) -> Any:
    """2-nu acceleration (m/s^2, positive towards the source) of a point-like body of ``test``.

    Arguments as in :func:`eotvos`.

    >>> float("%.4g" % acceleration("Be", "W", "10um"))
    -7.053e-29
    """
    d, scalar = _distances(distance)
    body = _source_body(source, source_radius, source_thickness, source_density)
    kw = dict(nature=nature, ordering=ordering, lightest=lightest, preset=preset,
              alpha21=alpha21, alpha31=alpha31)
    out = _acceleration(test, source, body, d, kw).reshape(d.shape)
    return float(out) if scalar else out


def _distances(distance: Any) -> tuple[Any, bool]:
    from nusym.errors import InvalidLengthError
    from nusym.geometry import _gaps

    try:
        return _gaps(distance)
    except InvalidLengthError as exc:
        text = str(exc).replace("gap:", "distance:", 1).replace("every gap", "every distance")
        text = text.replace("; bodies must not touch or overlap", " (from the source surface)")
        raise InvalidLengthError(text) from None


def eotvos(test_a: Any, test_b: Any, source: Any, distance: Any, *, source_radius: Any = None,
           source_thickness: Any = None, source_density: Any = None, nature: str = "dirac",
           ordering: str = "normal", lightest: Any = 0, preset: Any = "segarra2020",
           alpha21: Any = None, alpha31: Any = None) -> WEPResult:
    """2-nu accelerations of test bodies A, B towards a source, and the Eotvos parameter eta.

    ``test_a``, ``test_b``, ``source``: materials or isotopes (anything
    :func:`nusym.materials.material` accepts: ``"Be"``, ``"Ti"``, ``"SiO2"``,
    ``"Fe-56"``).  ``distance``: from the source's surface to the test bodies, in
    metres (number, string with a unit, sequence or NumPy array; arrays are
    evaluated at once).  Source: a sphere of radius ``source_radius`` (default
    1 cm) or, if ``source_thickness`` is given, a plate of that thickness and
    infinite lateral extent; ``source_density`` in kg/m^3 (default: the natural
    element's).  ``nature``, ``ordering``, ``lightest`` (eV), ``preset``,
    ``alpha21``, ``alpha31``: as in :func:`nusym.potential`.  Double precision
    (the Yukawa sum of :mod:`nusym.numeric.spectral`, ~1e-13 relative).

    Returns a :class:`WEPResult` (floats for a scalar distance, arrays otherwise);
    sign conventions in the module docstring: accelerations positive towards the
    source, eta = 2 (a_A - a_B)/(a_A + a_B) of the total accelerations.

    >>> r = eotvos("Be", "Ti", "W", [1e-6, 1e-4])
    >>> [float("%.3g" % x) for x in r.eta]
    [-2.17e-20, -5.05e-27]
    >>> eotvos("Be", "Be", "W", "10um").eta, eotvos("Ti", "Be", "W", "10um").eta == -eotvos("Be", "Ti", "W", "10um").eta
    (0.0, True)
    """
    d, scalar = _distances(distance)
    body = _source_body(source, source_radius, source_thickness, source_density)
    kw = dict(nature=nature, ordering=ordering, lightest=lightest, preset=preset,
              alpha21=alpha21, alpha31=alpha31)
    acc_a = _acceleration(test_a, source, body, d, kw)
    acc_b = _acceleration(test_b, source, body, d, kw)
    grav = _gravity(body, d.ravel())
    delta = acc_a - acc_b
    eta = 2.0 * delta / ((grav + acc_a) + (grav + acc_b))

    def out(x: Any) -> Any:
        x = x.reshape(d.shape)
        return float(x) if scalar else x

    return WEPResult(out(acc_a), out(acc_b), out(delta), out(grav), out(eta))
