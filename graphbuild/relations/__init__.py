"""Relation rules: typed, evidence-carrying relations from parsed documents.

Rules are data (``data/relations.yaml``, plus any files given with ``--rules``). Each names a
relation type and a trigger (lemmas of a verb, an event noun or a relational noun) and says which
grammatical role is the head and which the tail; the engine finds the roles on the dependency
parse. The modules, in the order a document flows through them:

- :mod:`.schema`: the ``Rule`` record and its loader;
- :mod:`.fillers`: from a token to the mentions it stands for (lists, appositions, relative
  pronouns, "that of", units of a company, portions);
- :mod:`.kinds`: one role finder per rule kind;
- :mod:`.modality`: hedging, negation and deal status;
- :mod:`.arbitration`: one edge per pair, retyping, the person policy;
- :mod:`.engine`: the extractor that runs them; :mod:`.component`: the spaCy component.
"""

from __future__ import annotations

from ..records import SYMMETRIC_TYPES
from .arbitration import PERSON_HEAD_TYPES, UNCERTAIN_STATUSES
from .component import RelationRules, make_relation_rules
from .engine import Extractor, extract_mentions, extract_relations
from .ruleset import default_rules, rule_set
from .schema import KINDS, LABELS, ROLES, Rule, RuleExample, RuleSet, load_rules

__all__ = [
    "KINDS",
    "LABELS",
    "PERSON_HEAD_TYPES",
    "ROLES",
    "SYMMETRIC_TYPES",
    "UNCERTAIN_STATUSES",
    "Extractor",
    "RelationRules",
    "Rule",
    "RuleExample",
    "RuleSet",
    "default_rules",
    "extract_mentions",
    "extract_relations",
    "load_rules",
    "make_relation_rules",
    "rule_set",
]
