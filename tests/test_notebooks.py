"""The notebooks run top to bottom on a fresh kernel, on the seeds and on a user's own corpus,
clean up after themselves, and are committed without outputs.

Executed with nbclient on the ``python3`` kernel, which ipykernel resolves to the interpreter
running the tests (the project's environment), from the ``notebooks/`` folder. Parameters are
set as papermill does: a cell tagged ``injected-parameters`` after the one tagged
``parameters``. The kernel gets its own ``TMPDIR``, so a temporary folder left behind shows.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT, SEEDS, require, require_shared

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds; a safety net for a hung kernel, not a speed check
PARAMETER_TAGS = {"parameters", "injected-parameters"}
TEMPORARY_PREFIX = "graphbuild-notebook-"
SLICE_SIZE = 200


def test_notebooks_exist():
    assert {path.name for path in NOTEBOOKS} >= {"explore_seeds.ipynb", "explore_corpus.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_are_committed_without_outputs(path: Path):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: clear outputs before committing "
                "(jupyter nbconvert --clear-output --inplace notebooks/*.ipynb)"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_take_input_and_output_as_parameters(path: Path):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    tagged = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: one cell tagged 'parameters'"
    names: dict[str, Any] = {}
    exec(tagged[0].source, {}, names)  # plain assignments only, as papermill expects
    assert {"input_path", "output_dir"} <= set(names)
    assert names["output_dir"] == ""  # a temporary folder unless the user names one


def run_notebook(path: Path, tmp_path: Path, **parameters: object) -> Any:
    """Execute ``path`` with ``parameters`` injected; its kernel's TMPDIR is ``tmp_path/tmp``."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    if parameters:
        index = next(
            i
            for i, cell in enumerate(notebook.cells)
            if "parameters" in cell.metadata.get("tags", [])
        )
        source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
        injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        notebook.cells.insert(index + 1, injected)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},
    )
    # raises CellExecutionError, with the cell and traceback, on any error
    client.execute(env={**os.environ, "TMPDIR": str(temporary)})
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code_cells)
    errors = [
        output for cell in code_cells for output in cell.outputs if output.output_type == "error"
    ]
    assert errors == []
    # Every cell but the parameters shows something: a table, a plot or a line of text.
    silent = [
        cell.source
        for cell in code_cells
        if not cell.outputs and not PARAMETER_TAGS & set(cell.metadata.get("tags", []))
    ]
    assert silent == []
    left = sorted(p.name for p in temporary.iterdir() if p.name.startswith(TEMPORARY_PREFIX))
    assert left == [], f"{path.name} left its temporary folder behind"
    return notebook


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.falkordb
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_run_top_to_bottom_and_leave_nothing_behind(path: Path, tmp_path: Path):
    require(any(SEEDS.glob("*.txt")), f"the seed articles are missing from {SEEDS}")
    run_notebook(path, tmp_path)


@pytest.mark.notebooks
@pytest.mark.slow
def test_notebooks_explore_corpus_on_a_slice_of_news(tmp_path: Path):
    source = require_shared(CORPUS / "reuters-21578.jsonl")
    # acquisition stories spread over the corpus's months, so every section has something
    with source.open(encoding="utf-8") as lines:
        stories = [line for line in lines if "acq" in json.loads(line).get("topics", [])]
    articles = tmp_path / "news.jsonl"
    articles.write_text("".join(stories[:: len(stories) // SLICE_SIZE][:SLICE_SIZE]), "utf-8")
    out = tmp_path / "my graph"
    run_notebook(
        ROOT / "notebooks" / "explore_corpus.ipynb",
        tmp_path,
        input_path=str(articles),
        output_dir=str(out),
    )
    written = {path.name for path in out.iterdir()}
    assert written >= {
        "graph.json",
        "graph.html",
        "relations_by_type.png",
        "acquirers.csv",
        "most_connected.png",
        "relations_over_time.png",
        "relations_over_time.csv",
    }
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert len(graph["graph"]["documents"]) == SLICE_SIZE
    assert any(edge["type"] == "ACQUIRED" for edge in graph["edges"])
    acquirers = (out / "acquirers.csv").read_text(encoding="utf-8").splitlines()
    assert acquirers[0] == "name,label,as_head,as_tail,partners" and len(acquirers) > 1


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.falkordb
def test_notebooks_explore_seeds_writes_into_the_output_folder(tmp_path: Path):
    require(any(SEEDS.glob("*.txt")), f"the seed articles are missing from {SEEDS}")
    out = tmp_path / "seeds graph"
    run_notebook(ROOT / "notebooks" / "explore_seeds.ipynb", tmp_path, output_dir=str(out))
    assert {"graph.json", "graph.html", "store"} <= {path.name for path in out.iterdir()}
