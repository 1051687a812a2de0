"""Label evidence: small named checks on a name's own words and its neighbours."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..canonical import clean_name
from .labels import (
    ORG,
    PERSON,
    PLACE_LABELS,
    PRODUCT,
    TICKER_RE,
    TICKERS_KEY,
)
from .tokens import DocumentNames, neighbours
from .words import (
    KIN_NOUNS,
    LEGAL,
    LIST_PREPOSITIONS,
    LIST_VERBS,
    MAKING_VERBS,
    PRODUCT_COMPOUND_WORDS,
    SPEECH_VERBS,
    SURNAME_HONORIFICS,
    Lexicon,
)


def titled_person(span: Span, lexicon: Lexicon) -> bool:
    """ "Mr Smith", "Peder Ulander, vice president of ...", "Ulander said": a person."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text.rstrip(".") in lexicon.honorifics:
        return True
    # "Mr Smith" taken whole: the honorific inside the name
    if len(span) > 1 and span[0].text.rstrip(".") in SURNAME_HONORIFICS and span[1].is_title:
        return True
    # "Acme employee Jane Roe", "activist investor Carl Roe": a person's noun just before a
    # name of capitalised words (a noun companies share, "investor", only before a given name)
    if (
        before is not None
        and before.is_lower
        # ("the tycoons Jane Roe and John Doe": a plural title too)
        and (before.lower_ in lexicon.person_titles or before.lemma_ in lexicon.person_titles)
        and all(token.is_title for token in span)
        and (
            full_personal_name(span, lexicon)
            # one word only when the model too calls it a person's ("employees Dorian and ...")
            or ((len(span) > 1 or span.label_ == PERSON) and before.lower_ not in lexicon.org_nouns)
        )
    ):
        return True
    after = doc[span.end : span.end + 3]
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ in lexicon.person_titles:
        return True
    # "Jane Roe, the billionaire owner of ...": a title after an article
    if (
        len(after) == 3
        and after[0].text == ","
        and after[1].lower_ in {"the", "a", "an"}
        and after[2].lower_ in lexicon.person_titles
        and after[2].lower_ not in lexicon.org_nouns
    ):
        return True
    root = span.root
    return (
        span.label_ == PERSON
        # a lone word that speaks may be a company ("Nexa said"): see lone_person
        and len(span) > 1
        and root.dep_ in {"nsubj", "nsubjpass"}
        and root.head.lemma_.lower() in SPEECH_VERBS
    )


def known_place(span: Span, lexicon: Lexicon) -> bool:
    return span.text in lexicon.place_names or clean_name(span.text) in lexicon.place_names


def dated_work(span: Span, lexicon: Lexicon) -> bool:
    """ "The Ascent (2019)", "Night of Ash (2014)": a title with its year in brackets is a
    film, a game, an album or a book."""
    doc = span.doc
    after = doc[span.end : span.end + 3]
    return (
        len(after) == 3
        and after[0].text == "("
        and after[2].text == ")"
        and len(after[1].text) == 4
        and after[1].text.isdigit()
        and after[1].text[:2] in {"18", "19", "20"}
        and not (span.label_ == PERSON and full_personal_name(span, lexicon))
    )


def looks_personal(span: Span, lexicon: Lexicon, names: DocumentNames | None = None) -> bool:
    """A name the model calls a person's that has the shape of one or the document uses
    as one: "John Smith", or "Smith" after "John Smith", "Mr Smith", "Smith said"."""
    return span.label_ == PERSON and (
        full_personal_name(span, lexicon) or person_evidence(span, lexicon, names)
    )


def full_personal_name(span: Span, lexicon: Lexicon) -> bool:
    """ "John Smith", "J. R. Smith": a given name or an initial, then more words."""
    first = span[0].text
    return len(span) > 1 and (
        first in lexicon.given_names or (len(first) == 2 and first.endswith("."))
    )


