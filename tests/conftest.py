"""Shared test fixtures.

Tests that need a service this machine can have (FalkorDB, Chromium, Node) call
``require(...)``: outside CI a missing service skips the test with the reason; under
``CI=true`` it fails, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# Beside the checkout; GRAPHBUILD_SHARED points elsewhere (a git worktree lives deeper).
SHARED = Path(os.environ.get("GRAPHBUILD_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"
CORPUS = SHARED / "corpus"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, reason: str) -> None:
    """Skip (or, under CI=true, fail) unless ``condition`` holds."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def require_shared(path: Path) -> Path:
    """Evaluation data lives beside the checkout, not in it: skip clearly where it is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: evaluation data is read from ../shared beside the checkout")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline with graphbuild's components (loaded once per session)."""
    from graphbuild.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_result():
    """The seeds built by the real pipeline, once per session."""
    from graphbuild.pipeline import build_corpus

    return build_corpus([SEEDS])


@pytest.fixture(scope="session")
def seeds_graph(seeds_result):
    """The graph of the project's two seed articles (a MultiDiGraph; do not mutate it)."""
    return seeds_result.graph
