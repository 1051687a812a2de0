"""The build: documents in, one graph out, with a summary of what happened.

Per-document work (:func:`process_document`) is a pure function of the parsed ``Doc`` and the
rules, returning a picklable :class:`~graphbuild.records.DocumentResult`; results are folded into
the graph by :class:`~graphbuild.graph.GraphBuilder`, which does not care about their order.

The build streams: documents are read lazily, sent in batches to an executor (this process,
local worker processes or a Dask cluster, see :mod:`graphbuild.executors`) and folded into the
graph as they come back, so neither all texts nor all ``Doc``s are ever held at once. With a
cache folder (:mod:`graphbuild.cache`) the model's parses are kept, and a re-run only runs
graphbuild's own components and rules.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
from spacy.language import Language
from spacy.tokens import Doc

from .cache import (
    CacheError,
    ParseCache,
    doc_from_bytes,
    doc_to_bytes,
    model_components,
    model_identity,
)
from .documents import read_documents
from .entities.gazetteer import gazetteer_canonicalizer
from .errors import GraphbuildError, InputError, Messages
from .executors import EXECUTORS, DaskPool, LocalPool, WorkItem, WorkOutput
from .files import replace_atomically
from .gazetteer_index import build_index
from .graph import GraphBuilder, write_graphml, write_json
from .nlp import COREF_KEY, TITLE_KEY, UNNAMED_SUBJECT, load_pipeline, make_doc
from .records import Document, DocumentResult, Mention, Relation, Skipped
from .rules import Extractor, extract_mentions, rule_set

# spaCy needs several megabytes of working memory per thousand characters of one Doc, and more
# than linearly so for long ones: documents longer than this are parsed in parts of at most this
# size, cut at paragraph, line or sentence ends (no evaluation or corpus article is this long).
MAX_PART_CHARS = 50_000

# Documents per nlp.pipe batch: large enough to amortise, small enough to keep memory flat.
BATCH_SIZE = 64
# Characters per batch: a batch closes at BATCH_SIZE parts or at this many characters, so the
# 1,000 parts of a 50 MB document go to spaCy two at a time, not all at once, and a batch of
# long articles costs what a batch of short ones does (64 news articles are about this long).
MAX_BATCH_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class BuildOptions:
    rules_files: tuple[Path, ...] = ()
    gazetteer_files: tuple[Path, ...] = ()
    # Where the gazetteer files were compiled for the workers (build_corpus sets it; None:
    # each process compiles them in memory). Names a file of their content: no effect on the graph.
    gazetteer_index: Path | None = None
    min_confidence: float = 0.0
    # Keep deals the text calls terminated or rumoured (left out of the graph by default).
    keep_uncertain: bool = False
    # Keep edges of "It" and "the company" in a text that never names its company (a passage
    # of a company profile), on an unnamed node of that document alone.
    unnamed: bool = True
    model: str | None = None
    # How and where to run; none of these changes the graph.
    processes: int = 1  # worker processes (the CLI's default is every core)
    executor: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    batch_size: int = BATCH_SIZE
    # Keep the model's parses here; None parses every document every time.
    cache_dir: Path | None = None
    # Add the inputs to the documents of the last build with this cache_dir, not replace them.
    update: bool = False
    # With update: an input whose id the last build knows with a different text replaces it
    # (otherwise the old one is kept and the summary says so).
    replace_changed: bool = False

    def for_workers(self) -> BuildOptions:
        """Only what decides the graph: the key of a worker's loaded pipeline."""
        return replace(
            self,
            processes=1,
            executor="local",
            scheduler=None,
            cache_dir=None,
            update=False,
            replace_changed=False,
        )


@dataclass(slots=True)
class Summary:
    documents_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    # Set when a cache folder was used.
    cached: bool = False
    parsed: int = 0
    from_cache: int = 0
    from_earlier_builds: int = 0  # documents kept from the last build by --update
    repaired: int = 0  # corrupt cache entries parsed again

    def render(self) -> str:
        lines = [
            f"documents read: {self.documents_read}, skipped: {len(self.skipped)}",
            # each reason starts with the input it is about
            *(f"  skipped: {item.reason}" for item in self.skipped),
            *(
                [f"documents kept from earlier builds: {self.from_earlier_builds}"]
                if self.from_earlier_builds
                else []
            ),
            *([f"parsed: {self.parsed}, from cache: {self.from_cache}"] if self.cached else []),
            *([Messages.W_CACHE_REPARSED.format(count=self.repaired)] if self.repaired else []),
            "entities: "
            + (
                ", ".join(f"{label} {count}" for label, count in sorted(self.entities.items()))
                or "none"
            ),
            "relations: "
            + (
                ", ".join(f"{kind} {count}" for kind, count in sorted(self.relations.items()))
                or "none"
            ),
            f"seconds: {self.seconds:.1f}",
        ]
        return "\n".join(lines)


