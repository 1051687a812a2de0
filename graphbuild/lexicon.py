"""Word lists and dependency labels: the vocabulary the entity and relation layers read.

Every word list lives in a YAML file under ``data/lexicon/`` (one file per layer, a mapping of
list name to a list of words), is loaded once and validated here, and is asked for by name:
asking for a list the file does not define is an error at load time, not an empty set at run
time, so a renamed list cannot silently switch a check off.

The dependency-label sets are the one place their names are defined; a module that needs
"subjects" takes the set whose name says which subjects it means.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import Messages, RulesError

# Subjects of an active clause (spaCy's English labels): the doer.
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Subjects of a passive clause: the one done to.
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
ANY_SUBJECT_DEPS = ACTIVE_SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
# Nominal subjects of either voice (who a clause is about, for reference resolution).
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# What a verb acts on, including the copula's attribute and a predicate complement.
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
# Objects proper: what is given, told or addressed.
DIRECT_OBJECT_DEPS = frozenset({"dobj", "dative"})


class WordLists(Mapping[str, frozenset[str]]):
    """The named word lists of one lexicon file; a missing name is a ``KeyError`` naming it."""

    def __init__(self, path: str, lists: dict[str, frozenset[str]]) -> None:
        self.path = path
        self._lists = lists

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._lists[name]
        except KeyError:
            raise KeyError(f"{self.path}: no word list {name!r}") from None

    def __iter__(self) -> Any:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


def parse_word_lists(raw: Any, path: str) -> WordLists:
    """Validate a lexicon file's content: a mapping of names to lists of non-empty strings."""
    if not isinstance(raw, dict):
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem="not a mapping"))
    lists: dict[str, frozenset[str]] = {}
    for name, words in raw.items():
        if not isinstance(words, list) or not all(
            isinstance(word, str) and word.strip() for word in words
        ):
            problem = f"word list {name!r} is not a list of non-empty strings"
            raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=problem))
        lists[str(name)] = frozenset(words)
    return WordLists(path, lists)


def load_word_lists(path: str | Path) -> WordLists:
    """Read and validate one lexicon file from disk."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=error)) from error
    return parse_word_lists(raw, str(path))


@cache
def packaged(name: str) -> WordLists:
    """The packaged lexicon ``data/lexicon/<name>.yaml``, loaded once per process."""
    resource = resources.files("graphbuild") / "data" / "lexicon" / f"{name}.yaml"
    with resources.as_file(resource) as path:
        return load_word_lists(path)
