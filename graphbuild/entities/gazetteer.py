"""The gazetteer as the entity components see it: patterns for the ruler, a canonicalizer for
the fixer and the mention resolver.

The components take the user's gazetteer files as a setting (``gazetteer_files`` in their
config) and each asks :func:`gazetteer_canonicalizer` for them: the files are read once per
process and the components share one canonicalizer, so a large user gazetteer is held once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..canonical import (
    Canonicalizer,
    GazetteerEntry,
    default_canonicalizer,
    gazetteer_entries,
    name_key,
)
from .labels import ORG, PRODUCT


def gazetteer_canonicalizer(files: Sequence[str | Path] = ()) -> Canonicalizer:
    """A canonicalizer over the packaged gazetteer and the user's ``files``."""
    if not files:
        return default_canonicalizer()
    # keyed by each file's path and modification time: a file rewritten is read again
    return _canonicalizer(tuple((str(path), _modified(path)) for path in files))


def gazetteer_patterns(entries: Iterable[GazetteerEntry]) -> list[dict[str, Any]]:
    """``entity_ruler`` patterns for every name and alias of ``entries``."""
    patterns = []
    for entry in entries:
        label = ORG if entry.label == "Organization" else PRODUCT
        for alias in sorted({entry.name, *entry.aliases}):
            patterns.append({"label": label, "pattern": alias, "id": name_key(entry.name)})
    return patterns


@lru_cache(maxsize=4)
def _canonicalizer(files: tuple[tuple[str, int], ...]) -> Canonicalizer:
    return Canonicalizer(gazetteer_entries(path for path, _ in files))


def _modified(path: str | Path) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return -1  # gazetteer_entries reports the missing file
