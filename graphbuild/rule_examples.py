"""Rules that test themselves: every rule's ``examples:`` run through the real pipeline.

An example is one sentence and the triples it must give. A positive example passes when each
expected ``(head, TYPE, tail)`` is an edge of the graph that ``graphbuild build`` makes of that
sentence alone, with evidence from the example's own rule (so an example cannot pass on another
rule's edge); a negative example (``expect: []``) passes when that graph has no edge at all.
Names are compared as the graph compares them (by canonical key: "Acme Corp" is "Acme"), and the
two ends of a symmetric type in either order. ``graphbuild rules test`` is the command line of
:func:`run_examples`; users writing rules get the check the project runs in CI.

>>> report = run_examples()  # doctest: +SKIP
>>> print(report.render().splitlines()[-1])  # doctest: +SKIP
73 rules, 152 examples: all pass
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from .canonical import Canonicalizer, default_canonicalizer
from .graph import GraphBuilder
from .pipeline import Builder, BuildOptions
from .records import SYMMETRIC_TYPES, Document
from .relations.patterns import compile_rule
from .relations.schema import STRUCTURAL_KINDS
from .rules import Rule, RuleExample, rule_set

Triple = tuple[str, str, str]

# kinds that read a fixed pattern: their direction is the pattern's, not head/tail
_STRUCTURAL_KINDS = STRUCTURAL_KINDS


@dataclass(frozen=True, slots=True)
class Found:
    """An edge of an example's graph: its names as the graph shows them, and its rules."""

    head: str
    type: str
    tail: str
    rules: tuple[str, ...]

    def render(self) -> str:
        return f"[{self.head}, {self.type}, {self.tail}] ({', '.join(self.rules)})"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example checked: what its sentence gave, and the expected triples it did not."""

    rule: Rule
    example: RuleExample
    found: tuple[Found, ...]
    missing: tuple[Triple, ...]

    @property
    def passed(self) -> bool:
        return not self.missing and (bool(self.example.expect) or not self.found)

    def render(self) -> str:
        expected = (
            ", ".join(f"[{', '.join(triple)}]" for triple in self.example.expect)
            if self.example.expect
            else "nothing"
        )
        got = ", ".join(found.render() for found in self.found) or "nothing"
        return f'{self.rule.id}: "{self.example.text}" expected {expected}; got {got}'


@dataclass(frozen=True, slots=True)
class ExamplesReport:
    rules: int
    examples: int
    failures: tuple[ExampleResult, ...]
    # ids of rules with no examples, or with no positive or no negative one
    untested: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures

    def render(self) -> str:
        lines = [failure.render() for failure in self.failures]
        if self.untested:
            lines.append(
                f"note: {len(self.untested)} rule(s) lack a positive or a negative example: "
                + ", ".join(self.untested)
            )
        outcome = f"{len(self.failures)} failed" if self.failures else "all pass"
        lines.append(f"{self.rules} rules, {self.examples} examples: {outcome}")
        return "\n".join(lines)


class ExampleRunner:
    """The real pipeline with the packaged rules and ``rules_files``, loaded once."""

    def __init__(
        self,
        rules_files: Iterable[str | Path] = (),
        *,
        nlp: Language | None = None,
        canonicalizer: Canonicalizer | None = None,
    ) -> None:
        files = tuple(Path(path) for path in rules_files)
        # the rules as loaded (with their examples); the builder loads the same files
        self.rules: list[Rule] = rule_set(files).rules
        self.builder = Builder(BuildOptions(rules_files=files), nlp=nlp)
        self.canonicalizer = canonicalizer or default_canonicalizer()

    def rule(self, rule_id: str) -> Rule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def graph_edges(self, text: str) -> tuple[Found, ...]:
        """The edges ``graphbuild build`` makes of ``text`` as one document."""
        graph_builder = GraphBuilder(self.canonicalizer)
        for result in self.builder.results([Document(id="example", text=text)]):
            graph_builder.add(result)
        graph = graph_builder.graph()
        return tuple(
            Found(
                head=graph.nodes[head]["name"],
                type=relation_type,
                tail=graph.nodes[tail]["name"],
                rules=tuple(sorted({evidence["rule"] for evidence in data["evidence"]})),
            )
            for head, tail, relation_type, data in graph.edges(keys=True, data=True)
        )

    def check(self, rule: Rule, example: RuleExample) -> ExampleResult:
        found = self.graph_edges(example.text)
        missing = tuple(
            triple
            for triple in example.expect
            if not any(self._matches(triple, edge, rule.id) for edge in found)
        )
        return ExampleResult(rule=rule, example=example, found=found, missing=missing)

    def check_rule(self, rule: Rule) -> list[ExampleResult]:
        return [self.check(rule, example) for example in rule.examples]

    def run(self, rules: Sequence[Rule] | None = None) -> ExamplesReport:
        rules = self.rules if rules is None else rules
        results = [result for rule in rules for result in self.check_rule(rule)]
        return ExamplesReport(
            rules=len(rules),
            examples=len(results),
            failures=tuple(result for result in results if not result.passed),
            untested=tuple(rule.id for rule in rules if not fully_exemplified(rule)),
        )

    def _matches(self, expected: Triple, edge: Found, rule_id: str) -> bool:
        head, relation_type, tail = expected
        if edge.type != relation_type or rule_id not in edge.rules:
            return False
        key = self.canonicalizer.key
        ends = (key(head), key(tail))
        found = (key(edge.head), key(edge.tail))
        return ends == found or (relation_type in SYMMETRIC_TYPES and ends[::-1] == found)


def fully_exemplified(rule: Rule) -> bool:
    """A rule shows what it does with at least one positive and one negative example."""
    return any(example.expect for example in rule.examples) and any(
        not example.expect for example in rule.examples
    )


def run_examples(
    rules_files: Iterable[str | Path] = (), *, nlp: Language | None = None
) -> ExamplesReport:
    """Check the examples of the packaged rules and of ``rules_files`` (which join them)."""
    return ExampleRunner(rules_files, nlp=nlp).run()


def describe_rule(rule: Rule) -> str:
    """A rule's fields, its patterns (or its trigger fields) and its examples, for a reader."""
    import json

    def words(values: Iterable[str]) -> str:
        return ", ".join(sorted(values)) or "-"

    lines = [
        f"id:          {rule.id}",
        f"type:        {rule.type}"
        + (
            f" (as {rule.retype_if_tail_organization} when the tail is an Organization)"
            if rule.retype_if_tail_organization
            else ""
        ),
        f"kind:        {rule.kind}",
        f"confidence:  {rule.confidence}",
        f"source:      {rule.source}",
    ]
    if rule.kind in _STRUCTURAL_KINDS:
        ends = [
            ("head", rule.head_label, "the pattern's"),
            ("tail", rule.tail_label, "the pattern's"),
        ]
    else:
        ends = [("head", rule.head_label, rule.head), ("tail", rule.tail_label, rule.tail)]
    lines[3:3] = [f"{end + ':':12} {role} ({label})" for end, label, role in ends]
    if rule.owner:
        lines.append(f"owner:       {rule.owner}")
    lines.append("triggers:")
    if rule.kind in _STRUCTURAL_KINDS:
        lines.append(f"  pattern:       {rule.kind} (see the README's structural kinds)")
    if rule.lemmas or rule.kind not in _STRUCTURAL_KINDS:
        lines.append(f"  lemmas:        {words(rule.lemmas)} (a PhraseMatcher on lemmas)")
    if rule.particle:
        lines.append(f"  particle:      {rule.particle}")
    if rule.preps:
        lines.append(f"  preps:         {words(rule.preps)}")
    if rule.object_nouns:
        lines.append(f"  object_nouns:  {words(rule.object_nouns)}")
    if rule.exclude_preps:
        lines.append(f"  exclude_preps: {words(rule.exclude_preps)}")
    # What must also match below the trigger, as the DependencyMatcher patterns it compiles to.
    for group, patterns in compile_rule(rule).items():
        lines.append(f"patterns ({group}, one must match): {len(patterns)}")
        lines.extend(
            f"  {json.dumps(pattern, ensure_ascii=False, default=str)}" for pattern in patterns
        )
    lines.append(f"examples:    {len(rule.examples)}")
    for example in rule.examples:
        expected = (
            "; ".join(f"{head} -[{kind}]-> {tail}" for head, kind, tail in example.expect)
            if example.expect
            else "nothing"
        )
        lines.append(f'  "{example.text}"')
        lines.append(f"    gives {expected}")
    return "\n".join(lines)


def rule_line(rule: Rule) -> str:
    """One line per rule: id, type, kind and triggers."""
    trigger = ", ".join(sorted(rule.lemmas)) or "(structural pattern)"
    if rule.particle:
        trigger += f" + {rule.particle}"
    return f"{rule.id:34} {rule.type:14} {rule.kind:18} {trigger}"


__all__ = [
    "ExampleResult",
    "ExampleRunner",
    "ExamplesReport",
    "Found",
    "describe_rule",
    "fully_exemplified",
    "rule_line",
    "run_examples",
]