def list_kind(span: Span, lexicon: Lexicon) -> str | None:
    """What a list says its members are: "films such as X", "clients including X and Y",
    "its products include X, Y and Z"."""
    token = span.root
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    head = token.head
    noun: Token | None = None
    if token.dep_ in {"dobj", "attr"} and head.lemma_.lower() in LIST_VERBS:
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects and subjects[0].pos_ == "NOUN":
            noun = subjects[0]
        elif head.dep_ == "relcl":
            noun = head.head  # "films, which include X"
    elif token.dep_ == "pobj" and (
        head.lower_ in LIST_PREPOSITIONS
        or (head.lower_ == "as" and any(c.lower_ == "such" for c in head.children))
    ):
        noun = head.head
        if noun.lower_ == "such" and noun.head.i != noun.i:
            noun = noun.head  # "such films as X"
    if noun is None or noun.pos_ != "NOUN":
        return None
    lemma = noun.lemma_.lower()
    if lemma in lexicon.list_org_nouns or lemma in lexicon.kind_org_nouns:
        return ORG
    if (
        lemma in lexicon.list_product_nouns
        or lemma in lexicon.kind_product_nouns
        or lemma in lexicon.work_nouns
    ):
        return PRODUCT
    return None


def stated_kind(span: Span, lexicon: Lexicon) -> str | None:
    """What a copula, an apposition or the noun just before a name says it is."""
    doc = span.doc
    root = span.root
    nouns = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() == "be":
        nouns.extend(child for child in root.head.children if child.dep_ == "attr")
    if root.dep_ == "appos" and root.head.i < span.start:
        nouns.append(root.head)  # "the retailer Velvane"
    if (
        root.dep_ == "conj"
        and span.start >= 2
        and root.head.i == span.start - 2
        and doc[span.start - 1].text == ","
        and span.end < len(doc)
        and doc[span.end].text == ","
    ):
        nouns.append(root.head)  # "the project, Kestrel, and ...": set off by commas
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in lexicon.work_nouns:
        nouns.append(before)  # "the documentary Hop Rivals"
    kind_before = _kind_before(span, lexicon)
    if kind_before is not None:
        return kind_before
    if root.dep_ == "oprd" and root.head.lemma_.lower() in {"call", "name", "dub"}:
        nouns.append(root.head.head)  # "a tool called Kestrel"
    for noun in nouns:
        if noun.lower_ == "one":  # "one of the largest retailers"
            noun = next(
                (
                    grandchild
                    for child in noun.children
                    if child.dep_ == "prep" and child.lower_ == "of"
                    for grandchild in child.children
                    if grandchild.dep_ == "pobj"
                ),
                noun,
            )
        if noun.pos_ != "NOUN" or not noun.is_lower or noun.i in range(span.start, span.end):
            continue
        lemma = noun.lemma_.lower()
        if lemma in lexicon.kind_org_nouns or noun.lower_ in lexicon.kind_org_nouns:
            return ORG
        if lemma in lexicon.kind_product_nouns or noun.lower_ in lexicon.kind_product_nouns:
            return PRODUCT
    return None


def _kind_before(span: Span, lexicon: Lexicon) -> str | None:
    """ "crypto trading platform Kestrel", "used-car marketplace Kestrel", "smaller start-up
    Kestrel": the common noun just before a name, modifying it, says what it is."""
    doc = span.doc
    end = span.start
    start = end - 1
    # "start-up": the words of one hyphenated noun, written without spaces
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    if start < 0 or doc[start : end - 1].text_with_ws != doc[start : end - 1].text:
        return None
    words = doc[start:end]
    # the parser reads a hyphenated noun's parts as anything; one of them modifies the name
    if not (
        all(word.is_lower or word.is_punct for word in words)
        and (len(words) > 1 or words[0].pos_ == "NOUN")
        and any(
            word.dep_ in {"compound", "nmod", "amod", "appos"}
            and word.head.i in range(span.start, span.end)
            for word in words
        )
    ):
        return None
    before = words[-1]
    word = doc[start:end].text.lower()
    lemma = word if start < end - 1 else before.lemma_.lower()
    for form in (word, lemma):
        if form in lexicon.kind_org_nouns:
            return ORG
        if form in lexicon.kind_product_nouns:
            return PRODUCT
    return None


def person_evidence(span: Span, lexicon: Lexicon, names: DocumentNames | None = None) -> bool:
    """ "Smith" after "John Smith", "Mr Smith", "Smith said": the word names a person.
    ``names``: the document's :class:`DocumentNames`, when the caller holds one."""
    names = names or DocumentNames(span.doc)
    # "Sameer Dholakia, vice president of ...", whatever the model called it
    if names.shares_a_persons_word(
        span, lambda entity: entity.label_ == PERSON or titled_person(entity, lexicon)
    ):
        return True
    return titled_person(span, lexicon)


