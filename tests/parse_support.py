"""Hand-built parses for rule and component tests, so they do not change when a model does."""

from __future__ import annotations

from spacy.tokens import Doc
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
