"""The package's architecture, checked statically (see docs/dev/layers.md).

Every module under ``nusym/`` is parsed with :mod:`ast` (nothing is imported,
except by the last test, which checks ``nusym.__all__``) and ALL its imports are
collected: module level and inside functions, ``import a.b``, ``from a import b``,
relative imports resolved against the importing package, and
``importlib.import_module("literal")`` calls (computed names such as
``import_module(f"nusym.cli.{name}")`` cannot be resolved and are not counted).  ``from P import x`` counts as an
import of the module ``P.x`` when ``P/x.py`` (or ``P/x/``) exists, else of ``P``.

Layers, lowest first; a module may import only from its own layer or lower ones:

    0 foundation    nusym._version, errors, resources, constants, units, inputs, io,
                    progress, generated(.*), data (the package)
    1 physics model nusym.presets, masses, isotopes, sources, materials, model, charges
    2 symbolic      nusym.symbolic(.*)   pure SymPy: no argparse, mpmath, numpy, scipy
    3 numeric       nusym.numeric(.*)    no sympy (not even lazily), no nusym.symbolic
    4 applications  nusym.geometry, wep, fifth_force, budget, scan, uncertainty
    5 outputs       nusym.reproduce, latexdoc, plot
    6 cli           nusym.cli(.*), nusym.__main__
    top             nusym (__init__.py: lazy re-exports, may name anything)

Checks (one test each): (a) layer order and the per-layer bans; (b) no import
cycles; (c) no private name imported across modules; (d) imports at module level
except the deliberately lazy heavy ones; (e) numeric never imports sympy; (f)
every module has a layer; plus ``nusym.__all__`` against ``dir(nusym)``.
"""

from __future__ import annotations

import ast
import importlib
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "nusym"

# ----------------------------------------------------------------------------- the rules
#: layer number -> (name, module patterns); "x.*" means x and every submodule of x
LAYERS: dict[int, tuple[str, tuple[str, ...]]] = {
    0: ("foundation", ("nusym._version", "nusym.errors", "nusym.resources", "nusym.constants",
                       "nusym.units", "nusym.inputs", "nusym.io", "nusym.progress", "nusym.reprs",
                       "nusym.generated.*", "nusym.data")),
    1: ("physics model", ("nusym.presets", "nusym.masses", "nusym.isotopes", "nusym.sources",
                          "nusym.materials", "nusym.model", "nusym.charges", "nusym.sectors")),
    2: ("symbolic", ("nusym.symbolic.*",)),
    3: ("numeric", ("nusym.numeric.*",)),
    4: ("applications", ("nusym.geometry", "nusym.wep", "nusym.fifth_force", "nusym.budgets",
                         "nusym.scans", "nusym.uncertainties", "nusym.recast", "nusym.casimir")),
    5: ("outputs", ("nusym.reproduce", "nusym.latexdoc", "nusym.plot")),
    6: ("cli", ("nusym.cli.*", "nusym.__main__")),
    7: ("top (lazy re-exports)", ("nusym",)),
}
TOP = 7
SYMBOLIC, NUMERIC = 2, 3

#: build scripts that live in the package directory but are never imported by it
BUILD_SCRIPTS = frozenset({"nusym.data._make_isotopes"})

#: third-party (or stdlib) top-level modules a layer must not import, at any level
LAYER_BANS: dict[int, frozenset[str]] = {
    SYMBOLIC: frozenset({"argparse", "mpmath", "numpy", "scipy"}),
    NUMERIC: frozenset({"sympy"}),
}
#: nusym packages a layer must not import although they are lower (numeric never waits for SymPy)
LAYER_BANS_NUSYM: dict[int, tuple[str, ...]] = {NUMERIC: ("nusym.symbolic",)}

#: third-party libraries that may be imported inside a function (heavy and optional to the caller)
LAZY_THIRD_PARTY = frozenset({"sympy", "scipy", "matplotlib", "numpy", "gmpy2", "flint", "xarray",
                              "dask", "netCDF4", "astropy", "pint"})
