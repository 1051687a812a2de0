"""Reading documents: files, folders and JSONL in; ``Document`` or ``Skipped`` records out.

This is the only stage that touches input files. Every problem with one input (a missing
path, an unreadable folder, an unsupported, empty, binary or non-UTF-8 file, a bad JSONL line,
a repeated id) becomes a ``Skipped`` record with a message from ``errors.Messages`` and the
run goes on.

Encodings: UTF-8, with or without a byte-order mark, is read; UTF-16 and UTF-32 are read when
a byte-order mark says which they are. Anything else (Latin-1, UTF-16 without a BOM, ...) is
skipped with ``E_NOT_UTF8``: guessing an encoding silently corrupts names. Line ends are
normalised to ``\\n``, and ``Document.text`` is what every offset downstream refers to.

Example:
    >>> from graphbuild.documents import parse_dateline
    >>> parse_dateline("UPDATED 07:30 EDT / APRIL 23 2015\\n\\nCorvane joins the Orvell Foundation")
    '2015-04-23'
"""

from __future__ import annotations

import codecs
import copy
import datetime
import functools
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import yaml
from dateutil import parser as date_parser

from .errors import Messages, RulesError
from .records import Document, Skipped

if TYPE_CHECKING:
    from lxml.html import HtmlElement

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
# A file, or one JSONL line, above this is refused rather than read: memory stays bounded.
# The pipeline still has to cut long documents to spaCy's ``max_length`` (1,000,000 chars).
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
# Boilerplate is only looked for in this trailing share of a document's characters, and no
# further back than this: publisher blurbs are a few kilobytes, and huge documents stay fast.
BOILERPLATE_TAIL_SHARE = 0.4
BOILERPLATE_TAIL_MAX_CHARS = 20_000
# A dateline is looked for in this many non-blank lines at the top of a document.
DATELINE_LINES = 5
# Lines up to this long are byline/dateline lines and searched whole; longer lines are
# paragraphs, where only a wire-style "PLACE, <date> (Reuters) -" opening counts.
DATELINE_MAX_CHARS = 80

# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
# Date phrases with an explicit year; dateutil decides whether the word is a month.
_DATE_PHRASE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b[A-Za-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b"
    r"|\b\d{1,2} [A-Za-z]{3,9}\.?,? \d{4}\b"
)
# "PLACE, <date> (Reuters) -": the text between the place and the agency or dash.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][^,]{1,40}, (?P<date>[^()\u2013\u2014]{4,30}?)(?= ?(?:\(| - |\u2013|\u2014))"
)
# Two defaults that differ in year, month and day: a field dateutil filled in from the default
# shows up as a disagreement, so only fully stated dates are accepted.
_DEFAULTS = (datetime.datetime(1900, 1, 1), datetime.datetime(1904, 2, 2))
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "article", "section", "header", "footer", "blockquote", "pre", "table", "title",
)  # fmt: skip
_NEVER_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "head")


def read_documents(
    paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()
) -> Iterator[Document | Skipped]:
    """Yield one ``Document`` or ``Skipped`` per input document, in a deterministic order.

    ``paths`` may mix files (.txt, .md, .html/.htm, .jsonl) and folders, which are read
    recursively in sorted order, skipping hidden files and folders. Only regular files are
    opened: FIFOs, sockets and devices are skipped with a reason, so nothing can block. Ids are
    unique within one call: a JSONL line's ``id`` (or ``<file id>:<line>``), otherwise the
    file's path relative to the folder it was found under, or its name when given directly.
    Files and folders in ``exclude`` (the build's own outputs), and everything in such a folder,
    are never read.

    Whatever goes wrong with one document (its bytes, its name, its metadata) makes it a
    ``Skipped`` with the reason; the next document is read.
    """
    excluded = _identities(exclude)
    excluded_real = [os.path.realpath(folder) for folder in exclude]
    seen: dict[str, str] = {}  # document id -> where it was first read
    for given in paths:
        path = Path(given)
        if _has_surrogates(str(path)):
            yield _bad_name(path)
            continue
        real = os.path.realpath(path)
        if any(real == folder or real.startswith(folder + os.sep) for folder in excluded_real):
            yield Skipped(str(path), Messages.E_OWN_OUTPUT.format(path=path))
            continue
        files: Iterator[tuple[Path, str] | Skipped]
        if path.is_dir():
            files = _walk(path, excluded)
        elif path.exists():
            files = iter([(path, path.name)])
        else:
            yield Skipped(str(path), Messages.E_NO_SUCH_PATH.format(path=path))
            continue
        for item in files:
            if isinstance(item, Skipped):
                yield item
                continue
            file_path, document_id = item
            try:
                for result in _read_file(file_path, document_id):
                    yield _unique(result, seen)
            except Exception as error:  # one bad document never stops the run
                yield Skipped(
                    str(file_path),
                    Messages.E_DOCUMENT_FAILED.format(source=file_path, error=_describe(error)),
                )


