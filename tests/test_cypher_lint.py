"""Every statement graphbuild can send, and every cookbook recipe, through Neo4j's own checker.

``lintCypherQuery`` from ``@neo4j-cypher/language-support`` (tests/cypher_lint, set up with
``npm ci --prefix tests/cypher_lint``). Undeclared parameters are the only errors allowed: the
checker cannot know the parameters graphbuild passes.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT, require

from graphbuild import cypher

LINT = ROOT / "tests" / "cypher_lint"
pytestmark = pytest.mark.node


def _lint(statements: dict[str, str]) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    require(node is not None, "Node.js is not installed")
    require(
        (LINT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir(),
        "run `npm ci --prefix tests/cypher_lint` first",
    )
    payload = json.dumps([{"name": k, "statement": v} for k, v in statements.items()])
    completed = subprocess.run(
        [str(node), str(LINT / "lint.mjs")],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return {item["name"]: item["diagnostics"] for item in json.loads(completed.stdout)}


def _errors(diagnostics: list[dict[str, object]]) -> list[str]:
    return [
        str(d["message"])
        for d in diagnostics
        if d["severity"] == 1 and not str(d["message"]).startswith("Parameter $")
    ]


def test_cypher_lint_statements_and_cookbook_pass_neo4j_checker():
    statements = dict(cypher.statements())
    statements.update({f"cookbook:{recipe.name}": recipe.text for recipe in cypher.cookbook()})
    results = _lint(statements)
    assert set(results) == set(statements)
    failures = {name: _errors(diagnostics) for name, diagnostics in results.items()}
    assert {name: errors for name, errors in failures.items() if errors} == {}


def test_cypher_lint_catches_a_broken_statement():
    # The checker must be able to fail: a syntax error and an undefined variable.
    results = _lint({"broken": "MATCH (n RETURN n", "bad": "MATCH (n) RETURN m"})
    assert _errors(results["broken"])
    assert _errors(results["bad"])
