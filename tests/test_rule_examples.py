"""Rules that test themselves: every packaged rule's examples pass on the real pipeline, and
``graphbuild rules test`` gives users the same check for their own rules files.

The packaged examples run through the real spaCy model (as ``graphbuild build`` would read the
sentence), one test per rule so a failure names the rule. Names are invented.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from click.testing import CliRunner
from conftest import ROOT

from graphbuild.cli import cli
from graphbuild.errors import RulesError
from graphbuild.rule_examples import ExampleRunner, describe_rule, fully_exemplified
from graphbuild.rules import RuleExample, default_rules, load_rules

PACKAGED = default_rules()


@pytest.fixture(scope="module")
def runner(nlp) -> ExampleRunner:
    return ExampleRunner(nlp=nlp)


@pytest.mark.parametrize("rule", PACKAGED, ids=[rule.id for rule in PACKAGED])
def test_rule_examples_packaged_rule_has_a_positive_and_a_negative_example(rule) -> None:
    assert fully_exemplified(rule), f"{rule.id} needs examples that give and that give nothing"


@pytest.mark.parametrize("rule", PACKAGED, ids=[rule.id for rule in PACKAGED])
def test_rule_examples_packaged_examples_pass(runner: ExampleRunner, rule) -> None:
    failures = [result.render() for result in runner.check_rule(rule) if not result.passed]
    assert not failures, "\n".join(failures)


def test_rule_examples_positive_needs_the_rule_itself(runner: ExampleRunner) -> None:
    # the sentence gives the triple, but by acquired.verb: no pass for another rule's edge
    (rule,) = [rule for rule in PACKAGED if rule.id == "acquired.event"]
    example = RuleExample(
        text="Brightwater Corp acquired Lumen Labs in 2019.",
        expect=(("Brightwater Corp", "ACQUIRED", "Lumen Labs"),),
    )
    result = runner.check(rule, example)
    assert not result.passed
    assert "acquired.verb" in result.render()


def test_rule_examples_symmetric_types_match_either_way(runner: ExampleRunner) -> None:
    (rule,) = [rule for rule in PACKAGED if rule.id == "competes.verb"]
    example = RuleExample(
        text="Brightwater Corp competes with Lumen Labs in Europe.",
        expect=(("Lumen Labs", "COMPETES_WITH", "Brightwater"),),
    )
    assert runner.check(rule, example).passed


USER_RULES = """\
version: 1
rules:
  - id: mine.swallowed_up
    type: ACQUIRED
    kind: verb
    lemmas: [swallow]
    particle: up
    examples:
      - text: "Brightwater Corp swallowed up Lumen Labs in 2019."
        expect: [[Brightwater, ACQUIRED, Lumen Labs]]
      - text: "Brightwater Corp failed to swallow up Lumen Labs."
        expect: []
