"""Real materials as sources: natural elements, isotopes, compounds, alloys, mass fractions.

A :class:`Material` is a list of isotopes (:class:`Component`) with the number of
atoms of each per formula unit.  Natural elements carry their terrestrial
isotopic composition (CIAAW 2021, ``nusym/data/natural_isotopes.csv``) and every
isotope its AME2020 atomic mass (``nusym/data/isotopes.csv``); element densities come from
``nusym/data/densities.csv`` (CRC Handbook); see ``nusym/data/README.md``.

The coherent weak charge of a neutral atom, Eq. (5) of Segarra & Bernabeu 2020::

    Q^{ij}_W(Z, N) = 2 Z U_ei U*_ej - N delta_ij,

is linear in (Z, N); the potential of Eq. (1) is bilinear in the charges of the
two bodies (:func:`nusym.numeric.potential._setup`: the weights are products
Q_A Q_B).  Hence, for materials A and B with atom fractions x_a, y_b::

    sum_{a,b} x_a y_b V(r; Z_a, N_a; Z_b, N_b) = V(r; <Z>_A, <N>_A; <Z>_B, <N>_B)

exactly: the potential per pair of atoms equals the potential between two
mean atoms with the mean Z and N per atom (:meth:`Material.as_source`).  The
same holds for the charges per kilogram or per unit of atomic mass
(:func:`charges_per`), whose differences between materials are what makes the
force violate the weak equivalence principle (gravity couples to the mass).

>>> sio2 = material("SiO2")
>>> sio2.label, len(sio2.components), sio2.density_kg_m3
('SiO2', 6, None)
>>> import mpmath
>>> mpmath.nstr(sio2.Z_per_atom(), 12), mpmath.nstr(sio2.N_per_atom(), 12)
('10.0', '10.0390456711')
>>> mpmath.nstr(material("W").mass_u_per_atom(), 10), material("W").density_kg_m3
('183.8417796', '19300')
>>> material("mass:Cu=1").mean_exact("N") == material("Cu").mean_exact("N")
True
>>> material("CuBe2").atoms_per_formula()
mpf('3.0')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation, localcontext
from fractions import Fraction
from typing import Any

import mpmath

from nusym.charges import flavour_charges
from nusym.constants import constant
from nusym.errors import InvalidMaterialError, InvalidOptionError
from nusym.inputs import check_dps
from nusym.isotopes import (
    Source,
    element_density,
    element_symbol,
    element_tables,
    isotope_mass,
    isotope_numbers,
    isotope_source,
    natural_composition,
    standard_atomic_weight,
)
from nusym.model import resolve_model
from nusym.reprs import html_table

__all__ = [
    "Component",
    "Material",
    "Charges",
    "material",
    "material_from_mass_fractions",
    "charges_per",
    "natural_composition",
    "element_density",
    "standard_atomic_weight",
    "PER_UNITS",
]

#: units of :func:`charges_per`
PER_UNITS = ("atom", "kg", "u")
#: significant digits kept of the exact rational mean Z, N of :meth:`Material.as_source`
#: (nusym evaluates at most at 1000 + guard digits)
SOURCE_DIGITS = 1200

_FORMS = ("accepted forms: an element or formula 'W', 'SiO2', 'CuBe2', 'Ca(OH)2', 'Al2O3' (element "
          "symbols case-sensitive, integer or decimal multipliers, parentheses); an isotope "
          "'Fe-56', '56Fe', 'Fe56' or 'Z=26,N=30'; mass fractions 'mass:Cu=0.98,Be=0.02'; "
          "'formula:H2' to read a formula that looks like an isotope")


# ----------------------------------------------------------------------------- numbers
def _plain(x: Decimal) -> str:
    """Decimal as a plain string, no exponent, no trailing zeros."""
    return format(x.normalize(), "f")


def _decimal_from_fraction(q: Fraction, digits: int = 60) -> str:
    """``q`` as a decimal string, exact if it terminates within ``digits`` significant digits."""
    with localcontext() as ctx:
        ctx.prec = digits
        return _plain(Decimal(q.numerator) / Decimal(q.denominator))


def _mpf(q: Fraction, dps: int) -> Any:
    with mpmath.workdps(dps + 5):
        x = mpmath.mpf(q.numerator) / q.denominator
    with mpmath.workdps(dps):
        return +x


def _exact_or_mpf(q: Fraction) -> Any:
    """int if ``q`` is integral, else an mpf with :data:`SOURCE_DIGITS` digits."""
    if q.denominator == 1:
        return int(q.numerator)
    return _mpf(q, SOURCE_DIGITS)


def _check_dps(dps: Any) -> int:
    """Working digits of the exact means (internal precision, up to the stored SOURCE_DIGITS)."""
    if isinstance(dps, bool) or not isinstance(dps, int) or not 1 <= dps <= SOURCE_DIGITS:
        raise InvalidOptionError(f"dps must be an integer between 1 and {SOURCE_DIGITS}, got {dps!r}")
    return dps


#: decimal exponent bound of densities and mass fractions (keeps exact arithmetic finite)
_MAX_EXPONENT = 100


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 30 else f"{text[:12]}...{text[-6:]} ({len(text)} characters)"


def _positive_decimal(value: Any, what: str) -> Decimal:
    """A positive, finite number (int, float, str, Decimal, Fraction, mpf) as a Decimal."""
    if isinstance(value, bool):
        raise InvalidMaterialError(f"{what} must be a number, got {value!r}")
    try:
        if isinstance(value, float):
            d = Decimal(repr(value))
        elif isinstance(value, Fraction):
            d = Decimal(_decimal_from_fraction(value))
        elif isinstance(value, (int, Decimal)):
            d = Decimal(value)
        else:
            d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise InvalidMaterialError(f"{what} must be a number, got {value!r}") from None
    if not d.is_finite() or d <= 0:
        raise InvalidMaterialError(f"{what} must be positive and finite, got {value!r}")
    if not -_MAX_EXPONENT <= d.adjusted() <= _MAX_EXPONENT:
        raise InvalidMaterialError(
            f"{what} = {_short(value)} is out of range (allowed: 1e-{_MAX_EXPONENT} to "
            f"1e{_MAX_EXPONENT})")
    return d


# ----------------------------------------------------------------------------- types
@dataclass(frozen=True)
class Component:
    """One isotope inside a material: ``atoms`` atoms of (Z, N) per formula unit.

    ``atoms`` is an exact decimal string (formula multiplier times the CIAAW
    amount fraction; rounded to 60 significant digits only for mass-fraction
    input), ``mass_u`` the atomic mass in u exactly as in the data file and
    ``mass_source`` where it came from (see :func:`nusym.sources.isotope_mass`).
    """

    Z: int
    N: int
    atoms: str
    mass_u: str
    mass_source: str = ""

    @property
    def A(self) -> int:
        """Mass number Z + N."""
        return self.Z + self.N

    @property
    def label(self) -> str:
        """``"Fe-56"``."""
        return f"{element_symbol(self.Z)}-{self.A}"


@dataclass(frozen=True)
class Material:
    """A material: isotopes with their number of atoms per formula unit.

    ``label`` is the specification it was made from (``"SiO2"``, ``"W"``,
    ``"Fe-56"``, ``"mass:Cu=0.98,Be=0.02"``); ``density_kg_m3`` a decimal string
    (natural elements: ``nusym/data/densities.csv``; otherwise given by the user)
    or ``None``.  All per-atom quantities are means over the atoms (not over the
    formula units), computed exactly in rational arithmetic and returned as mpf
    rounded to ``dps`` digits.
    """

    label: str
    components: tuple[Component, ...]
    density_kg_m3: str | None = None

    # exact rational sums ---------------------------------------------------
    def _sum(self, key: str) -> Fraction:
        total = Fraction(0)
        for c in self.components:
            a = Fraction(c.atoms)
            if key == "atoms":
                total += a
            elif key == "Z":
                total += a * c.Z
            elif key == "N":
                total += a * c.N
            else:  # mass
                total += a * Fraction(c.mass_u)
        return total

    def _mean(self, key: str) -> Fraction:
        return self._sum(key) / self._sum("atoms")

    def mean_exact(self, key: str) -> Fraction:
        """Exact mean per atom of ``"Z"``, ``"N"``, ``"A"`` or ``"mass_u"`` as a Fraction.

        >>> material("H2O").mean_exact("Z")
        Fraction(10, 3)
        """
        if key == "A":
            return self._mean("Z") + self._mean("N")
        if key == "mass_u":
            return self._mean("mass")
        if key in ("Z", "N"):
            return self._mean(key)
        raise InvalidOptionError(f"unknown quantity {key!r}; allowed: Z, N, A, mass_u")

    # public per-atom quantities -------------------------------------------
    def atoms_per_formula(self, dps: int = 30) -> Any:
        """Number of atoms per formula unit (3 for SiO2; 1 for mass-fraction materials)."""
        return _mpf(self._sum("atoms"), _check_dps(dps))

    def Z_per_atom(self, dps: int = 30) -> Any:
        """Mean number of protons (= electrons) per atom."""
        return _mpf(self._mean("Z"), _check_dps(dps))

    def N_per_atom(self, dps: int = 30) -> Any:
        """Mean number of neutrons per atom."""
        return _mpf(self._mean("N"), _check_dps(dps))

    def A_per_atom(self, dps: int = 30) -> Any:
        """Mean mass number per atom."""
        return _mpf(self.mean_exact("A"), _check_dps(dps))

    def mass_u_per_atom(self, dps: int = 30) -> Any:
        """Mean atomic mass in u (for a natural element: its atomic weight).

        >>> import mpmath
        >>> mpmath.nstr(material("Fe").mass_u_per_atom(), 8)
        '55.845144'
        """
        return _mpf(self._mean("mass"), _check_dps(dps))

    def atoms_per_kg(self, dps: int = 30) -> Any:
        """Atoms per kilogram, 1 / (mean atomic mass in kg); u from ``constants.toml``.

        >>> import mpmath
        >>> mpmath.nstr(material("C-12").atoms_per_kg(), 10)
        '5.018450628e+25'
        """
        dps = _check_dps(dps)
        with mpmath.workdps(dps + 10):
            x = 1 / (self.mass_u_per_atom(dps + 10) * constant("u_kg", dps + 10))
        with mpmath.workdps(dps):
            return +x

    def number_density_m3(self, dps: int = 30) -> Any:
        """Atoms per cubic metre, density / mean atomic mass.

        >>> import mpmath
        >>> mpmath.nstr(material("Si").number_density_m3(), 6)
        '4.99611e+28'
        >>> material("SiO2").number_density_m3()
        Traceback (most recent call last):
        ...
        nusym.errors.InvalidMaterialError: material 'SiO2' has no density: give one in kg/m^3, e.g. material('SiO2',
        density=2200) (densities are known only for natural elements solid or liquid at room temperature)
        """
        if self.density_kg_m3 is None:
            raise InvalidMaterialError(
                f"material {self.label!r} has no density: give one in kg/m^3, e.g. "
                f"material({self.label!r}, density=2200) (densities are known only for natural "
                f"elements solid or liquid at room temperature)")
        dps = _check_dps(dps)
        with mpmath.workdps(dps + 10):
            x = mpmath.mpf(self.density_kg_m3) * self.atoms_per_kg(dps + 10)
        with mpmath.workdps(dps):
            return +x

    def mass_fractions(self) -> dict[str, Fraction]:
        """Mass fraction of each element (symbol -> exact Fraction), summing to 1.

        >>> {k: float(v) for k, v in material("CuBe2").mass_fractions().items()}  # doctest: +ELLIPSIS
        {'Cu': 0.779..., 'Be': 0.220...}
        """
        total = self._sum("mass")
        out: dict[str, Fraction] = {}
        for c in self.components:
            sym = element_symbol(c.Z)
            out[sym] = out.get(sym, Fraction(0)) + Fraction(c.atoms) * Fraction(c.mass_u) / total
        return out

    def _repr_html_(self) -> str:
        """Its isotopes and mean atom (Jupyter)."""
        rows = [[c.label, c.Z, c.N, c.atoms, c.mass_u, c.mass_source] for c in self.components]
        density = "no density" if self.density_kg_m3 is None else f"{self.density_kg_m3} kg/m^3"
        mean = (f"mean atom Z = {mpmath.nstr(self.Z_per_atom(15), 10)}, "
                f"N = {mpmath.nstr(self.N_per_atom(15), 10)}, "
                f"mass = {mpmath.nstr(self.mass_u_per_atom(15), 10)} u")
        return html_table(rows, header=["isotope", "Z", "N", "atoms per formula unit", "mass (u)", "mass from"],
                          caption=f"Material {self.label} ({density}); {mean}", digits=10)

    def with_density(self, density: Any) -> Material:
        """The same material with ``density`` (kg/m^3, positive) attached."""
        return replace(self, density_kg_m3=_plain(_positive_decimal(density, "density (kg/m^3)")))

    def as_source(self) -> Any:
        """One mean atom as a :class:`nusym.sources.Source`.

        Z and N are the exact means per atom (``int`` when integral, else an mpf
        with :data:`SOURCE_DIGITS` digits), ``mass_u`` the mean atomic mass (60
        significant digits), ``atoms`` = 1 and ``material`` this material.  By the
        linearity of Eq. (5) and the bilinearity of Eq. (1) the potential between two
        mean atoms equals the atom-fraction-weighted mean of the potentials between
        all pairs of isotopes.

        >>> s = material("Be").as_source()
        >>> (s.Z, s.N, s.mass_u, s.label)
        (4, 5, '9.01218306', 'Be')
        """
        sources = sorted({c.mass_source for c in self.components if c.mass_source})
        return Source(label=self.label, Z=_exact_or_mpf(self._mean("Z")),
                      N=_exact_or_mpf(self._mean("N")), atoms=1,
                      mass_u=_decimal_from_fraction(self._mean("mass")),
                      mass_source=", ".join(sources), material=self)


# ----------------------------------------------------------------------------- parsing
_TOKEN = re.compile(r"([A-Z][a-z]?)|(\()|(\))|(\d+(?:\.\d+)?|\.\d+)")


def _parse_formula(text: str, spec: str) -> dict[int, Decimal]:
    """Chemical formula -> {Z: number of atoms per formula unit} (order of first appearance)."""
    by_symbol = element_tables()[0]
    pos, n = 0, len(text)
    stack: list[dict[int, Decimal]] = [{}]

    def fail(msg: str) -> InvalidMaterialError:
        return InvalidMaterialError(f"cannot parse material {spec!r}: {msg}; {_FORMS}")

    def multiplier() -> Decimal:
        nonlocal pos
        m = re.compile(r"\d+(?:\.\d+)?|\.\d+").match(text, pos)
        if not m:
            return Decimal(1)
        pos = m.end()
        value = Decimal(m.group())
        if value == 0:
            raise fail(f"multiplier {m.group()!r} must be positive")
        return value

    if not text:
        raise fail("empty formula")
    while pos < n:
        ch = text[pos]
        if ch == "(":
            stack.append({})
            pos += 1
            continue
        if ch == ")":
            if len(stack) == 1:
                raise fail(f"unbalanced ')' at position {pos + 1}")
            pos += 1
            group = stack.pop()
            if not group:
                raise fail("empty parentheses")
            k = multiplier()
            for z, c in group.items():
                stack[-1][z] = stack[-1].get(z, Decimal(0)) + c * k
            continue
        m = re.compile(r"[A-Z][a-z]?").match(text, pos)
        if not m:
            if ch.islower():
                j = pos
                while j < n and text[j].isalpha():
                    j += 1
                raise fail(f"unexpected {text[pos:j]!r} at position {pos + 1} (element symbols are "
                           f"case-sensitive and start with a capital letter: 'Co' is cobalt, 'CO' "
                           f"carbon monoxide)")
            raise fail(f"unexpected {ch!r} at position {pos + 1}")
        sym = m.group()
        z_sym = by_symbol.get(sym.lower())
        if z_sym is None:
            raise fail(f"unknown element symbol {sym!r}")
        pos = m.end()
        k = multiplier()
        stack[-1][z_sym] = stack[-1].get(z_sym, Decimal(0)) + k
    if len(stack) != 1:
        raise fail("unbalanced '('")
    return stack[0]


def _isotope_material(Z: int, N: int, label: str, density: Any) -> Material:
    src = isotope_source(Z, N, 1, label)
    comp = Component(Z=Z, N=N, atoms="1", mass_u=src.mass_u, mass_source=src.mass_source)
    dens = None if density is None else _plain(_positive_decimal(density, "density (kg/m^3)"))
    return Material(label=src.label, components=(comp,), density_kg_m3=dens)


def _formula_material(text: str, spec: str, density: Any) -> Material:
    counts = _parse_formula(text, spec)
    comps = []
    for z, count in counts.items():
        for n_, fraction in natural_composition(z):
            mass_u, mass_source = isotope_mass(z, n_)
            comps.append(Component(Z=z, N=n_, atoms=_plain(count * Decimal(fraction)),
                                   mass_u=mass_u, mass_source=mass_source))
    if density is not None:
        dens: str | None = _plain(_positive_decimal(density, "density (kg/m^3)"))
    elif len(counts) == 1:
        dens = element_density(next(iter(counts)))
    else:
        dens = None
    return Material(label=text, components=tuple(comps), density_kg_m3=dens)


def _parse_mass_spec(body: str, spec: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if not body.strip():
        raise InvalidMaterialError(f"cannot parse material {spec!r}: no mass fractions after 'mass:'; {_FORMS}")
    for item in body.split(","):
        if "=" not in item:
            raise InvalidMaterialError(
                f"cannot parse material {spec!r}: {item.strip()!r} is not NAME=FRACTION "
                f"(e.g. 'mass:Cu=0.98,Be=0.02')")
        key, value = (x.strip() for x in item.split("=", 1))
        if key in out:
            raise InvalidMaterialError(f"material {spec!r}: {key!r} is given twice")
        out[key] = value
    return out


def material(spec: Any, *, density: Any = None) -> Material:
    """A :class:`Material` (isotopes and their atoms per formula unit) from a specification.

    Its mean atom (:meth:`Material.as_source`) is an exact source of Eq. (1) of
    Segarra & Bernabeu 2020, because the charges of Eq. (5) are linear in (Z, N).

    Parameters
    ----------
    spec : str or Mapping or Material or nusym.sources.Source
        An element or chemical formula (``"W"``, ``"SiO2"``, ``"CuBe2"``, ``"H2O"``,
        ``"Ca(OH)2"``, ``"Al2O3"``, ``"C0.5Fe"``; element symbols are case-sensitive,
        so ``"Co"`` is cobalt and ``"CO"`` carbon monoxide; parentheses and integer
        or decimal multipliers allowed) with natural isotopic compositions; a single
        isotope (``"Fe-56"``, ``"56Fe"``, ``"Fe56"``, ``"Z=26,N=30"``; see
        :func:`nusym.sources.isotope_numbers` for ``"Fe56"`` versus a formula, and
        ``"formula:H2"`` to force a formula); mass fractions
        ``"mass:Cu=0.98,Be=0.02"`` or a mapping ``{"Cu": 0.98, "Be": 0.02}`` (see
        :func:`material_from_mass_fractions`); a :class:`Material` (returned, with
        ``density`` attached if given); or a :class:`nusym.sources.Source` (its
        material if it is a mean atom, else its isotope).
    density : float or str, optional
        Density in kg/m^3 (positive number or decimal string).  Natural elements
        solid or liquid at room temperature get theirs from
        ``nusym/data/densities.csv``; other materials have none unless given.

    Returns
    -------
    Material
        ``label``, ``components`` (:class:`Component`), ``density_kg_m3`` (decimal
        string or ``None``); per-atom means by its methods.

    Raises
    ------
    nusym.errors.InvalidMaterialError
        An unknown element symbol, a malformed formula, mass fractions that do not
        sum to 1, or a density that is not positive and finite; the message lists
        the accepted forms.

    Examples
    --------
    >>> [c.label for c in material("CO").components], [c.label for c in material("Co").components]
    (['C-12', 'C-13', 'O-16', 'O-17', 'O-18'], ['Co-59'])
    >>> material("Ca(OH)2").mean_exact("Z")
    Fraction(38, 5)
    >>> material("SiO2", density=2200).density_kg_m3
    '2200'
    >>> material("Xy2")
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMaterialError: cannot parse material 'Xy2': unknown element symbol 'Xy'; accepted forms: an
    element or formula 'W', 'SiO2', 'CuBe2', 'Ca(OH)2', 'Al2O3' (element symbols case-sensitive, integer or decimal
    multipliers, parentheses); an isotope 'Fe-56', '56Fe', 'Fe56' or 'Z=26,N=30'; mass fractions
    'mass:Cu=0.98,Be=0.02'; 'formula:H2' to read a formula that looks like an isotope
    """
    if isinstance(spec, Material):
        return spec if density is None else spec.with_density(density)
    if isinstance(spec, Source):
        if spec.material is not None:
            return material(spec.material, density=density)
        if isinstance(spec.Z, int) and isinstance(spec.N, int):
            mat = _isotope_material(spec.Z, spec.N, spec.label, density)
            return replace(mat, components=(replace(mat.components[0], mass_u=spec.mass_u,
                                                     mass_source=spec.mass_source),))
        raise InvalidMaterialError(f"source {spec.label!r} with non-integer Z, N has no material")
    if isinstance(spec, Mapping):
        return material_from_mass_fractions(spec, density=density)
    if not isinstance(spec, str):
        raise InvalidMaterialError(f"a material must be a string, a mapping or a Material, got {spec!r}; {_FORMS}")
    text = spec.strip()
    low = text.lower()
    if low.startswith("mass:"):
        body = text[5:]
        fractions = _parse_mass_spec(body, spec)
        label = "mass:" + ",".join(f"{k}={v}" for k, v in fractions.items())
        return material_from_mass_fractions(fractions, density=density, label=label)
    if low.startswith("formula:"):
        return _formula_material("".join(text[8:].split()), spec, density)
    zn = isotope_numbers(text)
    if zn is not None:
        return _isotope_material(zn[0], zn[1], text, density)
    return _formula_material("".join(text.split()), spec, density)


def material_from_mass_fractions(fractions: Mapping[str, Any], *, density: Any = None,
                                 label: str | None = None) -> Material:
    """A material from mass fractions ``{name: fraction}`` (an alloy, a mixture).

    Component ``k`` of molar mass M_k (u per formula unit) contributes w_k / M_k
    formula units; the result is normalised to one atom per formula unit (the
    ``atoms`` strings are the atom fractions, 60 significant digits).  Its mean
    atom is an exact source of Eq. (1) of Segarra & Bernabeu 2020.

    Parameters
    ----------
    fractions : Mapping of str to float or str
        Each name is anything :func:`material` accepts as a string (an element
        ``"Cu"``, an isotope ``"Fe-56"``, a compound ``"SiO2"``); the fractions
        (numbers or decimal strings, >= 0) must sum to 1 within 1e-6 (they are
        then divided by their sum).
    density : float or str, optional
        Density in kg/m^3.
    label : str, optional
        The label (default ``"mass:name=fraction,..."``).

    Returns
    -------
    Material

    Raises
    ------
    nusym.errors.InvalidMaterialError
        An empty mapping, a bad name or fraction, or fractions that do not sum to 1.

    Examples
    --------
    >>> m = material_from_mass_fractions({"Cu": 0.98, "Be": 0.02})
    >>> m.label, float(m.mass_fractions()["Be"])
    ('mass:Cu=0.98,Be=0.02', 0.02)
    >>> material_from_mass_fractions({"Cu": 0.9, "Be": 0.2})
    Traceback (most recent call last):
    ...
    nusym.errors.InvalidMaterialError: mass fractions of 'mass:Cu=0.9,Be=0.2' sum to 1.1, not 1 (allowed deviation 1e-6)
    """
    if not isinstance(fractions, Mapping) or not fractions:
        raise InvalidMaterialError(f"mass fractions must be a non-empty mapping name -> fraction, got {fractions!r}")
    if label is None:
        label = "mass:" + ",".join(f"{k}={v}" for k, v in fractions.items())
    weights: dict[str, Fraction] = {}
    for key, value in fractions.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidMaterialError(f"mass fraction names must be material strings, got {key!r}")
        if isinstance(value, bool):
            raise InvalidMaterialError(f"mass fraction of {key!r} must be a number, got {value!r}")
        try:
            d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise InvalidMaterialError(f"mass fraction of {key!r} must be a number, got {value!r}") from None
        if not d.is_finite() or d < 0:
            raise InvalidMaterialError(f"mass fraction of {key!r} must be >= 0 and finite, got {value!r}")
        if d > 0 and not -_MAX_EXPONENT <= d.adjusted() <= 0:
            raise InvalidMaterialError(
                f"mass fraction of {key!r} = {_short(value)} is out of range (allowed: 0 or "
                f"1e-{_MAX_EXPONENT} to 1)")
        if d > 0:
            weights[key.strip()] = Fraction(d)
    total = sum(weights.values(), Fraction(0))
    if abs(total - 1) > Fraction(1, 10**6):
        raise InvalidMaterialError(
            f"mass fractions of {label!r} sum to {_decimal_from_fraction(total, 20)}, not 1 "
            f"(allowed deviation 1e-6)")
    atoms: dict[tuple[int, int], Fraction] = {}
    info: dict[tuple[int, int], tuple[str, str]] = {}
    for key, w in weights.items():
        if key.lower().startswith("mass:"):
            raise InvalidMaterialError(f"mass fraction name {key!r} cannot itself be a mass-fraction material")
        sub = material(key)
        units = (w / total) / sub._sum("mass")  # formula units per u of the mixture
        for c in sub.components:
            atoms[(c.Z, c.N)] = atoms.get((c.Z, c.N), Fraction(0)) + units * Fraction(c.atoms)
            info.setdefault((c.Z, c.N), (c.mass_u, c.mass_source))
    n_atoms = sum(atoms.values(), Fraction(0))
    comps = tuple(Component(Z=z, N=n_, atoms=_decimal_from_fraction(a / n_atoms),
                            mass_u=info[(z, n_)][0], mass_source=info[(z, n_)][1])
                  for (z, n_), a in atoms.items())
    dens = None if density is None else _plain(_positive_decimal(density, "density (kg/m^3)"))
    return Material(label=label, components=comps, density_kg_m3=dens)


# ----------------------------------------------------------------------------- charges
@dataclass(frozen=True)
class Charges:
    """Coherent weak charges of a material per atom, per kilogram or per u (Eqs. 5, 7).

    Per ``per`` unit (all mpf, rounded to ``dps`` digits):

    * ``Z``, ``N``: protons (= electrons) and neutrons;
    * ``Q``: the 3x3 matrix Q^{ij}_W = 2 Z U_ei U*_ej - N delta_ij (Eq. 5; mpc,
      row i = mass state i) of :meth:`nusym.Model.charges` (:func:`nusym.charges.charge_matrix`);
    * ``Q_nc = -N``: the neutral-current part, the coefficient of delta_ij (the
      electron and proton neutral-current charges cancel);
    * ``Q_cc_e = 2 Z``: the charged-current (electron-flavour) part, the
      coefficient of U_ei U*_ej;
    * ``flavour``: Q^e = 2Z - N, Q^mu = Q^tau = -N (Eq. 7).

    Per atom, whatever ``per`` is: ``Z_per_atom``, ``N_per_atom``, ``A_per_atom``,
    ``mass_u_per_atom`` (mean atomic mass in u) and the ratios ``Z_over_A``,
    ``N_over_A``; ``atoms_per_kg``.  The force between two bodies of given masses
    scales with the charges per kg (or per u): materials with different
    ``Z/mass`` or ``N/mass`` fall differently -- a violation of the weak
    equivalence principle, which gravity (coupling to the mass) does not have.
    """

    label: str
    per: str
    preset: str
    ordering: str
    dps: int
    Z: Any
    N: Any
    Q: tuple
    Q_nc: Any
    Q_cc_e: Any
    flavour: dict
    Z_per_atom: Any
    N_per_atom: Any
    A_per_atom: Any
    mass_u_per_atom: Any
    Z_over_A: Any
    N_over_A: Any
    atoms_per_kg: Any

    def _repr_html_(self) -> str:
        """The matrix Q^ij of Eq. (5) and the flavour charges of Eq. (7) (Jupyter)."""
        digits = min(self.dps, 10)
        rows = [[f"i={i + 1}", *(mpmath.nstr(z, digits) for z in row)] for i, row in enumerate(self.Q)]
        flavour = ", ".join(f"Q^{k} = {mpmath.nstr(v, digits)}" for k, v in self.flavour.items())
        return html_table(rows, header=["", "j=1", "j=2", "j=3"], caption=(
            f"{self.label}: Q^ij_W per {self.per} (Eq. (5), row i = mass state i), Z = "
            f"{mpmath.nstr(self.Z, digits)}, N = {mpmath.nstr(self.N, digits)}; flavour charges (Eq. (7)): "
            f"{flavour}; preset {self.preset}, {self.ordering} ordering"))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict (numbers as decimal strings with ``dps`` digits)."""
        def s(x: Any) -> str:
            return "0" if x == 0 else mpmath.nstr(x, self.dps)

        return {
            "label": self.label, "per": self.per, "preset": self.preset, "ordering": self.ordering,
            "Z": s(self.Z), "N": s(self.N), "Q_nc": s(self.Q_nc), "Q_cc_e": s(self.Q_cc_e),
            "flavour": {k: s(v) for k, v in self.flavour.items()},
            "Q_real": [[s(mpmath.re(z)) for z in row] for row in self.Q],
            "Q_imag": [[s(mpmath.im(z)) for z in row] for row in self.Q],
            "Z_per_atom": s(self.Z_per_atom), "N_per_atom": s(self.N_per_atom),
            "A_per_atom": s(self.A_per_atom), "mass_u_per_atom": s(self.mass_u_per_atom),
            "Z_over_A": s(self.Z_over_A), "N_over_A": s(self.N_over_A),
            "atoms_per_kg": s(self.atoms_per_kg),
        }


