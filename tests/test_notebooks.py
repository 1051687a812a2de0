"""The notebooks run top to bottom on a fresh kernel, and are committed without outputs.

Executed with nbclient on the ``python3`` kernel, which ipykernel resolves to the interpreter
running the tests (the project's environment), from the ``notebooks/`` folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, require

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds; a safety net for a hung kernel, not a speed check


def test_notebooks_exist():
    assert NOTEBOOKS, "notebooks/ holds no notebook"


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


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.falkordb
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_run_top_to_bottom(path: Path):
    import nbformat
    from nbclient import NotebookClient

    require(any(SEEDS.glob("*.txt")), f"the seed articles are missing from {SEEDS}")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code_cells)
    errors = [
        output for cell in code_cells for output in cell.outputs if output.output_type == "error"
    ]
    assert errors == []
    # Every table and plot produced something to look at.
    shown = [cell for cell in code_cells if any(
        output.output_type in {"execute_result", "display_data"} for output in cell.outputs
    )]
    assert len(shown) >= len(code_cells) - 2  # the set-up cells print text instead
