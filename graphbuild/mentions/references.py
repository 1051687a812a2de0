"""References back: "it", "its", "the company", "the project", "he", resolved to a mention.

A spaCy component of its own, after the named mentions: it reads
``doc.spans["graphbuild_mentions"]`` and writes ``doc.spans["graphbuild_coref"]``, each span's
``id_`` the name it stands for and its label ORG, PRODUCT or PERSON. "he" and "she" resolve to
people only, "it" and "the company" to organisations and products only; "the group" may be a
foundation or an alliance, "the company" and "the giant" never are; "we" and "our" in a quote
are the company of whoever says it. The document's title, when the pipeline leaves it in
``doc.user_data[TITLE_KEY]``, names the company an opening "The Nordic software giant ..." means.
Unsure, a reference resolves to nothing: a wrong name makes wrong edges.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..entities.labels import COREF_KEY, MENTIONS_KEY, ORG, PERSON, PRODUCT
from ..entities.words import RIVAL_NOUNS, Lexicon, default_lexicon, load_lexicon
from ..lexicon import NOMINAL_SUBJECT_DEPS, packaged
from .clauses import (
    addressed_tokens,
    clause_subjects,
    described_speaker,
    is_subject,
    previous_sentence_start,
    quoted_speakers,
    speaker_mention,
    speech_verb_over,
    stray_apposition,
)

_WORDS = packaged("mentions")
_PRONOUNS = _WORDS["it_pronouns"]
_PERSON_PRONOUNS = _WORDS["person_pronouns"]
# An organisation mentioned without a name ("an investor group"), kept in the coreference history.
_UNNAMED = "UNNAMED"
# The id of "It" and "the company" in a text that never names the company it is about (a
# passage of a company profile); the pipeline gives each document its own unnamed node.
UNNAMED_SUBJECT = "graphbuild:unnamed-subject"
# Where the pipeline leaves a document's title (``doc.user_data``): not parsed, but the company
# it names is whom an opening "The Nordic software giant behind ..." means.
TITLE_KEY = "graphbuild_title"
_SPEAKER = "SPEAKER"  # "they" after a company's verb of saying
_PLURAL = "PLURAL"  # "they" and "their" elsewhere
_PLURAL_PRONOUNS = _WORDS["plural_pronouns"]
_BODY_HEADS = _WORDS["body_heads"]
_BODY_NOUNS = _WORDS["body_nouns"]
_FIRST_PLURAL = _WORDS["first_plural_pronouns"]


@Language.factory("graphbuild_references_v1", default_config={"lexicon": None})
def make_references(nlp: Language, name: str, lexicon: str | None) -> ReferenceResolver:
    """``lexicon``: a lexicon file to use instead of the packaged one (its ``anaphors``)."""
    return ReferenceResolver(name=name, lexicon=load_lexicon(lexicon))


class ReferenceResolver:
    """Resolves "it", "the company", "he" ... to the named mentions they stand for."""

    def __init__(
        self, *, name: str = "graphbuild_references_v1", lexicon: Lexicon | None = None
    ) -> None:
        self.name = name
        self.lexicon = lexicon or default_lexicon()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ReferenceResolver:
        return self

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[COREF_KEY] = self._coreference(doc, list(doc.spans.get(MENTIONS_KEY, ())))
        return doc

    def _coreference(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """Resolve "it", "its", "the company", "the project" to the entity they stand for."""
        # people are antecedents of "he" and "she" only, and take no part in the other checks
        mention_at: dict[int, Span] = {t.i: m for m in mentions if m.label_ != PERSON for t in m}
        history: list[Span] = []  # mentions and resolved anaphors, in text order
        addressed = addressed_tokens(doc)  # once per document: it reads every token
        resolved: list[Span] = []
        by_start = {m.start: m for m in mentions}
        titled = _title_company(doc, mentions)
        # (not "Varga told ..." after "Peter Varga", which the model may call a company)
        surnames = {m[-1].text for m in mentions if m.label_ == PERSON}
        speakers = quoted_speakers(
            doc, [m for m in mentions if m.label_ == ORG and m.text not in surnames], titled
        )
        index = 0
        while index < len(doc):
            token = doc[index]
            if index in by_start:
                history.append(by_start[index])
                index = by_start[index].end
                continue
            if index in speakers and token.lower_ in _FIRST_PLURAL and token.pos_ == "PRON":
                # “We are contributing our project X ...”, said A, head of B at Acme: "we" and
                # "our" in a quote are the speaker's company
                speaker = speakers[index]
                coref = Span(doc, index, index + 1, label=ORG, span_id=speaker.id_)
                resolved.append(coref)
                history.append(coref)
                index += 1
                continue
            if (
                titled is not None
                and not any(m.label_ in {ORG, PRODUCT} for m in history)
                and self._opening_epithet(token, mention_at)
            ):
                # "Software giant Acme enters ..." over "The Nordic software giant behind tools
                # like ... has entered ...": the text names its company only later, the title
                # at once
                span = self._anaphor_span(token)
                coref = Span(doc, span.start, span.end, label=ORG, span_id=titled.id_)
                resolved.append(coref)
                history.append(coref)
                index = span.end
                continue
            if self._unnamed_subject(token, mention_at):
                # "An investor group led by ... said it ...": "it" and "the group" mean this one
                history.append(Span(doc, token.i, token.i + 1, label=_UNNAMED))
                index += 1
                continue
            if self._place_epithet(token, mention_at) and any(
                m.start >= token.sent.start and m.start in mention_at and m.label_ in {ORG, PRODUCT}
                for m in history
            ):
                # "X will widen ... with newcomers like Y, which the Pinefield, Calif., company
                # showed": an epithet after a name in its own sentence is another company,
                # one the text may never name; no guess (and a later "it" it says is its own)
                span = self._anaphor_span(token)
                if token.dep_ in NOMINAL_SUBJECT_DEPS:
                    history.append(Span(doc, span.start, span.end, label=_UNNAMED))
                index = span.end
                continue
            if (
                self._place_epithet(token, mention_at)
                and any(m.label_ in {ORG, PRODUCT} and m.start in mention_at for m in history)
                and not any(c.i in mention_at for c in token.children)
            ):
                # "The Danish handset maker has stayed ...": an epithet of where a company is
                # from stands for the company the text placed there ("Sunnyvale-based X"), else
                # the company the story is about, not the latest subject (which may be its
                # rival); with no clear such company, no guess
                span = self._anaphor_span(token)
                focus = _placed_company(token, history, mention_at) or _focus_company(
                    titled, history, mention_at
                )
                if focus is not None:
                    coref = Span(doc, span.start, span.end, label=ORG, span_id=focus.id_)
                    resolved.append(coref)
                    history.append(coref)
                elif token.dep_ in NOMINAL_SUBJECT_DEPS:
                    history.append(Span(doc, span.start, span.end, label=_UNNAMED))
                index = span.end
                continue
            body = _named_body(token, history, mention_at)
            if body is not None:
                span = self._anaphor_span(token)
                coref = Span(doc, span.start, span.end, label=body.label_, span_id=body.id_)
                resolved.append(coref)
                history.append(coref)
                index = span.end
                continue
            body = _body_said_again(token, history, mention_at)
            if body is not None:
                span = self._anaphor_span(token)
                coref = Span(doc, span.start, span.end, label=body.label_, span_id=body.id_)
                resolved.append(coref)
                history.append(coref)
                index = span.end
                continue
            label = self._anaphor_label(token, mention_at)
            if label == "ANY" and token.lower_ == "its" and self._owns_product(token, mention_at):
                label = ORG  # "its Lumen hypervisor": what owns a product is an organisation
            if (
                label in {ORG, PRODUCT}
                and any(m.label_ == _UNNAMED for m in history)
                and any(
                    m.label_ == _UNNAMED and m.root.lemma_ == token.lemma_
                    for m in history[-8:]
                    if m.start >= previous_sentence_start(token)
                )
            ):
                history.append(Span(doc, token.i, token.i + 1, label=_UNNAMED))
                index += 1
                continue
            if label == _PLURAL:
                # "They now compete against ...": in a passage that has named nobody else, the
                # company it is about (a company in the plural, as British usage has it)
                if all(m.id_ == UNNAMED_SUBJECT or m.label_ == _UNNAMED for m in history):
                    span = self._anaphor_span(token)
                    subject = Span(doc, span.start, span.end, label=ORG, span_id=UNNAMED_SUBJECT)
                    resolved.append(subject)
                    history.append(subject)
                index += 1
                continue
            if label is not None:
                antecedent = self._antecedent(
                    token, label, history, addressed, _focus_company(titled, history, mention_at)
                )
                if antecedent is not None:
                    span = self._anaphor_span(token)
                    coref = Span(
                        doc, span.start, span.end, label=antecedent.label_, span_id=antecedent.id_
                    )
                    resolved.append(coref)
                    history.append(coref)
                    index = span.end
                    continue
                subjects_here = clause_subjects(token) if _verb_object(token) else set()
                if (
                    label in {"ANY", ORG}
                    # (its own clause's subject is never what an object means: "In 2013 X
                    # acquired the company" names no other company)
                    and not any(
                        m.label_ in {ORG, PRODUCT} and m.root.i not in subjects_here
                        for m in history
                    )
                    # (nor after it: "X took over the business from Y" is Y's)
                    and not (
                        subjects_here
                        and any(
                            mention_at[t.i].label_ in {ORG, PRODUCT}
                            for t in token.sent
                            if t.i > token.i and t.i in mention_at
                        )
                    )
                    and not described_speaker(token)
                ):
                    # "It also serves ... for Harbor Line Railroad" with no company named before:
                    # the company the text is about, unnamed, and what a later "it" means
                    span = self._anaphor_span(token)
                    subject = Span(doc, span.start, span.end, label=ORG, span_id=UNNAMED_SUBJECT)
                    resolved.append(subject)
                    history.append(subject)
                    index = span.end
                    continue
                if token.dep_ in NOMINAL_SUBJECT_DEPS and label in {"ANY", ORG}:
                    # "The company was listed in 2005 and delisted when it was acquired": an
                    # unresolved subject is still the one a later "it" means, not the exchange
                    span = self._anaphor_span(token)
                    history.append(Span(doc, span.start, span.end, label=_UNNAMED))
                    index = span.end
                    continue
            index += 1
        return resolved

    def _unnamed_subject(self, token: Token, mention_at: dict[int, Span]) -> bool:
        """An organisation introduced without a name as a subject: "An investor group ..."."""
        return (
            token.pos_ == "NOUN"
            and token.i not in mention_at
            and token.dep_ in {"nsubj", "nsubjpass"}
            and token.lemma_.lower() in self.lexicon.anaphors.get("Organization", frozenset())
            and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)
            # "a group of companies headed by Orrin Equity" is that company's doing
            and not any(t.i in mention_at for t in token.subtree)
        )

    def _opening_epithet(self, token: Token, mention_at: dict[int, Span]) -> bool:
        """ "The Nordic software giant behind ..." as a subject: a company noun (not a body's)
        with "the", which may say what the company is behind, not whose part it is ("the
        parent company of X" is another)."""
        return (
            token.pos_ == "NOUN"
            and token.i not in mention_at
            and token.dep_ in {"nsubj", "nsubjpass"}
            and token.lower_ in self.lexicon.anaphors.get("Organization", frozenset())
            and token.lower_ not in _BODY_NOUNS
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(
                c.dep_ in {"appos", "acl", "relcl"} or (c.dep_ == "prep" and c.lower_ == "of")
                for c in token.children
            )
            and not any(t.i in mention_at for t in token.subtree if t.i < token.i)
        )

    def _owns_product(self, token: Token, mention_at: dict[int, Span]) -> bool:
        owned = token.head
        named = [owned, *(c for c in owned.children if c.dep_ in {"compound", "nmod"})]
        return any(t.i in mention_at and mention_at[t.i].label_ == PRODUCT for t in named) or (
            owned.lower_ in self.lexicon.product_nouns and owned.lower_ not in {"service"}
        )

    def _anaphor_label(self, token: Token, mention_at: dict[int, Span]) -> str | None:
        if token.lower_ in _PRONOUNS and token.pos_ == "PRON":
            return "ANY"
        if token.lower_ in _PERSON_PRONOUNS and token.pos_ == "PRON":
            return PERSON
        if token.lower_ == "they" and token.pos_ == "PRON" and speech_verb_over(token):
            return _SPEAKER
        if token.lower_ in _PLURAL_PRONOUNS and token.pos_ == "PRON":
            return _PLURAL
        if token.pos_ == "NOUN" and token.tag_ == "NN":
            determiners = [child.lower_ for child in token.children if child.dep_ == "det"]
            if not determiners or determiners[0] not in {"the", "that", "this"}:
                return None
            # "the Orbit project" names its entity, "the parent company of X" describes one;
            # only a bare "the project" refers back.
            # ("In 2003, the company partnered with X": what a misread verb governs)
            misread = any(_verb_read_as_participle(child) for child in token.children)
            if any(
                child.i in mention_at or child.dep_ in {"prep", "appos", "acl", "relcl"}
                for child in token.children
                if not stray_apposition(child)
                and not _verb_read_as_participle(child)
                and not (misread and child.dep_ == "prep" and child.i < token.i)
            ):
                return None
            if token.lower_ == "business" and any(c.dep_ == "compound" for c in token.children):
                return None  # "the grocery business" is a trade, not a company
            for label, nouns in self.lexicon.anaphors.items():
                if token.lower_ in nouns:
                    return ORG if label == "Organization" else PRODUCT
        return None

    def _place_epithet(self, token: Token, mention_at: dict[int, Span]) -> bool:
        """ "the Brockvale giant", "the Danish handset maker", "the Pinefield, Calif., company":
        a company described by where it is from (but "the New York firm of X" names it)."""
        before = token.doc[token.left_edge.i : token.i]
        return (
            token.pos_ == "NOUN"
            and token.lower_ in self.lexicon.anaphors.get("Organization", frozenset())
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in {"prep", "appos", "acl", "relcl"} for c in token.children)
            and not any(t.i in mention_at for t in before)
            and any(t.ent_type_ in {"GPE", "NORP", "LOC"} or t.pos_ == "PROPN" for t in before)
        )

    def _described_as_product(self, mention: Span) -> bool:
        """ "the open source routing project, Vextra": a name in apposition to a product
        noun is a product, whatever the model calls it."""
        root = mention.root
        return root.dep_ == "appos" and root.head.lower_ in self.lexicon.product_nouns

    def _anaphor_span(self, token: Token) -> Span:
        if token.pos_ == "PRON":
            return token.doc[token.i : token.i + 1]
        start = min(
            [
                token.i,
                *(
                    c.i
                    for c in token.children
                    if c.dep_ in {"det", "amod", "compound"} and c.i < token.i
                ),
            ]
        )
        return token.doc[start : token.i + 1]

    def _antecedent(
        self,
        token: Token,
        label: str,
        history: list[Span],
        addressed: set[int],
        focus: Span | None = None,
    ) -> Span | None:
        sentence = token.sent
        previous_start = previous_sentence_start(token)

        # "the company", "the firm", "the giant" stand for a company: never for a foundation
        # or an alliance, nor for a name the text calls a project ("the project, Vextra")
        company = token.pos_ == "NOUN" and label == ORG and token.lower_ not in _BODY_NOUNS

        def fits(mention: Span) -> bool:
            if label == "ANY":
                return mention.label_ != PERSON
            if company and (_is_body(mention) or self._described_as_product(mention)):
                return False
            return mention.label_ == label

        # "X told the SEC it had bought ...": in what a speaker says, "it" is the speaker, and
        # whom the speaker tells (a regulator, a court) is nobody's antecedent
        speech = speech_verb_over(token)
        if label == _SPEAKER:
            # "X announced they will acquire Y": a company speaking of itself in the plural
            organisations = [m for m in history if m.label_ == ORG]
            speaker = speaker_mention(speech, organisations) if speech is not None else None
            return None if speaker is None or speaker.label_ == _UNNAMED else speaker
        if speech is not None:
            speaker = speaker_mention(speech, [m for m in history if fits(m)])
            if speaker is not None:
                return None if speaker.label_ == _UNNAMED else speaker
        if _competing_owners(token, [m for m in history if fits(m)]):
            return None
        if token.pos_ == "PRON" and _unnamed_subject_before(token):
            # "China opened its banks when it joined Y": the country, no company; "Acme's
            # great rival is to sell its planes": the rival, not Acme
            return None
        # "X took charge of the company", "X acquired it": an object is not its own
        # clause's subject (a possessive is: "X raised its stake")
        # (nor, said by name elsewhere, what that subject is: "Zorbex!, which ..., said it
        # would profit from the tie-up with the software giant"; "itself" is its clause's subject)
        subjects_here = clause_subjects(token) if token.lower_ != "itself" else set()
        described = _described_subject(token)
        not_these = {*subjects_here, described}
        subject_names = {m.id_ for m in history if m.root.i in subjects_here and m.id_}
        candidates = [
            m
            for m in history
            if m.start >= previous_start
            and fits(m)
            and m.root.i not in addressed
            and m.root.i not in not_these
            and m.id_ not in subject_names
            and not _listed(m, token)
        ]
        if (
            not candidates
            and company
            and focus is not None
            and fits(focus)
            # (nor for the object of a verb its own subject: "In 2013 X acquired the company")
            and not (
                _verb_object(token) and (focus.root.i in not_these or focus.id_ in subject_names)
            )
            # ("this dependency chain" is a thing the text has just described)
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        ):
            # "The company has raised $120m ..." with no company named in this sentence or
            # the one before: the company the story is about, not the last name of all
            return focus
        if not candidates:
            candidates = [
                m
                for m in history[-8:]
                if fits(m)
                and m.root.i not in addressed
                and not (_verb_object(token) and (m.root.i in not_these or m.id_ in subject_names))
                and not _listed(m, token)
            ]
        if not candidates:
            return None
        # Prefer the subject of this sentence, then of the sentence before, then the latest.
        same_sentence = [m for m in candidates if m.start >= sentence.start]
        chosen = candidates[-1]
        # (and the "by" object of a passive, in its own clause: "marketed by X under its brand")
        agents = [m for m in same_sentence if _passive_agent(m, token)]
        # (then whose subject it is: "But Acme's founders say ... . The company's execs")
        for group in (same_sentence, candidates):
            subjects = [m for m in group if is_subject(m) or m in agents] or [
                m for m in group if _owns_subject(m)
            ]
            if subjects:
                chosen = subjects[-1]
                break
        return None if chosen.label_ == _UNNAMED else chosen


def _verb_object(token: Token) -> bool:
    """What a verb does something to: its object ("X acquired the company"), or the object of
    a preposition on the verb or on its object ("X invested in the company", "X owns 51% of
    the company"); never that verb's own subject. Not a noun deeper in a phrase ("a vote on
    the acquisition of the company by X", where the company may be the clause's subject)."""
    if token.dep_ == "dobj":
        return True
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    holder = token.head.head
    if holder.pos_ in {"VERB", "AUX"}:
        return True
    return holder.dep_ == "dobj" and holder.head.pos_ in {"VERB", "AUX"}


def _verb_read_as_participle(child: Token) -> bool:
    """ "The company partnered with X" read as a noun phrase with a participle: a sentence
    needs a verb, and one hung on its root noun without an agent is that noun's verb."""
    head = child.head
    return (
        child.dep_ == "acl"
        and child.tag_ in {"VBD", "VBN"}
        and head.dep_ == "ROOT"
        and child.i == head.i + 1
        and not any(c.dep_ in {"agent", "auxpass"} for c in child.children)
        and not any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in head.sent)
    )


