"""The Cypher module: the closed vocabulary, statements built only from it, the cookbook."""

from __future__ import annotations

import re

import pytest
from export_support import HOSTILE_NAMES, hostile_graph

from graphbuild import cypher
from graphbuild.errors import VocabularyError
from graphbuild.export import plan_export
from graphbuild.records import ENTITY_LABELS, RELATION_TYPES

OUTSIDE = [
    "KNOWS",
    "competes_with",
    "SPONSORS`]->(x) DETACH DELETE x //",
    "SPONSORS\n",
    "",
    "Organization",
    None,
    7,
    *HOSTILE_NAMES,
]


@pytest.mark.parametrize("value", OUTSIDE)
def test_cypher_relationship_type_rejects_outside_vocabulary(value):
    with pytest.raises(VocabularyError, match="not in graphbuild's vocabulary"):
        cypher.relationship_type(value)


@pytest.mark.parametrize(
    "value",
    ["Place", "organization", "Entity", "Document", "Product:Admin", "SPONSORS", *HOSTILE_NAMES],
)
def test_cypher_entity_label_rejects_outside_vocabulary(value):
    with pytest.raises(VocabularyError, match="Node label"):
        cypher.entity_label(value)


@pytest.mark.parametrize("relation_type", RELATION_TYPES)
def test_cypher_relationship_statement_names_only_its_type(relation_type):
    statement = cypher.merge_relationships(relation_type)
    assert f"[r:{relation_type}]" in statement
    assert "$rows" in statement


def test_cypher_statements_use_only_the_vocabulary():
    allowed = {*ENTITY_LABELS, *RELATION_TYPES, cypher.ENTITY, cypher.DOCUMENT, cypher.MENTIONS}
    for name, statement in cypher.statements().items():
        assert not re.search(r"[`'\"]", statement), name  # no quoting: nothing spliced in
        identifiers = set(re.findall(r"[(\[]\w*:(\w+)|REMOVE \w+:(\w+)|SET \w+:(\w+)", statement))
        used = {part for match in identifiers for part in match if part}
        assert used <= allowed, (name, used - allowed)


def test_cypher_hostile_names_stay_in_parameters():
    graph = hostile_graph()
    plan = plan_export(graph)
    texts = [step.statement for step in plan.steps]
    values = [
        name for _, data in graph.nodes(data=True) for name in (data["name"], *data["aliases"])
    ]
    assert any(name in HOSTILE_NAMES for name in values)
    for text in texts:
        assert text in cypher.statements().values()
        for value in values:
            assert value not in text
    rows = [row for step in plan.steps for row in step.rows]
    assert any(row.get("properties", {}).get("name") in HOSTILE_NAMES for row in rows)


def test_cypher_cookbook_has_ten_documented_recipes():
    recipes = cypher.cookbook()
    assert len(recipes) >= 10
    assert len({recipe.name for recipe in recipes}) == len(recipes)
    for recipe in recipes:
        assert recipe.description, recipe.name
        declared = set(re.findall(r"\$(\w+)", recipe.text))
        assert declared == set(recipe.example), recipe.name  # every parameter has an example


def test_cypher_cookbook_parser_reports_an_unterminated_recipe():
    with pytest.raises(VocabularyError, match="lacks its closing"):
        cypher.parse_cookbook("// name: broken\n// says nothing\nMATCH (n) RETURN n\n")
