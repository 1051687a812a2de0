"""Clauses around a mention: who speaks, who is told, whose subject a word is.

The reference resolver reads these to decide what "it" and "the company" stand for; the
relation rules share ``stray_apposition``.
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from ..entities.words import SPEECH_VERBS
from ..lexicon import DIRECT_OBJECT_DEPS, NOMINAL_SUBJECT_DEPS, packaged

_WORDS = packaged("mentions")
# Verbs that report what their subject says, and verbs whose object is whom it is said to.
FILING_WORDS = _WORDS["filing_words"]
ADDRESS_VERBS = _WORDS["address_verbs"]
REPORTING_VERBS = SPEECH_VERBS | ADDRESS_VERBS | _WORDS["reporting_verbs"]
OPENING_QUOTES = _WORDS["opening_quotes"]
CLOSING_QUOTES = _WORDS["closing_quotes"]
STRAIGHT_QUOTES = _WORDS["straight_quotes"]


def clause_subjects(token: Token) -> set[int]:
    """The subject of the clause an object anaphor sits in and the subjects coordinated with
    it ("after A and B abandoned it": neither is "it")."""
    subject = clause_subject(token)
    if subject is None:
        return set()
    heads = [token.doc[subject], *token.doc[subject].conjuncts]
    # each with the words of its name before it ("Orvell Tellvik")
    return {
        t.i
        for head in heads
        for t in (head, *head.children)
        if t.i == head.i or (t.dep_ in {"compound", "flat"} and t.i < head.i)
    }


def clause_subject(token: Token) -> int | None:
    """The index of the subject of the clause an object anaphor sits in, else None."""
    if token.dep_ in {"poss", "nsubj", "nsubjpass"}:
        return None
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    # "X chose to buy the company": an infinitive's subject is its governor's
    for holder in (verb, verb.head) if verb.dep_ in {"conj", "xcomp"} else (verb,):
        for child in holder.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child.i
    return None


def stray_apposition(token: Token) -> bool:
    """An apposition of a subject placed after the subject's verb: the parser's home for the
    rest of a list in the object ("The chain competed with chains such as A, B, C, D"), not a
    description of the subject."""
    subject = token.head
    return (
        token.dep_ == "appos"
        and subject.dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass"}
        and subject.head.i < token.i
    )


def speech_verb_over(token: Token) -> Token | None:
    """The verb of saying whose reported clause has ``token`` for its subject: "said" in "X
    said it ...", "X said it had agreed and would buy ..." (not "X said Y raised its offer")."""
    if token.dep_ not in NOMINAL_SUBJECT_DEPS:
        return None
    verb = token.head
    while verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING_VERBS:
        return verb.head
    return None


def described_speaker(token: Token) -> bool:
    """ "Veloria's central bank said it ...": "it" is a speaker the text describes."""
    speech = speech_verb_over(token)
    return speech is not None and any(
        child.dep_ in NOMINAL_SUBJECT_DEPS and child.pos_ in {"NOUN", "PROPN"}
        for child in speech.children
    )


def speaker_mention(speech: Token, history: list[Span]) -> Span | None:
    """The mention that is the subject of a verb of saying (the head of the subject first,
    then the first mention inside it: "The brokerage firm of Hallworth, Marsh and Pryor")."""
    subjects = [child for child in speech.children if child.dep_ in NOMINAL_SUBJECT_DEPS]
    if not subjects:
        return None
    subject = subjects[0]
    inside = [m for m in history if subject.left_edge.i <= m.start <= subject.right_edge.i]
    for mention in inside:
        if mention.start <= subject.i < mention.end:
            return mention
    for mention in inside:
        root = mention.root
        while root.dep_ in {"compound", "appos", "nmod"} and root.head.i != root.i:
            root = root.head
        if root.i == subject.i:
            return mention  # "the Orvell National Bank unit"
    # "The brokerage firm of Hallworth, Marsh and Pryor"; but "Acme's unit" is not Acme
    named = [m for m in inside if m.root.dep_ != "poss"]
    return named[0] if named else None