def parse_date(value: object) -> str | None:
    """Normalise a metadata date (a ``date``, ``datetime`` or string) to ``YYYY-MM-DD``.

    Returns None unless year, month and day are all stated.

    >>> parse_date("1987-03-26T10:00:00Z"), parse_date("April 3, 2012"), parse_date("2015")
    ('1987-03-26', '2012-04-03', None)
    """
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    try:
        first, second = (date_parser.parse(value, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first.date() == second.date() else None


def parse_dateline(text: str) -> str | None:
    """Find the publication date in a dateline among the first lines of ``text``.

    Recognises short dateline or byline lines ("UPDATED 07:30 EDT / APRIL 23 2015",
    "April 3, 2012", "2012-04-03") and wire openings ("NEW YORK, March 3, 2012 (Reuters) -").
    A date without a year ("NEW YORK, March 3 (Reuters) -") gives None: the year is never
    guessed, and numbers further down the text are never read as dates.

    >>> parse_dateline("NEW YORK, March 3, 2012 (Reuters) - Corvane said on Tuesday ...")
    '2012-03-03'
    """
    lines = (line.strip() for line in text[:4000].split("\n"))
    for line in [line for line in lines if line][:DATELINE_LINES]:
        if len(line) <= DATELINE_MAX_CHARS:
            candidates = [match.group() for match in _DATE_PHRASE.finditer(line)]
        else:
            wire = _WIRE_DATELINE.match(line)
            opening = wire.group("date") if wire else ""
            candidates = [match.group() for match in _DATE_PHRASE.finditer(opening)]
        for candidate in candidates:
            date = parse_date(candidate)
            if date is not None:
                return date
    return None


@functools.lru_cache(maxsize=8)
def load_boilerplate_patterns(path: str | None = None) -> re.Pattern[str]:
    """Load the boilerplate patterns file (default: the packaged one) as one regex.

    Raises ``RulesError`` naming the file and line of a pattern that does not compile.
    """
    if path is None:
        source = resources.files("graphbuild") / "data" / "boilerplate.txt"
        name, content = str(source), source.read_text(encoding="utf-8")
    else:
        name, content = path, Path(path).read_text(encoding="utf-8")
    patterns = []
    for number, line in enumerate(content.splitlines(), start=1):
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        try:
            re.compile(pattern)
        except re.error as error:
            raise RulesError(
                Messages.E_RULES_ENTRY.format(path=name, line=number, problem=f"bad regex: {error}")
            ) from error
        patterns.append(f"(?:{pattern})")
    if not patterns:
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=name, problem="no patterns"))
    return re.compile("|".join(patterns), re.IGNORECASE)


def strip_boilerplate(text: str, patterns: re.Pattern[str] | None = None) -> str:
    """Cut a trailing publisher boilerplate block (newsletter, sponsorship, "about us").

    The cut is at the first line matching ``patterns`` that starts in the last 40% (and last
    20,000 characters) of the text, moved back over matching lines just before it; only the
    end is removed, so offsets into the kept text are unchanged. Text without such a block is
    returned as it is.
    """
    patterns = patterns or load_boilerplate_patterns()
    zone_start = max(
        int(len(text) * (1 - BOILERPLATE_TAIL_SHARE)), len(text) - BOILERPLATE_TAIL_MAX_CHARS
    )
    # The first line that starts at or after zone_start.
    newline = text.find("\n", zone_start - 1) if zone_start else -1
    offset = newline + 1 if newline != -1 or not zone_start else len(text)
    cut = None
    for line in text[offset:].split("\n"):
        if patterns.search(line.strip()):
            cut = offset
            break
        offset += len(line) + 1
    if cut is None:
        return text
    # A block may open just before the zone: take in matching lines (and blank lines) above.
    start = cut
    while start > 0:
        previous_start = text.rfind("\n", 0, start - 1) + 1
        previous = text[previous_start : start - 1].strip()
        if previous and not patterns.search(previous):
            break
        if previous:
            cut = previous_start
        start = previous_start
    return text[:cut].rstrip()