def _unnamed_subject_before(token: Token) -> bool:
    """Whether the nearest subject before a pronoun, up the clauses it is in, is a place the
    model names ("China committed to opening its banks when it joined Y") or another company
    than its possessor ("Acme's great rival is to sell its planes")."""
    for clause in token.ancestors:
        subject = next(
            (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i),
            None,
        )
        if subject is not None and subject.i != token.i and subject.pos_ != "PRON":
            return subject.ent_type_ == "GPE" or (
                subject.lemma_.lower() in RIVAL_NOUNS
                and any(c.dep_ == "poss" for c in subject.children)
            )
    return False


def _named_body(token: Token, history: list[Span], mention_at: dict[int, Span]) -> Span | None:
    """ "backed Pindle and the Foundation" after "the Harbor Code Foundation": the last body
    named with that word before its sentence, said again by it alone (a bare "the foundation"
    may be any; one named in the same sentence is said by name or "it": "A, the B Foundation
    and C backed the Foundation" is another)."""
    if (
        token.lower_ not in _BODY_HEADS
        or token.i in mention_at
        or [child.lower_ for child in token.children if child.i < token.i] != ["the"]
        or any(child.dep_ in {"prep", "appos", "acl", "relcl"} for child in token.children)
    ):
        return None
    return next(
        (
            mention
            for mention in reversed(history)
            if mention.label_ == ORG
            and len(mention) > 1
            and mention[-1].lower_ == token.lower_
            and mention.start < token.sent.start
        ),
        None,
    )


