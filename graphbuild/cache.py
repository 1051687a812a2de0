"""The parse cache: the spaCy model's output per document, so re-runs do not re-parse.

Only the model's own components (tok2vec ... ner) are cached, as one-document ``DocBin``s with
their ``user_data`` (the masked stock tickers). graphbuild's components and relation rules run
again on every build, so changing rules or the gazetteer never needs a re-parse. Entries are
keyed by the text, the model's name and version, spaCy's version and the ticker masking, so a
new model or spaCy release misses the cache rather than reusing stale parses.

The cache also remembers which documents the last build in it covered (the *manifest*), which
is what ``graphbuild build --update`` adds new documents to. A build records its documents as
*pending* and they become the manifest in one transaction when it commits, so a build that
fails, or reads nothing, leaves the manifest as it was. One build at a time uses a cache
folder (a lock file in it).

It is one SQLite file written only by the process that merges the graph; workers receive and
return bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

import spacy
import srsly.msgpack
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from .errors import GraphbuildError, Messages, ModelError
from .files import folder_lock
from .nlp import MODEL_PACKAGES, preparation_identity
from .records import Document

CACHE_FILE = "parses.sqlite"
# Bump when the layout of the SQLite file changes.
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, doc BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS manifest (
    doc_id TEXT PRIMARY KEY, position INTEGER NOT NULL, document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (
    doc_id TEXT PRIMARY KEY, position INTEGER NOT NULL, document TEXT NOT NULL
);
"""


class CacheError(GraphbuildError):
    """The cache folder cannot be used."""


def model_identity(model: str | None = None) -> str:
    """The cache's notion of "the same model": package, version, spaCy version and masking.

    Read from the installed package's ``meta.json`` so that the merging process need not load
    the model itself.
    """
    for package in (model,) if model else MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        meta_path = Path(module.__file__ or "").parent / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        masking = preparation_identity()
        return (
            f"{package}/{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
            f"/spacy-{spacy.__version__}/mask-{masking}"
        )
    raise ModelError(Messages.E_NO_MODEL)


def doc_to_bytes(doc: Doc) -> bytes:
    store = DocBin(store_user_data=True)
    store.add(doc)
    return store.to_bytes()


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    with _builtin_msgpack_decoders():
        return next(iter(DocBin(store_user_data=True).from_bytes(data).get_docs(vocab)))


@contextlib.contextmanager
def _builtin_msgpack_decoders() -> Iterator[None]:
    """srsly looks for msgpack decoders in every installed package's entry points on each
    call, which was a fifth of the cost of a rebuild from the cache. Its own decoders are
    registered in code, so reading a DocBin does not need the scan."""
    registry = srsly.msgpack.msgpack_decoders
    scanning = registry.entry_points
    registry.entry_points = False
    try:
        yield
    finally:
        registry.entry_points = scanning


def model_components(nlp: Language) -> list[str]:
    """The model's own components: everything graphbuild did not add."""
    return [name for name in nlp.pipe_names if not name.startswith("graphbuild_")]


class ParseCache:
    """Model parses keyed by text, plus the manifest of the last build's documents."""

    def __init__(self, directory: str | Path, identity: str) -> None:
        self.directory = Path(directory)
        self.identity = identity
        self._lock = contextlib.ExitStack()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CacheError(Messages.E_CACHE.format(path=self.directory, error=error)) from error
        self._lock.enter_context(folder_lock(self.directory))
        try:
            self._connection = sqlite3.connect(self.directory / CACHE_FILE)
            self._connection.executescript(_SCHEMA)
            self._connection.execute(
                "INSERT OR IGNORE INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
            )
            (schema,) = self._connection.execute(
                "SELECT value FROM info WHERE name = 'schema'"
            ).fetchone()
        except (OSError, sqlite3.Error) as error:
            self._lock.close()
            raise CacheError(Messages.E_CACHE.format(path=self.directory, error=error)) from error
        if schema != str(SCHEMA_VERSION):
            self.close()
            raise CacheError(
                Messages.E_CACHE.format(
                    path=self.directory, error=f"schema {schema}, expected {SCHEMA_VERSION}"
                )
            )

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.identity}\0{text}".encode()).hexdigest()

    def get_many(self, keys: Iterable[str]) -> dict[str, bytes]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        # SQLite limits the number of parameters per statement.
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._connection.execute(
                f"SELECT key, doc FROM parses WHERE key IN ({marks})", chunk
            )
            found.update(rows)
        return found

    def put_many(self, entries: Iterable[tuple[str, bytes]]) -> None:
        with self._connection:
            self._connection.executemany("INSERT OR REPLACE INTO parses VALUES (?, ?)", entries)

    def __len__(self) -> int:
        (count,) = self._connection.execute("SELECT COUNT(*) FROM parses").fetchone()
        return int(count)

    # --- the manifest: which documents the graph in this cache covers ----------------------

    def manifest(self, page: int = 500) -> Iterator[Document]:
        """The recorded documents in order, read a page at a time to keep memory flat."""
        position = -1
        while True:
            rows = self._connection.execute(
                "SELECT position, document FROM manifest WHERE position > ? "
                "ORDER BY position LIMIT ?",
                (position, page),
            ).fetchall()
            if not rows:
                return
            for position, raw in rows:  # noqa: B007 (the last one pages on)
                yield Document(**json.loads(raw))

    def manifest_ids(self) -> set[str]:
        return {doc_id for (doc_id,) in self._connection.execute("SELECT doc_id FROM manifest")}

    def manifest_document(self, doc_id: str) -> Document | None:
        row = self._connection.execute(
            "SELECT document FROM manifest WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return Document(**json.loads(row[0])) if row else None

    def begin_manifest(self) -> None:
        """Start recording a build's documents (apart from the manifest, until committed)."""
        with self._connection:
            self._connection.execute("DELETE FROM pending")

    def record(self, documents: Iterable[Document]) -> None:
        """Add (or replace, by id) documents in the pending manifest."""
        (last,) = self._connection.execute(
            "SELECT COALESCE(MAX(position), -1) FROM pending"
        ).fetchone()
        rows = [
            (document.id, last + 1 + offset, json.dumps(asdict(document), ensure_ascii=False))
            for offset, document in enumerate(documents)
        ]
        with self._connection:
            self._connection.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?, ?)", rows)

    def commit_manifest(self, *, update: bool = False) -> None:
        """Make the recorded documents the manifest (with ``update``: add them to it), in one
        transaction."""
        with self._connection:
            if update:
                (base,) = self._connection.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM manifest"
                ).fetchone()
            else:
                base = 0
                self._connection.execute("DELETE FROM manifest")
            self._connection.execute(
                "INSERT OR REPLACE INTO manifest "
                "SELECT doc_id, ? + position, document FROM pending",
                (base,),
            )
            self._connection.execute("DELETE FROM pending")

    def close(self) -> None:
        if hasattr(self, "_connection"):
            self._connection.close()
        self._lock.close()

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
