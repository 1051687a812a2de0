"""The words the entity layer reads: the lexicon file's lists and the small fixed sets.

``Lexicon`` holds the lists of ``data/lexicon/entities.yaml`` that a user's lexicon file may
replace (the components' ``lexicon`` setting); ``default_lexicon()`` loads the packaged one once
per process. The grammar lists after them in that file are module constants here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ..canonical import LEGAL_WORDS
from ..errors import Messages, RulesError
from ..lexicon import WordLists, load_word_lists, packaged

# The grammar the code reads, from the packaged lexicon file (see its comments for each list).
_GRAMMAR = packaged("entities")
SPEECH_VERBS = _GRAMMAR["speech_verbs"]
RIVAL_NOUNS = _GRAMMAR["rival_nouns"]
MAKING_VERBS = _GRAMMAR["making_verbs"]
COMMON_LEGAL_NOUNS = _GRAMMAR["common_legal_nouns"]
TITLE_SMALL_WORDS = _GRAMMAR["title_small_words"]
TITLE_MARKS = _GRAMMAR["title_marks"]
LIST_SEPARATORS = _GRAMMAR["list_separators"]
NAME_CONJUNCTIONS = _GRAMMAR["name_conjunctions"]
KIN_NOUNS = _GRAMMAR["kin_nouns"]
FUNDING_WORDS = _GRAMMAR["funding_words"]
LIST_VERBS = _GRAMMAR["list_verbs"]
LIST_PREPOSITIONS = _GRAMMAR["list_prepositions"]
COPULAS = _GRAMMAR["copulas"]
PRODUCT_COMPOUND_WORDS = _GRAMMAR["product_compound_words"]
FORMAT_NOUNS = _GRAMMAR["format_nouns"]
SURNAME_HONORIFICS = _GRAMMAR["surname_honorifics"]
RENAMING_WORDS = _GRAMMAR["renaming_words"]

LEGAL = LEGAL_WORDS
# One token of a company's name that is not all letters: "Lernio.com", "Canvas+", "E*Trade".
NAME_TOKEN_RE = re.compile(r"^[A-Z][\w.&+*'-]*\w[+]?$")
# A web address used as a company's name: "Lernio.com", "404.com", "Squill.org".
WEB_DOMAINS = "com|org|net|io|co|ai|tv|fm|me|app"
DOMAIN_RE = re.compile(rf"\w\.(?:{WEB_DOMAINS})\b", flags=re.IGNORECASE)
# Penn tags of finite verbs: "Rubric purchased Enserva Group" is two names.
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
MAX_TITLE_WORDS = 10


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The replaceable word lists of ``data/lexicon/entities.yaml``."""

    product_nouns: frozenset[str]
    org_nouns: frozenset[str]
    org_name_words: frozenset[str]
    person_titles: frozenset[str]
    not_entities: frozenset[str]
    anaphors: dict[str, frozenset[str]]
    # Triggers whose roles only companies (or products) fill: see roles.company_role.
    company_verbs: frozenset[str] = frozenset()
    company_nouns: frozenset[str] = frozenset()
    product_verbs: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    # What a name is said to be, and roles only companies take: see roles.business_role.
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
    nationalities: frozenset[str] = frozenset()
    date_words: frozenset[str] = frozenset()
    date_modifiers: frozenset[str] = frozenset()
    rank_words: frozenset[str] = frozenset()
    agreement_words: frozenset[str] = frozenset()
    # Lower-case words of English the model's lemmatizer knows (its WordNet index), filled in
    # by the entity fixer from the pipeline: a first word outside it is a name's own word.
    english_words: frozenset[str] = frozenset()


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon in the YAML file ``path``, or the packaged one (loaded once) when None."""
    if path is None:
        return default_lexicon()
    return _lexicon(load_word_lists(path))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, ``data/lexicon/entities.yaml``."""
    return _lexicon(packaged("entities"))


def _lexicon(lists: WordLists) -> Lexicon:
    missing = [name for name in (*_LIST_NAMES, *_ANAPHOR_LISTS.values()) if name not in lists]
    if missing:
        problem = f"no word list {missing[0]!r}"
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=lists.path, problem=problem))
    return Lexicon(
        **{name: lists[name] for name in _LIST_NAMES},
        anaphors={label: lists[name] for label, name in _ANAPHOR_LISTS.items()},
    )


# (the English words come from the pipeline, not from the lexicon file)
_LIST_NAMES = tuple(
    field.name for field in fields(Lexicon) if field.name not in {"anaphors", "english_words"}
)
# the nouns that refer back to an entity, by the label of what they refer to
_ANAPHOR_LISTS = {"Organization": "anaphors_organization", "Product": "anaphors_product"}
