"""``nusym derive TARGET``: print a derived analytic result (SymPy text or LaTeX).

Targets are registered in :data:`DERIVE_TARGETS`, mapping a name to either a
callable ``(args) -> str`` or a lazy ``"module:function"`` reference to one (so
SymPy is imported only when a derivation is asked for).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Union

__all__ = ["DERIVE_TARGETS", "register", "run"]

Target = Union[str, Callable[[argparse.Namespace], str]]

#: name -> callable(args) -> text, or "module:function".
DERIVE_TARGETS: dict[str, Target] = {
    "couplings": "nusym.symbolic.report:derive_couplings_text",
    "charges": "nusym.symbolic.report:derive_charges_text",
    "absorptive": "nusym.symbolic.report:derive_absorptive_text",
    "threshold": "nusym.symbolic.report:derive_threshold_text",
    "closed-form": "nusym.symbolic.closed:derive_closed_form_text",
    "massless": "nusym.symbolic.closed:derive_massless_text",
    "asymptotic": "nusym.symbolic.asymptotic:derive_asymptotic_text",
}


def _resolve(target: Target) -> Callable[[argparse.Namespace], str]:
    if callable(target):
        return target
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``derive`` subcommand."""
    p = subparsers.add_parser(
        "derive",
        help="print a derived analytic result of the paper (Eqs. 4-9)",
        description="Derive an analytic result with the symbolic core and print it.",
    )
    p.add_argument("target", choices=sorted(DERIVE_TARGETS), help="which result to derive")
    p.add_argument("--nature", default="dirac", help="dirac or majorana (default: dirac)")
    p.add_argument("--latex", action="store_true", help="print LaTeX instead of SymPy text")
    p.add_argument("--order", type=int, default=1, help="order of a series (default: 1)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym derive``."""
    from ..errors import InvalidOptionError
    from ..symbolic.absorptive import normalise_nature

    args.nature = normalise_nature(args.nature)
    if args.order < 0:
        raise InvalidOptionError(f"--order must be a non-negative integer, got {args.order}")
    text = _resolve(DERIVE_TARGETS[args.target])(args)
    print(text.rstrip("\n"))
    return 0