def _walk(root: Path, excluded: frozenset[tuple[int, int]]) -> Iterator[tuple[Path, str] | Skipped]:
    """Files under ``root`` as (path, id relative to ``root``), sorted, hidden ones skipped.

    Walked with an explicit stack, so folders nested thousands deep are read like any other.
    Symlinked folders are followed once: the (device, inode) of every folder entered stops
    symlink loops. Anything that is neither a folder nor a regular file is a ``Skipped``.
    """
    visited: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(folder: Path) -> Skipped | None:
        try:
            status = folder.stat()
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            return Skipped(str(folder), _not_readable(folder, error))
        visited.add((status.st_dev, status.st_ino))
        stack.append(iter(entries))
        return None

    refused = enter(root)
    if refused is not None:
        yield refused
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if _has_surrogates(entry.name):
            yield _bad_name(path)
            continue
        try:
            status = os.stat(entry.path)  # follows symlinks
        except OSError as error:
            yield Skipped(str(path), _not_readable(path, error))
            continue
        if stat.S_ISDIR(status.st_mode):
            identity = (status.st_dev, status.st_ino)
            if identity in excluded:
                yield Skipped(str(path), Messages.E_OWN_OUTPUT.format(path=path))
            elif identity not in visited:
                refused = enter(path)
                if refused is not None:
                    yield refused
        elif stat.S_ISREG(status.st_mode):
            if (status.st_dev, status.st_ino) in excluded:
                yield Skipped(str(path), Messages.E_OWN_OUTPUT.format(path=path))
            else:
                yield path, path.relative_to(root).as_posix()
        else:
            kind = _kind(status.st_mode)
            yield Skipped(str(path), Messages.E_NOT_REGULAR.format(path=path, kind=kind))


def _identities(folders: Iterable[str | Path]) -> frozenset[tuple[int, int]]:
    identities = set()
    for folder in folders:
        try:
            status = os.stat(folder)
        except OSError:
            continue  # not there yet: nothing in it to read
        identities.add((status.st_dev, status.st_ino))
    return frozenset(identities)


