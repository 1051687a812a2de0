"""The relation layer's package: the rule loader's checks, the rules as a spaCy component with
its config, the user's gazetteer seen by the rules, and rules a user adds in YAML alone (real
parses of sentences written for the project, invented names)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from graphbuild.errors import RulesError
from graphbuild.nlp import make_doc
from graphbuild.pipeline import Builder, BuildOptions
from graphbuild.records import Document
from graphbuild.relations import Extractor, RelationRules, load_rules, rule_set
from graphbuild.relations.patterns import compile_rule
from graphbuild.relations.schema import RuleExample

RULE = "  - id: my.rule\n    type: ACQUIRED\n    kind: verb\n    lemmas: [snap]\n"


def _rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("rules:\n" + RULE + "    confidence: 0.5\n    confidence: 0.7\n", ["duplicate key"]),
        ("rules:\n" + RULE + "    confidence: true\n", ["my.rule", "'confidence'"]),
        ("rules:\n" + RULE + "    particle: 3\n", ["my.rule", "'particle'"]),
        ("rules:\n" + RULE + "    deal: yes please\n", ["my.rule", "'deal'"]),
        ("rules:\n" + RULE + "    unless: [when_raining]\n", ["my.rule", "when_raining"]),
        ("rules:\n" + RULE + "    options: [pressed_party]\n", ["not read by verb rules"]),
        ("rules:\n" + RULE + "    among_verbs: [count]\n", ["listing_noun"]),
        (
            "rules:\n" + RULE + "    retype: [{when: always, to: INVESTS_IN}]\n",
            ["my.rule", "always"],
        ),
        ("rules:\n" + RULE + "    examples: [{text: 3}]\n", ["my.rule", "text"]),
        (
            "rules:\n" + RULE + "    examples: [{text: Acme snapped up Globex., expect: [[a]]}]\n",
            ["my.rule", "[head, TYPE, tail]"],
        ),
        (
            "rules:\n  - id: my.rule\n    type: COMPETES_WITH\n    kind: verb\n"
            "    lemmas: [take aim at]\n",
            ["one word", "object_nouns"],
        ),
        (
            "rules:\n  - id: my.rule\n    type: DEVELOPS\n    kind: possessive_product\n"
            "    lemmas: [its]\n",
            ["read no 'lemmas'"],
        ),
        ("version: 1\nrule:\n" + RULE, ["'rules' list"]),
    ],
    ids=[
        "duplicate-key",
        "boolean-confidence",
        "number-particle",
        "string-deal",
        "unknown-veto",
        "option-of-another-kind",
        "among-verbs-of-another-kind",
        "unknown-retype-condition",
        "example-without-text",
        "example-bad-triple",
        "phrase-as-lemma",
        "lemmas-on-structural-kind",
        "misspelt-rules",
    ],
)
def test_relations_loader_rejects_with_file_and_rule(
    tmp_path: Path, text: str, words: list[str]
) -> None:
    path = _rules_file(tmp_path, text)
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_relations_user_rule_may_not_reuse_a_packaged_id(tmp_path: Path) -> None:
    path = _rules_file(tmp_path, "rules:\n" + RULE.replace("my.rule", "acquired.verb"))
    with pytest.raises(RulesError, match=r"'acquired\.verb' is already used"):
        rule_set([path])


def test_relations_peer_lemma_without_reading_is_rejected(tmp_path: Path) -> None:
    path = _rules_file(
        tmp_path,
        "rules:\n  - id: my.peer\n    type: COMPETES_WITH\n    kind: peer\n    lemmas: [versus]\n",
    )
    with pytest.raises(RulesError, match="'versus' would never give an edge"):
        rule_set([path])


def test_relations_loader_reads_examples_and_fields(tmp_path: Path) -> None:
    path = _rules_file(
        tmp_path,
        "rules:\n  - id: my.rule\n    type: ACQUIRED\n    deal: true\n"
        "    unless: [same_company]\n    retype: [{when: minority_stake, to: INVESTS_IN}]\n"
        "    kind: verb\n    lemmas: [snap]\n    particle: up\n    examples:\n"
        "      - text: Acme Corp snapped up Globex Labs.\n"
        "        expect: [[Acme Corp, ACQUIRED, Globex Labs]]\n"
        "      - text: Acme Corp did not snap up Globex Labs.\n        expect: []\n",
    )
    (rule,) = load_rules(path)
    assert rule.deal and rule.unless == {"same_company"}
    assert [(r.when, r.to) for r in rule.retypes] == [("minority_stake", "INVESTS_IN")]
    assert rule.examples == (
        RuleExample(
            "Acme Corp snapped up Globex Labs.", (("Acme Corp", "ACQUIRED", "Globex Labs"),)
        ),
        RuleExample("Acme Corp did not snap up Globex Labs."),
    )
    # the particle is a dependency pattern below the trigger
    assert compile_rule(rule)["particle"][0][1]["RIGHT_ATTRS"]["LOWER"] == {"IN": ["up"]}


def test_relations_component_takes_its_settings_from_config(tmp_path: Path) -> None:
    gazetteer = tmp_path / "names.jsonl"
    gazetteer.write_text(json.dumps({"name": "Orbit Works", "label": "Organization"}) + "\n")
    rules = _rules_file(tmp_path, "rules:\n" + RULE)
    nlp = spacy.blank("en")
    component = nlp.add_pipe(
        "graphbuild_relation_rules_v1",
        config={"rules_files": [str(rules)], "gazetteer_files": [str(gazetteer)]},
    )
    assert isinstance(component, RelationRules)
    assert component.extractor.gazetteer.known_label("Orbit Works") == "Organization"
    assert "my.rule" in {rule.id for rule in component.extractor.rules.rules}


def _triples(builder: Builder, text: str) -> set[tuple[str, str, str]]:
    (result,) = builder.results([Document(id="t", text=text)])
    return {(r.head.name, r.type, r.tail.name) for r in result.relations}


def test_relations_rules_see_the_users_gazetteer(tmp_path: Path) -> None:
    """A name the user's gazetteer declares an organisation is no product to the rules: the
    maker rules ("named" tails) leave it alone, as they leave the packaged gazetteer's."""
    text = "Brightwater Corp built Orbit Works in 2019."
    assert ("Brightwater", "DEVELOPS", "Orbit Works") in _triples(Builder(), text)
    gazetteer = tmp_path / "names.jsonl"
    gazetteer.write_text(json.dumps({"name": "Orbit Works", "label": "Organization"}) + "\n")
    builder = Builder(BuildOptions(gazetteer_files=(gazetteer,)))
    assert not {t for t in _triples(builder, text) if t[1] == "DEVELOPS"}


