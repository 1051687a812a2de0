"""The rule set of a run: the packaged rules and the user's, checked against what the engine
reads (a lemma no reading of its kind serves is an error, not a rule that never fires)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import Messages, RulesError
from .kinds import READ_LEMMAS
from .schema import Rule, RuleSet, load_rules


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    with resources.as_file(resources.files("graphbuild") / "data" / "relations.yaml") as path:
        return tuple(_checked(rule, number) for number, rule in enumerate(load_rules(path), 1))


def rule_set(extra_files: Iterable[str | Path] = ()) -> RuleSet:
    """The packaged rules followed by those of the user's ``extra_files``. A user rule may not
    reuse a packaged rule's id (or another user rule's): the evidence names rules by id."""
    rules = list(default_rules())
    owners = {rule.id: rule.source for rule in rules}
    for path in extra_files:
        for number, rule in enumerate(load_rules(path), start=1):
            if rule.id in owners:
                problem = f"id {rule.id!r} is already used by a rule of {owners[rule.id]}"
                where = f"rule {number} ({rule.id})"
                raise RulesError(Messages.E_RULE.format(path=path, where=where, problem=problem))
            owners[rule.id] = rule.source
            rules.append(_checked(rule, number))
    return RuleSet(rules)


def _checked(rule: Rule, number: int) -> Rule:
    """The rule, if every lemma of it has a reading in its kind."""
    read = READ_LEMMAS.get(rule.kind)
    unread = sorted(rule.lemmas - read) if read is not None else []
    if unread:
        problem = (
            f"{rule.kind} rules read only the words {', '.join(sorted(read or ()))}; "
            f"{', '.join(repr(word) for word in unread)} would never give an edge"
        )
        where = f"rule {number} ({rule.id})"
        raise RulesError(Messages.E_RULE.format(path=rule.source, where=where, problem=problem))
    return rule