@dataclass(slots=True)
class BuildResult:
    graph: nx.MultiDiGraph
    summary: Summary
    # Set when the build left its manifest uncommitted (``build_corpus(commit=False)``).
    options: BuildOptions | None = None

    def commit(self) -> None:
        """Make this build's documents the cache's manifest (what ``--update`` adds to).

        ``build_corpus(commit=False)`` leaves that to the caller, so the manifest changes only
        once the outputs are written.
        """
        if self.options is None or self.options.cache_dir is None:
            return
        with ParseCache(self.options.cache_dir, model_identity(self.options.model)) as cache:
            cache.commit_manifest(update=self.options.update)
        self.options = None


def has_documents(summary: Summary) -> bool:
    """Whether a build read anything: a build that read nothing must not replace outputs."""
    return summary.documents_read > 0 or summary.from_earlier_builds > 0


def require_documents(summary: Summary, out_dir: str | Path) -> None:
    """Raise ``InputError`` when the build read no document (all inputs missing or bad)."""
    if not has_documents(summary):
        raise InputError(Messages.E_NO_DOCUMENTS.format(skipped=len(summary.skipped), out=out_dir))


class Builder:
    """Holds the loaded pipeline and rules so several builds can share them."""

    def __init__(self, options: BuildOptions | None = None, nlp: Language | None = None) -> None:
        self.options = options or BuildOptions()
        self.nlp = nlp or load_pipeline(
            self.options.model,
            gazetteer_files=self.options.gazetteer_files,
            gazetteer_index=self.options.gazetteer_index,
        )
        self.extractor = Extractor(
            rule_set(self.options.rules_files),
            keep_uncertain=self.options.keep_uncertain,
            # the rules see the user's gazetteer too ("named" ends: a name it declares an
            # organisation is no product)
            gazetteer=gazetteer_canonicalizer(
                self.options.gazetteer_files, self.options.gazetteer_index
            ),
        )
        model = set(model_components(self.nlp))
        # graphbuild's own components run apart from the model's, on fresh or cached parses.
        self._own_components = [
            (name, component) for name, component in self.nlp.pipeline if name not in model
        ]
        self._own_names = [name for name, _ in self._own_components]

    def process(self, doc: Doc, document: Document) -> DocumentResult:
        return process_document(
            doc,
            document,
            self.extractor,
            min_confidence=self.options.min_confidence,
            unnamed=self.options.unnamed,
        )

    def results(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        for batch in part_batches(documents, self.options.batch_size):
            for output in self.process_batch([WorkItem(part) for part in batch]):
                yield output.result

    def process_batch(
        self, items: list[WorkItem], *, keep_parses: bool = False
    ) -> list[WorkOutput]:
        """Parse what has no cached parse (model components only), then run graphbuild's part.

        With ``keep_parses`` each fresh parse is returned as DocBin bytes for the cache. Every
        model component is needed: the rules read tags, POS, lemmas, dependencies, sentences
        and entities. A document that fails is returned as skipped, with the reason; the rest
        of its batch is processed again one by one.
        """
        try:
            return self._process_batch(items, keep_parses)
        except Exception as error:  # one bad document never stops the run
            if len(items) == 1:
                return [_failed(items[0], error)]
        return [
            output
            for item in items
            for output in self.process_batch([item], keep_parses=keep_parses)
        ]

    def _process_batch(self, items: list[WorkItem], keep_parses: bool) -> list[WorkOutput]:
        cached: dict[int, Doc] = {}
        for index, item in enumerate(items):
            if item.parse is None:
                continue
            try:
                cached[index] = doc_from_bytes(item.parse, self.nlp.vocab)
            except Exception:  # a corrupt cache entry: parse the text again, and replace it
                continue
        fresh = self.nlp.pipe(
            (
                make_doc(self.nlp, item.document.text)
                for index, item in enumerate(items)
                if index not in cached
            ),
            disable=self._own_names,
            batch_size=max(1, len(items)),
        )
        outputs = []
        for index, item in enumerate(items):
            parse = None
            doc = cached.get(index)
            if doc is None:
                doc = next(fresh)
                if keep_parses or item.parse is not None:
                    parse = doc_to_bytes(doc)
            if item.document.title and not item.document.offset:
                # the title is no part of the parse, but tells whom an opening epithet means
                doc.user_data[TITLE_KEY] = item.document.title
            for _, component in self._own_components:
                doc = component(doc)
            result = self.process(doc, item.document)
            outputs.append(
                WorkOutput(result, parse, repaired=item.parse is not None and bool(parse))
            )
        return outputs


def _failed(item: WorkItem, error: Exception) -> WorkOutput:
    document = item.document
    source = document.source or document.id
    if document.offset or len(document.text) >= MAX_PART_CHARS // 2:
        source = f"{source} (characters {document.offset}-{document.offset + len(document.text)})"
    reason = Messages.E_PROCESS_FAILED.format(
        source=source, error=f"{type(error).__name__}: {error}"
    )
    return WorkOutput(DocumentResult(document=document, skipped=Skipped(source, reason)))


# One pipeline per worker process, keyed by the options it was made from.
_BUILDERS: dict[BuildOptions, Builder] = {}


def worker_builder(options: BuildOptions) -> Builder:
    builder = _BUILDERS.get(options)
    if builder is None:
        _BUILDERS.clear()
        builder = _BUILDERS[options] = Builder(options)
    return builder


def process_batch(
    options: BuildOptions, items: list[WorkItem], keep_parses: bool
) -> list[WorkOutput]:
    """The task every executor runs: a batch of documents through the worker's pipeline."""
    return worker_builder(options).process_batch(items, keep_parses=keep_parses)


def _load_worker(options: BuildOptions) -> None:
    worker_builder(options)


def process_document(
    doc: Doc,
    document: Document,
    extractor: Extractor,
    *,
    min_confidence: float = 0.0,
    unnamed: bool = True,
) -> DocumentResult:
    relations = tuple(
        _name_unnamed_relation(relation, document.id)
        for relation in extractor.relations(doc, document)
        if relation.evidence.confidence >= min_confidence
    )
    if not unnamed:
        relations = tuple(r for r in relations if not (r.head.unnamed or r.tail.unnamed))
    # People are nodes only for what they do to companies (rules.PERSON_HEAD_TYPES): the
    # journalists and executives a story quotes are not
    mentions = tuple(mention for mention in extract_mentions(doc) if mention.label != "Person")
    # the rules may name what the model did not tag ("its farm machinery division")
    known = set(mentions)
    extra: list[Mention] = []
    for relation in relations:
        for end in (relation.head, relation.tail):
            if end not in known:
                known.add(end)
                extra.append(end)
    mentions += tuple(extra)
    if any(end.unnamed for relation in relations for end in (relation.head, relation.tail)):
        # every "it" and "the store" of the unnamed company is how the text names it
        named_as = (
            Mention(
                text=span.text,
                name=unnamed_name(document.id),
                label="Organization",
                start=span.start_char,
                end=span.end_char,
                unnamed=True,
            )
            for span in doc.spans.get(COREF_KEY, [])
            if span.id_ == UNNAMED_SUBJECT
        )
        mentions += tuple(mention for mention in named_as if mention not in known)
    if document.offset:
        mentions = tuple(_shift_mention(mention, document.offset) for mention in mentions)
        relations = tuple(_shift_relation(relation, document.offset) for relation in relations)
        document = replace(document, offset=0)
    return DocumentResult(document=document, mentions=mentions, relations=relations)


def split_document(document: Document, limit: int = MAX_PART_CHARS) -> Iterator[Document]:
    """The document itself, or its parts when it is longer than ``limit`` characters.

    Each part carries the whole document's metadata and its own ``offset``, so offsets in the
    results still point into the whole text. References back ("it", "the company") do not
    cross a cut, which falls at a paragraph end where one is near.
    """
    text = document.text
    if len(text) <= limit:
        yield document
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start + limit // 2 : end]
            for separator in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(separator)
                if cut != -1:
                    end = start + limit // 2 + cut + len(separator)
                    break
        yield replace(document, text=text[start:end], offset=document.offset + start)
        start = end


def unnamed_name(doc_id: str) -> str:
    """The name of the company a document is about but never names."""
    return f"unnamed organisation in {doc_id}"


def _name_unnamed(mention: Mention, doc_id: str) -> Mention:
    if mention.name != UNNAMED_SUBJECT:
        return mention
    return replace(mention, name=unnamed_name(doc_id), unnamed=True)


def _name_unnamed_relation(relation: Relation, doc_id: str) -> Relation:
    return replace(
        relation,
        head=_name_unnamed(relation.head, doc_id),
        tail=_name_unnamed(relation.tail, doc_id),
    )


def _shift_mention(mention: Mention, offset: int) -> Mention:
    return replace(mention, start=mention.start + offset, end=mention.end + offset)


def _shift_relation(relation: Relation, offset: int) -> Relation:
    evidence = relation.evidence
    return replace(
        relation,
        head=_shift_mention(relation.head, offset),
        tail=_shift_mention(relation.tail, offset),
        evidence=replace(evidence, start=evidence.start + offset, end=evidence.end + offset),
    )


def build_corpus(
    inputs: Iterable[str | Path],
    *,
    options: BuildOptions | None = None,
    progress: bool = False,
    builder: Builder | None = None,
    exclude: Iterable[str | Path] = (),
    commit: bool = True,
) -> BuildResult:
    """Read every input, extract, and merge into one graph.

    ``options`` say also how to run (``processes``, ``executor``, ``cache_dir``, ``update``);
    the graph is the same whichever way it runs. A given ``builder`` (a loaded pipeline) is used
    when the work runs in this process. Folders in ``exclude`` (the output folder) are never
    read. The cache's manifest changes only when the build has read something and completed;
    with ``commit=False`` not even then, until :meth:`BuildResult.commit` (after the outputs
    are written).
    """
    started = time.perf_counter()
    options = options or (builder.options if builder is not None else BuildOptions())
    summary = Summary()
    # A broken rules file stops the run here, before a cache or any output is created
    # (workers would only find out after loading the model).
    rule_set(options.rules_files)
    cache = (
        ParseCache(options.cache_dir, model_identity(options.model)) if options.cache_dir else None
    )
    exclude = tuple(exclude)
    try:
        # compiled once, here (holding the cache's lock): the workers open it read-only
        with build_index(options.gazetteer_files, options.cache_dir) as index:
            options = replace(options, gazetteer_index=index) if index else options
            graph_builder = GraphBuilder(
                gazetteer_canonicalizer(options.gazetteer_files, options.gazetteer_index)
            )
            with (
                _executor(options, builder) as executor,
                Progress("building", sys.stderr if progress else None) as bar,
            ):
                for result in _results(inputs, options, summary, cache, executor, exclude):
                    graph_builder.add(result)
                    bar.advance()
        if cache is not None and commit and has_documents(summary):
            cache.commit_manifest(update=options.update)
    except sqlite3.Error as error:  # the cache file broke during the build
        raise CacheError(Messages.E_CACHE.format(path=options.cache_dir, error=error)) from None
    finally:
        if cache is not None:
            cache.close()
    graph = graph_builder.graph()
    for _, attributes in graph.nodes(data=True):
        summary.entities[attributes["label"]] += 1
    for _, _, attributes in graph.edges(data=True):
        summary.relations[attributes["type"]] += 1
    summary.seconds = time.perf_counter() - started
    pending = options if cache is not None and not commit and has_documents(summary) else None
    return BuildResult(graph=graph, summary=summary, options=pending)


def part_batches(
    documents: Iterable[Document], size: int, max_chars: int = MAX_BATCH_CHARS
) -> Iterator[list[Document]]:
    """Documents cut into parts (:func:`split_document`), in batches of at most ``size`` parts
    and, past the first part, ``max_chars`` characters: memory stays bounded however long one
    document is."""
    batch: list[Document] = []
    characters = 0
    for document in documents:
        for part in split_document(document):
            batch.append(part)
            characters += len(part.text)
            if len(batch) >= size or characters >= max_chars:
                yield batch
                batch, characters = [], 0
    if batch:
        yield batch


def _results(
    inputs: Iterable[str | Path],
    options: BuildOptions,
    summary: Summary,
    cache: ParseCache | None,
    executor: _Executor,
    exclude: tuple[str | Path, ...] = (),
) -> Iterator[DocumentResult]:
    """Stream the documents through the executor, reading and filling the cache on the way.

    The documents read are recorded as the cache's pending manifest; it replaces (or, with
    ``update``, joins) the manifest only when the build commits.
    """
    seen: set[str] = set()
    earlier: set[str] = set()
    if cache is not None:
        summary.cached = True
        cache.begin_manifest()
        if options.update:
            earlier = cache.manifest_ids()

    def read() -> Iterator[Document]:
        for item in read_documents(inputs, exclude=exclude):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                continue
            if cache is not None and item.id in earlier and not options.replace_changed:
                known = cache.manifest_document(item.id)
                if known is not None and known.text != item.text:
                    source = item.source or item.id
                    summary.skipped.append(
                        Skipped(
                            source, Messages.E_UPDATE_CONFLICT.format(source=source, doc_id=item.id)
                        )
                    )
                    continue  # the known one comes back from the manifest below
            summary.documents_read += 1
            seen.add(item.id)
            yield item
        if cache is not None and earlier:
            # --update: the last build's documents the inputs did not replace.
            for document in cache.manifest():
                if document.id in earlier and document.id not in seen:
                    summary.from_earlier_builds += 1
                    yield document

    def documents() -> Iterator[Document]:
        if cache is None:
            yield from read()
            return
        to_record: list[Document] = []
        for document in read():
            if document.id in seen:
                to_record.append(document)
                if len(to_record) >= options.batch_size:
                    cache.record(to_record)
                    to_record = []
            yield document
        cache.record(to_record)

    def work() -> Iterator[list[WorkItem]]:
        for batch in part_batches(documents(), options.batch_size):
            if cache is None:
                yield [WorkItem(part) for part in batch]
                continue
            keys = [cache.key(part.text) for part in batch]
            found = cache.get_many(keys)
            yield [WorkItem(part, found.get(key)) for part, key in zip(batch, keys, strict=True)]

    for outputs in executor.map(work(), keep_parses=cache is not None):
        if cache is not None:
            fresh = [
                (cache.key(output.result.document.text), output.parse)
                for output in outputs
                if output.parse
            ]
            cache.put_many(fresh)
            summary.parsed += len(fresh)
            summary.repaired += sum(1 for output in outputs if output.repaired)
            summary.from_cache += sum(
                1 for output in outputs if not output.parse and output.result.skipped is None
            )
        for output in outputs:
            if output.result.skipped is not None:
                summary.skipped.append(output.result.skipped)
            yield output.result


class _Executor(AbstractContextManager["_Executor"]):
    def map(
        self, batches: Iterable[list[WorkItem]], *, keep_parses: bool
    ) -> Iterator[list[WorkOutput]]:
        raise NotImplementedError


class _InProcess(_Executor):
    """The work in this process, with a pipeline loaded on first use."""

    def __init__(self, options: BuildOptions, builder: Builder | None) -> None:
        self.options = options
        self.builder = builder

    def map(
        self, batches: Iterable[list[WorkItem]], *, keep_parses: bool
    ) -> Iterator[list[WorkOutput]]:
        for batch in batches:
            if self.builder is None:
                self.builder = Builder(self.options.for_workers())
            yield self.builder.process_batch(batch, keep_parses=keep_parses)

    def __exit__(self, *exc_info: object) -> None:
        return None


def _executor(options: BuildOptions, builder: Builder | None) -> AbstractContextManager[_Executor]:
    if options.executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {EXECUTORS}, not {options.executor!r}")
    if options.executor == "dask":
        return DaskPool(  # type: ignore[return-value]
            process_batch, options.for_workers(), max(1, options.processes), options.scheduler
        )
    if options.processes > 1:
        return _LocalOrPool(options, builder)
    return _InProcess(options, builder)


class _LocalOrPool(_Executor):
    """Worker processes, unless the whole input is one batch: then starting them (each loads
    the model) would cost more than it saves, so the batch runs here."""

    def __init__(self, options: BuildOptions, builder: Builder | None) -> None:
        self.options = options
        self.builder = builder
        self._pool: LocalPool | None = None

    def map(
        self, batches: Iterable[list[WorkItem]], *, keep_parses: bool
    ) -> Iterator[list[WorkOutput]]:
        stream = iter(batches)
        first = next(stream, None)
        second = next(stream, None)
        if second is None:
            in_process = _InProcess(self.options, self.builder)
            yield from in_process.map([first] if first else [], keep_parses=keep_parses)
            return
        self._pool = LocalPool(
            process_batch, self.options.for_workers(), self.options.processes, _load_worker
        )
        yield from self._pool.map(
            itertools.chain([first or [], second], stream), keep_parses=keep_parses
        )

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.__exit__(*exc_info)


OUTPUT_NAMES = ("graph.json", "graph.graphml", "graph.html")


def own_outputs(
    out_dir: str | Path, inputs: Iterable[str | Path], cache_dir: str | Path | None = None
) -> list[Path]:
    """What a build into ``out_dir`` must never read as input: the whole folder, or when it is
    one of the input folders itself, the files and cache the build writes there."""
    out_dir = Path(out_dir)
    products = [out_dir / name for name in OUTPUT_NAMES]
    products += [Path(cache_dir)] if cache_dir is not None else []
    out_real = os.path.realpath(out_dir)
    if any(os.path.realpath(given) == out_real for given in inputs):
        return products
    return [out_dir, *products]


def _page_writer(graph: nx.MultiDiGraph, skipped: list[Any]) -> Callable[[Path], object]:
    """Writes the page, or nothing (the old page is then removed) when it is too large."""
    from .errors import PageTooLargeError
    from .html import write_html

    def write(path: Path) -> object:
        try:
            return write_html(graph, path)
        except PageTooLargeError as error:
            skipped.append(error)
            path.write_bytes(b"")
            return None

    return write


def write_outputs(
    graph: nx.MultiDiGraph, out_dir: str | Path, *, html: bool = True, force: bool = False
) -> list[Path]:
    """Write graph.json, graph.graphml and (unless ``html=False``) graph.html into ``out_dir``.

    All or nothing: each file is written beside its final name, flushed to disk, and only when
    all are written are they renamed into place, so a full disk or an error leaves the last
    good outputs. An empty graph does not replace a graph.json that has entities unless
    ``force`` (a typo in the input path should not wipe a good graph).
    """
    from .errors import PageTooLargeError

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "graph.json"
    skipped: list[PageTooLargeError] = []
    if not force and graph.number_of_nodes() == 0:
        entities = _entities_in(target)
        if entities:
            raise GraphbuildError(Messages.E_WOULD_EMPTY.format(path=target, nodes=entities))
    writers: list[tuple[Path, Callable[[Path], object]]] = [
        (target, lambda path: write_json(graph, path)),
        (out_dir / "graph.graphml", lambda path: write_graphml(graph, path)),
    ]
    if html:
        writers.append((out_dir / "graph.html", _page_writer(graph, skipped)))
    failed = out_dir
    try:
        with replace_atomically([path for path, _ in writers]) as temporary:
            for (final, write), path in zip(writers, temporary, strict=True):
                failed = final
                write(path)
            failed = out_dir
            # a writer may choose not to write (an empty file): that output is left alone
            written = [
                final
                for (final, _), path in zip(writers, temporary, strict=True)
                if path.stat().st_size
            ]
    except OSError as error:  # a full disk, a file size limit, a folder that is not writable
        problem = error.strerror or str(error)
        raise GraphbuildError(Messages.E_WRITE.format(path=failed, error=problem)) from None
    if skipped:
        # The graph is written; only the page is skipped, and said so. A page left by an
        # earlier build would show another graph, so it goes.
        (out_dir / "graph.html").unlink(missing_ok=True)
        print(f"graphbuild: page skipped: {skipped[0]}", file=sys.stderr)
    return written


def _entities_in(path: Path) -> int:
    """How many entities the graph file at ``path`` holds; 0 if there is none to keep."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return 0  # missing or not a graph: nothing worth keeping
    nodes = data.get("nodes") if isinstance(data, dict) else None
    return len(nodes) if isinstance(nodes, list) else 0


class Progress(AbstractContextManager["Progress"]):
    """A count of documents done, redrawn on one line of a terminal.

    On a terminal it shows ``label  [count]``, redrawn at most every ``interval`` seconds; to a
    file or pipe it writes the label once; with no stream, nothing. graphbuild's own printer,
    so the library needs no CLI package.
    """

    def __init__(self, label: str, stream: TextIO | None, interval: float = 0.2) -> None:
        self.label = label
        self.stream = stream
        self.interval = interval
        self.count = 0
        self._drawn = 0.0
        self._tty = stream is not None and stream.isatty()

    def __enter__(self) -> Progress:
        if self.stream is not None and not self._tty:
            self.stream.write(f"{self.label}\n")
            self.stream.flush()
        return self

    def advance(self, count: int = 1) -> None:
        self.count += count
        if self._tty and time.monotonic() - self._drawn >= self.interval:
            self._draw()

    def _draw(self) -> None:
        assert self.stream is not None
        self._drawn = time.monotonic()
        self.stream.write(f"\r{self.label}  [{self.count}]")
        self.stream.flush()

    def __exit__(self, *exc_info: object) -> None:
        if self._tty:
            self._draw()
            assert self.stream is not None
            self.stream.write("\n")
            self.stream.flush()
