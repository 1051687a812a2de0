"""Label evidence from the role a name fills in its sentence."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import NOMINAL_SUBJECT_DEPS
from .evidence import (
    dated_work,
    full_personal_name,
    has_org_word,
    has_ticker,
    known_place,
    list_kind,
    looks_personal,
    person_evidence,
    stated_kind,
)
from .labels import (
    ORG,
    PERSON,
    PLACE_LABELS,
    PRODUCT,
)
from .tokens import DocumentNames, clause_words, its_object, makes_things, verb_lemma
from .words import (
    COPULAS,
    FUNDING_WORDS,
    MAKING_VERBS,
    RIVAL_NOUNS,
    SPEECH_VERBS,
    Lexicon,
)


def company_role(span: Span, lexicon: Lexicon) -> str | None:
    """ORG or PRODUCT when a name the model called a person, place or nothing fills a role
    that only companies (or their products) take: "Vantrel competes with Norrix",
    "acquired by Tarvo", "Kestrel, developed by Acme". Two title-case words the model calls
    a person ("Jane Holloway") keep their label: that is how people's names look."""
    if _told_outlet(span):
        return ORG
    if span.label_ not in {PERSON, "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", ""}:
        return None
    if (
        span.label_ == PERSON
        and len(span) == 2
        and all(t.is_title for t in span)
        and not has_org_word(span, lexicon)
        and full_personal_name(span, lexicon)
    ):
        return None
    token = span.root
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    head = token.head
    dep = token.dep_
    if dep == "pobj" and head.dep_ == "agent":  # "acquired by X": spaCy's passive agent
        verb, dep = head.head, "agent"
    elif dep == "pobj":
        verb = head.head
        dep = "pobj:" + head.lower_
    else:
        verb = head
    lemma = verb.lemma_.lower()
    if (
        dep == "agent"
        and verb.pos_ == "VERB"
        and (lemma in lexicon.product_verbs or lemma in MAKING_VERBS)
        and span.label_ in {"GPE", "FAC", ""}
    ):
        return ORG  # "toys manufactured by Bellazzo", "a film produced by Paragon"
    if said_rival(token, verb, dep):
        return ORG
    if span.label_ != "WORK_OF_ART":
        if (
            verb.pos_ in {"VERB", "AUX"}
            and lemma in lexicon.company_verbs
            and dep in {"nsubj", "nsubjpass", "dobj", "agent", "pobj:with", "pobj:against"}
        ):
            return ORG
        if (
            verb.pos_ in {"NOUN", "PROPN"}
            and lemma in lexicon.company_nouns
            and dep in {"pobj:of", "pobj:to", "pobj:by", "pobj:with", "pobj:from"}
        ):
            return ORG
        # "a 20% stake in Lumio", "invested $5 million in Lumio" (but not "in Brazil")
        if (
            verb.pos_ in {"NOUN", "VERB"}
            and lemma in lexicon.holding_words
            and dep == "pobj:in"
            and not known_place(span, lexicon)
            # "interests in Tasmania and Borneo": a list with a place is of places
            and not any(
                other.ent_type_ in PLACE_LABELS
                for other in (token, *token.conjuncts)
                if not span.start <= other.i < span.end
            )
        ):
            return ORG
        # "Vantrel, a subsidiary of ...": the apposition says what it is
        if any(
            child.dep_ == "appos" and child.lemma_.lower() in lexicon.company_nouns
            for child in span.root.children
        ):
            return ORG
    if verb.pos_ in {"VERB", "AUX"} and lemma in lexicon.product_verbs:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if (dep == "dobj" and not passive) or dep == "nsubjpass":
            return PRODUCT
    if any(
        child.dep_ == "acl"
        and child.lemma_.lower() in lexicon.product_verbs
        and any(grandchild.dep_ == "agent" for grandchild in child.children)
        for child in span.root.children
    ):
        return PRODUCT  # "Kestrel, developed by Acme"
    return None


def _told_outlet(span: Span) -> bool:
    """ "..., Jane Roe told Kestrel.": whom a speaker tells, when the model took it for no
    person (a law, a work, a place or nothing), is a news outlet, an organisation."""
    root = span.root
    return (
        span.label_ in {"LAW", "WORK_OF_ART", "FAC", "LOC", ""}
        and root.dep_ in {"dobj", "dative"}
        and root.head.lemma_.lower() == "tell"
        and root.text[:1].isupper()
        and not root.is_sent_start
        and any(child.dep_ == "nsubj" for child in root.head.children)
    )


def said_rival(token: Token, verb: Token, dep: str) -> bool:
    """ "Its chief competitor was Kestrel", "its cross-street rival Norland": what a
    company's rival, parent or client is said to be is a company."""
    if dep == "attr" and verb.lemma_.lower() in COPULAS:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.lemma_.lower() in RIVAL_NOUNS
    return any(
        child.dep_ in {"amod", "compound"}
        and child.lemma_.lower() in RIVAL_NOUNS
        and child.i < token.i
        for child in token.children
    )


