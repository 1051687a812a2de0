"""Hand-built parses for rule and component tests, so they do not change when a model does."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab


def doc_from_table(vocab: Vocab, table: str) -> Doc:
    """A Doc from rows of "word head dep pos tag [lemma]" (heads are token indices)."""
    rows = [line.split() for line in table.strip().splitlines()]
    lemmas = [row[5] for row in rows] if all(len(row) > 5 for row in rows) else None
    return Doc(
        vocab,
        words=[row[0] for row in rows],
        heads=[int(row[1]) for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        tags=[row[4] for row in rows],
        lemmas=lemmas,
    )


def doc_with_entities(table: str, entities: list[tuple[int, int, str]]) -> Doc:
    """A hand-built parse with the model's entities as (start, end, label) spans."""
    doc = doc_from_table(_english().vocab, table)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in entities]
    return doc


def fixed_entities(doc: Doc) -> set[tuple[str, str]]:
    """(text, label) of the entities after graphbuild's entity fixer."""
    from graphbuild.nlp import EntityFixer

    return {(span.text, span.label_) for span in EntityFixer()(doc).ents}


@lru_cache(maxsize=1)
def _english() -> Language:
    # an English vocabulary, so that lexical attributes such as ``lower_`` are filled in
    return spacy.blank("en")
