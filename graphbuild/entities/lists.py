"""List readers: the other members of a list with an organisation, and titles listed
after a noun that says what they are."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from .actors import name_start
from .evidence import full_personal_name
from .labels import (
    ORG,
    PERSON,
    PRODUCT,
)
from .tokens import title_start, title_word
from .trims import placed_end
from .words import (
    COPULAS,
    LIST_PREPOSITIONS,
    LIST_VERBS,
    MAX_TITLE_WORDS,
    Lexicon,
)


def listed_titles(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "has made films including Slow Tide, Night Shift and Lumen Falls Forever",
    "its clients include Acme, Globex": the title-case items of a list whose noun says
    what they are (see ``list_anchor_kind``) are names of that kind, when the model
    found none there. A list ends at the first item that is not a title ("and others")."""
    owner = {token.i: span for span in spans for token in span}
    taken = set(owner)
    found = []
    replaced: set[tuple[int, int]] = set()
    # only the few words that can open a list, found without making a Token of every word
    strings = doc.vocab.strings
    lowers = {strings.add(word) for word in (*LIST_PREPOSITIONS, "as", ":")}
    lemmas = {strings.add(word) for word in LIST_VERBS}
    words = doc.to_array([LOWER, LEMMA]).tolist()
    candidates = [i for i, (low, lem) in enumerate(words) if low in lowers or lem in lemmas]
    for anchor in (doc[i] for i in candidates):
        kind = list_anchor_kind(anchor, lexicon)
        if kind is None:
            continue
        end_of_sentence = anchor.sent.end
        if anchor.text == ":" and anchor.i + 1 >= end_of_sentence and end_of_sentence < len(doc):
            # "The companies it backs are: Acme, Globex and Initech." (the parser ends the
            # sentence at the colon)
            end_of_sentence = doc[end_of_sentence].sent.end
        index = anchor.i + 1
        while index < end_of_sentence and (
            doc[index].text in {":", "``", '"', "\u201c"} or doc[index].is_space
        ):
            index += 1
        while index < end_of_sentence and title_start(doc[index]):
            start = end = index
            while end < end_of_sentence and title_word(doc[end]):
                if (
                    doc[end].lower_ in {"and", "or"}
                    and end > start
                    and end + 1 < end_of_sentence
                    and title_start(doc[end + 1])
                ):
                    break  # "Night Shift and Lumen Falls Forever"
                end += 1
            while end > start and not title_start(doc[end - 1]):
                end -= 1  # "... and", "... 's"
            if (
                end > start
                and end + 1 < end_of_sentence
                and doc[end].lower_ in {"'s", "\u2019s"}
                and (doc[end + 1].text in {",", ";", "."} or doc[end + 1].lower_ in {"and", "or"})
            ):
                end += 1  # "Quilla's, Acme and Globex": a name ending in 's, nothing owned
            if end == start or end - start > MAX_TITLE_WORDS:
                break
            if (
                end < end_of_sentence
                and doc[end].is_lower
                and doc[end].lower_ not in {"and", "or"}
                and not doc[end].is_punct
            ):
                break  # "Part ownership of ...": the capitalised words open a phrase, no name
            listed_end = end
            end = placed_end(doc, start, end, lexicon)  # "Lumen in the US and Orvell"
            inside = {(owner[i].start, owner[i].end) for i in range(start, end) if i in owner}
            if all(
                start <= first
                and last <= end
                and not owner[first].id_
                # "clients have included: Acme, Jane Roe, ...": a person's name stays hers
                and not (
                    owner[first].label_ == PERSON and full_personal_name(owner[first], lexicon)
                )
                for first, last in inside
            ) and not any(i in taken and i not in owner for i in range(start, end)):
                # "Plan 9" + "Outer Space": the model's pieces of a title give way to it
                replaced.update(inside)
                found.append(Span(doc, start, end, label=kind))
                taken.update(range(start, end))
            index = listed_end
            if index + 2 < end_of_sentence and doc[index].text == "(":
                closing = next(
                    (
                        i
                        for i in range(index + 1, min(index + 5, end_of_sentence))
                        if doc[i].text == ")"
                    ),
                    None,
                )
                if closing is None:
                    break
                index = closing + 1  # "The Ascent (2019)"
            separated = False
            if index < end_of_sentence and doc[index].text in {",", ";"}:
                index += 1
                separated = True
            if index < end_of_sentence and doc[index].lower_ in {"and", "or"}:
                index += 1
                separated = True
            while index < end_of_sentence and doc[index].is_space:
                index += 1
            if not separated:
                break
    if replaced:
        spans[:] = [span for span in spans if (span.start, span.end) not in replaced]
    return found