def _title_company(doc: Doc, mentions: list[Span]) -> Span | None:
    """The one company (no body) of the text that the document's title names, else None."""
    title = doc.user_data.get(TITLE_KEY)
    if not isinstance(title, str) or not title.strip():
        return None
    named: dict[str, Span] = {}
    for mention in mentions:
        if mention.label_ != ORG or _is_body(mention) or mention.id_ in named:
            continue
        if re.search(rf"(?<!\w){re.escape(mention.text)}(?!\w)", title):
            named[mention.id_] = mention
    return next(iter(named.values())) if len(named) == 1 else None


def _placed_company(token: Token, history: list[Span], mention_at: dict[int, Span]) -> Span | None:
    """The one company named so far as based where the epithet ``token`` says ("Pinefield-based
    X", "X, based in Pinefield, California" for "the Pinefield, Calif., company"), by the
    epithet's first place word (the city), else None."""
    words = [t for t in token.doc[token.left_edge.i : token.i] if t.pos_ == "PROPN" or t.ent_type_]
    if not words:
        return None
    place = words[0].text
    named = [m for m in history if m.label_ == ORG and mention_at.get(m.start) is m]
    placed: dict[str, Span] = {}
    for based in token.doc[: token.sent.start]:
        if based.lemma_ != "base" or not any(t.text == place for t in based.subtree):
            continue
        if based.dep_ == "amod":  # "Pinefield-based X"
            mention = mention_at.get(based.head.i)
        elif based.dep_ == "acl":  # "A and X, based in Pinefield": the name just before it
            before = [m for m in named if m.end <= based.i and m.sent.start == based.sent.start]
            mention = before[-1] if before else None
        else:
            continue
        if mention is not None and mention in named:
            placed[mention.id_] = mention
    return next(iter(placed.values())) if len(placed) == 1 else None


