"""Generator of the natural-element data files of :mod:`nusym.materials` (build time only).

Writes, into ``nusym/data/`` (or the directory given on the command line):

* ``isotopes.csv``: the atomic mass, with its uncertainty, of every nuclide of
  AME2020 (3557 nuclides, Z = 1..118, ground states; the neutron's mass is a
  constant, ``m_n_u``), the one source of every isotope mass in nusym; the values
  AME2020 marks with ``#`` (estimated from systematic trends, not from measured
  data) are flagged in the ``source`` column;
* ``natural_isotopes.csv``: the stable and primordial isotopes of every element
  with a natural terrestrial isotopic composition (Z = 1..92 except Tc, Pm and
  Z = 84..89), with their amount fraction in the element (their masses are those
  of ``isotopes.csv``);
* ``atomic_weights.csv``: the abridged standard atomic weights with their
  uncertainty (used by the tests to check the compositions);
* ``densities.csv``: the density of the elements that are solid or liquid at room
  temperature.

Sources (all as tabulated, in plain text, in the ``periodictable`` package 2.1.0,
P. Kienzle, public domain, https://pypi.org/project/periodictable/, modules
``periodictable.mass`` and ``periodictable.density``, except the atomic masses that
``periodictable`` does not carry, read from the full AME2020 table vendored in
``data-sources/ame2020/mass.mas20``, see ``data-sources/README.md``):

* isotopic compositions: CIAAW, "Isotopic compositions of the elements 2021",
  https://www.ciaaw.org/isotopic-abundances.htm.  Where CIAAW gives an interval of
  natural variation, the midpoint of the interval is used; where it gives a
  representative value (with its uncertainty), that value.  N and Ar are those of
  air and Pb the representative composition of Meija et al., "Isotopic
  compositions of the elements 2013", Pure Appl. Chem. 88, 293 (2016).  The
  fractions of an element are divided by their sum (a change far below the
  uncertainties: it only affects elements whose midpoints do not add up to 1),
  rounded to 12 decimals, and the most abundant isotope takes 1 minus the others,
  so that every element sums to exactly 1 in decimal arithmetic.
* atomic masses: AME2020, M. Wang et al., Chinese Phys. C 45, 030003 (2021)
  (rounded table massround.mas20, as downloaded by periodictable on 2023-07-06),
  with their one-standard-deviation uncertainty.  C-12 is 12 u exactly by the
  definition of the unified atomic mass unit.  The full AME2020 table (mass.mas20,
  W.J. Huang et al., Chinese Phys. C 45, 030002 (2021) and the paper above) lists
  3558 nuclides (with the neutron); the 618 nuclides with Z >= 1 that periodictable
  does not carry (the most exotic ones, far from stability; 555 of them estimated
  from trends) are taken from it, unrounded: the atomic-mass column in micro-u,
  converted exactly to u, with its uncertainty (source ``"AME2020 mass.mas20"``, or
  ``"AME2020 mass.mas20 estimate (#)"``).  The rounded values are kept where they
  exist (they agree with mass.mas20 to their rounding, ``tests/test_sources.py``),
  so that the published digits do not move.  Only a nuclide that AME2020 does not
  list gets the semi-empirical mass formula, in :func:`nusym.isotopes.isotope_mass`,
  which says so.
* standard atomic weights: CIAAW 2021, T. Prohaska et al., Pure Appl. Chem. 94,
  573 (2022) (abridged values; for the elements with an interval, the abridged
  value and its uncertainty).
* densities: CRC Handbook of Chemistry and Physics, 80th ed. (1999), as reproduced
  in the ILL Neutron Data Booklet; specific gravity at 20 C unless the note says
  otherwise.  Elements that are gases at room temperature get no density.

Every number is carried as a decimal string (``decimal.Decimal``), never as a
binary float, so the files hold the printed digits of the sources.  The script is
not needed at run time; ``tests/test_materials.py`` regenerates the files and
compares them when ``periodictable`` is installed.

Run, from a checkout or an unpacked sdist (which carry ``data-sources/``):
``pip install periodictable==2.1.0 && python nusym/data/_make_isotopes.py``.
"""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal, localcontext
from pathlib import Path

__all__ = ["main", "build", "read_mass_mas20", "find_mass_mas20"]

