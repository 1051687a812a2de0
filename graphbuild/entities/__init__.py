"""Entities: graphbuild's corrections to the model's named entities.

Boundaries (``merges``, ``splits``, ``legal``, ``trims``, ``filters``), names the model missed
(``lists``, ``actors``), label evidence (``evidence``, ``roles``) feeding one vote (``vote``),
short forms (``aliases``), and the component that runs them in order (``fixer``).
"""

from __future__ import annotations

from .aliases import defined_alias
from .fixer import EntityFixer, keep_model_entities
from .labels import (
    COREF_KEY,
    LABEL_NAMES,
    MENTIONS_KEY,
    MODEL_ENTITIES_KEY,
    ORG,
    PERSON,
    PRODUCT,
    TICKERS_KEY,
)
from .words import Lexicon, default_lexicon

__all__ = [
    "COREF_KEY",
    "LABEL_NAMES",
    "MENTIONS_KEY",
    "MODEL_ENTITIES_KEY",
    "ORG",
    "PERSON",
    "PRODUCT",
    "TICKERS_KEY",
    "EntityFixer",
    "Lexicon",
    "default_lexicon",
    "defined_alias",
    "keep_model_entities",
]