def _focus_company(
    titled: Span | None, history: list[Span], mention_at: dict[int, Span]
) -> Span | None:
    """The company a story is about, as far as it has gone: the one its title names, if the
    text has named it, else the company named (by name) more often than any other (bodies
    aside)."""
    named = [
        m for m in history if m.label_ == ORG and not _is_body(m) and mention_at.get(m.start) is m
    ]
    if titled is not None and any(m.id_ == titled.id_ for m in named):
        return titled
    counts = Counter(m.id_ for m in named)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return next(m for m in reversed(named) if m.id_ == ranked[0][0])


def _owns_subject(mention: Span) -> bool:
    """ "Acme's founders say ...": the possessor of a subject."""
    root = mention.root
    return root.dep_ == "poss" and root.head.dep_ in NOMINAL_SUBJECT_DEPS


def _listed(mention: Span, token: Token) -> bool:
    """One item of a list of three or more ("A, B, C and D") in an earlier sentence: a later
    "it" is none of them alone (but "A, maker B and the family who founded it" is B)."""
    if mention.root.pos_ == "PRON" or mention.start >= token.sent.start:
        return False
    # (the parser may hang the list on a word inside a name: "House of Bytes, Orvell and X"; the
    # "&" of "Hallworth & Pryor" is no list)
    return any(
        len([c for c in t.conjuncts if not mention.start <= c.i < mention.end]) >= 2
        for t in mention
    )


