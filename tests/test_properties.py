"""Property-based tests (Hypothesis) of the whole build over arbitrary Unicode text.

Random text alone rarely contains an organisation, so the strategy mixes it with fragments of
company-news sentences and names; the real spaCy pipeline runs on every example. For any input:
the build does not crash, every evidence's offsets point at its sentence in its document, every
node id is a non-empty string, every relation type is in the vocabulary, and the graph written
as JSON reads back equal.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.documents import read_documents
from graphbuild.graph import GraphBuilder, read_json, to_node_link, write_json
from graphbuild.pipeline import Builder, build_corpus
from graphbuild.records import ENTITY_LABELS, RELATION_TYPES, Document, DocumentResult

pytestmark = pytest.mark.slow

NAMES = (
    "Citrix Systems",
    "OpenStack",
    "Rackspace",
    "NASA",
    "VMware",
    "Amazon Web Services (AWS)",
    "Orvell",
    "Lumen Microsystems",
    "Acme Corp",
    "O'Brien Corp",
    'Foo"Bar Inc',
    "{Brace} Ltd",
    "Zürich Versicherung AG",
    "株式会社ソニー",
    "the company",
    "it",
)
SENTENCES = (
    "{a} acquired {b} in 2010.",
    "{a} has become a sponsor of the {b} Foundation.",
    "{a} competes with {b} and {c}.",
    "{a} was founded by {b} and {c}.",
    "{a}, a subsidiary of {b}, develops the {c} hypervisor.",
    "{a} tried to work with {b}.",
    "{a} would have acquired {b}.",
    "{a} uses {b}'s software.",
    "Shares of {a} (s ctxs) rose after {b} invested in it.",
    "UPDATED 07:30 EDT / APRIL 23 2015",
)
SEPARATORS = (" ", "\n", "\n\n", "\t", "  ", "\u2028", "\r\n", "", ". ", "\u00a0")

_sentence = st.builds(
    lambda template, a, b, c: template.format(a=a, b=b, c=c),
    st.sampled_from(SENTENCES),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
    st.sampled_from(NAMES),
)
_fragment = st.one_of(_sentence, st.sampled_from(NAMES), st.text(max_size=40))
texts = st.builds(
    lambda parts, separators: "".join(
        part + separators[i % len(separators)] for i, part in enumerate(parts)
    ),
    st.lists(_fragment, min_size=0, max_size=10),
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4),
)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def builder(nlp) -> Builder:
    """The real pipeline, loaded once for the module."""
    return Builder(nlp=nlp)


def _check_result(result: DocumentResult, documents: dict[str, Document]) -> None:
    document = documents[result.document.id]
    for mention in result.mentions:
        assert mention.label in ENTITY_LABELS
        assert 0 <= mention.start <= mention.end <= len(document.text)
        assert mention.name.strip()
    for relation in result.relations:
        assert relation.type in RELATION_TYPES
        _check_evidence(asdict(relation.evidence), documents)


def _check_evidence(evidence: dict[str, Any], documents: dict[str, Document]) -> None:
    document = documents[evidence["doc_id"]]
    start, end = evidence["start"], evidence["end"]
    assert 0 <= start < end <= len(document.text)
    assert document.text[start:end] == evidence["text"]
    assert 0.0 <= evidence["confidence"] <= 1.0


def _check_graph(graph: nx.MultiDiGraph, documents: dict[str, Document]) -> None:
    for node, attributes in graph.nodes(data=True):
        assert isinstance(node, str) and node.strip()
        assert isinstance(attributes["name"], str) and attributes["name"].strip()
        assert attributes["label"] in ENTITY_LABELS
        assert set(attributes["documents"]) <= set(documents)
    for head, tail, key, attributes in graph.edges(keys=True, data=True):
        assert head != tail
        assert key == attributes["type"] and attributes["type"] in RELATION_TYPES
        assert attributes["support"] == len(attributes["evidence"]) >= 1
        for evidence in attributes["evidence"]:
            _check_evidence(evidence, documents)


def _check_round_trip(graph: nx.MultiDiGraph) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_json(graph, Path(folder) / "graph.json")
        again = read_json(path)
    assert to_node_link(again) == json.loads(json.dumps(to_node_link(graph)))
    assert sorted(again.nodes(data=True)) == sorted(graph.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert again.graph == graph.graph


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=3))
def test_properties_pipeline_never_crashes_and_offsets_point_at_sentences(builder, bodies):
    documents = {f"doc-{i}": Document(f"doc-{i}", text) for i, text in enumerate(bodies)}
    graph_builder = GraphBuilder()
    for result in builder.results(documents.values()):
        _check_result(result, documents)
        graph_builder.add(result)
    graph = graph_builder.graph()
    _check_graph(graph, documents)
    _check_round_trip(graph)


@SETTINGS
@given(st.lists(st.tuples(st.text(max_size=12), texts), min_size=1, max_size=3))
def test_properties_build_corpus_from_jsonl_keeps_every_invariant(builder, records):
    """Through the reader too: ids, text and line ends as a JSONL file gives them."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.jsonl"
        path.write_text(
            "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in records), encoding="utf-8"
        )
        read = [item for item in read_documents([path]) if isinstance(item, Document)]
        result = build_corpus([path], builder=builder)
    documents = {document.id: document for document in read}
    assert result.summary.documents_read == len(read)
    assert result.summary.documents_read + len(result.summary.skipped) == len(records)
    assert [d["id"] for d in result.graph.graph["documents"]] == sorted(documents)
    _check_graph(result.graph, documents)
    _check_round_trip(result.graph)