#: nusym modules of a higher-cost kind (importing them imports SymPy, NumPy, SciPy or
#: matplotlib at module level) that may be imported inside a function; "x.*" = x and its
#: submodules.  These are the entries needed today; keep the list small: a cheap module
#: (errors, constants, presets, sources, materials, numeric.potential, ...) belongs at the
#: top of the importing file.  test_lazy_allow_list_is_justified checks that each is heavy.
LAZY_NUSYM = (
    "nusym.symbolic.*",        # SymPy
    "nusym.numeric.spectral",  # NumPy
    "nusym.numeric.fast",      # NumPy
    "nusym.latexdoc",          # SymPy
    "nusym.reproduce",         # NumPy, matplotlib (the CLI imports it only for `nusym reproduce`)
)
#: heavy libraries that make a nusym module "higher cost" (checked for LAZY_NUSYM entries)
HEAVY = frozenset({"sympy", "numpy", "scipy", "matplotlib"})

#: private names that may cross modules: (source module, name)
PRIVATE_ALLOWED = frozenset({("nusym._version", "__version__")})


# ----------------------------------------------------------------------------- the scan
@dataclass(frozen=True)
class Import:
    importer: str        # module doing the import
    target: str          # imported module (resolved, dotted)
    names: tuple[str, ...]  # the names taken by "from target import a, b", else ()
    lineno: int
    lazy: bool           # inside a function (or lambda), not run at import time
    text: str            # how it reads in the source

    def where(self) -> str:
        kind = "function-level" if self.lazy else "module-level"
        return f"{self.importer}:{self.lineno} ({kind}) {self.text}"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))
            if "__pycache__" not in p.parts}


MODULES = _modules()
PACKAGES = {m for m, p in MODULES.items() if p.name == "__init__.py"}


def _resolve_relative(importer: str, level: int, module: str | None) -> str:
    package = importer if importer in PACKAGES else importer.rpartition(".")[0]
    parts = package.split(".")
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    base = ".".join(parts)
    return f"{base}.{module}" if module else base


class _Collector(ast.NodeVisitor):
    def __init__(self, importer: str, source: str):
        self.importer = importer
        self.source = source
        self.depth = 0
        self.found: list[Import] = []

    def _add(self, node: ast.AST, target: str, names: tuple[str, ...] = ()) -> None:
        text = ast.get_source_segment(self.source, node) or ""
        self.found.append(Import(self.importer, target, names, node.lineno, self.depth > 0,
                                 " ".join(text.split())))

    def _function(self, node: ast.AST) -> None:
        # decorators, defaults and annotations run when the function is defined
        outer = list(getattr(node, "decorator_list", [])) + [node.args]
        outer += [node.returns] if getattr(node, "returns", None) is not None else []
        for child in outer:
            self.visit(child)
        self.depth += 1
        body = node.body if isinstance(node.body, list) else [node.body]
        for child in body:
            self.visit(child)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = (_resolve_relative(self.importer, node.level, node.module) if node.level
                else node.module or "")
        names = []
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if alias.name != "*" and sub in MODULES:
                self._add(node, sub)              # "from pkg import module"
            else:
                names.append(alias.name)
        if names:
            self._add(node, base, tuple(names))

    def visit_Call(self, node: ast.Call) -> None:
        f = node.func
        is_import_module = (
            (isinstance(f, ast.Attribute) and f.attr == "import_module"
             and isinstance(f.value, ast.Name) and f.value.id == "importlib")
            or (isinstance(f, ast.Name) and f.id in ("import_module", "__import__"))
        )
        if is_import_module and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            self._add(node, node.args[0].value)
        self.generic_visit(node)


