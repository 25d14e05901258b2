"""The force budget: the two-neutrino force of finite bodies against gravity and the Casimir force.

The two-neutrino force is Eq. (1) of Segarra & Bernabeu, Phys. Rev. D 101, 093004
(2020) integrated over two uniform bodies (:func:`nusym.geometry.interaction`).  Next
to it, for the same bodies and gaps:

* Newtonian gravity, in closed form (positive = repulsive, so negative here):
  sphere-sphere, point masses by the shell theorem, F = -G M1 M2/D^2 with D = R1 +
  R2 + gap the centre distance; a sphere above a plate of thickness T and infinite
  lateral extent (a uniform field 2 pi G rho2 T), F = -2 pi G rho2 T M1,
  independent of the gap; two plates, per unit area, P = -2 pi G rho1 rho2 T1 T2.
  Infinite thicknesses (half-spaces) make the last two diverge and are refused.
* The Casimir force, :mod:`nusym.casimir` (ideal conductors, or the Lifshitz formula
  with plasma- or Drude-model metals, at temperature T; proximity-force approximation
  for spheres).

>>> b = budget("Au", "Au", geometry="sphere-plane", gap=["1um", "10um"], radius1="100um",
...            thickness="1mm")
>>> [float("%.4g" % f) for f in b.force_N["gravity"]]
[-6.543e-16, -6.543e-16]
>>> float("%.3g" % b.ratios["two_neutrino/casimir"][0])
-2.23e-24
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np

from nusym.casimir import CASIMIR_MODELS, casimir_force, check_temperature
from nusym.constants import constant_float
from nusym.errors import InvalidMaterialError, InvalidOptionError
from nusym.geometry import body_length, interaction, surface_gaps
from nusym.inputs import check_choice, check_flag, parse_density
from nusym.io import atomic_write_bytes, atomic_write_text
from nusym.materials import material
from nusym.model import Model, resolve_model

__all__ = [
    "BUDGET_GEOMETRIES",
    "DIFFERENCE_LIGHTEST_EV",
    "REFERENCE",
    "Budget",
    "budget",
    "gravity_sphere_sphere",
    "gravity_sphere_plane",
    "gravity_plane_plane",
    "budget_figure",
]

#: geometries of :func:`budget`
BUDGET_GEOMETRIES = ("sphere-plane", "sphere-sphere", "plane-plane")
#: the lightest masses (eV) compared by ``differences=True``
DIFFERENCE_LIGHTEST_EV = ("0", "0.1")
#: the reference geometry of :func:`budget_figure`: a gold sphere above a gold plate
REFERENCE = dict(a="Au", b="Au", geometry="sphere-plane", radius1="100um", thickness="1mm",
                 temperature=300.0)


# ----------------------------------------------------------------------------- gravity
def gravity_sphere_sphere(gap: Any, radius1: float, radius2: float, density1: float, density2: float) -> Any:
    """Newtonian force (N, negative = attractive) between two uniform balls at surface distance ``gap`` (m).

    Shell theorem: F = -G M1 M2/(R1 + R2 + gap)^2, M = 4 pi R^3 rho/3 (SI floats).

    >>> float("%.6g" % gravity_sphere_sphere(1.0, 0.5, 0.5, 1000.0, 1000.0))
    -4.57449e-06
    """
    g = constant_float("G_N")
    m1 = 4.0 * math.pi / 3.0 * radius1 ** 3 * density1
    m2 = 4.0 * math.pi / 3.0 * radius2 ** 3 * density2
    return -g * m1 * m2 / (radius1 + radius2 + np.asarray(gap, dtype=float)) ** 2


def gravity_sphere_plane(gap: Any, radius: float, thickness: float, density1: float, density2: float) -> Any:
    """Force (N) on a ball above a plate of thickness T and infinite lateral extent.

    The plate's field is uniform, 2 pi G rho2 T, so F = -2 pi G rho2 T M1 at any gap.

    >>> float("%.6g" % gravity_sphere_plane(1e-6, 1e-4, 1e-3, 19300.0, 19300.0))
    -6.54318e-16
    """
    _finite_thickness(thickness, "thickness")
    g = constant_float("G_N")
    m1 = 4.0 * math.pi / 3.0 * radius ** 3 * density1
    return np.full(np.shape(gap), -2.0 * math.pi * g * density2 * thickness * m1)


def gravity_plane_plane(gap: Any, thickness1: float, thickness2: float, density1: float,
                        density2: float) -> Any:
    """Pressure (N/m^2) between two plates of thicknesses T1, T2: -2 pi G rho1 rho2 T1 T2 at any gap.

    >>> float("%.6g" % gravity_plane_plane(1e-6, 1e-3, 1e-3, 19300.0, 19300.0))
    -1.56207e-07
    """
    _finite_thickness(thickness1, "thickness1")
    _finite_thickness(thickness2, "thickness2")
    g = constant_float("G_N")
    return np.full(np.shape(gap), -2.0 * math.pi * g * density1 * density2 * thickness1 * thickness2)


def _finite_thickness(value: float, what: str) -> None:
    if not math.isfinite(value):
        raise InvalidOptionError(
            f"{what}: the gravity of a plate of infinite lateral extent and infinite thickness (a "
            "half-space) diverges; give the plate's thickness (e.g. thickness='1mm')")


# ----------------------------------------------------------------------------- the budget
@dataclass(frozen=True)
class Budget:
    """Forces between two bodies over a set of gaps (NumPy arrays; plates: per m^2).

    ``force_N``: ``"two_neutrino"``, ``"gravity"``, ``"casimir"`` (None without
    Casimir) and with ``differences=True`` ``"dirac_minus_majorana"`` and
    ``"lightest_0_minus_0.1eV"`` (two-neutrino force differences); positive =
    repulsive.  ``ratios``: ``"X/gravity"`` and ``"X/casimir"`` of every other row
    X, and ``"casimir/gravity"``.
    """

    geometry: str
    a: str
    b: str
    gap_m: Any
    per_area: bool
    force_N: dict[str, Any]
    ratios: dict[str, Any]
    casimir: Optional[str]
    temperature_K: float
    model: Model
    bodies: dict[str, Any] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return "N/m^2" if self.per_area else "N"

    def as_dict(self, digits: int = 10) -> dict[str, Any]:
        """JSON-ready: every number a decimal string (``digits`` significant digits; gaps exact)."""
        def txt(x: Any) -> str:
            return f"{float(x) + 0.0:.{digits}g}"

        def row(values: Any) -> Optional[list[str]]:
            return None if values is None else [txt(v) for v in np.ravel(values)]

        return {
            "geometry": self.geometry, "a": self.a, "b": self.b,
            "bodies": {k: (None if v is None else repr(v) if isinstance(v, float) else v)
                       for k, v in self.bodies.items()},
            "per_area": self.per_area, "unit": self.unit,
            "casimir": self.casimir, "temperature_K": repr(self.temperature_K),
            "gap_m": [repr(float(g)) for g in np.ravel(self.gap_m)],
            "force_N": {k: row(v) for k, v in self.force_N.items()},
            "ratios": {k: row(v) for k, v in self.ratios.items()},
            "model": self.model.describe(15),
        }


def _density(spec: Any, density: Any, what: str) -> tuple[str, float]:
    mat = material(spec, density=None if density is None else parse_density(density))
    if mat.density_kg_m3 is None:
        raise InvalidMaterialError(
            f"material {mat.label!r} has no known density: give {what} in kg/m^3 (densities are known "
            "only for natural elements solid or liquid at room temperature)")
    return mat.label, float(mat.density_kg_m3)


def _lengths(geometry: str, radius1: Any, radius2: Any, thickness: Any, thickness1: Any,
             thickness2: Any) -> dict[str, Optional[float]]:
    given = {"radius1": radius1, "radius2": radius2, "thickness": thickness, "thickness1": thickness1,
             "thickness2": thickness2}
    takes = {"sphere-sphere": ("radius1", "radius2"),
             "sphere-plane": ("radius1", "thickness", "thickness2"),
             "plane-plane": ("thickness", "thickness1", "thickness2")}[geometry]
    roles = {"sphere-sphere": "body A and body B are spheres: radius1, radius2",
             "sphere-plane": "body A is the sphere (radius1), body B the plate (thickness or thickness2)",
             "plane-plane": "two plates: thickness (both) or thickness1 and thickness2"}[geometry]
    unused = [k for k, v in given.items() if v is not None and k not in takes]
    if unused:
        raise InvalidOptionError(f"geometry {geometry!r} does not take {', '.join(unused)} ({roles})")
    if thickness is not None and (thickness1 is not None or thickness2 is not None):
        raise InvalidOptionError("give either thickness or thickness1/thickness2, not both")
    out: dict[str, Optional[float]] = {"radius1": None, "radius2": None, "thickness1": None,
                                       "thickness2": None}
    if thickness is not None:
        out["thickness2"] = body_length(thickness, "thickness")
        if geometry == "plane-plane":
            out["thickness1"] = out["thickness2"]
    needs = {"sphere-sphere": ("radius1", "radius2"), "sphere-plane": ("radius1", "thickness2"),
             "plane-plane": ("thickness1", "thickness2")}[geometry]
    for key in needs:
        if out[key] is None:
            value = given[key]
            if value is None:
                why = (" (gravity diverges for a half-space)" if key.startswith("thickness") else "")
                raise InvalidOptionError(f"geometry {geometry!r} needs {key}{why} ({roles})")
            out[key] = body_length(value, key)
    return out


def _two_neutrino(geometry: str, gaps: Any, a: Any, b: Any, lengths: dict, density1: Any, density2: Any,
                  model: Model) -> Any:
    res = interaction(geometry, gaps, a, b, radius1=lengths["radius1"], radius2=lengths["radius2"],
                      thickness1=lengths["thickness1"] if geometry == "plane-plane" else None,
                      thickness2=lengths["thickness2"], density1=density1, density2=density2, model=model)
    return np.asarray(res.force_N, dtype=float)


def _lightest_variant(model: Model, lightest: str) -> Model:
    origin = dict(model.origin)
    if "preset" not in origin or "ordering" not in origin:
        raise InvalidOptionError(
            "differences=True varies the lightest mass, so the model must come from a preset "
            "(Model.from_preset or the shorthand keywords), not from explicit masses")
    phases = {k: origin.get(f"{k}_deg") for k in ("delta", "alpha21", "alpha31")}
    return Model.from_preset(origin["preset"], ordering=origin["ordering"], lightest=lightest,
                             nature=model.nature, **phases)


def budget(a: Any, b: Any, *, geometry: str = "sphere-plane", gap: Any, radius1: Any = None,
           radius2: Any = None, thickness: Any = None, thickness1: Any = None, thickness2: Any = None,
           density1: Any = None, density2: Any = None, casimir: Optional[str] = "ideal",
           temperature: Any = 0, model: Optional[Model] = None, differences: bool = False,
           **shorthand: Any) -> Budget:
    """Two-neutrino force, Newtonian gravity and Casimir force between bodies of ``a`` and ``b``.

    ``geometry``: ``"sphere-plane"`` (A the sphere of ``radius1``, B a plate of
    ``thickness`` = ``thickness2``), ``"sphere-sphere"`` (``radius1``, ``radius2``) or
    ``"plane-plane"`` (``thickness`` for both or ``thickness1``, ``thickness2``; per m^2).
    Plates need a finite thickness (their gravity diverges otherwise).  ``gap``:
    surface-to-surface distances (:func:`nusym.geometry.surface_gaps`); lengths and
    densities as in :func:`nusym.geometry.interaction`.  ``casimir``: ``"ideal"``,
    ``"plasma"``, ``"drude"`` (:func:`nusym.casimir.casimir_force`) or ``None``;
    ``temperature`` in kelvin (Casimir only).  ``model`` or the shorthand keywords
    (``nature``, ``ordering``, ``lightest``, ``preset``, ``delta``, ``alpha21``,
    ``alpha31``) fix the neutrino sector of Eq. (1) of Segarra & Bernabeu (2020).
    ``differences=True`` adds the Dirac - Majorana difference of the two-neutrino force
    (same masses and mixing) and its difference between lightest masses 0 and 0.1 eV
    (same preset, ordering, phases and nature).

    >>> b = budget("W", "W", geometry="plane-plane", gap="1um", thickness="1mm", casimir=None)
    >>> b.per_area, b.force_N["casimir"], float("%.4g" % b.force_N["gravity"][0])
    (True, None, -1.562e-07)
    """
    geometry = check_choice(geometry, "geometry", BUDGET_GEOMETRIES)
    if casimir is not None:
        casimir = check_choice(casimir, "casimir", CASIMIR_MODELS + ("none",))
        casimir = None if casimir == "none" else casimir
    t = check_temperature(temperature)
    differences = check_flag(differences, "differences")
    lengths = _lengths(geometry, radius1, radius2, thickness, thickness1, thickness2)
    gaps, _ = surface_gaps(gap)
    gaps = np.atleast_1d(gaps).ravel()
    label_a, rho1 = _density(a, density1, "density1")
    label_b, rho2 = _density(b, density2, "density2")
    m = resolve_model(model, **shorthand)

    forces: dict[str, Any] = {"two_neutrino": _two_neutrino(geometry, gaps, a, b, lengths, density1,
                                                            density2, m)}
    if geometry == "sphere-sphere":
        forces["gravity"] = gravity_sphere_sphere(gaps, lengths["radius1"], lengths["radius2"], rho1, rho2)
    elif geometry == "sphere-plane":
        forces["gravity"] = gravity_sphere_plane(gaps, lengths["radius1"], lengths["thickness2"], rho1, rho2)
    else:
        forces["gravity"] = gravity_plane_plane(gaps, lengths["thickness1"], lengths["thickness2"], rho1, rho2)
    forces["casimir"] = None
    if casimir is not None:
        forces["casimir"] = np.atleast_1d(casimir_force(
            geometry, gaps, label_a, label_b, radius1=lengths["radius1"], radius2=lengths["radius2"],
            model=casimir, temperature=t).force_N)
    if differences:
        dirac = _two_neutrino(geometry, gaps, a, b, lengths, density1, density2, m.with_nature("dirac"))
        majorana = _two_neutrino(geometry, gaps, a, b, lengths, density1, density2, m.with_nature("majorana"))
        forces["dirac_minus_majorana"] = dirac - majorana
        low, high = (_two_neutrino(geometry, gaps, a, b, lengths, density1, density2,
                                   _lightest_variant(m, v)) for v in DIFFERENCE_LIGHTEST_EV)
        forces[f"lightest_{DIFFERENCE_LIGHTEST_EV[0]}_minus_{DIFFERENCE_LIGHTEST_EV[1]}eV"] = low - high
    ratios: dict[str, Any] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        for key, values in forces.items():
            if key in ("gravity", "casimir"):
                continue
            ratios[f"{key}/gravity"] = values / forces["gravity"]
            if forces["casimir"] is not None:
                ratios[f"{key}/casimir"] = values / forces["casimir"]
        if forces["casimir"] is not None:
            ratios["casimir/gravity"] = forces["casimir"] / forces["gravity"]
    bodies = {"radius1_m": lengths["radius1"], "radius2_m": lengths["radius2"],
              "thickness1_m": lengths["thickness1"], "thickness2_m": lengths["thickness2"],
              "density1_kg_m3": rho1, "density2_kg_m3": rho2}
    return Budget(geometry, label_a, label_b, gaps, geometry == "plane-plane", forces, ratios, casimir, t, m,
                  bodies)


# ----------------------------------------------------------------------------- the figure
def _save(fig: Any, path: str) -> None:
    fmt = path.rsplit(".", 1)[-1].lower()
    meta = {"Software": None} if fmt == "png" else {"Creator": None, "Producer": None, "CreationDate": None}
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=150, metadata=meta)
    atomic_write_bytes(path, buf.getvalue())


def budget_figure(path_png: str, path_pdf: str, path_csv: str, *, points: int = 31) -> dict[str, Any]:
    """The force budget against the gap for the reference geometry :data:`REFERENCE`.

    A gold sphere of radius 100 um above a gold plate 1 mm thick (a typical
    micron-scale Casimir/short-range-gravity set-up), gaps 0.1 um to 100 um: |F| of the
    two-neutrino force (Dirac and Majorana, lightest mass 0, default preset), Newtonian
    gravity, and the Casimir force at 300 K (Lifshitz, plasma and Drude gold, PFA);
    log-log.  Writes the PNG, the PDF and the numbers as CSV (via :mod:`nusym.io`);
    returns a summary (the ratios at 1 um).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ref = dict(REFERENCE)
    gaps = np.geomspace(1e-7, 1e-4, points)
    common = dict(geometry=ref["geometry"], gap=gaps, radius1=ref["radius1"], thickness=ref["thickness"],
                  temperature=ref["temperature"])
    dirac = budget(ref["a"], ref["b"], casimir="plasma", nature="dirac", **common)
    majorana = budget(ref["a"], ref["b"], casimir="drude", nature="majorana", **common)
    columns = {
        "two_neutrino_dirac_N": dirac.force_N["two_neutrino"],
        "two_neutrino_majorana_N": majorana.force_N["two_neutrino"],
        "gravity_N": dirac.force_N["gravity"],
        "casimir_plasma_300K_N": dirac.force_N["casimir"],
        "casimir_drude_300K_N": majorana.force_N["casimir"],
    }
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["# nusym budget: Au sphere R = 100 um above an Au plate 1 mm thick; forces in N, "
                "positive = repulsive; Casimir: Lifshitz at 300 K with PFA"])
    w.writerow(["gap_m", *columns])
    for k, g in enumerate(gaps):
        w.writerow([repr(float(g)), *(repr(float(v[k])) for v in columns.values())])
    atomic_write_text(path_csv, out.getvalue())

    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    styles = {"two_neutrino_dirac_N": ("C0", "-", r"$2\nu$, Dirac"),
              "two_neutrino_majorana_N": ("C0", "--", r"$2\nu$, Majorana"),
              "gravity_N": ("k", "-", "Newtonian gravity"),
              "casimir_plasma_300K_N": ("C3", "-", "Casimir, plasma Au, 300 K"),
              "casimir_drude_300K_N": ("C3", "--", "Casimir, Drude Au, 300 K")}
    for key, values in columns.items():
        color, ls, label = styles[key]
        y = np.abs(np.asarray(values, dtype=float))
        ax.plot(gaps * 1e6, np.where(y > 0, y, np.nan), color=color, ls=ls, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"gap ($\mu$m)")
    ax.set_ylabel(r"$|F|$ (N)")
    ax.set_title(r"Au sphere $R = 100\,\mu$m above a 1 mm Au plate", fontsize=10)
    ax.grid(alpha=0.3, which="major")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    _save(fig, path_png)
    _save(fig, path_pdf)
    plt.close(fig)
    at = int(np.argmin(np.abs(gaps - 1e-6)))
    return {"points": points, "geometry": "Au sphere R = 100 um above an Au plate 1 mm thick, 300 K",
            "gap_at_m": float(gaps[at]),
            "two_neutrino_over_gravity": float(dirac.ratios["two_neutrino/gravity"][at]),
            "two_neutrino_over_casimir": float(dirac.ratios["two_neutrino/casimir"][at]),
            "dirac_over_majorana": float(dirac.force_N["two_neutrino"][at]
                                         / majorana.force_N["two_neutrino"][at])}
