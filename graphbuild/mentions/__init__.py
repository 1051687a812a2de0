"""Mentions: the names a document uses (``names``) and its references back (``references``).

Two spaCy components run after the entity fixer: ``graphbuild_mentions_v1`` writes the named
mentions to ``doc.spans["graphbuild_mentions"]``, ``graphbuild_references_v1`` resolves "it",
"the company" and "he" to them in ``doc.spans["graphbuild_coref"]``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .clauses import stray_apposition
from .names import NameResolver
from .references import TITLE_KEY, UNNAMED_SUBJECT, ReferenceResolver

__all__ = [
    "TITLE_KEY",
    "UNNAMED_SUBJECT",
    "MentionResolver",
    "NameResolver",
    "ReferenceResolver",
    "stray_apposition",
]


class MentionResolver:
    """Both mention components in pipeline order, for a ``Doc`` that did not go through a
    pipeline (hand-built parses in tests and notebooks)."""

    def __init__(self) -> None:
        self.names = NameResolver()
        self.references = ReferenceResolver()

    def __call__(self, doc: Doc) -> Doc:
        return self.references(self.names(doc))