def _scan() -> list[Import]:
    out: list[Import] = []
    broken = []
    for module, path in MODULES.items():
        if module in BUILD_SCRIPTS:
            continue
        source = path.read_text(encoding="utf-8")
        try:
            tree = ast.parse(source, filename=str(path))
        except SyntaxError as exc:
            broken.append(f"{module}: {exc}")
            continue
        collector = _Collector(module, source)
        collector.visit(tree)
        out.extend(collector.found)
    if broken:
        pytest.fail("cannot parse: " + "; ".join(broken), pytrace=False)
    return out


class _LazyImports:
    """All imports of the package, scanned on first use (a parse error fails the tests,
    not the collection of this file)."""

    _cache: list[Import] | None = None

    def __iter__(self):
        if _LazyImports._cache is None:
            _LazyImports._cache = _scan()
        return iter(_LazyImports._cache)


IMPORTS = _LazyImports()


def _matches(module: str, pattern: str) -> bool:
    if pattern.endswith(".*"):
        base = pattern[:-2]
        return module == base or module.startswith(base + ".")
    return module == pattern


def layer_of(module: str) -> int | None:
    for number, (_, patterns) in LAYERS.items():
        if any(_matches(module, p) for p in patterns):
            return number
    return None


def _is_nusym(module: str) -> bool:
    return module == "nusym" or module.startswith("nusym.")


def _top(module: str) -> str:
    return module.split(".")[0]


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def _graph(lazy: bool = True) -> dict[str, set[str]]:
    """nusym module -> nusym modules it imports (all imports, or module level only)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES if m not in BUILD_SCRIPTS}
    for imp in IMPORTS:
        if _is_nusym(imp.target) and imp.target != imp.importer and (lazy or not imp.lazy):
            graph[imp.importer].add(imp.target)
    return graph


def _fail(title: str, offenders: list[str]) -> None:
    if offenders:
        pytest.fail(f"{title} ({len(offenders)}):\n  " + "\n  ".join(offenders), pytrace=False)


def _layer_label(number: int | None) -> str:
    return "no layer" if number is None else f"layer {number} {LAYERS[number][0]}"


# ----------------------------------------------------------------------------- the checks
def test_lazy_allow_list_is_justified():
    """(d) helper: print the allow-list, and check each entry is of a higher-cost kind."""
    print("nusym modules that may be imported inside a function:", ", ".join(LAZY_NUSYM))
    assert len(LAZY_NUSYM) <= 5, "keep the lazy allow-list small"
    module_level = _graph(lazy=False)
    heavy_direct = {i.importer for i in IMPORTS if not i.lazy and _top(i.target) in HEAVY}

    def heavy(module: str, seen: set[str]) -> bool:
        if module in heavy_direct:
            return True
        seen.add(module)
        return any(heavy(m, seen) for m in module_level.get(module, ()) if m not in seen)

    cheap = []
    for pattern in LAZY_NUSYM:
        members = [m for m in MODULES if _matches(m, pattern) and m not in PACKAGES]
        light = [m for m in members if not heavy(m, set())]
        if light:
            cheap.append(f"{pattern}: {', '.join(light)} import(s) none of "
                         f"{', '.join(sorted(HEAVY))} at module level")
    _fail("allow-list entries that are not higher-cost modules", cheap)


def test_a_layer_order():
    """(a) a module imports only from its own layer or lower ones, and obeys its layer's bans."""
    offenders = []
    for imp in IMPORTS:
        src = layer_of(imp.importer)
        if src is None or src == TOP:
            continue  # unknown modules: test_f; the lazy top may name anything
        if _is_nusym(imp.target):
            dst = layer_of(imp.target)
            if dst is not None and dst > src:
                offenders.append(f"{imp.where()}: {_layer_label(src)} imports "
                                 f"{imp.target} ({_layer_label(dst)})")
            for banned in LAYER_BANS_NUSYM.get(src, ()):
                if _matches(imp.target, banned + ".*"):
                    offenders.append(f"{imp.where()}: {_layer_label(src)} must not import "
                                     f"{banned}")
        elif _top(imp.target) in LAYER_BANS.get(src, ()) and src != NUMERIC:
            # (sympy in numeric is check (e))
            offenders.append(f"{imp.where()}: {_layer_label(src)} must not import "
                             f"{_top(imp.target)} (banned: {', '.join(sorted(LAYER_BANS[src]))})")
    _fail("imports against the layer order (see docs/dev/layers.md)", offenders)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _elementary_cycles(graph: dict[str, set[str]], component: list[str],
                       limit: int = 30) -> list[list[str]]:
    """Elementary cycles inside one component, each starting at its smallest module."""
    members = set(component)
    found: list[list[str]] = []
    for start in sorted(members):
        allowed = {m for m in members if m >= start}

        def walk(path: list[str], start: str = start, allowed: set[str] = allowed) -> None:
            if len(found) >= limit:
                return
            for w in sorted(graph[path[-1]] & allowed):
                if w == start:
                    found.append(path + [start])
                elif w not in path:
                    walk(path + [w])

        walk([start])
    return found


