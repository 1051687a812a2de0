"""Short forms a document defines for a name: "Halden Data Systems (HDS)", "Merton UK Ltd
('Merton')"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..canonical import name_key
from .labels import (
    NAMED_LABELS,
)
from .tokens import is_name_word
from .words import RENAMING_WORDS

QUOTES = {"'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "``", "''"}


def defined_alias(full: Span) -> Span | None:
    """The short form a document defines for a name right after it, if any.

    "Halden Data Systems (HDS)" and "Enterprise Forward (EF)": initials in brackets that spell
    the name; "Merton UK Ltd ('Merton')": any quoted name in brackets; "Northern Continental Gas
    Association, NC Gas, said": a shorter name between commas that abbreviates it.
    """
    doc = full.doc
    index = full.end
    if index + 2 < len(doc) and doc[index].text == "(":
        start = index + 1
        quoted = doc[start].text in QUOTES
        if quoted:
            start += 1
        end = start
        while end < len(doc) and end - start < 4 and doc[end].text not in QUOTES | {")"}:
            end += 1
        if quoted:
            if end >= len(doc) or doc[end].text not in QUOTES:
                return None
            closing = end + 1
        else:
            closing = end
        if closing >= len(doc) or doc[closing].text != ")" or end == start:
            return None
        alias = doc[start:end]
        if not all(token.text[:1].isupper() or token.text[:1].isdigit() for token in alias):
            return None
        if quoted or (len(alias) == 1 and abbreviates(alias.text, full.text)):
            return alias
        return None
    if index + 2 < len(doc) and doc[index].text == ",":
        # "Northern Continental Gas Association, NC Gas, said": an apposition, then a comma
        start = index + 1
        end = start
        while end < len(doc) and end - start < 4 and is_name_word(doc[end]):
            end += 1
        if (
            end == start
            or end >= len(doc)
            or doc[end].text != ","
            or (end + 1 < len(doc) and doc[end + 1].lower_ in {"and", "or", "&"})
            or not any(
                token.dep_ == "appos" and token.head.i in range(full.start, full.end)
                for token in doc[start:end]
            )
        ):
            return None
        alias = doc[start:end]
        if (
            len(alias.text) < len(full.text)
            and alias.text[:1] == full.text[:1]
            and abbreviates(alias.text, full.text)
            and name_key(alias.text) != name_key(full.text)
        ):
            return alias
    return None


def renamed_alias(full: Span, names: dict[int, Span]) -> Span | None:
    """The same company's other name in brackets right after a name: "Halden Park Inc (now
    Orvell Entertainment)", "Quillon Software (formerly Corvane Tools)" (not "Lumen Labs (now
    part of Orvell)"). ``names``: the document's named mentions by their first token."""
    doc = full.doc
    index = full.end
    if (
        index + 3 >= len(doc)
        or doc[index].text != "("
        or doc[index + 1].lower_ not in RENAMING_WORDS
    ):
        return None
    other = names.get(index + 2)
    if (
        other is None
        or other.label_ != full.label_
        or other.end >= len(doc)
        or doc[other.end].text != ")"
    ):
        return None
    return other


def full_name_before_alias(span: Span) -> Span | None:
    """ "Halden" + "Data Systems (HDS)": the whole name, when the model took only its start
    and bracketed initials after it spell the longer name."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < 4 and is_name_word(doc[end]):
        end += 1
    if end == span.end or end >= len(doc) or doc[end].text != "(":
        return None
    whole = Span(doc, span.start, end, label=span.label)
    alias = defined_alias(whole)
    if alias is None or not alias.text.isupper():
        return None
    return whole


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can be read off ``long`` (Schwartz and Hearst's test for an
    abbreviation: its letters, in order, with the first at the start of a word of ``long``).

    >>> abbreviates("HDS", "Halden Data Systems"), abbreviates("ETL", "Everly Tasker Ltd")
    (True, True)
    >>> abbreviates("UK", "Acme Holdings")
    False
    """
    letters = [ch.lower() for ch in short if ch.isalnum()]
    text = long.lower()
    if len(letters) < 2:
        return False
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (
            text[position] != letter
            or (index == 0 and position > 0 and text[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return False
        position -= 1
    return True


def defined_aliases(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Halden Data Systems (HDS)", "Merton UK Ltd ('Merton')", "Northern Continental Gas
    Association, NC Gas, ...": the short form a document defines for a name is a mention of
    the same entity, with the same label, wherever it appears. A name the model cut short
    before the brackets ("Halden" + "Data Systems (HDS)") is made whole first."""
    result = list(spans)
    aliases: dict[str, str] = {}
    for index, span in enumerate(spans):
        if span.label_ not in NAMED_LABELS:
            continue
        full = full_name_before_alias(span) or span
        alias = defined_alias(full)
        if alias is None:
            continue
        if full.end != span.end:
            result[index] = Span(doc, full.start, full.end, label=span.label_, span_id=span.id)
        aliases[alias.text] = span.label_
        result.append(Span(doc, alias.start, alias.end, label=span.label_))
    if not aliases:
        return result
    # later uses of the short form, whatever the model made of them
    taken = {token.i for span in result for token in span if span.label_ in NAMED_LABELS}
    others = [span for span in result if span.text not in aliases]
    relabelled = [
        Span(doc, span.start, span.end, label=aliases[span.text], span_id=span.id)
        for span in result
        if span.text in aliases
    ]
    for short, label in aliases.items():
        words = short.split()
        for token in doc:
            end = token.i + len(words)
            if (
                end <= len(doc)
                and [t.text for t in doc[token.i : end]] == words
                and not any(i in taken for i in range(token.i, end))
            ):
                relabelled.append(Span(doc, token.i, end, label=label))
                taken.update(range(token.i, end))
    # the aliases win over whatever overlapped them
    claimed = {token.i for span in relabelled for token in span}
    return [
        *(s for s in others if not any(t.i in claimed for t in s) or s.label_ in NAMED_LABELS),
        *relabelled,
    ]