def charges_per(spec: Any, per: str = "atom", *, model: Any = None, preset: Any = None,
                ordering: Any = None, dps: int = 30, density: Any = None, delta: Any = None,
                alpha21: Any = None, alpha31: Any = None) -> Charges:
    """Weak charges of a material per atom, per kilogram or per u (Eqs. (5), (7)).

    The matrix ``Q^ij_W = 2 Z U_ei U*_ej - N delta_ij`` of Eq. (5) of Segarra &
    Bernabeu 2020 and the flavour charges of Eq. (7), for the mean atom of a
    material scaled to the chosen unit.

    Parameters
    ----------
    spec : str or Mapping or Material or nusym.sources.Source
        Anything :func:`material` accepts.
    per : {"atom", "kg", "u"}, optional
        One of :data:`PER_UNITS`: ``"atom"`` (default; the mean atom), ``"kg"``
        (times the atoms per kg) or ``"u"`` (divided by the mean atomic mass in u:
        the charge-to-mass ratios that measure a violation of the equivalence
        principle).
    model : nusym.Model, optional
        The neutrino model whose mixing matrix enters Eq. (5).  Instead, the
        shorthand keywords ``preset``, ``ordering``, ``delta``, ``alpha21``,
        ``alpha31`` (degrees) build one with :meth:`nusym.Model.from_preset`;
        giving both is an error.  Default: the ``segarra2020`` preset, normal
        ordering.
    dps : int, optional
        Significant digits of every number, 5..1000 (default 30).
    density : float or str, optional
        Density in kg/m^3, attached to the material (see :func:`material`).

    Returns
    -------
    Charges
        ``Z``, ``N``, ``Q`` (3 x 3 mpc), ``Q_nc``, ``Q_cc_e``, ``flavour`` per
        ``per`` unit, and the per-atom means, ratios and ``atoms_per_kg``.

    Raises
    ------
    nusym.errors.InvalidOptionError
        An unknown ``per``, ``dps`` outside 5..1000, or both ``model`` and
        shorthand keywords.
    nusym.errors.InvalidMaterialError
        A specification :func:`material` refuses.

    Examples
    --------
    >>> import mpmath
    >>> c = charges_per("Fe-56", dps=15)
    >>> c.flavour["e"], c.Q_nc, c.Q_cc_e
    (mpf('22.0'), mpf('-30.0'), mpf('52.0'))
    >>> w = charges_per("W", "u", dps=10)
    >>> mpmath.nstr(w.N, 10), mpmath.nstr(w.Z_over_A, 10)
    ('0.5977460632', '0.4024129551')
    """
    dps = check_dps(dps)
    key = per.strip().lower() if isinstance(per, str) else per
    if key not in PER_UNITS:
        raise InvalidOptionError(f"unknown unit per={per!r}; allowed: {', '.join(PER_UNITS)}")
    mat = material(spec, density=density)
    mdl = resolve_model(model, preset=preset, ordering=ordering, delta=delta, alpha21=alpha21, alpha31=alpha31)
    origin = dict(mdl.origin)
    wp = dps + 15
    with mpmath.workdps(wp):
        z_atom, n_atom = mat.Z_per_atom(wp), mat.N_per_atom(wp)
        a_atom, m_atom = mat.A_per_atom(wp), mat.mass_u_per_atom(wp)
        per_kg = mat.atoms_per_kg(wp)
        factor = {"atom": mpmath.mpf(1), "kg": per_kg, "u": 1 / m_atom}[key]
        Z, N = z_atom * factor, n_atom * factor
        Q = mdl.charges(Z, N)
        flavour = flavour_charges(Z, N)
        values = {
            "Z": Z, "N": N, "Q_nc": -N, "Q_cc_e": 2 * Z,
            "flavour": flavour,
            "Z_per_atom": z_atom, "N_per_atom": n_atom, "A_per_atom": a_atom,
            "mass_u_per_atom": m_atom, "Z_over_A": z_atom / a_atom, "N_over_A": n_atom / a_atom,
            "atoms_per_kg": per_kg,
        }
    with mpmath.workdps(dps):
        def rnd(x: Any) -> Any:
            if isinstance(x, dict):
                return {k: +v for k, v in x.items()}
            return +x

        out = {k: rnd(v) for k, v in values.items()}
        q = tuple(tuple(+z for z in row) for row in Q)
    return Charges(label=mat.label, per=key, preset=origin.get("preset", "custom"),
                   ordering=origin.get("ordering", "custom"), dps=dps, Q=q, **out)
