"""``nusym derive TARGET``: print a derived analytic result (SymPy text or LaTeX).

Targets are registered in :data:`DERIVE_TARGETS`, mapping a name to a
:class:`Target`: a lazy ``"module:function"`` reference (so that SymPy is
imported only when a derivation is asked for; ``derive`` is the only subcommand
that imports it) and the keyword options the function takes. The functions live
in :mod:`nusym.symbolic` and take plain keywords (``nature``, ``order``,
``latex``); this module maps the command-line options onto them.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any, NamedTuple

import mpmath

from nusym.cli.common import add_json_argument, decimal_text, emit_json, model_from_file
from nusym.errors import InvalidOptionError
from nusym.inputs import MAX_ORDER, check_current, check_latex_width, check_nature, parse_int

__all__ = ["DERIVE_TARGETS", "DERIVE_MAX_ORDER", "Target", "register", "run"]

#: largest ``--order`` of ``derive asymptotic``; the same number as
#: ``nusym.symbolic.asymptotic.DERIVE_MAX_ORDER`` (not imported here: that would import
#: SymPy for every subcommand; tests/test_symbolic_pure.py checks that they agree)
DERIVE_MAX_ORDER = 6


class Target(NamedTuple):
    """A derivation: ``"module:function"`` and the keyword options it takes."""

    function: str
    options: tuple[str, ...]


#: target -> the \\input-able fragments of nusym.latexdoc.fragments that show it (--latex-width)
LATEX_FRAGMENTS: dict[str, tuple[str, ...]] = {
    "couplings": ("eq4",),
    "charges": ("eq5", "eq7"),
    "absorptive": ("eq6", "cmp_eq6"),
    "massless": ("eq8",),
    "asymptotic": ("eq9", "cmp_eq9"),
}

#: name -> Target
DERIVE_TARGETS: dict[str, Target] = {
    "couplings": Target("nusym.symbolic.report:derive_couplings_text", ("latex",)),
    "charges": Target("nusym.symbolic.report:derive_charges_text", ("latex",)),
    "absorptive": Target("nusym.symbolic.report:derive_absorptive_text", ("nature", "current", "latex")),
    "threshold": Target("nusym.symbolic.report:derive_threshold_text", ("nature", "current", "latex")),
    "closed-form": Target("nusym.symbolic.closed:derive_closed_form_text", ("nature", "current", "latex")),
    "massless": Target("nusym.symbolic.closed:derive_massless_text", ("nature", "current", "latex")),
    "asymptotic": Target("nusym.symbolic.asymptotic:derive_asymptotic_text", ("nature", "order", "current", "latex")),
}


def _derive_order(text: str) -> int:
    """``--order`` of ``derive asymptotic``: an integer in [0, DERIVE_MAX_ORDER]."""
    try:
        return parse_int(text, "--order", 0, DERIVE_MAX_ORDER, error=InvalidOptionError)
    except InvalidOptionError:
        shown = text if len(text) <= 40 else f"{text[:20]}...{text[-10:]} ({len(text)} characters)"
        raise InvalidOptionError(
            f"--order of 'derive asymptotic' must be an integer between 0 and {DERIVE_MAX_ORDER} "
            f"(DERIVE_MAX_ORDER: the symbolic report grows expensive beyond it), got {shown!r}; "
            f"the numeric route 'nusym potential --method asymptotic' accepts --order up to "
            f"{MAX_ORDER}") from None


def _resolve(target: Target) -> Callable[..., str]:
    module, _, attr = target.function.partition(":")
    return getattr(importlib.import_module(module), attr)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``derive`` subcommand."""
    p = subparsers.add_parser(
        "derive",
        help="print a derived analytic result of the paper (Eqs. 4-9)",
        description="Derive an analytic result with the symbolic core and print it.",
    )
    p.add_argument("target", choices=sorted(DERIVE_TARGETS), help="which result to derive")
    p.add_argument("--nature", default=None,
                   help="dirac or majorana (default: dirac; absorptive, threshold, closed-form, "
                   "massless, asymptotic)")
    p.add_argument("--model", dest="model_file", default=None, metavar="FILE.toml",
                   help="take --nature and the current from a model file ('-': "
                   "standard input); excludes --nature")
    p.add_argument("--current", default=None, metavar="CURRENT",
                   help="absorptive, threshold, closed-form, massless, asymptotic: the neutrino current, "
                   "V=c_V,A=c_A (nubar gamma^mu (c_V - c_A "
                   "gamma5) nu), S=c_S,P=c_P (nubar (c_S + i c_P gamma5) nu), V-A (the Standard Model, "
                   "default) or V+A")
    p.add_argument("--latex", action="store_true", help="print LaTeX instead of SymPy text")
    p.add_argument("--latex-width", dest="latex_width", default=None, metavar="single|double|PT",
                   help="with --latex: print the \\input-able fragment(s) of the result (the packaged "
                   "derivation, as nusym reproduce writes them), laid out for single (246 pt) or double "
                   f"(510 pt) columns or a width in TeX points; targets {', '.join(LATEX_FRAGMENTS)}")
    p.add_argument("--order", default=None, metavar="N",
                   help=f"asymptotic only: order of the long-distance series, V through "
                   f"r^(-5/2-N), 0 <= N <= {DERIVE_MAX_ORDER} (default 1, the order of Eq. 9)")
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym derive``."""
    target = DERIVE_TARGETS[args.target]
    model = None
    if args.model_file is not None:
        if args.nature is not None:
            raise InvalidOptionError(f"--model {args.model_file} gives the nature: drop --nature")
        model = model_from_file(args.model_file)
    if model is not None and args.current is not None:
        raise InvalidOptionError(f"--model {args.model_file} gives the current: drop --current")
    current = check_current(args.current if model is None else getattr(model, "current", None))
    given = {"nature": args.nature if model is None else model.nature, "order": args.order,
             "current": args.current}
    unused = [f"--{k}" for k, v in given.items() if v is not None and k not in target.options]
    if unused and model is not None and unused == ["--nature"]:
        unused = []  # a model file states a nature whatever the target
    if unused:
        raise InvalidOptionError(f"{' and '.join(unused)} {'does' if len(unused) == 1 else 'do'} not "
                                 f"apply to 'derive {args.target}'")
    kwargs: dict[str, object] = {}
    if "nature" in target.options:
        kwargs["nature"] = check_nature("dirac" if given["nature"] is None else given["nature"])
    if "order" in target.options:
        kwargs["order"] = 1 if args.order is None else _derive_order(args.order)
    if args.latex_width is not None:
        return _fragments(args, kwargs, model, current)
    function = _resolve(target)
    if current is not None:
        function = _with_current(function, current)
    if args.json:
        emit_json("derive", {
            "target": args.target,
            "nature": kwargs.get("nature"),
            "order": kwargs.get("order"),
            "current": current_text(current),
            "text": function(**kwargs, latex=False).rstrip("\n"),
            "latex": function(**kwargs, latex=True).rstrip("\n"),
        }, model=model)
        return 0
    text = function(**kwargs, latex=bool(args.latex))
    print(text.rstrip("\n"))
    return 0


def current_text(current: Any) -> str:
    """A canonical current of :func:`nusym.inputs.check_current` as text, as ``Model.describe``
    gives it: ``"V-A"`` (the Standard Model, None) or e.g. ``"S=0.5, P=0"``.

    >>> from fractions import Fraction
    >>> current_text((("S", Fraction(1, 2)), ("P", Fraction(0)))), current_text(None)
    ('S=0.5, P=0', 'V-A')
    """
    if current is None:
        return "V-A"
    with mpmath.workdps(30):
        return ", ".join(f"{k}={decimal_text(mpmath.mpf(v.numerator) / v.denominator, 15)}" for k, v in current)


def _with_current(function: Callable[..., str], current: Any) -> Callable[..., str]:
    """The derivation for a current other than V-A: every target that depends on the current
    takes it as ``current=`` (a mapping of exact fractions, :func:`nusym.inputs.check_current`)."""
    mapping = dict(current)
    return lambda **kw: function(**kw, current=mapping)


def _fragments(args: argparse.Namespace, kwargs: dict, model: Any, current: Any) -> int:
    """``--latex --latex-width W``: the fragments of :func:`nusym.latexdoc.fragments` for the target."""
    width = check_latex_width(args.latex_width)
    if not args.latex and not args.json:
        raise InvalidOptionError("--latex-width goes with --latex (or --json): it lays out LaTeX fragments")
    names = LATEX_FRAGMENTS.get(args.target)
    if names is None:
        raise InvalidOptionError(f"--latex-width: 'derive {args.target}' has no LaTeX fragment; targets with "
                                 f"fragments: {', '.join(LATEX_FRAGMENTS)}")
    if current is not None or kwargs.get("order", 1) != 1:
        raise InvalidOptionError("--latex-width prints the fragments of the paper's results (V-A current, "
                                 "Eq. (9) at its own order): drop --current and --order")
    from nusym.latexdoc import fragments

    texts = fragments(args.latex_width)
    tex = "\n".join(texts[name].rstrip("\n") for name in names)
    if args.json:
        function = _resolve(DERIVE_TARGETS[args.target])
        emit_json("derive", {
            "target": args.target, "nature": kwargs.get("nature"), "order": kwargs.get("order"),
            "current": current_text(None), "latex_width": f"{width:g}pt",
            "text": function(**kwargs, latex=False).rstrip("\n"), "latex": tex,
        }, model=model)
        return 0
    print(tex)
    return 0
