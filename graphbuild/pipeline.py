"""The build: documents in, one graph out, with a summary of what happened.

Per-document work (:func:`process_document`) is a pure function of the parsed ``Doc`` and the
rules, returning a picklable :class:`~graphbuild.records.DocumentResult`; results are folded into
the graph by :class:`~graphbuild.graph.GraphBuilder`, which does not care about their order.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import networkx as nx
from spacy.language import Language
from spacy.tokens import Doc

from .documents import read_documents
from .graph import GraphBuilder, write_graphml, write_json
from .nlp import load_pipeline, make_doc
from .records import Document, DocumentResult, Skipped
from .rules import Extractor, extract_mentions, rule_set

# Documents per nlp.pipe batch: large enough to amortise, small enough to keep memory flat.
BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class BuildOptions:
    rules_files: tuple[Path, ...] = ()
    gazetteer_files: tuple[Path, ...] = ()
    min_confidence: float = 0.0
    model: str | None = None


@dataclass(slots=True)
class Summary:
    documents_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def render(self) -> str:
        lines = [
            f"documents read: {self.documents_read}, skipped: {len(self.skipped)}",
            *(f"  skipped {item.source}: {item.reason}" for item in self.skipped),
            "entities: "
            + (", ".join(f"{label} {count}" for label, count in sorted(self.entities.items())) or "none"),
            "relations: "
            + (", ".join(f"{kind} {count}" for kind, count in sorted(self.relations.items())) or "none"),
            f"seconds: {self.seconds:.1f}",
        ]
        return "\n".join(lines)


@dataclass(slots=True)
class BuildResult:
    graph: nx.MultiDiGraph
    summary: Summary


class Builder:
    """Holds the loaded pipeline and rules so several builds can share them."""

    def __init__(self, options: BuildOptions | None = None, nlp: Language | None = None) -> None:
        self.options = options or BuildOptions()
        self.nlp = nlp or load_pipeline(self.options.model, gazetteer_files=self.options.gazetteer_files)
        self.extractor = Extractor(rule_set(self.options.rules_files))

    def process(self, doc: Doc, document: Document) -> DocumentResult:
        return process_document(doc, document, self.extractor, min_confidence=self.options.min_confidence)

    def results(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        stream = ((make_doc(self.nlp, document.text), document) for document in documents)
        for doc, document in self.nlp.pipe(stream, as_tuples=True, batch_size=BATCH_SIZE):
            yield self.process(doc, document)


def process_document(
    doc: Doc, document: Document, extractor: Extractor, *, min_confidence: float = 0.0
) -> DocumentResult:
    relations = tuple(
        relation
        for relation in extractor.relations(doc, document)
        if relation.evidence.confidence >= min_confidence
    )
    return DocumentResult(document=document, mentions=tuple(extract_mentions(doc)), relations=relations)


def build_corpus(
    inputs: Iterable[str | Path],
    *,
    options: BuildOptions | None = None,
    progress: bool = False,
    builder: Builder | None = None,
) -> BuildResult:
    """Read every input, extract, and merge into one graph."""
    started = time.perf_counter()
    builder = builder or Builder(options)
    summary = Summary()
    graph_builder = GraphBuilder()

    def documents() -> Iterator[Document]:
        for item in read_documents(inputs):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                continue
            summary.documents_read += 1
            yield item

    results = builder.results(documents())
    with click.progressbar(
        results, label="building", show_pos=True, file=None if progress else _Null()
    ) as bar:
        for result in bar:
            graph_builder.add(result)
    graph = graph_builder.graph()
    for _, attributes in graph.nodes(data=True):
        summary.entities[attributes["label"]] += 1
    for _, _, attributes in graph.edges(data=True):
        summary.relations[attributes["type"]] += 1
    summary.seconds = time.perf_counter() - started
    return BuildResult(graph=graph, summary=summary)


def write_outputs(graph: nx.MultiDiGraph, out_dir: str | Path, *, html: bool = True) -> list[Path]:
    """Write graph.json, graph.graphml and (unless ``html=False``) graph.html into ``out_dir``."""
    from .html import write_html

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_json(graph, out_dir / "graph.json"), write_graphml(graph, out_dir / "graph.graphml")]
    if html:
        written.append(write_html(graph, out_dir / "graph.html"))
    return written


class _Null:
    """A file that swallows the progress bar when it is not wanted."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False