#: elements that are gases at room temperature (no solid/liquid density at 20 C)
GASES = frozenset({"H", "He", "N", "O", "F", "Ne", "Cl", "Ar", "Kr", "Xe", "Rn"})
#: elements that are liquid at room temperature
LIQUIDS = frozenset({"Br", "Hg"})

_MASSES_HEADER = """\
# Atomic (not nuclear) masses of the nuclides, in u, with their one-standard-deviation
# uncertainty: every nuclide of AME2020 (W.J. Huang et al., Chinese Phys. C 45, 030002 (2021);
# M. Wang et al., Chinese Phys. C 45, 030003 (2021)) but the neutron. The one source of every
# isotope mass in nusym (nusym.isotopes.isotope_mass); only nuclides AME2020 does not list get
# the semi-empirical mass formula, flagged as such.
# source: where the mass comes from: "AME2020" (the rounded table massround.mas20);
#   "AME2020 mass.mas20" (the full table, for the nuclides the rounded one as shipped by
#   periodictable lacks); either followed by " estimate (#)" where AME2020 marks the value
#   with # (estimated from systematic trends, not from measured data); C-12 is exact.
# Generated by nusym/data/_make_isotopes.py from the tables of periodictable 2.1.0 and
#   data-sources/ame2020/mass.mas20; do not edit.
"""

_ISOTOPES_HEADER = """\
# Natural isotopic composition of the elements: the stable and primordial isotopes.
# abundance: amount fraction of the isotope in the element (each element sums to exactly 1).
#   CIAAW, Isotopic compositions of the elements 2021 (www.ciaaw.org): midpoint of the interval
#   of natural variation, or the representative value; N and Ar of air; Pb from Meija et al.,
#   Pure Appl. Chem. 88, 293 (2016). Normalised to sum 1 (see nusym/data/_make_isotopes.py).
# ciaaw: the CIAAW entry the abundance was taken from (value(uncertainty) or [low,high]).
# The atomic masses of these isotopes are those of isotopes.csv (AME2020).
# Generated by nusym/data/_make_isotopes.py from the tables of periodictable 2.1.0; do not edit.
"""

#: source labels of ``isotopes.csv``
AME = "AME2020"
AME_ESTIMATE = "AME2020 estimate (#)"
C12 = "exact (definition of the unified atomic mass unit)"
AME_FULL = "AME2020 mass.mas20"
AME_FULL_ESTIMATE = "AME2020 mass.mas20 estimate (#)"

#: where the full AME2020 table is vendored (a build-time source, not package data)
MASS_MAS20 = Path("data-sources", "ame2020", "mass.mas20")

_WEIGHTS_HEADER = """\
# Abridged standard atomic weights of the elements with a natural isotopic composition.
# CIAAW 2021: T. Prohaska et al., Standard atomic weights of the elements 2021,
#   Pure Appl. Chem. 94, 573 (2022) (www.ciaaw.org/atomic-weights.htm).
# Generated by nusym/data/_make_isotopes.py from the tables of periodictable 2.1.0; do not edit.
"""

_DENSITY_HEADER = """\
# Density of the elements that are solid or liquid at room temperature, in kg/m^3.
# CRC Handbook of Chemistry and Physics, 80th ed. (1999), as reproduced in the ILL Neutron
#   Data Booklet (2nd ed.); specific gravity at 20 C unless the note gives another temperature
#   (T in C) or a caveat. Gases at room temperature are not listed: give density= explicitly.
# Generated by nusym/data/_make_isotopes.py from the tables of periodictable 2.1.0; do not edit.
"""


def _value_unc(text: str) -> tuple[Decimal, Decimal]:
    """``'55.934935540(290)'`` -> (value, uncertainty); ``'207.2(1.1)'``; ``'1'``.

    >>> _value_unc("0.96941(156)")
    (Decimal('0.96941'), Decimal('0.00156'))
    >>> _value_unc("207.2(1.1)")
    (Decimal('207.2'), Decimal('1.1'))
    """
    text = text.strip().rstrip("#")
    if "(" not in text:
        return Decimal(text), Decimal(0)
    value, unc = text[:-1].split("(")
    decimals = len(value.split(".")[1]) if "." in value else 0
    u = Decimal(unc) if "." in unc else Decimal(unc).scaleb(-decimals)
    return Decimal(value), u


