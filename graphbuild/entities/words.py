"""The words the entity layer reads: the lexicon file's lists and the small fixed sets.

``Lexicon`` holds the lists of ``data/entities.yaml``; ``default_lexicon()`` loads the packaged
one once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..canonical import LEGAL_WORDS
from ..errors import Messages, RulesError

SPEECH_VERBS = {
    "say",
    "tell",
    "add",
    "note",
    "suggest",
    "explain",
    "claim",
    "argue",
    "think",
    "believe",
    "ask",
    "reply",
    "write",
    "comment",
    "recall",
    "insist",
    "admit",
    "expect",
    "hope",
    "want",
}

# nouns a company is said to be to another: "its main competitor was X", "rival X"
RIVAL_NOUNS = {"competitor", "rival", "parent", "subsidiary", "customer", "client", "supplier"}

MAKING_VERBS = {
    "develop",
    "manufacture",
    "produce",
    "design",
    "create",
    "release",
    "launch",
    "introduce",
    "unveil",
    "invent",
    "make",
    "build",
    "publish",
}

LEGAL = LEGAL_WORDS
# Legal forms that are also ordinary nouns in lower case: "its South African company".
COMMON_LEGAL_NOUNS = {"company", "corporation", "limited", "incorporated", "partners", "group"}

# One token of a company's name that is not all letters: "Learn.com", "Canal+", "E*Trade".
NAME_TOKEN_RE = re.compile(r"^[A-Z][\w.&+*'-]*\w[+]?$")

# A web address used as a company's name: "Learn.com", "888.com", "Squirt.org".
DOMAIN_RE = re.compile(r"\w\.(?:com|org|net|io|co|ai|tv|fm|me|app)\b", flags=re.IGNORECASE)

# Penn tags of finite verbs: "Rubicon purchased Enserve Group" is two names.
FINITE_TAGS = {"VBD", "VBZ", "VBP"}

# Small words and marks inside titles of works: "Plan 9 from Outer Space", "Mission: Impossible".
# fmt: off
TITLE_SMALL_WORDS = {
    "of", "the", "a", "an", "in", "on", "at", "to", "for", "and", "or", "with", "from", "by",
    "de", "la", "le", "du", "da", "del", "von", "van", "vs", "vs.",
}
# fmt: on
TITLE_MARKS = {":", "-", "!", "?", "&", "'s", "\u2019s", "'", "\u2019"}
MAX_TITLE_WORDS = 10

# Words that separate two names the model joined into one span: "Valve, Lumen Cache".
LIST_SEPARATORS = {",", "and", "or"}

# Nouns after a surname that make it a person's: "the Bass family".
KIN_NOUNS = {"family", "families", "clan", "dynasty", "heirs", "estate", "brothers", "sisters"}

# What only companies receive: "received $2 million in Series A funding".
FUNDING_WORDS = {"funding", "financing"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists in ``data/entities.yaml``."""

    product_nouns: frozenset[str]
    org_nouns: frozenset[str]
    org_name_words: frozenset[str]
    person_titles: frozenset[str]
    not_entities: frozenset[str]
    anaphors: dict[str, frozenset[str]]
    # Triggers whose roles only companies (or products) fill: see EntityFixer._company_role.
    company_verbs: frozenset[str] = frozenset()
    company_nouns: frozenset[str] = frozenset()
    product_verbs: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    # What a name is said to be, and roles only companies take: see EntityFixer._business_role.
    kind_org_nouns: frozenset[str] = frozenset()
    kind_product_nouns: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()
    business_verbs: frozenset[str] = frozenset()
    founded_verbs: frozenset[str] = frozenset()
    company_possessions: frozenset[str] = frozenset()
    traded_verbs: frozenset[str] = frozenset()
    compound_org_heads: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    place_names: frozenset[str] = frozenset()
    company_objects: frozenset[str] = frozenset()
    list_org_nouns: frozenset[str] = frozenset()
    list_product_nouns: frozenset[str] = frozenset()
    holding_words: frozenset[str] = frozenset()
    state_abbreviations: frozenset[str] = frozenset()


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon in the YAML file ``path``, or the packaged one (loaded once) when None."""
    if path is None:
        return default_lexicon()
    return _read_lexicon(Path(path))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, ``data/entities.yaml``."""
    with resources.as_file(resources.files("graphbuild") / "data" / "entities.yaml") as path:
        return _read_lexicon(path)


def _read_lexicon(path: Path) -> Lexicon:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=error)) from error
    if not isinstance(raw, dict):
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem="not a mapping"))
    lists = (
        "product_nouns",
        "org_nouns",
        "org_name_words",
        "person_titles",
        "not_entities",
        "company_verbs",
        "company_nouns",
        "product_verbs",
        "honorifics",
        "kind_org_nouns",
        "kind_product_nouns",
        "work_nouns",
        "business_verbs",
        "founded_verbs",
        "company_possessions",
        "traded_verbs",
        "compound_org_heads",
        "given_names",
        "place_names",
        "company_objects",
        "list_org_nouns",
        "list_product_nouns",
        "holding_words",
        "state_abbreviations",
    )
    for key in (*lists, "anaphors"):
        if key not in raw:
            raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=f"missing {key!r}"))
    return Lexicon(
        **{key: frozenset(str(word) for word in raw[key]) for key in lists},
        anaphors={label: frozenset(words) for label, words in raw["anaphors"].items()},
    )
