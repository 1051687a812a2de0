"""The build at scale: executors, the parse cache and ``--update`` give the graph of a plain run.

Every graph here is compared with a single-process, cache-less build of the same corpus
documents (``graphbuild.graph.to_node_link`` dicts), so nothing is hard-coded.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CORPUS, require_shared
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphbuild.cache import ParseCache, doc_from_bytes, doc_to_bytes, model_identity
from graphbuild.cli import cli
from graphbuild.graph import to_node_link
from graphbuild.nlp import TICKERS_KEY
from graphbuild.pipeline import BuildOptions, build_corpus

# Enough documents for several batches of BATCH, so work is really spread over workers.
DOCUMENTS = 48
FIRST_PART = 30
BATCH = 8
# An extra rule broad enough to fire in Reuters business news.
EXTRA_RULES = """\
version: 1
rules:
  - id: test.scale.partners
    type: PARTNERS_WITH
    kind: verb
    lemmas: [say, sign, agree, report, buy, sell, acquire, make, raise]
    head_label: any
    tail_label: any
    confidence: 0.5
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus's first documents with text, in two JSONL files (earlier, later)."""
    source = require_shared(CORPUS / "reuters-21578.jsonl")
    folder = tmp_path_factory.mktemp("corpus")
    with source.open(encoding="utf-8") as lines:
        records = [r for r in map(json.loads, lines) if r.get("text", "").strip()]
        rows = list(itertools.islice(records, DOCUMENTS))
    first, second = folder / "first.jsonl", folder / "second.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in rows[:FIRST_PART]), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in rows[FIRST_PART:]), encoding="utf-8")
    return first, second


@pytest.fixture(scope="module")
def plain_graph(corpus: tuple[Path, Path]) -> dict[str, Any]:
    """The reference: one process, no cache."""
    return _graph(corpus, BuildOptions(batch_size=BATCH))


def _graph(inputs: tuple[Path, ...], options: BuildOptions) -> dict[str, Any]:
    return to_node_link(build_corpus(inputs, options=options).graph)


@pytest.mark.slow
def test_pipeline_reference_graph_is_not_empty(plain_graph: dict[str, Any]) -> None:
    # Comparisons with an empty graph would prove nothing.
    assert plain_graph["nodes"] and plain_graph["edges"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "options",
    [
        BuildOptions(processes=2, batch_size=BATCH),
        BuildOptions(executor="dask", processes=2, batch_size=BATCH),
    ],
    ids=["local-2-processes", "dask-localcluster-2-workers"],
)
def test_pipeline_executors_give_the_single_process_graph(
    corpus: tuple[Path, Path], plain_graph: dict[str, Any], options: BuildOptions
) -> None:
    assert _graph(corpus, options) == plain_graph


@pytest.mark.slow
def test_pipeline_update_with_new_documents_equals_full_build(
    corpus: tuple[Path, Path], plain_graph: dict[str, Any], tmp_path: Path
) -> None:
    first, second = corpus
    cache = tmp_path / "cache"
    build_corpus([first], options=BuildOptions(batch_size=BATCH, cache_dir=cache))
    update = build_corpus(
        [second], options=BuildOptions(batch_size=BATCH, cache_dir=cache, update=True)
    )
    assert to_node_link(update.graph) == plain_graph
    second_count = update.summary.documents_read
    assert update.summary.parsed == second_count  # only the new documents were parsed
    assert update.summary.from_earlier_builds == DOCUMENTS - second_count
    assert update.summary.from_cache == DOCUMENTS - second_count