def made_thing(span: Span) -> bool:
    """ "known above all for making Tiny Racers", "X developed Y": what is made is a product
    (selling is left out: companies are sold too)."""
    root = span.root
    return (
        root.dep_ == "dobj"
        and root.head.lemma_.lower() in MAKING_VERBS
        and not any(child.dep_ in {"nsubjpass", "auxpass"} for child in root.head.children)
    )


def has_ticker(span: Span) -> bool:
    tickers = span.doc.user_data.get(TICKERS_KEY)
    if tickers is None:  # a Doc not made by make_doc: look at the text itself
        return bool(TICKER_RE.match(span.doc.text[span.end_char : span.end_char + 40].lstrip()))
    return any(span.end_char <= start <= span.end_char + 2 for start in tickers)


def has_org_word(span: Span, lexicon: Lexicon) -> bool:
    words = [token.text.rstrip(".") for token in span]
    return (
        len(words) > 1
        and (
            words[-1] in lexicon.org_name_words
            or words[-1].lower() in LEGAL
            # "North Vale S and L": a savings and loan
            or (len(words) > 3 and words[-3:] in (["S", "and", "L"], ["S", "&", "L"]))
        )
    )


def is_person(span: Span, lexicon: Lexicon, names: DocumentNames | None = None) -> bool:
    """ "Peder Ulander, vice president of ...": a name with a job title in apposition."""
    if any(token.like_num for token in span):
        return False  # "Lumenphone 8": people's names have no numbers
    if len(span) < 2 or not all(token.is_title for token in span):
        return (
            span.label_ == PERSON
            and not org_context(span, lexicon)
            and (len(span) > 1 or lone_person(span, lexicon, names))
        )
    after = span.doc[span.end : span.end + 3]
    if len(after) >= 2 and after[0].text == "," and after[1].lower_ in lexicon.person_titles:
        return True
    return span.label_ == PERSON and not (org_context(span, lexicon) or has_ticker(span))


# a capital after a lower-case letter inside one word: "ZorboOS", "iGlint"
_CAMEL_CASE_RE = re.compile(r"^\w*[a-z][A-Z]")
_SURNAME_PREFIX_RE = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Del|Della|Fitz|O)[A-Z]")


def lone_person(span: Span, lexicon: Lexicon, names: DocumentNames | None = None) -> bool:
    """Whether one word the model calls a person is one: a given name ("Harold"), a word of
    a longer person's name in the document ("Pembry" after "Harold Pembry"), a title before
    it ("Mr Pembry"), a family ("the Pembry family"), or a place's neighbour in a list
    ("Kent, Tenn"). Without any of these, a lone word is a company's name far more often
    than a person introduced by surname alone ("Nexa", "Caremont"). A word with a capital
    inside it after a lower-case letter ("ZorboOS", "GlintHub") is no person's, but for the
    prefixes of surnames ("McAllister", "DeVito")."""
    token = span.root
    if _CAMEL_CASE_RE.match(token.text) and not _SURNAME_PREFIX_RE.match(token.text):
        return False
    return (
        span[0].text in lexicon.given_names
        or person_evidence(span, lexicon, names)
        or (token.dep_ == "compound" and token.head.lower_ in KIN_NOUNS)
        # "Tamil films": a word modifying a noun is a name only before a company's noun
        or (
            token.dep_ == "compound"
            and token.head.is_lower
            and token.head.lower_ not in lexicon.compound_org_heads
            and token.head.lemma_.lower() not in lexicon.org_nouns
        )
        or any(other.ent_type_ in PLACE_LABELS for other in neighbours(token))
    )


def product_context(span: Span, lexicon: Lexicon) -> bool:
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and following.lower_ in lexicon.product_nouns:
        return following.pos_ in {"NOUN", "PROPN"}
    if (
        following is not None
        and following.text == "-"
        and span.end + 1 < len(doc)
        and span.label_ not in {"GPE", "LOC", "NORP"}  # "Florida-based" is a place
    ):
        return doc[span.end + 1].lower_ in PRODUCT_COMPOUND_WORDS
    return False


def org_context(span: Span, lexicon: Lexicon) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    following = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in lexicon.org_nouns:
        return True
    if following is not None and following.text == "," and span.end + 2 < len(doc):
        # "Acme, a maker of ..." / "Acme, the startup"
        nxt = doc[span.end + 1 : span.end + 5]
        if any(t.lower_ in lexicon.org_nouns for t in nxt) and nxt[0].lower_ in {
            "a",
            "an",
            "the",
        }:
            return True
    return False
