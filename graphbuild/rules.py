"""The relation rules' public names, kept at their old import path.

The engine lives in :mod:`graphbuild.relations`; this module re-exports what the pipeline, the
CLI and existing code import from ``graphbuild.rules``.
"""

from __future__ import annotations

from .relations import (
    KINDS,
    LABELS,
    PERSON_HEAD_TYPES,
    ROLES,
    SYMMETRIC_TYPES,
    UNCERTAIN_STATUSES,
    Extractor,
    RelationRules,
    Rule,
    RuleExample,
    RuleSet,
    default_rules,
    extract_mentions,
    extract_relations,
    load_rules,
    make_relation_rules,
    rule_set,
)

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