def list_anchor_kind(anchor: Token, lexicon: Lexicon) -> str | None:
    """ORG or PRODUCT when ``anchor`` opens a list of names whose noun says what they are:
    "films including", "clients such as", "its titles include"."""
    noun: Token | None = None
    before = anchor.doc[anchor.i - 1] if anchor.i > anchor.sent.start else None
    if anchor.text == ":":
        noun = _colon_list_noun(anchor, before)
    elif anchor.lower_ in LIST_PREPOSITIONS and anchor.dep_ == "prep":
        noun = anchor.head
    elif anchor.lower_ == "as" and anchor.dep_ == "prep" and before is not None:
        if before.lower_ == "such" or any(child.lower_ == "such" for child in anchor.head.children):
            noun = anchor.head  # "films such as", "such films as"
        elif anchor.head.lower_ == "such" and anchor.head.head.i != anchor.head.i:
            noun = anchor.head.head
        elif before.pos_ == "NOUN" and any(child.lower_ == "such" for child in before.children):
            noun = before  # "help such projects as ...", the "as" hung on the verb
    elif anchor.pos_ == "VERB" and anchor.lemma_.lower() in LIST_VERBS:
        subjects = [c for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            noun = subjects[0]
        elif anchor.dep_ == "relcl":
            noun = anchor.head  # "films, which include"
    if noun is None or noun.pos_ != "NOUN" or not noun.is_lower:
        return None
    lemma = noun.lemma_.lower()
    if lemma in lexicon.list_product_nouns or lemma in lexicon.work_nouns:
        return PRODUCT
    if lemma in lexicon.list_org_nouns:
        return ORG
    return None


def _colon_list_noun(colon: Token, before: Token | None) -> Token | None:
    """The noun a colon's list names: "the following clients: ...", "its clients are: ...",
    "its clients include: ..."."""
    if before is None:
        return None
    if before.pos_ == "NOUN":
        return before
    if before.pos_ in {"AUX", "VERB"} and (
        before.lemma_.lower() in COPULAS or before.lemma_.lower() in LIST_VERBS
    ):
        return next((c for c in before.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


def listed_with_organisations(doc: Doc, spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """ "startups such as Tovara Cloud Computing and Nexa": an untagged proper name in a
    list with an organisation is one too (the model often misses the last of a list); one
    in a list with a product ("Kestrel, Quill, Orbo and ...") is a product."""
    taken = {token.i for span in spans for token in span}
    found = []
    for span in spans:
        if span.label_ not in {ORG, PRODUCT}:
            continue
        # "Acme (3.8%), Globex (2.8%), Initech (1.4%)": the parser makes later items appositions
        appositions = [
            child for child in span.root.children if child.dep_ == "appos" and child.pos_ == "PROPN"
        ]
        listed = (
            appositions
            if sum(child.i in taken for child in appositions) * 2 >= len(appositions) > 1
            else []
        )
        for other in (*span.root.conjuncts, *listed):
            if (
                other.i in taken
                or other.pos_ != "PROPN"
                or other.ent_type_
                or not other.text[:1].isupper()
                or other.text in lexicon.not_entities
                # "the Steering Group and Acting Executive Director": a post, not a member
                or other.lower_ in lexicon.person_titles
            ):
                continue
            start = min(
                [
                    other.i,
                    *(c.i for c in other.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"),
                ]
            )
            # "House of Bytes": a list member whose name holds "of" (the parse hangs the last
            # word on the first)
            if (
                start == other.i
                and other.dep_ == "pobj"
                and other.head.lower_ == "of"
                and other.head.i == other.i - 1
                and other.i >= 2
                and other.head.head.i == other.i - 2
                and other.head.head.pos_ == "PROPN"
                and other.head.head.text[:1].isupper()
                and not other.head.head.ent_type_
            ):
                start = other.i - 2
            if any(i in taken for i in range(start, other.i + 1)):
                continue
            start = name_start(doc, start, other.i + 1, taken, lexicon)
            if span.label_ == PRODUCT and not _set_apart(doc, start, other.i + 1):
                # "Life in Kestrels", "books from Acme and CDs from ...": a product's list
                # holds titles, of which a proper noun may be the last word only
                continue
            found.append(Span(doc, start, other.i + 1, label=span.label_))
            taken.update(range(start, other.i + 1))
    return found


def _set_apart(doc: Doc, start: int, end: int) -> bool:
    """Whether words ``start:end`` stand alone as a list's item: a separator before them and
    a separator or the sentence's end after them."""
    separators = {",", ";", "and", "or", "&"}
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end] if end < len(doc) else None
    return before in separators and (
        after is None or after.lower_ in separators or after.is_punct or bool(after.is_sent_start)
    )