def business_role(span: Span, lexicon: Lexicon, names: DocumentNames | None = None) -> str | None:
    """ORG or PRODUCT from what the sentence says a name is or does, for a name the model
    called a person, place, work or nothing: "Velvane is a Dutch shoe retailer", "the
    documentary Hop Rivals", "Toymakers launched ...", "Velvane was purchased by ...",
    "Acme's products". Places only take what a copula or apposition says; a person's name
    (two words, or a word the document uses in a person's name) keeps its label unless a
    copula or apposition says otherwise."""
    if span.label_ not in {PERSON, "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", ""}:
        return None
    kind = stated_kind(span, lexicon) or list_kind(span, lexicon)
    if kind == PRODUCT or (kind == ORG and not looks_personal(span, lexicon, names)):
        return kind
    token = span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "Acme and Globex launched ..."
    head = token.head
    lemma = head.lemma_.lower()
    particles = [child.lower_ for child in head.children if child.dep_ == "prt"]
    if particles:
        lemma = f"{lemma} {particles[0]}"  # "took over"
    if (
        token.i == span.root.i
        and token.dep_ == "nsubj"
        and its_object(head)
        and not person_evidence(span, lexicon, names)
        # "Jane Roe criticised its plans", "with Jane Roe criticising its plans": "its" is
        # another's there; a full name, or a bare participle's subject, is no evidence
        and not (span.label_ == PERSON and full_personal_name(span, lexicon))
        and (head.tag_ != "VBG" or any(c.dep_ == "aux" for c in head.children))
    ):
        return ORG  # "Velvet Cane has widened its reach": people do not own things as "its"
    if (
        token.dep_ == "dobj"
        and head.pos_ == "VERB"
        and lemma in lexicon.traded_verbs
        and span.label_ in {PERSON, "GPE", "WORK_OF_ART", ""}
        # "Acme sells Widget" is a product on sale; "sold Widget to Globex" a business
        and (lemma != "sell" or any(c.lower_ == "to" for c in head.children))
    ):
        return ORG  # "Orvell sold Dalton Hale to ...": people are not sold
    if (
        token.dep_ == "dobj"
        and head.pos_ == "VERB"
        and lemma in lexicon.product_verbs
        and span.label_ in {PERSON, "WORK_OF_ART", ""}
        and not any(child.dep_ in {"nsubjpass", "auxpass"} for child in head.children)
    ):
        return PRODUCT  # "Ember Pictures produced Stone Gates"
    if span.label_ in {"NORP", "WORK_OF_ART"} or looks_personal(span, lexicon, names):
        return None
    if span.label_ in PLACE_LABELS and (
        known_place(span, lexicon) or (span.label_ != "GPE" and not token.dep_.startswith("nsubj"))
    ):
        # "China raised rates": a place the model knows for one; a name the model calls a
        # location or a building ("Pivotel VoIP ... acquired Zenlys") is a company only as
        # the subject of a business verb
        return None
    if token.dep_ == "compound" and head.is_lower and not token.is_sent_start:
        if head.lower_ in lexicon.compound_org_heads:
            return ORG  # "Calvane competitors", "the Applied Magnets division"
        if head.lower_ in lexicon.product_nouns:
            return PRODUCT  # "the OrbiRTC platform"
    if token.dep_ == "nsubj" and head.pos_ == "VERB":
        # "Pivotel VoIP won the auction and bought Zenlys": verbs sharing the subject count
        shared = [
            verb_lemma(verb)
            for verb in head.conjuncts
            if verb.pos_ == "VERB"
            and not any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in verb.children)
        ]
        if lemma in lexicon.business_verbs or any(
            other in lexicon.business_verbs for other in shared
        ):
            return ORG
        # "Mega Kite develops and publishes games": making things in a company's way (the
        # model's two-word "person" without a given name)
        if span.label_ == PERSON and (
            (lemma in lexicon.product_verbs and makes_things(head))
            or any(
                other in lexicon.product_verbs and makes_things(verb)
                for other, verb in zip(
                    shared, (v for v in head.conjuncts if v.pos_ == "VERB"), strict=False
                )
            )
        ):
            return ORG
        # "Keyfob got $2 million of Series A money": people are not funded
        if any(
            word.lemma_.lower() in FUNDING_WORDS and word.dep_ in {"dobj", "pobj"}
            for word in clause_words(head)
        ):
            return ORG
        # "Ixoro announced its purchase of Veriplex", "Acme reported record earnings"
        if any(
            child.dep_ == "dobj" and child.lemma_.lower() in lexicon.company_objects
            for child in head.children
        ):
            return ORG
        # "Rockwren said that it had signed ...": what speaks of itself as "it"
        if lemma not in SPEECH_VERBS and any(
            child.dep_ == "ccomp"
            and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in child.children)
            for child in head.children
        ):
            return ORG
        if span.label_ == "GPE":
            # "Lumio creates games", "Warrick said": a name the model took for a place but
            # that is none of the known ones, doing something; places rarely act in news
            return ORG
    if token.dep_ == "nsubjpass" and (
        lemma in lexicon.business_verbs or lemma in lexicon.founded_verbs
    ):
        return ORG
    if token.dep_ == "poss" and head.lower_ in lexicon.company_possessions:
        return ORG
    return None


def product_role(span: Span, lexicon: Lexicon) -> str | None:
    """PRODUCT for a name the model took for an organisation that the sentence calls a
    product: "films such as The Ascent", "Kestrel is a 2004 film", "Acme released Kestrel".
    Names with a company's marks (a legal form, "Films", a ticker) stay organisations."""
    if span.label_ not in {ORG, PERSON, "WORK_OF_ART", ""}:
        return None
    if span.id_ or has_org_word(span, lexicon) or has_ticker(span):
        return None
    if dated_work(span, lexicon):
        return PRODUCT
    if span.label_ != ORG:
        return None
    if (stated_kind(span, lexicon) or list_kind(span, lexicon)) == PRODUCT:
        return PRODUCT
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "produced The Ascent as well as The Long Field"
    verb = root.head
    if (
        root.dep_ == "dobj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in lexicon.product_verbs
        and not any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)
    ):
        return PRODUCT
    return None