"""


def test_rule_examples_cli_user_rules_that_pass_exit_0(tmp_path) -> None:
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(USER_RULES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "test", str(rules)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    examples = sum(len(rule.examples) for rule in PACKAGED) + 2
    assert last == f"{len(PACKAGED) + 1} rules, {examples} examples: all pass"


def test_rule_examples_cli_failing_user_example_exits_1_naming_it(tmp_path) -> None:
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(
        USER_RULES
        + textwrap.indent(
            textwrap.dedent(
                """\
                - text: "Brightwater Corp swallowed up the best seats at the show."
                  expect: [[Brightwater, ACQUIRED, Lumen Labs]]
                """
            ),
            "      ",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["rules", "test", str(rules)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].endswith("examples: 1 failed"), result.output
    (failure,) = [line for line in lines if line.startswith("mine.swallowed_up:")]
    assert '"Brightwater Corp swallowed up the best seats at the show."' in failure
    assert "expected [Brightwater, ACQUIRED, Lumen Labs]; got nothing" in failure


def test_rule_examples_cli_malformed_example_is_an_error_naming_file_and_rule(tmp_path) -> None:
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(USER_RULES.replace("[[Brightwater, ACQUIRED", "[[Brightwater, BOUGHT"))
    result = CliRunner().invoke(cli, ["rules", "test", str(rules)])
    assert result.exit_code == 1
    assert "my-rules.yaml, rule 1 (mine.swallowed_up): example 1: 'BOUGHT' must be one of" in (
        result.output
    )


@pytest.mark.parametrize(
    ("examples", "problem"),
    [
        ('"not a list"', "'examples' must be a list"),
        (
            "[{text: Acme bought Widget Inc.}]",
            "example 1 must be a mapping with 'text' and 'expect'",
        ),
        ('[{text: "", expect: []}]', "example 1: 'text' must be a sentence"),
        ("[{text: Acme bought Widget Inc., expect: [[Acme, ACQUIRED]]}]", "example 1: 'expect'"),
        ("[{text: Acme bought Widget Inc., expect: [Acme]}]", "example 1: 'expect'"),
        (
            "[{text: Acme bought Widget Inc., expect: [], note: why}]",
            "example 1 must be a mapping",
        ),
    ],
)
def test_rule_examples_loader_rejects_malformed_examples(tmp_path, examples, problem) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - id: mine.bought\n    type: ACQUIRED\n    kind: verb\n    lemmas: [buy]\n"
        f"    examples: {examples}\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert "rules.yaml, rule 1 (mine.bought): " in str(error.value)
    assert problem in str(error.value)


def test_rule_examples_loader_reads_examples(tmp_path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(USER_RULES, encoding="utf-8")
    (rule,) = load_rules(path)
    assert rule.examples == (
        RuleExample(
            text="Brightwater Corp swallowed up Lumen Labs in 2019.",
            expect=(("Brightwater", "ACQUIRED", "Lumen Labs"),),
        ),
        RuleExample(text="Brightwater Corp failed to swallow up Lumen Labs.", expect=()),
    )


def test_rule_examples_cli_rules_list_names_every_rule(tmp_path) -> None:
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(USER_RULES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in PACKAGED] + [
        "mine.swallowed_up"
    ]
    assert lines[-1].split() == ["mine.swallowed_up", "ACQUIRED", "verb", "swallow", "+", "up"]


def test_rule_examples_cli_rules_show_prints_triggers_and_examples() -> None:
    result = CliRunner().invoke(cli, ["rules", "show", "acquired.sell_to"])
    assert result.exit_code == 0, result.output
    assert "kind:        verb" in result.output
    assert "head:        target (any)" in result.output
    assert "preps:         to" in result.output
    assert '"Halden Group sold Lumen Labs to Corvane Inc in 2017."' in result.output
    assert "gives Corvane -[ACQUIRED]-> Lumen Labs" in result.output
    assert "gives nothing" in result.output


def test_rule_examples_cli_rules_show_unknown_id_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["rules", "show", "no.such.rule"])
    assert result.exit_code == 2
    assert "no rule 'no.such.rule'" in result.output


def test_rule_examples_show_prints_the_compiled_dependency_patterns() -> None:
    (rule,) = [rule for rule in PACKAGED if rule.id == "acquired.take_over"]
    text = describe_rule(rule)
    assert "lemmas:        take (a PhraseMatcher on lemmas)" in text
    assert "patterns (particle, one must match):" in text
    assert '"RIGHT_ID": "trigger"' in text and '"over"' in text


def test_rule_examples_show_a_rule_of_one_word_has_no_dependency_patterns() -> None:
    (rule,) = [rule for rule in PACKAGED if not rule.particle and not rule.object_nouns][:1]
    assert "patterns (" not in describe_rule(rule)


def test_rule_examples_the_documented_rules_file_passes(tmp_path) -> None:
    # the README's rule format opens with a complete rules file ("swallowed up", "signers
    # include", "counts ... among its signers"): it must load and its examples pass, as it says
    page = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(
        part.split("```", 1)[0]
        for part in page.split("```yaml\n")[1:]
        if part.startswith("version: 1")
    )
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(block, encoding="utf-8")
    result = CliRunner().invoke(cli, ["rules", "test", str(rules)])
    assert result.exit_code == 0, result.output
    assert [rule.id for rule in load_rules(rules)] == [
        "mine.swallowed_up",
        "mine.signers_include",
        "mine.counts_among_signers",
    ]


def test_rule_examples_readme_names_every_veto_retype_and_option() -> None:
    # a rule field's names are only usable if the rule format documents them
    from graphbuild.relations import conditions

    page = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(?:unless|retype|options)` \| `(\w+)`", page, re.M))
    defined = set(conditions.RETYPE_CONDITIONS) | set(conditions.OPTIONS)
    for table in (conditions.TRIGGER_VETOES, conditions.PAIR_VETOES):
        defined |= set(table)
    defined |= set(conditions.SENTENCE_VETOES) | set(conditions.EDGE_VETOES)
    assert defined - documented == set(), "not in the README's rule format"
    assert documented - defined == set(), "documented but not defined"