def test_b_no_import_cycles():
    """(b) the module graph (all imports, function-level included) has no cycle."""
    graph = _graph(lazy=True)
    where = {(i.importer, i.target): i for i in IMPORTS}
    offenders = []
    for comp in _cycles(graph):
        for cycle in _elementary_cycles(graph, comp):
            steps = [f"{a} -> {b} (line {where[(a, b)].lineno}"
                     f"{', lazy' if where[(a, b)].lazy else ''})"
                     for a, b in zip(cycle, cycle[1:], strict=False)]
            offenders.append(" -> ".join(cycle) + "   [" + "; ".join(steps) + "]")
    _fail("import cycles (each elementary cycle of each strongly connected component)",
          offenders)


def test_c_no_private_imports_across_modules():
    """(c) no ``from X import _name`` nor ``import nusym._x`` from another module."""
    offenders = []
    for imp in IMPORTS:
        if imp.target == imp.importer:
            continue
        names = [n for n in imp.names if (imp.target, n) not in PRIVATE_ALLOWED]
        private_names = [n for n in names if _private(n)]
        if private_names:
            offenders.append(f"{imp.where()}: private name(s) {', '.join(private_names)} "
                             f"of {imp.target}")
        if _is_nusym(imp.target) and any(_private(p) for p in imp.target.split(".")) \
                and (not imp.names or names):
            offenders.append(f"{imp.where()}: private module {imp.target}")
    _fail("private names imported across modules", offenders)


def test_d_imports_at_module_level():
    """(d) function-level imports only of heavy optional libraries and allowed nusym modules."""
    print("nusym modules that may be imported inside a function:", ", ".join(LAZY_NUSYM))
    offenders = []
    for imp in IMPORTS:
        if not imp.lazy:
            continue
        if _is_nusym(imp.target):
            if any(_matches(imp.target, p) for p in LAZY_NUSYM):
                continue
            offenders.append(f"{imp.where()}: {imp.target} is not in LAZY_NUSYM; "
                             "import it at module level")
        elif _top(imp.target) not in LAZY_THIRD_PARTY:
            offenders.append(f"{imp.where()}: {_top(imp.target)} is not a heavy optional "
                             "library; import it at module level")
    _fail("function-level imports that should be at module level (lazy allowed only for "
          f"{', '.join(sorted(LAZY_THIRD_PARTY))} and {', '.join(LAZY_NUSYM)})", offenders)


