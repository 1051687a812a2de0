"""The gazetteer compiled once into a SQLite file that every worker opens read-only.

As spaCy's ``entity_ruler``, a user gazetteer of 200,000 names cost every worker process
1.5 GB (a ``PhraseMatcher`` over 200,000 pattern ``Doc``\\ s, and their words added to the
vocabulary) and 40 s before its first document. The index holds the same facts as rows:

- ``entries``: each entry (name, label, aliases) in gazetteer order, packaged entries first;
- ``keys``: each name's and alias's canonical key (:func:`~graphbuild.canonical.name_key`) and
  the first entry that claims it, which is what :class:`~graphbuild.canonical.Canonicalizer`
  looks up;
- ``spellings``: each name and alias by its *spelling*, the text without whitespace, which is
  what a run of tokens of a document must spell to be that name (the entity component
  :mod:`graphbuild.entities.gazetteer` checks the tokens themselves afterwards).

A build compiles it in its cache folder (a temporary folder with ``--no-cache``), named by a
hash of what it is made from (the gazetteer files' bytes, the packaged gazetteer and the
key recipe), so an edited gazetteer gets a new index and an unchanged one is reused by the
next build. Workers open it read-only: the operating system's page cache holds one copy for
all of them, and each process keeps only the rows it looked up. Where no index is at hand (a
notebook's ``load_pipeline``, a Dask worker on another machine) the same tables are compiled
in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import sqlite3
import stat
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .canonical import GazetteerEntry, gazetteer_entries, key_identity, name_key
from .errors import GraphbuildWarning, Messages
from .files import replace_atomically

# Bump when the tables change.
SCHEMA_VERSION = 1
INDEX_PREFIX = "gazetteer-"
INDEX_SUFFIX = ".sqlite"
# Keys looked up per statement (SQLite limits the parameters of one statement).
_CHUNK = 500
# The first characters of every spelling (the whole of a shorter one), which a process holds in
# memory (a few thousand short strings): a run of tokens is looked up only if it begins as some
# name does.
PREFIX_CHARS = 3
# Entries written per statement while compiling.
_ROWS_PER_INSERT = 10_000
# Canonical keys remembered per process: the names of a corpus repeat, the index is on disk.
_KEYS_REMEMBERED = 1 << 16

_SCHEMA = """
CREATE TABLE info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL, aliases TEXT NOT NULL
);
CREATE TABLE keys (key TEXT PRIMARY KEY, entry INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE spellings (spelling TEXT NOT NULL, alias TEXT NOT NULL, entry INTEGER NOT NULL);
CREATE TABLE prefixes (prefix TEXT PRIMARY KEY) WITHOUT ROWID;
"""
# Made after the rows are in: one sort instead of 200,000 insertions into a B-tree.
_SPELLING_INDEX = "CREATE INDEX spellings_by_spelling ON spellings (spelling)"


class Spelled(NamedTuple):
    """A gazetteer name or alias as written, and its entry."""

    alias: str
    entry: GazetteerEntry


def spelling(text: str) -> str:
    """What a name spells without its whitespace: the key tokens are looked up by.

    >>> spelling("Acme  Widgets\\tInc.")
    'AcmeWidgetsInc.'
    """
    return "".join(text.split())


def index_identity(files: Sequence[str | Path]) -> str:
    """A hash of everything the index of ``files`` is made from; it names the index file."""
    digest = hashlib.sha256(f"graphbuild gazetteer index {SCHEMA_VERSION}\0".encode())
    digest.update(key_identity().encode())
    packaged = resources.files("graphbuild") / "data" / "gazetteer.jsonl"
    for content in (packaged.read_bytes(), *(_read_bytes(path) for path in files)):
        digest.update(len(content).to_bytes(8, "big"))
        digest.update(content)
    return digest.hexdigest()


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""  # unreadable: loading the entries names the file


class GazetteerIndex:
    """An open index: entries by canonical key, names and aliases by spelling."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        (longest,) = connection.execute(
            "SELECT value FROM info WHERE name = 'longest_spelling'"
        ).fetchone()
        (widest,) = connection.execute(
            "SELECT value FROM info WHERE name = 'longest_alias'"
        ).fetchone()
        # Bounds of a run of tokens worth looking up: characters spelled, and tokens (a token
        # has at least one character).
        self.longest_spelling = int(longest)
        self.longest_alias = int(widest)
        self.prefixes = frozenset(
            prefix for (prefix,) in connection.execute("SELECT prefix FROM prefixes")
        )
        self.entry = lru_cache(maxsize=_KEYS_REMEMBERED)(self._entry)

    @classmethod
    def compile(
        cls, entries: Iterable[GazetteerEntry], path: str | Path = ":memory:", identity: str = ""
    ) -> GazetteerIndex:
        """The index of ``entries`` (in gazetteer order), written to ``path``."""
        connection = sqlite3.connect(path, check_same_thread=False)
        try:
            # no journal, no waiting for the disk: the file is renamed into place only once
            # whole, and one left damaged by a crash fails its check and is compiled again
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            _fill(connection, entries, identity)
        except BaseException:
            connection.close()
            raise
        return cls(connection)

    @classmethod
    def open(cls, path: str | Path) -> GazetteerIndex:
        """The compiled index at ``path``, read-only; ``sqlite3.Error`` if it is not one."""
        # immutable: the file is never written once renamed into place (a new gazetteer gets
        # a new file), so readers take no locks
        uri = f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            return cls(connection)
        except (sqlite3.Error, TypeError, ValueError):
            connection.close()
            raise sqlite3.DatabaseError(f"{path}: not a gazetteer index") from None

    def identity(self) -> str | None:
        row = self._connection.execute("SELECT value FROM info WHERE name = 'identity'").fetchone()
        return str(row[0]) if row else None

    def _entry(self, key: str) -> GazetteerEntry | None:
        """The entry whose name or alias has the canonical ``key``: the first to claim it."""
        row = self._connection.execute(
            "SELECT name, label, aliases FROM keys JOIN entries ON entries.id = keys.entry "
            "WHERE key = ?",
            (key,),
        ).fetchone()
        return None if row is None else _entry_of(row)

    def spelled(self, spellings: Iterable[str]) -> dict[str, list[Spelled]]:
        """The names and aliases spelled each way, in gazetteer order; absent spellings left
        out."""
        wanted = list(dict.fromkeys(spellings))
        found: dict[str, list[Spelled]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = self._connection.execute(
                "SELECT spelling, alias, name, label, entries.aliases FROM spellings "
                "JOIN entries ON entries.id = spellings.entry "
                f"WHERE spelling IN ({','.join('?' * len(chunk))}) "
                "ORDER BY spellings.rowid",
                chunk,
            )
            for written, alias, *entry in rows:
                found.setdefault(written, []).append(Spelled(alias, _entry_of(entry)))
        return found

    def check(self) -> None:
        """Raise ``sqlite3.DatabaseError`` unless every page of the file reads back whole."""
        (verdict,) = self._connection.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(verdict)

    def close(self) -> None:
        self._connection.close()


def _entry_of(row: Sequence[str]) -> GazetteerEntry:
    name, label, aliases = row
    return GazetteerEntry(name=name, label=label, aliases=tuple(json.loads(aliases)))


def _fill(connection: sqlite3.Connection, entries: Iterable[GazetteerEntry], identity: str) -> None:
    longest = widest = 0
    with connection:
        connection.executescript(_SCHEMA)
        numbered = enumerate(entries)
        while chunk := list(itertools.islice(numbered, _ROWS_PER_INSERT)):
            connection.executemany(
                "INSERT INTO entries VALUES (?, ?, ?, ?)",
                [
                    (number, entry.name, entry.label, json.dumps(list(entry.aliases)))
                    for number, entry in chunk
                ],
            )
            # the first entry to claim a key keeps it, as Canonicalizer's dict did
            connection.executemany(
                "INSERT OR IGNORE INTO keys VALUES (?, ?)",
                [
                    (name_key(alias), number)
                    for number, entry in chunk
                    for alias in (entry.name, *entry.aliases)
                ],
            )
            # every distinct name and alias is a pattern, as they were for the entity_ruler; a
            # name of nothing but whitespace spells nothing and is never a name
            rows = [
                (spelling(alias), alias, number)
                for number, entry in chunk
                for alias in sorted({entry.name, *entry.aliases})
                if spelling(alias)
            ]
            connection.executemany("INSERT INTO spellings VALUES (?, ?, ?)", rows)
            connection.executemany(
                "INSERT OR IGNORE INTO prefixes VALUES (?)",
                [(written[:PREFIX_CHARS],) for written, _, _ in rows],
            )
            longest = max([longest, *(len(written) for written, _, _ in rows)])
            widest = max([widest, *(len(alias) for _, alias, _ in rows)])
        connection.execute(_SPELLING_INDEX)
        connection.executemany(
            "INSERT INTO info VALUES (?, ?)",
            [
                ("schema", str(SCHEMA_VERSION)),
                ("identity", identity),
                ("longest_spelling", str(longest)),
                ("longest_alias", str(widest)),
            ],
        )


def prepare_index(files: Sequence[str | Path], folder: str | Path) -> Path:
    """The index of the packaged gazetteer and ``files`` in ``folder``, compiled unless a
    sound one of the same content is there already; indexes of other content are removed.

    A file in the index's place that is not a sound index (corrupt, cut short, a symlink
    planted there) is replaced, with a warning; nothing is followed through a symlink. Call
    it holding the folder's lock (the parse cache's): two builds never compile into one
    folder at once.
    """
    folder = Path(folder)
    identity = index_identity(files)
    path = folder / f"{INDEX_PREFIX}{identity[:24]}{INDEX_SUFFIX}"
    problem = _problem(path, identity)
    if problem is None:
        return path
    if problem:
        warnings.warn(
            Messages.W_GAZETTEER_INDEX.format(path=path, problem=problem),
            GraphbuildWarning,
            stacklevel=2,
        )
    entries = gazetteer_entries(files)  # a malformed file stops here, naming file and line
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{INDEX_PREFIX}*{INDEX_SUFFIX}*"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()  # unlink removes a symlink itself, never what it points to
    # the temporary file is created new and private first, so SQLite never writes through a
    # symlink; the rename replaces a planted symlink itself
    with replace_atomically([path], mode=0o600) as (temporary,):
        GazetteerIndex.compile(entries, temporary, identity).close()
    return path


def _problem(path: Path, identity: str) -> str | None:
    """None when ``path`` is a sound index of ``identity``; "" when there is nothing there;
    otherwise what is wrong with it."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return ""
    except OSError as error:
        return str(error)
    if not stat.S_ISREG(mode):
        return "not a regular file"
    try:
        index = GazetteerIndex.open(path)
    except sqlite3.Error as error:
        return str(error)
    try:
        if index.identity() != identity:
            return "made from other content"
        index.check()
    except sqlite3.Error as error:
        return str(error)
    finally:
        index.close()
    return None


@lru_cache(maxsize=4)
def _open(files: tuple[tuple[str, int], ...], path: str | None, _: int) -> GazetteerIndex:
    paths = [name for name, _ in files]
    identity = index_identity(paths)
    if path is not None:
        with contextlib.suppress(sqlite3.Error):
            index = GazetteerIndex.open(path)
            try:
                if index.identity() == identity:
                    return index
            except sqlite3.Error:
                pass
            index.close()
    # no index given, or not this gazetteer's (a Dask worker on another machine): compile here
    return GazetteerIndex.compile(gazetteer_entries(paths), identity=identity)


def open_index(files: Sequence[str | Path] = (), path: str | Path | None = None) -> GazetteerIndex:
    """The index of the packaged gazetteer and ``files``, opened once per process: the one at
    ``path`` when it was compiled from the same content, else one compiled in memory."""
    # keyed by each file's path and modification time: a file rewritten is read again, an
    # index compiled again is opened again
    return _open(
        tuple((str(name), _modified(name)) for name in files),
        None if path is None else str(path),
        -1 if path is None else _modified(path),
    )


def _modified(path: str | Path) -> int:
    try:
        return Path(path).stat().st_mtime_ns
    except OSError:
        return -1  # gazetteer_entries reports the missing file


@contextlib.contextmanager
def build_index(files: Sequence[str | Path], folder: str | Path | None) -> Iterator[Path | None]:
    """The index a build's workers open: compiled in ``folder`` (the cache folder), or in a
    private temporary folder removed after the build; None when there are no user files
    (the packaged gazetteer alone is compiled in memory, in a moment)."""
    if not files:
        yield None
        return
    if folder is not None:
        yield prepare_index(files, folder)
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="graphbuild-gazetteer-") as temporary:
        yield prepare_index(files, temporary)
