"""Writing output files safely: whole files renamed into place, and a lock per output folder.

A build's outputs (graph.json, graph.graphml, graph.html) are replaced together or not at
all: each is written to a temporary file beside its final name, flushed to disk, and renamed
over it (``os.replace`` is atomic on one file system) only when every one was written. A full
disk or an exception part-way leaves the last good outputs and no temporary files.

A folder lock (``flock`` on a lock file opened without following symlinks) keeps two builds
from writing one folder at once: the second fails at once with ``E_IN_USE``; it does not wait.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import GraphbuildError, Messages

LOCK_FILE = ".graphbuild.lock"


@contextlib.contextmanager
def replace_atomically(targets: Sequence[Path], mode: int = 0o666) -> Iterator[list[Path]]:
    """Yield a temporary path beside each target; on success rename each onto its target.

    Write the files to the yielded paths. If the block raises, the temporary files are removed
    and the targets are untouched. A temporary file left empty (a writer that chose not to
    write, such as a page skipped for size) replaces nothing. ``mode``: the files' permissions
    before the umask.
    """
    temporary: list[Path] = []
    try:
        for target in targets:
            # Not mkstemp: its files are private (0600), and outputs keep the user's umask.
            path = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            os.close(os.open(path, flags, mode))
            temporary.append(path)
        yield temporary
        for path in temporary:
            _fsync(path)
        for path, target in zip(temporary, targets, strict=True):
            if path.stat().st_size:
                os.replace(path, target)
        for folder in {target.parent for target in targets}:
            _fsync_folder(folder)
    finally:
        for path in temporary:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make the renames themselves durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (created if missing) for the block.

    Raises ``GraphbuildError`` (``E_IN_USE``) if another process holds it. The lock file is
    opened with ``O_NOFOLLOW``: a symlink planted in its place is refused, never followed.
    """
    path = Path(folder) / LOCK_FILE
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise GraphbuildError(Messages.E_LOCK.format(path=path, error=error.strerror)) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise GraphbuildError(Messages.E_IN_USE.format(path=folder)) from None
        yield
    finally:
        os.close(descriptor)  # closing releases the lock