def _abundance_entry(text: str) -> Decimal:
    """Midpoint of ``[low,high]``, or the value of ``value(unc)``."""
    if text.startswith("["):
        low, high = (Decimal(x) for x in text[1:-1].split(","))
        return (low + high) / 2
    return _value_unc(text)[0]


def _plain(x: Decimal) -> str:
    """Decimal without exponent and without trailing zeros."""
    return format(Decimal(x).normalize(), "f")


def find_mass_mas20() -> Path:
    """Path of the vendored ``mass.mas20``: in the source tree this script belongs to, or
    else under the current directory (an installed package run from an unpacked sdist)."""
    for root in (Path(__file__).resolve().parents[2], Path.cwd()):
        if (root / MASS_MAS20).is_file():
            return root / MASS_MAS20
    raise FileNotFoundError(f"{MASS_MAS20} not found (it is in the git repository and the sdist; "
                            "run from their top directory)")


def read_mass_mas20(path: str | Path | None = None,
                    ) -> dict[tuple[int, int], tuple[str, Decimal, Decimal, bool]]:
    """(Z, A) -> (symbol, atomic mass in u, its uncertainty in u, estimated) of every nuclide
    of the AME2020 file ``mass.mas20`` (3558 with the neutron, Z = 0).

    The columns follow the Fortran format of the file's header, ``a1,i3,i5,i5,i5,1x,a3,a4,
    1x,f14.6,f12.6,f13.5,1x,f10.5,1x,a2,f13.5,f11.5,1x,i3,1x,f13.6,f12.6``: the atomic
    mass is the i3 integer part in u followed by the f13.6 rest in micro-u, the
    uncertainty the f12.6 in micro-u, both converted exactly to u; ``#`` in place of the
    decimal point marks a value estimated from trends (``estimated`` is then True).

    >>> row = "0  1    1    0    1  n         8071.31806     0.00044       0.0        0.0     "
    >>> row += "B-    782.3470     0.0004    1 008664.91590     0.00047"
    >>> _mass_mas20_row(row)
    (0, 1, 'n', Decimal('1.00866491590'), Decimal('4.7E-10'), False)
    """
    text = Path(path or find_mass_mas20()).read_text(encoding="ascii")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "(micro-u)" in line) + 1
    table: dict[tuple[int, int], tuple[str, Decimal, Decimal, bool]] = {}
    for line in lines[start:]:
        if line.strip():
            z, a, symbol, mass, unc, estimated = _mass_mas20_row(line)
            assert (z, a) not in table, line
            table[(z, a)] = symbol, mass, unc, estimated
    return table


def _mass_mas20_row(line: str) -> tuple[int, int, str, Decimal, Decimal, bool]:
    """(Z, A, symbol, mass in u, uncertainty in u, estimated) of one line of mass.mas20."""
    n, z, a = int(line[4:9]), int(line[9:14]), int(line[14:19])
    symbol = line[20:23].strip()
    whole, micro, unc = line[106:109], line[110:123].strip(), line[123:135].strip()
    assert n + z == a and symbol and line[109] == " ", line
    estimated = micro.endswith("#")
    assert estimated == unc.endswith("#"), line
    mass = Decimal(int(whole)) + Decimal(micro.rstrip("#")).scaleb(-6)
    return z, a, symbol, mass, Decimal(unc.rstrip("#")).scaleb(-6), estimated