def addressed_tokens(doc: Doc) -> set[int]:
    """Roots of whom something is told: "told the Securities and Exchange Commission",
    "informed Globex", "said in an SEC filing"."""
    addressed = set()
    # only verbs and nouns of telling and filing, found without making a Token of every word
    strings = doc.vocab.strings
    wanted = {strings.add(word) for word in ADDRESS_VERBS | REPORTING_VERBS | FILING_WORDS}
    lemmas = doc.to_array([LEMMA]).tolist()
    for token in (doc[i] for i, lemma in enumerate(lemmas) if lemma in wanted):
        lemma = token.lemma_.lower()
        if token.pos_ not in {"VERB", "NOUN"}:
            continue
        for child in token.children:
            if token.pos_ == "VERB" and lemma in ADDRESS_VERBS and child.dep_ in DIRECT_OBJECT_DEPS:
                addressed.add(child.i)
            elif child.dep_ == "prep" and (
                (lemma in REPORTING_VERBS and child.lower_ == "to")
                or (lemma in FILING_WORDS and child.lower_ == "with")
            ):
                addressed.update(g.i for g in child.children if g.dep_ == "pobj")
    return addressed


def previous_sentence_start(token: Token) -> int:
    sentence = token.sent
    if sentence.start == 0:
        return 0
    return token.doc[sentence.start - 1].sent.start


def is_subject(span: Span) -> bool:
    root = span.root
    while root.dep_ in {"compound", "appos", "conj", "poss"} and root.head.i != root.i:
        if root.dep_ == "poss":
            return False
        if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.dep_ == "appos":
            return False  # "X, also a Nixa licensee, decided": Nixa describes the subject
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"}


def quotes(doc: Doc) -> list[tuple[int, int]]:
    """The quotes of a text: (index of the opening mark, index of the closing mark or the
    text's end); curly marks pair by kind, straight ones in turn."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for token in doc:
        text = token.text
        if opened is None and (text in OPENING_QUOTES or text in STRAIGHT_QUOTES):
            opened = token.i
        elif opened is not None and (
            text in CLOSING_QUOTES
            or (text in STRAIGHT_QUOTES and doc[opened].text in STRAIGHT_QUOTES)
        ):
            found.append((opened, token.i))
            opened = None
    if opened is not None:
        found.append((opened, len(doc)))
    return found


def quoted_speakers(doc: Doc, organisations: list[Span], titled: Span | None) -> dict[int, Span]:
    """For each word inside a quote, the company of whoever says it: the one organisation
    named in the words that say who speaks (the sentence that ends in "said:" before the quote,
    or "..., said A of Acme" after it), else the one of them the title names; a quote that
    follows its speaker's earlier quote at once is the same speaker's. No clear company, no
    entry."""
    speakers: dict[int, Span] = {}
    previous: tuple[int, Span | None] = (-1, None)  # where the last attribution ended, whose
    for opening, closing in quotes(doc):
        attribution: tuple[int, int] | None = None
        before = next((t for t in reversed(doc[:opening]) if not t.is_space), None)
        if before is not None and before.text in {":", ","}:
            attribution = (before.sent.start, before.i)
        elif closing + 1 < len(doc) and doc[closing - 1].text in {",", "?", "!"}:
            attribution = (closing + 1, doc[closing + 1].sent.end)
        speaker: Span | None = None
        if attribution is not None:
            # in the subject of the verb of saying ("A, head of cloud at Acme, said:"), not
            # what else the attribution names ("in its note about the Lumio deal, writing:")
            said_by = _speaker_words(doc[attribution[0] : attribution[1]])
            named = {
                m.id_: m
                for m in organisations
                if any(start <= m.start and m.end <= end for start, end in said_by)
            }
            if len(named) == 1:
                speaker = next(iter(named.values()))
            elif titled is not None and titled.id_ in named:
                speaker = named[titled.id_]
        elif attribution is None and 0 <= opening - previous[0] <= 2:
            speaker = previous[1]
        if attribution is not None:
            previous = (attribution[1], speaker)
        if speaker is not None:
            speakers.update((i, speaker) for i in range(opening + 1, closing))
    return speakers


def _speaker_words(words: Span) -> list[tuple[int, int]]:
    """The token ranges of the subjects of the verbs of saying in ``words``."""
    return [
        (subject.left_edge.i, subject.right_edge.i + 1)
        for verb in words
        if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_VERBS
        for subject in verb.children
        if subject.dep_ in NOMINAL_SUBJECT_DEPS
    ]
