"""The label of each name (its evidence in order) and one label per name per document (the vote)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span

from ..canonical import Canonicalizer, clean_name
from .evidence import (
    full_personal_name,
    has_org_word,
    has_ticker,
    is_person,
    made_thing,
    org_context,
    product_context,
    titled_person,
)
from .labels import (
    NOT_NAMES,
    ORG,
    PERSON,
    PRODUCT,
    RELABELABLE,
)
from .roles import business_role, company_role, product_role
from .tokens import DocumentNames
from .words import (
    Lexicon,
)

# A check reads one kind of evidence and says the label it shows, or None when it shows none.
LabelCheck = Callable[[Span, Lexicon, DocumentNames], str | None]


def _date_in_place_of_a_name(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """ "In March 2017, the company ...": a date in a subject's place keeps its label."""
    if span.label_ in NOT_NAMES and any(token.like_num for token in span):
        return span.label_
    return None


def _titled(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """ "Mr Smith", "Smith, vice president of ...": a person, unless the name is a company's."""
    if titled_person(span, lexicon) and not (has_ticker(span) or has_org_word(span, lexicon)):
        return PERSON
    return None


def _word_of_a_persons_name(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """ "Roe said" after "Jane Roe", "Acme's Roe": the last word of a person's full or titled
    name written out in the document names that person, whatever the model called it. A
    company named after its founder shows it by a company's role or noun ("Roe acquired ...",
    "a subsidiary of Roe", "Roe, the company founded by Jane Roe")."""
    if (
        span.label_ in {ORG, PRODUCT, PERSON}
        and names.persons_last_word(span, lambda entity: _persons_name(entity, lexicon))
        and not (has_ticker(span) or org_context(span, lexicon))
        and company_role(Span(span.doc, span.start, span.end, label=PERSON), lexicon) is None
        and not _of_a_company_noun(span, lexicon)
    ):
        return PERSON
    return None


def person_named_in_full(span: Span, lexicon: Lexicon, names: DocumentNames) -> bool:
    """Whether ``span`` is a person's name written out in full, or the last word of one the
    document writes out ("Roe" after "Jane Roe"): stronger evidence than a role in one
    sentence."""
    return full_personal_name(span, lexicon) or names.persons_last_word(
        span, lambda entity: _persons_name(entity, lexicon)
    )


def _persons_name(entity: Span, lexicon: Lexicon) -> bool:
    return entity.label_ == PERSON and (
        full_personal_name(entity, lexicon) or titled_person(entity, lexicon)
    )


def _of_a_company_noun(span: Span, lexicon: Lexicon) -> bool:
    """ "a subsidiary of Roe", "the parent of Roe"."""
    root = span.root
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in lexicon.company_nouns
    )


def _role(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """The role the name fills in its sentence (see :mod:`.roles`)."""
    return (
        company_role(span, lexicon)
        or business_role(span, lexicon, names)
        or product_role(span, lexicon)
    )


def _company_word_on_a_person(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """ "Fennel Films", "Daintry Systems": a "person" whose last word is a company's."""
    return ORG if span.label_ == PERSON and has_org_word(span, lexicon) else None


def _person(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    return PERSON if is_person(span, lexicon, names) else None


def _company_marks(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """A stock ticker after the name, or a company's word at its end."""
    return ORG if has_ticker(span) or has_org_word(span, lexicon) else None


def _product_noun_after(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    return PRODUCT if product_context(span, lexicon) else None


def _company_noun_beside(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    return ORG if org_context(span, lexicon) else None


def _made(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    return PRODUCT if made_thing(span) else None


def _lone_word_person(span: Span, lexicon: Lexicon, names: DocumentNames) -> str | None:
    """A lone word with nothing saying it is a person's name (see ``evidence.lone_person``)."""
    if span.label_ != PERSON or len(span) != 1:
        return None
    token = span[0]
    if token.is_sent_start and token.pos_ == "NOUN" and token.tag_ in {"NN", "NNS"}:
        # "Banks and other corporations ...", "Attendance is ...": a common noun capitalised
        # for opening the sentence is no company; the model's label stays
        return None
    return ORG


# The evidence for a name's label, strongest first: the first check that shows a label decides.
LABEL_CHECKS: tuple[LabelCheck, ...] = (
    _date_in_place_of_a_name,
    _titled,
    _role,
    _word_of_a_persons_name,
    _company_word_on_a_person,
    _person,
    _company_marks,
    _product_noun_after,
    _company_noun_beside,
    _made,
    _lone_word_person,
)


def label_of(
    span: Span,
    lexicon: Lexicon,
    canonicalizer: Canonicalizer,
    names: DocumentNames | None = None,
) -> str:
    """The label from the gazetteer, else from the first of ``LABEL_CHECKS`` that shows one,
    else spaCy's."""
    known = canonicalizer.known_label(span.text)
    if known:
        return ORG if known == "Organization" else PRODUCT
    names = names or DocumentNames(span.doc)
    for check in LABEL_CHECKS:
        label = check(span, lexicon, names)
        if label is not None:
            return label
    return span.label_


def vote(
    doc: Doc,
    spans: list[Span],
    lexicon: Lexicon,
    evidenced: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[Span]:
    """One label per name within a document, decided by the mentions with evidence.

    A GPE or PERSON "Corvane" becomes ORG when "Corvane Systems (s crvn)" appears elsewhere,
    and names coordinated with organisations ("Pindle, Halden and Tovara") join them.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in spans:
        if span.label_ in {ORG, PRODUCT, PERSON}:
            weight = (
                2
                if span.id_
                or (span.start, span.end) in evidenced
                or has_ticker(span)
                or has_org_word(span, lexicon)
                else 1
            )
            votes[span.text][span.label_] += weight
    org_first_words = {span[0].text for span in spans if span.label_ == ORG and len(span) > 1}
    org_short_names = {clean_name(span.text) for span in spans if span.label_ == ORG}
    person_last_words = {span[-1].text for span in spans if span.label_ == PERSON}
    result = []
    for span in spans:
        label = span.label_
        if not span.id_:
            counts = votes.get(span.text)
            if counts and span.label_ not in {ORG, PRODUCT, PERSON}:
                label = counts.most_common(1)[0][0]
            elif counts:
                label = max(counts, key=lambda lab: (counts[lab], lab == ORG))
            if label not in {ORG, PRODUCT} and len(span) == 1 and span.text in org_first_words:
                label = ORG
            if (
                label == PRODUCT
                and (span.start, span.end) not in evidenced
                and (
                    span.text in org_short_names
                    or (len(span) == 1 and span.text in org_first_words)
                )
            ):
                label = ORG  # "Globex said ..." after "Globex Inc": the model's PRODUCT guess
            if label == ORG and len(span) > 1 and span[-1].text in person_last_words:
                label = PERSON
            if label not in {ORG, PRODUCT, PERSON} and coordinated_with_org(span, spans):
                label = ORG
            if (
                label in {ORG, "WORK_OF_ART"}
                and (span.start, span.end) not in evidenced
                and not (has_org_word(span, lexicon) or has_ticker(span))
                and coordinated_with(span, spans, PRODUCT)
            ):
                label = PRODUCT  # "The Ascent, The Long Field and Keeping Them Quiet"
            if (
                label == PERSON
                and coordinated_with_org(span, spans)
                and not full_personal_name(span, lexicon)
                # "Jane Roe, senior VP of ...": a title says so, whatever the list holds
                and not titled_person(span, lexicon)
            ):
                label = ORG
        if label not in RELABELABLE and label != span.label_:
            label = span.label_
        result.append(Span(doc, span.start, span.end, label=label, span_id=span.id))
    return result


def coordinated_with(span: Span, spans: list[Span], label: str) -> bool:
    """Most of the span's list partners carry ``label`` (and there are at least two)."""
    partners = list(span.root.conjuncts)
    tokens = {t.i for s in spans if s.label_ == label and s is not span for t in s}
    agreeing = sum(t.i in tokens for t in partners)
    return agreeing >= 2 and agreeing * 2 > len(partners)


def coordinated_with_org(span: Span, spans: list[Span]) -> bool:
    """In a list with organisations: "Orvell, QX, Halden and T&R", "founded by X and Halden"."""
    head = span.root
    partners = [t for t in head.conjuncts]
    if not partners:
        return False
    org_tokens = {t.i for s in spans if s.label_ == ORG and s is not span for t in s}
    return sum(t.i in org_tokens for t in partners) >= max(1, len(partners) // 2)
