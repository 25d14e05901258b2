"""``nusym scan GRID.toml --out FILE.nc``: V(r) of Eq. (1) over a grid, as netCDF (nusym.scans)."""

from __future__ import annotations

import argparse

from nusym.cli.common import add_json_argument, emit_json
from nusym.errors import InvalidOptionError
from nusym.inputs import parse_int
from nusym.scans import scan

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``scan`` subcommand."""
    p = subparsers.add_parser(
        "scan",
        help="V(r) of Eq. (1) over a grid of sources, models and distances, written as netCDF",
        description="Evaluate the two-neutrino-exchange potential V(r) of Eq. (1) of Segarra & "
        "Bernabeu (2020) on the grid of GRID.toml (pairs of sources, nature, ordering, lightest mass, "
        "preset, phases, r; see docs/scan.md) and write an xarray Dataset (variable V_eV) as netCDF. "
        "Finished chunks are kept in FILE.nc.parts/<grid hash>/, so that the same command resumes "
        "after an interruption.",
    )
    p.add_argument("grid", metavar="GRID.toml", help="the grid (TOML)")
    p.add_argument("--out", required=True, metavar="FILE.nc", help="netCDF file to write (atomically)")
    p.add_argument("--workers", default="1", metavar="N",
                   help="local dask worker processes (default 1: serial, without dask)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="address of a running dask.distributed scheduler, e.g. tcp://host:8786 "
                   "(then --workers does not apply)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_json_argument(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``nusym scan``."""
    workers = parse_int(args.workers, "--workers", 1, 4096, error=InvalidOptionError)
    if args.scheduler is not None and workers != 1:
        raise InvalidOptionError("give either --workers (local processes) or --scheduler (an existing "
                                 "cluster), not both")
    ds = scan(args.grid, workers, scheduler=args.scheduler, out=args.out, progress=not args.quiet)
    name = next(iter(ds.data_vars))
    precision = str(ds.attrs.get("precision", "double"))
    if args.json:
        dps = int(precision.partition("=")[2]) if precision.startswith("dps=") else None
        emit_json("scan", {
            "grid": args.grid,
            "out": args.out,
            "variables": {v: {"dims": {d: int(n) for d, n in ds[v].sizes.items()},
                              "units": str(ds[v].attrs.get("units", ""))} for v in ds.data_vars},
        }, dps=dps, precision="double" if dps is None else "multiple")
        return 0
    dims = ", ".join(f"{d}: {n}" for d, n in ds[name].sizes.items())
    print(f"wrote {args.out}: {', '.join(ds.data_vars)} ({dims}), {ds.attrs.get('precision', 'double')}")
    return 0
