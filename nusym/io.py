"""Writing files: the one module of nusym that writes to disk.

* :func:`atomic_write_bytes`, :func:`atomic_write_text`, :func:`atomic_write_json`:
  each file is written whole (a temporary file in the same directory, then
  ``os.replace``), so a reader never sees half a file; ``"-"`` means stdout.
* :func:`prepare_output_dir`: create an output directory, refuse a non-empty one
  unless ``force`` (or unless it is an *incomplete* output of an earlier run, see
  below), and check at once that it is writable (:func:`check_writable_dir`), so
  that a command fails before any computation.
* Incomplete outputs: a command that writes several files into a directory calls
  :func:`mark_incomplete` first (it writes :data:`INCOMPLETE_MARKER`) and
  :func:`mark_complete` when every file is written. A directory still holding
  the marker (the run was interrupted or failed) may be written into again
  without ``force``, provided it holds nothing but the marker, the expected
  files and stale temporary files.

Errors are :class:`nusym.errors.OutputPathError` (an ``InvalidOptionError``, so
a ``NusymError``) with the path and the reason.

>>> import os, tempfile
>>> d = prepare_output_dir(os.path.join(tempfile.mkdtemp(), "out"))
>>> mark_incomplete(d) and is_incomplete(d)
True
>>> atomic_write_json(os.path.join(d, "a.json"), {"x": 1})
>>> prepare_output_dir(d, expected=["a.json"]) == d     # incomplete: may be written again
True
>>> mark_complete(d); sorted(os.listdir(d))
['a.json']
>>> prepare_output_dir(d)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
nusym.errors.OutputPathError: output directory '...' is not empty; choose another --out or pass --force
>>> import shutil; shutil.rmtree(os.path.dirname(d))
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable
from typing import Any

from nusym.errors import OutputPathError

__all__ = [
    "INCOMPLETE_MARKER",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_write_json",
    "check_writable_dir",
    "prepare_output_dir",
    "mark_incomplete",
    "mark_complete",
    "is_incomplete",
]

#: name of the file that marks an output directory as incomplete (being written,
#: or left by an interrupted or failed run)
INCOMPLETE_MARKER = ".nusym-incomplete"

_TMP_PREFIX, _TMP_SUFFIX = ".nusym-", ".tmp"
_PROBE_PREFIX = ".nusym-probe-"


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file in the same dir + os.replace).

    ``"-"`` writes to standard output. A path that cannot be written raises
    :class:`~nusym.errors.OutputPathError`; no temporary file is left behind.
    """
    if os.fspath(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=_TMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise OutputPathError(f"cannot write {path!r}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputPathError(f"cannot write {path!r}: {_reason(exc)}") from None
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Text version of :func:`atomic_write_bytes` (``"-"`` means stdout)."""
    if os.fspath(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_json(path: str | os.PathLike[str], obj: Any, *, indent: int | None = 2,
                      sort_keys: bool = False, ensure_ascii: bool = False) -> None:
    """Write ``obj`` as one JSON document (and a final newline) atomically."""
    text = json.dumps(obj, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii) + "\n"
    atomic_write_text(path, text)


def check_writable_dir(path: str | os.PathLike[str]) -> None:
    """Raise :class:`~nusym.errors.OutputPathError` unless a file can be created in ``path``.

    The test is real: a probe file is created and removed (permission bits alone
    say nothing for root, a read-only file system or an ACL).
    """
    path = os.fspath(path)
    try:
        fd, probe = tempfile.mkstemp(prefix=_PROBE_PREFIX, dir=path)
    except OSError as exc:
        raise OutputPathError(
            f"output directory {path!r} is not writable ({_reason(exc)}); choose another "
            "--out or change its permissions") from None
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass


def _is_ours(name: str) -> bool:
    """A stale temporary or probe file of this module."""
    return (name.startswith(_TMP_PREFIX) and name.endswith(_TMP_SUFFIX)) or \
        name.startswith(_PROBE_PREFIX)


def prepare_output_dir(path: str | os.PathLike[str], force: bool = False, *,
                       expected: Iterable[str] | None = None) -> str:
    """Create ``path`` if needed and check that it is writable; return it.

    A non-empty directory is refused unless ``force``, or unless it holds
    :data:`INCOMPLETE_MARKER` (an earlier run was interrupted) and otherwise only
    names in ``expected`` (the files the caller writes) and stale temporary files,
    which are then removed. Everything is checked before the caller computes
    anything: an existing file, an unwritable directory or parent, a path below a
    regular file all raise :class:`~nusym.errors.OutputPathError` at once.
    """
    path = os.fspath(path)
    if path == "":
        raise OutputPathError("output directory is an empty string; give a directory name")
    if os.path.exists(path) and not os.path.isdir(path):
        raise OutputPathError(f"output path {path!r} exists and is not a directory")
    if os.path.isdir(path):
        try:
            entries = set(os.listdir(path))
        except OSError as exc:
            raise OutputPathError(f"cannot read output directory {path!r}: {_reason(exc)}") from None
        if entries and not force:
            if INCOMPLETE_MARKER not in entries:
                raise OutputPathError(
                    f"output directory {path!r} is not empty; choose another --out or pass --force")
            allowed = set(expected or ())
            foreign = sorted(e for e in entries - {INCOMPLETE_MARKER}
                             if e not in allowed and not _is_ours(e))
            if foreign:
                shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
                raise OutputPathError(
                    f"output directory {path!r} holds an incomplete nusym output "
                    f"({INCOMPLETE_MARKER}) but also other files ({shown}); choose another --out "
                    "or pass --force")
            for name in entries:
                if _is_ours(name):
                    try:
                        os.unlink(os.path.join(path, name))
                    except OSError:
                        pass
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise OutputPathError(f"cannot create output directory {path!r}: {_reason(exc)}") from None
    check_writable_dir(path)
    return path


def mark_incomplete(directory: str | os.PathLike[str], what: str = "nusym") -> str:
    """Write :data:`INCOMPLETE_MARKER` into ``directory``; return its path."""
    marker = os.path.join(os.fspath(directory), INCOMPLETE_MARKER)
    atomic_write_text(marker, f"This directory is being written by {what}, or its run was "
                              "interrupted or failed: its files may be incomplete. Run the "
                              "same command again (no --force needed) to complete it.\n")
    return marker


def mark_complete(directory: str | os.PathLike[str]) -> None:
    """Remove :data:`INCOMPLETE_MARKER` from ``directory`` (if present)."""
    try:
        os.unlink(os.path.join(os.fspath(directory), INCOMPLETE_MARKER))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputPathError(
            f"cannot remove {INCOMPLETE_MARKER} from {os.fspath(directory)!r}: {_reason(exc)}"
        ) from None


def is_incomplete(directory: str | os.PathLike[str]) -> bool:
    """Whether ``directory`` holds :data:`INCOMPLETE_MARKER`."""
    return os.path.isfile(os.path.join(os.fspath(directory), INCOMPLETE_MARKER))