def test_e_numeric_never_imports_sympy():
    """(e) numeric modules do not import sympy, not even lazily, and importing one does not
    bring SymPy in through module-level imports (nusym.symbolic itself: check (a))."""
    offenders = []
    for imp in IMPORTS:
        if layer_of(imp.importer) == NUMERIC and _top(imp.target) == "sympy":
            offenders.append(f"{imp.where()}: imports {imp.target}")
    graph = _graph(lazy=False)
    direct = {i.importer for i in IMPORTS if not i.lazy and _top(i.target) == "sympy"}
    for module in sorted(m for m in graph if layer_of(m) == NUMERIC):
        # breadth-first: shortest module-level chain from module to a module importing sympy
        parent: dict[str, str | None] = {module: None}
        queue = [module]
        hit = None
        while queue and hit is None:
            nxt = []
            for m in queue:
                if m in direct:
                    hit = m
                    break
                for w in sorted(graph.get(m, ())):
                    if w not in parent:
                        parent[w] = m
                        nxt.append(w)
            queue = nxt
        if hit is not None and hit != module:
            chain = [hit]
            while parent[chain[-1]] is not None:
                chain.append(parent[chain[-1]])
            offenders.append(f"importing {module} imports sympy: "
                             + " -> ".join(reversed(chain)) + " -> sympy")
    _fail("numeric modules that import sympy", offenders)


def test_f_every_module_has_a_layer():
    """(f) every module under nusym/ is assigned to a layer (or is a listed build script)."""
    unknown = [m for m in MODULES if m not in BUILD_SCRIPTS and layer_of(m) is None]
    stale = sorted(BUILD_SCRIPTS - set(MODULES))
    _fail("modules with no layer: add them to LAYERS here and to docs/dev/layers.md",
          unknown + [f"{s} (listed as a build script but absent)" for s in stale])


def test_imports_were_found():
    """The scan itself works (guards against a silently empty import list)."""
    importers = {i.importer for i in IMPORTS}
    assert {"nusym", "nusym.sources", "nusym.numeric.potential"} <= importers
    assert any(i.lazy for i in IMPORTS) and any(not i.lazy for i in IMPORTS)
    assert layer_of("nusym.symbolic") == SYMBOLIC and layer_of("nusym.generated.x") == 0
    assert layer_of("nusym.data") == 0 and layer_of("nusym.data.other") is None


def test_checkers_catch_planted_violations():
    """The machinery itself: a planted cycle, a lazy import and a relative import are seen."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _elementary_cycles(graph, ["a", "b", "c"]) == [["a", "b", "c", "a"]]
    source = ("import os\n"
              "@deco(__import__('json'))\n"
              "def f(x=importlib.import_module('nusym.units')):\n"
              "    from ..errors import NusymError\n"
              "    g = lambda: __import__('math')\n")
    collector = _Collector("nusym.numeric.fake", source)
    collector.visit(ast.parse(source))
    seen = {(i.target, i.names, i.lazy) for i in collector.found}
    assert seen == {("os", (), False), ("json", (), False), ("nusym.units", (), False),
                    ("nusym.errors", ("NusymError",), True), ("math", (), True)}


def test_all_matches_dir():
    """``nusym.__all__`` is exactly the public non-module names of ``dir(nusym)``; each resolves."""
    nusym = importlib.import_module("nusym")
    exported = list(nusym.__all__)
    duplicates = sorted({n for n in exported if exported.count(n) > 1})
    offered = set()
    for name in dir(nusym):
        if name.startswith("_"):
            continue
        if isinstance(getattr(nusym, name, None), types.ModuleType):
            continue
        offered.add(name)
    public_all = {n for n in exported if not n.startswith("_")}
    problems = [f"listed twice in __all__: {n}" for n in duplicates]
    problems += [f"in dir(nusym) but not in __all__: {n} ({type(getattr(nusym, n)).__name__})"
                 for n in sorted(offered - public_all)]
    problems += [f"in __all__ but not in dir(nusym): {n}" for n in sorted(public_all - offered)]
    for name in exported:
        try:
            getattr(nusym, name)
        except Exception as exc:  # noqa: BLE001 - report any failure to resolve
            problems.append(f"nusym.{name} does not resolve: {type(exc).__name__}: {exc}")
    _fail("nusym.__all__ against dir(nusym)", problems)