@pytest.mark.slow
def test_pipeline_cached_parses_with_changed_rules_equal_a_cold_build(
    corpus: tuple[Path, Path], plain_graph: dict[str, Any], tmp_path: Path
) -> None:
    rules = tmp_path / "extra.yaml"
    rules.write_text(EXTRA_RULES, encoding="utf-8")
    cache = tmp_path / "cache"
    cold = build_corpus(corpus, options=BuildOptions(batch_size=BATCH, cache_dir=cache))
    assert to_node_link(cold.graph) == plain_graph
    again = build_corpus(corpus, options=BuildOptions(batch_size=BATCH, cache_dir=cache))
    assert (again.summary.parsed, again.summary.from_cache) == (0, DOCUMENTS)

    changed = BuildOptions(batch_size=BATCH, rules_files=(rules,))
    from_cache = build_corpus(corpus, options=replace(changed, cache_dir=cache))
    assert from_cache.summary.parsed == 0
    expected = _graph(corpus, changed)
    assert to_node_link(from_cache.graph) == expected
    # The new rule really ran on the cached parses.
    rule_ids = {e["rule"] for edge in expected["edges"] for e in edge["evidence"]}
    assert "test.scale.partners" in rule_ids


@pytest.mark.slow
def test_cli_build_update_equals_full_build(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = corpus
    runner = CliRunner()
    common = ["--no-html", "--quiet", "--processes", "1"]
    full = runner.invoke(
        cli,
        ["build", str(first), str(second), "--out", str(tmp_path / "full"), "--no-cache", *common],
    )
    assert full.exit_code == 0, full.output
    for inputs, extra in (([first], []), ([second], ["--update"])):
        result = runner.invoke(
            cli, ["build", *map(str, inputs), "--out", str(tmp_path / "inc"), *common, *extra]
        )
        assert result.exit_code == 0, result.output
    assert (tmp_path / "inc" / "cache").is_dir()
    full_graph = json.loads((tmp_path / "full" / "graph.json").read_text(encoding="utf-8"))
    updated_graph = json.loads((tmp_path / "inc" / "graph.json").read_text(encoding="utf-8"))
    assert updated_graph == full_graph


def test_cli_build_update_needs_the_cache(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Acme bought Widgets.", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(source), "--out", str(tmp_path), "--update", "--no-cache"]
    )
    assert result.exit_code == 2
    assert "--no-cache" in result.output


def test_cache_round_trip_keeps_parse_and_tickers() -> None:
    vocab = Vocab()
    doc = Doc(
        vocab,
        words=["Cisco", "bought", "Acme", "."],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        ents=["B-ORG", "O", "B-ORG", "O"],
        lemmas=["Cisco", "buy", "Acme", "."],
    )
    doc.user_data[TICKERS_KEY] = [6]
    back = doc_from_bytes(doc_to_bytes(doc), Vocab())
    assert [t.lemma_ for t in back] == [t.lemma_ for t in doc]
    assert [(t.dep_, t.head.i) for t in back] == [(t.dep_, t.head.i) for t in doc]
    assert [(e.text, e.label_) for e in back.ents] == [(e.text, e.label_) for e in doc.ents]
    assert list(back.user_data[TICKERS_KEY]) == [6]  # msgpack gives a tuple back


def test_cache_key_depends_on_text_and_model(tmp_path: Path) -> None:
    identity = model_identity()
    with (
        ParseCache(tmp_path / "a", identity) as cache,
        ParseCache(tmp_path / "b", identity + "x") as other,
    ):
        assert cache.key("some text") == cache.key("some text")
        assert cache.key("some text") != cache.key("other text")
        assert cache.key("some text") != other.key("some text")
        cache.put_many([(cache.key("some text"), b"parse")])
        assert cache.get_many([cache.key("some text"), cache.key("other text")]) == {
            cache.key("some text"): b"parse"
        }


def _imported_modules(module: str) -> set[str]:
    import ast

    path = Path(__file__).resolve().parent.parent / "graphbuild" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_pipeline_and_executors_do_not_import_each_other_nor_click() -> None:
    pipeline, executors = _imported_modules("pipeline"), _imported_modules("executors")
    assert ".executors" in pipeline  # the one direction
    assert not {".pipeline", "graphbuild.pipeline"} & executors
    assert "click" not in pipeline | executors  # the library prints its own progress