def _is_body(mention: Span) -> bool:
    """A foundation, alliance or consortium: a name that ends with a body's word."""
    words = (mention.id_ or mention.text).split()
    return bool(words) and words[-1].lower() in _BODY_HEADS


def _body_said_again(token: Token, history: list[Span], mention_at: dict[int, Span]) -> Span | None:
    """ "X Alliance sets standards. The group which includes A and B said ...": "the group",
    "the new consortium" is the body the sentence before names, when that sentence (and this
    one up to the noun) names that body and no other organisation; the noun may take a relative
    clause ("the group which includes"), which a company noun may not."""
    if (
        token.lower_ not in _BODY_NOUNS
        or token.pos_ != "NOUN"
        or token.i in mention_at
        or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        or any(c.dep_ in {"prep", "appos", "compound", "poss"} for c in token.children)
    ):
        return None
    start = previous_sentence_start(token)
    if start == token.sent.start:
        return None  # the text's first sentence: nothing said before it
    named = [m for m in history if m.start >= start and m.label_ == ORG]
    bodies = {m.id_ for m in named if _is_body(m)}
    if len(bodies) != 1 or len(bodies) != len({m.id_ for m in named}):
        return None
    return named[-1]


def _competing_owners(token: Token, candidates: list[Span]) -> bool:
    """ "A paid B to make its engine the default": a possessive in an infinitive whose
    governing verb has one organisation for subject and another in its object may be either's
    (whom "paid B to make" makes act is B, whom "bought B to grow" makes act is A): no guess."""
    if token.dep_ != "poss":
        return False
    verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if (
        verb is None
        or verb.dep_ not in {"advcl", "xcomp"}
        or not any(c.tag_ == "TO" for c in verb.children)
    ):
        return False
    if any(m.root.pos_ == "PRON" and verb.left_edge.i <= m.start < token.i for m in candidates):
        # "retained A to advise it about ... its division": the clause has already said whose
        return False
    governor = verb.head
    ends: dict[str, set[str]] = {"subject": set(), "object": set()}
    for child in governor.children:
        role = (
            "subject"
            if child.dep_ in NOMINAL_SUBJECT_DEPS
            else "object"
            if child.dep_ in {"dobj", "dative"}
            else None
        )
        if role is None:
            continue
        ends[role].update(
            m.id_ for m in candidates if child.left_edge.i <= m.root.i <= child.right_edge.i
        )
    return bool(ends["subject"]) and bool(ends["object"] - ends["subject"])


def _passive_agent(mention: Span, token: Token) -> bool:
    """ "marketed by X under its brand": the "by" object of the passive ``token`` is in acts,
    as a subject."""
    root = mention.root
    if root.dep_ != "pobj" or root.head.dep_ != "agent":
        return False
    verb = root.head.head
    return token.head.i == verb.i or any(a.i == verb.i for a in token.ancestors)


def _described_subject(token: Token) -> int | None:
    """ "X is one of its rivals", "X became its partner": a possessive in what a copula says of
    its subject is not that subject (the index of the subject, else None)."""
    if token.dep_ != "poss":
        return None
    noun = token.head
    for _ in range(3):
        if noun.dep_ in {"attr", "acomp"}:
            return next((c.i for c in noun.head.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
        if noun.dep_ != "pobj" or noun.head.head.i == noun.head.i:
            return None
        noun = noun.head.head  # "one of its rivals": up to "one"
    return None
