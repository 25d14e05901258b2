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
from typing import NamedTuple

from nusym.errors import InvalidOptionError
from nusym.inputs import MAX_ORDER, check_nature, parse_int

__all__ = ["DERIVE_TARGETS", "DERIVE_MAX_ORDER", "Target", "register", "run"]

#: largest ``--order`` of ``derive asymptotic``; the same number as
#: ``nusym.symbolic.asymptotic.DERIVE_MAX_ORDER`` (not imported here: that would import
#: SymPy for every subcommand; tests/test_symbolic_pure.py checks that they agree)
DERIVE_MAX_ORDER = 6


class Target(NamedTuple):
    """A derivation: ``"module:function"`` and the keyword options it takes."""

    function: str
    options: tuple[str, ...]


#: name -> Target
DERIVE_TARGETS: dict[str, Target] = {
    "couplings": Target("nusym.symbolic.report:derive_couplings_text", ("latex",)),
    "charges": Target("nusym.symbolic.report:derive_charges_text", ("latex",)),
    "absorptive": Target("nusym.symbolic.report:derive_absorptive_text", ("nature", "latex")),
    "threshold": Target("nusym.symbolic.report:derive_threshold_text", ("nature", "latex")),
    "closed-form": Target("nusym.symbolic.closed:derive_closed_form_text", ("nature", "latex")),
    "massless": Target("nusym.symbolic.closed:derive_massless_text", ("nature", "latex")),
    "asymptotic": Target("nusym.symbolic.asymptotic:derive_asymptotic_text", ("nature", "order", "latex")),
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


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    p.add_argument("--latex", action="store_true", help="print LaTeX instead of SymPy text")
    p.add_argument("--order", default=None, metavar="N",
                   help=f"asymptotic only: order of the long-distance series, V through "
                   f"r^(-5/2-N), 0 <= N <= {DERIVE_MAX_ORDER} (default 1, the order of Eq. 9)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym derive``."""
    target = DERIVE_TARGETS[args.target]
    given = {"nature": args.nature, "order": args.order}
    unused = [f"--{k}" for k, v in given.items() if v is not None and k not in target.options]
    if unused:
        raise InvalidOptionError(f"{' and '.join(unused)} {'does' if len(unused) == 1 else 'do'} not "
                                 f"apply to 'derive {args.target}'")
    kwargs: dict[str, object] = {"latex": bool(args.latex)}
    if "nature" in target.options:
        kwargs["nature"] = check_nature("dirac" if args.nature is None else args.nature)
    if "order" in target.options:
        kwargs["order"] = 1 if args.order is None else _derive_order(args.order)
    text = _resolve(target)(**kwargs)
    print(text.rstrip("\n"))
    return 0