class _NotRegularFile(OSError):
    """Opened something that is not a regular file (a FIFO, socket, device or folder)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _open_regular(path: Path) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file.

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer, and
    the type is checked on the open descriptor, so a file swapped for a FIFO after the folder
    was listed is refused too.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegularFile(_kind(mode))
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "folder"),
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    )
    return next((name for test, name in kinds if test(mode)), "special file")


def _has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _bad_name(path: Path) -> Skipped:
    """A path whose name is not UTF-8, reported by its bytes (it cannot be printed as text)."""
    raw = os.fsencode(path)
    printable = raw.decode("utf-8", "backslashreplace")
    return Skipped(
        printable, Messages.E_NAME_NOT_UTF8.format(path=printable, raw=repr(os.fsencode(path.name)))
    )


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _read_file(path: Path, document_id: str) -> Iterator[Document | Skipped]:
    suffix = path.suffix.lower()
    source = str(path)
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
        yield Skipped(source, Messages.E_UNSUPPORTED.format(path=path, suffix=path.suffix))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, document_id)
        return
    try:
        with _open_regular(path) as handle:
            if os.fstat(handle.fileno()).st_size > MAX_DOCUMENT_BYTES:
                too_large = Messages.E_TOO_LARGE.format(source=path, limit=MAX_DOCUMENT_BYTES)
                yield Skipped(source, too_large)
                return
            data = handle.read()
    except _NotRegularFile as error:
        yield Skipped(source, Messages.E_NOT_REGULAR.format(path=path, kind=error.kind))
        return
    except OSError as error:
        yield Skipped(source, _not_readable(path, error))
        return
    text = _decode(data, source)
    if isinstance(text, Skipped):
        yield text
        return
    metadata: dict[str, object] = {}
    if suffix in HTML_SUFFIXES:
        text, metadata = _html_text(text)
    else:
        match = _FRONT_MATTER.match(text)
        if match:
            try:
                loaded = yaml.safe_load(match.group(1)) if match.group(1).strip() else {}
            except (yaml.YAMLError, ValueError, OverflowError) as error:
                # ValueError: a YAML date that is no date ("2015-02-30")
                problem = _yaml_problem(error) if isinstance(error, yaml.YAMLError) else error
                yield Skipped(source, Messages.E_FRONT_MATTER.format(source=path, problem=problem))
                return
            if not isinstance(loaded, dict):
                problem = f"it is a {type(loaded).__name__}, not a mapping"
                yield Skipped(source, Messages.E_FRONT_MATTER.format(source=path, problem=problem))
                return
            metadata, text = loaded, text[match.end() :]
    yield _document(document_id, text, metadata, source)


def _read_jsonl(path: Path, file_id: str) -> Iterator[Document | Skipped]:
    """One document per line; a line without an id is ``<file id>:<line>``, and the file id is
    its path under the input folder, so feed.jsonl in two folders never gives the same id."""
    source = str(path)
    any_line = False
    for number, line in _jsonl_lines(path):
        line_source = f"{path}:{number}"
        if isinstance(line, Skipped):
            any_line = True
            yield line
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            yield _jsonl_document(path, file_id, number, line)
        except Exception as error:  # one bad line never stops the file
            yield Skipped(
                line_source,
                Messages.E_DOCUMENT_FAILED.format(source=line_source, error=_describe(error)),
            )
    if not any_line:
        yield Skipped(source, Messages.E_EMPTY.format(source=path))


def _jsonl_document(path: Path, file_id: str, number: int, line: str) -> Document | Skipped:
    line_source = f"{path}:{number}"
    try:
        record = json.loads(line)
    except ValueError as error:
        return Skipped(
            line_source, Messages.E_JSONL_SYNTAX.format(source=path, line=number, error=error)
        )
    document_id = record.get("id") if isinstance(record, dict) else None
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("text"), str)
        or not isinstance(document_id, str | int | None)
        or isinstance(document_id, bool)
    ):
        return Skipped(line_source, Messages.E_JSONL_FIELDS.format(source=path, line=number))
    if document_id is None or document_id == "":
        document_id = f"{file_id}:{number}"
    return _document(str(document_id), _normalise_newlines(record["text"]), record, line_source)


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | Skipped]]:
    """Stream (line number, text) from a JSONL file; a bad or oversized line is a ``Skipped``."""
    try:
        handle = _open_regular(path)
    except _NotRegularFile as error:
        yield 0, Skipped(str(path), Messages.E_NOT_REGULAR.format(path=path, kind=error.kind))
        return
    except OSError as error:
        yield 0, Skipped(str(path), _not_readable(path, error))
        return
    with handle:
        start = handle.read(4096)
        handle.seek(0)
        encoding = next((name for bom, name in _BOMS if start.startswith(bom)), "utf-8-sig")
        if encoding != "utf-8-sig":
            yield from _text_lines(path, io.TextIOWrapper(handle, encoding=encoding, newline=""))
            return
        # Binary, or UTF-16 without a BOM: one report for the file, not one per "line".
        refused = _decode(start, str(path)) if b"\x00" in start else None
        if isinstance(refused, Skipped):
            yield 0, refused
            return
        number = 0
        while line := handle.readline(MAX_DOCUMENT_BYTES + 1):
            number += 1
            source = f"{path}:{number}"
            if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # drop the rest of the long line
                    line = handle.readline(1 << 20)
                too_large = Messages.E_TOO_LARGE.format(source=source, limit=MAX_DOCUMENT_BYTES)
                yield number, Skipped(source, too_large)
                continue
            decoded = _decode(line if number > 1 else line.removeprefix(codecs.BOM_UTF8), source)
            yield number, decoded


def _text_lines(path: Path, stream: io.TextIOWrapper) -> Iterator[tuple[int, str | Skipped]]:
    number = 0
    try:
        for number, line in enumerate(stream, start=1):
            yield number, line
    except UnicodeDecodeError as error:
        source = f"{path}:{number + 1}"
        message = Messages.E_NOT_UTF8.format(source=source, position=error.start)
        yield number + 1, Skipped(source, message)


def _decode(data: bytes, source: str) -> str | Skipped:
    """Bytes to text under the encoding policy in the module docstring."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        if _looks_like_utf16(data):
            position = data.index(b"\x00")
            return Skipped(source, Messages.E_NOT_UTF8.format(source=source, position=position))
        return Skipped(source, Messages.E_BINARY.format(source=source))
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as error:
        return Skipped(source, Messages.E_NOT_UTF8.format(source=source, position=error.start))
    if "\x00" in text:
        return Skipped(source, Messages.E_BINARY.format(source=source))
    return _normalise_newlines(text)


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII-range UTF-16 has NUL in every other byte; binary formats have them anywhere."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.3 * half and min(even, odd) <= 0.02 * half


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _html_text(html: str) -> tuple[str, dict[str, object]]:
    """Main text of an HTML page (trafilatura), else all visible text; title, date and URL.

    The headline (``<h1>``, or a first line equal to the title) is metadata, not body text:
    left in, it runs into the first sentence ("Northern Esports League" + "Orbital Games
    will ..." reads as one name). Blocks are separated by a blank line for the same reason:
    a lone line break reads as a line wrapped inside a sentence.
    """
    import trafilatura  # slow to import; only HTML inputs need it

    tree = _html_tree(html)
    if tree is None:
        return "", {}
    metadata = _html_metadata(html, tree)
    headlines = {_fold_space(h1.text_content()) for h1 in tree.iter("h1")}
    body = _without_headlines(tree)
    extracted = trafilatura.bare_extraction(body, include_comments=False, with_metadata=False)
    text = ""
    if extracted is not None:
        # trafilatura 1.x returns a dict, 2.x a Document.
        fields = extracted if isinstance(extracted, dict) else extracted.as_dict()
        text = fields.get("text") or ""
    if not text.strip():
        text = _strip_tags(_without_headlines(tree))  # trafilatura may have pruned ``body``
    if isinstance(metadata.get("title"), str):
        headlines.add(_fold_space(str(metadata["title"])))
    lines = (_fold_space(line) for line in _normalise_newlines(text).split("\n"))
    blocks = [line for line in lines if line]
    while blocks and blocks[0].casefold() in {h.casefold() for h in headlines if h}:
        blocks.pop(0)
    return "\n\n".join(blocks), metadata


