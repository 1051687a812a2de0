"""A name found once is the same name where the document writes it again and the model
missed it."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from .labels import ORG, PRODUCT
from .tokens import DocumentNames, is_name_word
from .words import Lexicon


def repeated_names(
    doc: Doc, spans: list[Span], lexicon: Lexicon, names: DocumentNames
) -> list[Span]:
    """ "Kibo raised $5m ... Kibo's rivals": the words of an organisation's or a product's name,
    written again with the same capitals where no entity stands, are that name again. An
    occurrence touching another name word ("Kibo Labs") is part of a longer name and left
    alone, as is a word that opens a sentence as a common noun. A one-word name found only
    where it opens a sentence ("Widgetd ships ...") is also found where the document writes it
    with a small first letter ("... uses widgetd"): its capital was the sentence's, unless the
    small form is a word of English."""
    taken = {token.i for span in spans for token in span}
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for span in spans:
        if span.label_ in {ORG, PRODUCT} and _repeatable(span, lexicon):
            labels[tuple(token.text for token in span)][span.label_] += 1
            small = _small_opening(span, lexicon)
            if small is not None:
                labels[(small,)][span.label_] += 1
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in labels:
        by_first[words[0]].append(words)
    found = []
    for token in doc:
        if token.i in taken or token.text not in by_first:
            continue
        for words in sorted(by_first[token.text], key=len, reverse=True):
            end = token.i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[token.i : end]) != words:
                continue
            if any(i in taken for i in range(token.i, end)) or _inside_longer_name(
                doc, token.i, end
            ):
                continue
            span = Span(doc, token.i, end, label=labels[words].most_common(1)[0][0])
            if names.common_word_opening(span):
                continue
            found.append(span)
            taken.update(range(token.i, end))
            break
    return found


def _repeatable(span: Span, lexicon: Lexicon) -> bool:
    text = span.text
    return (
        len(text) > 1
        and any(ch.isupper() for ch in text)
        and any(ch.isalpha() for ch in text)
        and text not in lexicon.not_entities
    )


def _small_opening(span: Span, lexicon: Lexicon) -> str | None:
    """The one-word name ``span`` with its first letter made small, when its capital may be the
    sentence's only: it opens the sentence and the small form is no word of English (an
    English word in lower case is that word: "apple", "prime")."""
    token = span[0]
    text = token.text
    if len(span) != 1 or not token.is_sent_start or not text[:1].isupper() or text.isupper():
        return None
    small = text[:1].lower() + text[1:]
    if not lexicon.english_words or small.lower() in lexicon.english_words:
        return None
    return small


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """Whether words ``start:end`` are part of a longer name: a name word touches them."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return bool(
        (before is not None and before.pos_ == "PROPN" and is_name_word(before))
        or (after is not None and after.pos_ == "PROPN" and is_name_word(after))
    )