USER_RULES = """\
rules:
  - id: user.swallowed_up
    type: ACQUIRED
    deal: true
    kind: verb
    lemmas: [swallow]
    particle: up
  - id: user.square_up
    type: COMPETES_WITH
    kind: verb
    lemmas: [square]
    particle: up
    preps: [to]
    head: agent
    tail: target
  - id: user.members_include
    type: MEMBER_OF
    kind: listing_noun
    lemmas: [member]
    among_verbs: [count]
"""
MEMBERS = {
    (name, "MEMBER_OF", "Open Orbit Foundation")
    for name in ("Brightwater", "Corvane", "Lumen Labs")
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Brightwater Corp swallowed up Lumen Labs in 2019.",
            {("Brightwater", "ACQUIRED", "Lumen Labs")},
        ),
        (
            "Lumen Labs was swallowed up by Brightwater Corp.",
            {("Brightwater", "ACQUIRED", "Lumen Labs")},
        ),
        (
            "Corvane Inc squares up to Brightwater Corp with its new scheduler.",
            {("Corvane", "COMPETES_WITH", "Brightwater")},
        ),
        # the owner of the list as possessor, object of "of", subject, relative possessor
        (
            "The Open Orbit Foundation's members include Brightwater Corp, Corvane Inc and "
            "Lumen Labs.",
            MEMBERS,
        ),
        (
            "Members of the Open Orbit Foundation include Brightwater Corp, Corvane Inc and "
            "Lumen Labs.",
            MEMBERS,
        ),
        (
            "The Open Orbit Foundation has members including Brightwater Corp, Corvane Inc and "
            "Lumen Labs.",
            MEMBERS,
        ),
        (
            "The Open Orbit Foundation, whose members include Brightwater Corp, Corvane Inc and "
            "Lumen Labs, met today.",
            MEMBERS,
        ),
        (
            "The Open Orbit Foundation counts Brightwater Corp, Corvane Inc and Lumen Labs "
            "among its members.",
            MEMBERS,
        ),
    ],
    ids=[
        "swallowed-up",
        "swallowed-up-passive",
        "square-up",
        "members-possessor",
        "members-of",
        "members-subject",
        "members-whose",
        "counts-among",
    ],
)
def test_relations_user_rules_in_yaml_alone(
    nlp, tmp_path: Path, text: str, expected: set[tuple[str, str, str]]
) -> None:
    extractor = Extractor(rule_set([_rules_file(tmp_path, USER_RULES)]))
    document = Document(id="t", text=text)
    doc = nlp(make_doc(nlp, text))
    found = {(r.head.name, r.type, r.tail.name) for r in extractor.relations(doc, document)}
    assert expected <= found
    packaged = {
        (r.head.name, r.type, r.tail.name) for r in Extractor(rule_set()).relations(doc, document)
    }
    if expected is MEMBERS:
        # the packaged rules read member lists too (member_of.members_include)
        assert expected <= packaged
    else:
        # the packaged rules alone do not read these sentences
        assert not expected & packaged