def _html_tree(html: str) -> HtmlElement | None:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        if html.lstrip().startswith("<?xml"):
            # lxml refuses a str with an encoding declaration (XHTML); the text is decoded
            # already, so it goes in as UTF-8 whatever the declaration claims
            parser = lxml_html.HTMLParser(encoding="utf-8")
            return lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _html_metadata(html: str, tree: HtmlElement) -> dict[str, object]:
    """Title, date and URL a page states in its markup (trafilatura, then explicit fallbacks).

    Only dates the markup states count: ``article:published_time``, JSON-LD
    ``datePublished``, ``<time datetime>``; the body is never scanned for numbers.
    """
    import trafilatura

    found = trafilatura.extract_metadata(
        html, date_config={"extensive_search": False, "original_date": True}, extensive=False
    ).as_dict()
    title = found.get("title") or _first(
        tree,
        "//meta[@property='og:title']/@content",
        "//h1",
        "//title",
    )
    date = parse_date(found.get("date")) or next(
        (parse_date(value) for value in _stated_dates(tree) if parse_date(value)), None
    )
    url = found.get("url") or _first(
        tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"
    )
    return {"title": title, "date": date, "url": url}


def _stated_dates(tree: HtmlElement) -> Iterator[str]:
    """Publication dates in a page's markup, most explicit first."""
    xpath = tree.xpath
    yield from (str(v) for v in xpath("//meta[@property='article:published_time']/@content"))
    yield from (str(v) for v in xpath("//meta[@itemprop='datePublished']/@content"))
    for script in xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _json_ld_dates(data)
    yield from (str(v) for v in xpath("//time/@datetime"))