def build(mass_mas20: str | Path | None = None) -> dict[str, str]:
    """Return ``{file name: text}`` of the four data files; ``mass_mas20`` is the path of
    the AME2020 file (default: :func:`find_mass_mas20`)."""
    import periodictable.density as ptd
    import periodictable.mass as ptm

    # --- CIAAW 2021 compositions
    compositions: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    z = 0
    for line in ptm.isotope_abundance.split("\n"):
        if not line.strip():
            continue
        if line[0] not in " \t":
            z_text, symbol = line.split()[:2]
            z = int(z_text)
            compositions[z] = (symbol, [])
        else:
            parts = line.split()
            compositions[z][1].append((int(parts[0]), parts[1]))
    # --- AME2020 masses: the one table of isotope masses; the rounded published values
    # (massround.mas20 via periodictable) where they exist, else the full table mass.mas20
    masses: dict[tuple[int, int], tuple[Decimal, Decimal]] = {}
    rows: dict[tuple[int, int], tuple[str, Decimal, Decimal, str]] = {}
    symbols: dict[int, str] = {}
    for line in ptm.isotope_mass.split("\n"):
        iso, mass, _, _ = line.split(",")
        z_text, symbol, a_text = iso.split("-")
        z, a = int(z_text), int(a_text)
        value, unc = _value_unc(mass)
        source = AME_ESTIMATE if mass.strip().endswith("#") else AME
        if (z, a) == (6, 12):
            assert value == 12 and unc == 0
            source = C12
        symbols[z] = symbol
        rows[(z, a)] = symbol, value, unc, source
    full = read_mass_mas20(mass_mas20)
    assert len(full) == 3558 and set(rows) <= set(full), "not the AME2020 mass.mas20"
    for (z, a), (symbol, value, unc, estimated) in full.items():
        if z >= 1 and (z, a) not in rows:  # the neutron (Z = 0) is the constant m_n_u
            assert symbol == symbols[z], (z, a, symbol)
            rows[(z, a)] = symbol, value, unc, AME_FULL_ESTIMATE if estimated else AME_FULL
    out = io.StringIO()
    out.write(_MASSES_HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Z", "N", "symbol", "mass_u", "mass_uncertainty_u", "source"])
    for (z, a), (symbol, value, unc, source) in sorted(rows.items()):
        masses[(z, a)] = value, unc
        w.writerow([z, a - z, symbol, _plain(value), _plain(unc), source])
    files = {"isotopes.csv": out.getvalue()}
    # --- isotopes file
    out = io.StringIO()
    out.write(_ISOTOPES_HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Z", "N", "symbol", "abundance", "ciaaw"])
    for z in sorted(compositions):
        symbol, entries = compositions[z]
        raw = [(a, _abundance_entry(t), t) for a, t in entries]
        raw = [(a, v, t) for a, v, t in raw if v > 0]
        with localcontext() as ctx:
            ctx.prec = 60
            total = sum(v for _, v, _ in raw)
            fracs = {a: (v / total).quantize(Decimal("1e-12")) for a, v, _ in raw}
        major = max(fracs, key=lambda a: fracs[a])
        fracs[major] = Decimal(1) - sum((f for a, f in fracs.items() if a != major), Decimal(0))
        assert sum(fracs.values()) == 1 and all(f > 0 for f in fracs.values()), symbol
        for a, _, text in raw:
            assert (z, a) in masses, (symbol, a)
            w.writerow([z, a - z, symbol, _plain(fracs[a]), text])
    files["natural_isotopes.csv"] = out.getvalue()
    # --- standard atomic weights
    out = io.StringIO()
    out.write(_WEIGHTS_HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Z", "symbol", "atomic_weight", "uncertainty", "ciaaw"])
    for line in ptm.element_mass.split("\n"):
        parts = line.split("\t")
        z_text, symbol, weight_text = parts[0], parts[1], parts[3].strip()
        if int(z_text) not in compositions:
            continue
        abridged = weight_text.split()[0]
        weight, unc = _value_unc(abridged)
        w.writerow([int(z_text), symbol, _plain(weight), _plain(unc), " ".join(weight_text.split())])
    files["atomic_weights.csv"] = out.getvalue()
    # --- densities
    out = io.StringIO()
    out.write(_DENSITY_HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Z", "symbol", "density_kg_m3", "note"])
    for z in sorted(compositions):
        symbol = compositions[z][0]
        if symbol in GASES:
            continue
        entry = ptd.element_densities[symbol]
        density, note = entry if isinstance(entry, tuple) else (entry, "")
        kg_m3 = Decimal(repr(density)) * 1000
        if symbol in LIQUIDS:
            note = "liquid" + (f"; {note}" if note else "")
        w.writerow([z, symbol, _plain(kg_m3), note])
    files["densities.csv"] = out.getvalue()
    return files


def main(outdir: str | None = None) -> int:
    """Write the files into ``outdir`` (default: this directory)."""
    target = Path(outdir) if outdir else Path(__file__).resolve().parent
    for name, text in build().items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(*sys.argv[1:2]))