def _json_ld_dates(data: object) -> Iterator[str]:
    """``datePublished`` anywhere in JSON-LD (top level, lists, ``@graph``)."""
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_dates(item)
    elif isinstance(data, dict):
        if isinstance(data.get("datePublished"), str):
            yield data["datePublished"]
        for value in data.values():
            if isinstance(value, list | dict):
                yield from _json_ld_dates(value)


def _first(tree: HtmlElement, *paths: str) -> str | None:
    """The first non-empty text (or attribute) the XPath ``paths`` find, in their order."""
    for path in paths:
        for found in tree.xpath(path):
            value = _fold_space(found if isinstance(found, str) else found.text_content())
            if value:
                return value
    return None


def _without_headlines(tree: HtmlElement) -> HtmlElement:
    """A copy of the page without ``<h1>`` and without dates standing outside any paragraph
    (a bare ``<time>`` between the headline and the text would run into the first sentence)."""
    body = copy.deepcopy(tree)
    inline_parents = {"p", "li", "td", "th", "blockquote", "span", "a", "em", "strong", "b", "i"}
    for element in list(body.iter("h1", "time")):
        parent = element.getparent()
        if parent is None or (element.tag == "time" and parent.tag in inline_parents):
            continue
        element.drop_tree()
    return body


def _fold_space(text: str) -> str:
    return " ".join(str(text).split())


def _strip_tags(tree: HtmlElement) -> str:
    """All visible text of a page, one block element per line; scripts and styles dropped."""
    from lxml import etree

    tree = copy.deepcopy(tree)
    for element in list(tree.iter(*_NEVER_TEXT_TAGS, etree.Comment)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _document(
    document_id: str, text: str, metadata: dict[str, object], source: str
) -> Document | Skipped:
    title, url = metadata.get("title"), metadata.get("url")
    for field, value in (("id", document_id), ("text", text), ("title", title), ("url", url)):
        # JSON can spell half a surrogate pair ("\\ud83d"); it cannot be written out as UTF-8.
        bad = _SURROGATE.search(value) if isinstance(value, str) else None
        if bad is not None:
            char = f"\\u{ord(bad.group()):04x}"
            return Skipped(
                source, Messages.E_SURROGATE.format(source=source, field=field, char=char)
            )
    text = strip_boilerplate(text)
    if not text.strip():
        return Skipped(source, Messages.E_EMPTY.format(source=source))
    if "\x00" in text:
        return Skipped(source, Messages.E_BINARY.format(source=source))
    return Document(
        id=document_id,
        text=text,
        title=str(title) if isinstance(title, str | int | float) and str(title).strip() else None,
        date=parse_date(metadata.get("date")) or parse_dateline(text),
        url=url if isinstance(url, str) and url.strip() else None,
        source=source,
    )


def _unique(result: Document | Skipped, seen: dict[str, str]) -> Document | Skipped:
    """Keep the first document of each id; later ones become ``Skipped``."""
    if isinstance(result, Skipped):
        return result
    first = seen.get(result.id)
    if first is None:
        seen[result.id] = result.source or result.id
        return result
    source = result.source or result.id
    file_name, _, line = source.rpartition(":")
    if line.isdigit() and file_name.lower().endswith(".jsonl"):
        message = Messages.E_JSONL_DUPLICATE_ID.format(
            source=file_name, line=line, doc_id=result.id
        )
    else:
        message = Messages.E_DUPLICATE_ID.format(source=source, doc_id=result.id, first=first)
    return Skipped(source, message)


def _yaml_problem(error: yaml.YAMLError) -> str:
    """The short part of a YAML error, with its line in the file (the block starts on line 2)."""
    problem = getattr(error, "problem", None)
    mark = getattr(error, "problem_mark", None)
    if problem is None or mark is None:
        return " ".join(str(error).split())
    return f"{problem} on line {mark.line + 2}"


def _not_readable(path: Path, error: OSError) -> str:
    return Messages.E_NOT_READABLE.format(path=path, error=error.strerror or error)
