"""From an anchor token to the mentions it stands for.

Roles are filled by entity mentions, looking through what news prose puts in between: lists
("Orvell, QX, Halden and T&R"), appositions ("Tessaly Ventures, a firm that ..."), relative pronouns
("the project of which Corvane was a member"), "that of", examples ("startups such as Tovara"),
described units of a company ("its farm machinery division") and portions ("a 20 pct stake
in X").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS
from ..nlp import COREF_KEY, LABEL_NAMES, MENTIONS_KEY, default_lexicon, stray_apposition
from ..records import Mention
from .syntax import child_with, minority_share
from .words import (
    ANNOUNCING_MODIFIERS,
    BODY_WORDS,
    CODE_NOUNS,
    COPULAS,
    COVER_NOUNS,
    DEAL_NOUNS,
    DISPOSAL_WORDS,
    EXAMPLE_PREPS,
    GROUP_NOUNS,
    JOINING_VERBS,
    LEAD_VERBS,
    LIST_VERBS,
    NAMING_VERBS,
    PART_WORDS,
    PLATFORM_NOUNS,
    PORTION_NOUNS,
    RANGE_NOUNS,
    RELATIVE_PRONOUNS,
    SHARE_NOUNS,
    STAFF_NOUNS,
    STOCK_NOUNS,
    UNIT_NOUNS,
    VAGUE_WORDS,
    VERSION_NOUNS,
)

# How the parser hangs a list's first name on the verb when it misses the list.
LOOSE_DEPS = frozenset({"intj", "dep", "npadvmod"})


@dataclass(frozen=True, slots=True)
class Filler:
    """A mention filling a role, and how directly (lower confidence for looser paths)."""

    mention: Mention
    penalty: float = 0.0
    # reached through a minority share: POSITION ("a 20 pct stake in X": an investment, not a
    # takeover, when bought) or QUANTITY ("20 pct of the shares of X": no subsidiary of its owner)
    share: int = 0


# Fixed phrases the role finders read, as token patterns.
PHRASES: dict[str, list[list[dict[str, str]]]] = {
    "such as": [[{"LOWER": "such"}, {"LOWER": "as"}]],
    "as well as": [[{"LOWER": "as"}, {"LOWER": "well"}, {"LOWER": "as"}]],
}
_PHRASE_MATCHERS: dict[int, tuple[Vocab, Matcher]] = {}


def _phrase_matcher(vocab: Vocab) -> Matcher:
    """A Matcher of the fixed phrases, one per vocabulary."""
    held = _PHRASE_MATCHERS.get(id(vocab))
    if held is not None and held[0] is vocab:
        return held[1]
    matcher = Matcher(vocab)
    for name, patterns in PHRASES.items():
        matcher.add(name, patterns)
    _PHRASE_MATCHERS[id(vocab)] = (vocab, matcher)
    return matcher


# The fillers of each role a role finder reads ("agent", "patient", ...).
Roles = dict[str, list[Filler]]


def loosen(fillers: list[Filler], penalty: float) -> list[Filler]:
    return [Filler(f.mention, f.penalty + penalty, f.share) for f in fillers]


class DocContext:
    """Per-document lookups: which tokens belong to which mention, and role resolution."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mention_at: dict[int, Mention] = {}
        for group in (MENTIONS_KEY, COREF_KEY):
            for span in doc.spans.get(group, []):
                mention = Mention(
                    text=span.text,
                    name=span.id_ or span.text,
                    label=LABEL_NAMES.get(span.label_, span.label_),
                    start=span.start_char,
                    end=span.end_char,
                )
                for token in span:
                    self.mention_at.setdefault(token.i, mention)
        self.coref_tokens = {t.i for span in doc.spans.get(COREF_KEY, []) for t in span}
        lexicon = default_lexicon()
        # Nouns that take their entity from a name before them: "the Orbit project".
        self.generic_nouns = (
            lexicon.product_nouns
            | lexicon.org_nouns
            | {noun for nouns in lexicon.anaphors.values() for noun in nouns}
        )
        self.org_nouns = lexicon.org_nouns
        self.state_abbreviations = lexicon.state_abbreviations
        self.place_names = lexicon.place_names
        self.company_words = lexicon.org_nouns | lexicon.anaphors.get("Organization", frozenset())
        # Nouns whose list names things of their kind: "its titles include X and Y".
        self.listed_nouns = lexicon.list_product_nouns | lexicon.list_org_nouns
        # where the fixed phrases the role finders read end ("such as", "as well as")
        self.phrase_ends: dict[str, set[int]] = {name: set() for name in PHRASES}
        for match_id, _, end in _phrase_matcher(doc.vocab)(doc):
            self.phrase_ends[doc.vocab.strings[match_id]].add(end - 1)

    def ends_phrase(self, phrase: str, token: Token) -> bool:
        """Whether ``token`` is the last word of the fixed phrase ("as" of "as well as")."""
        return token.i in self.phrase_ends[phrase]

    def such_as(self, preposition: Token) -> bool:
        """ "companies such as X", "such companies as X": the "as" gives examples."""
        return (
            any(c.lower_ == "such" for c in preposition.children)
            or any(c.lower_ == "such" for c in preposition.head.children)
            or self.ends_phrase("such as", preposition)
        )

    def mention_tokens(self, sentence: Span) -> Iterator[Token]:
        """The tokens of a sentence that are part of a mention, in order."""
        doc = sentence.doc
        return (doc[i] for i in range(sentence.start, sentence.end) if i in self.mention_at)

    def fillers(self, token: Token | None, depth: int = 0) -> list[Filler]:
        """The mentions a token stands for, its conjuncts included."""
        if token is None or depth > 4:
            return []
        found: dict[str, Filler] = {}
        items = [token] if self._list_goes_on(token) else [token, *token.conjuncts]
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.i in self.mention_at
            # "The group which includes A, B and C said": there the second subject is the
            # last item of the clause's own list
            and not any(c.dep_ in {"relcl", "acl"} for c in token.children)
        ):
            # "Orvell, Halden, the Open Tools Foundation, and Corvane backed X": the parser
            # gave the verb two subjects, the list and its last item
            items.extend(
                item
                for sibling in token.head.children
                if sibling.dep_ == token.dep_
                and sibling.i != token.i
                and sibling.i in self.mention_at
                for item in (sibling, *sibling.conjuncts)
            )
        # a worklist: an item found on the way (an apposition read as a list item) may carry
        # the rest of the list on its "of" ("Lumio, Gitly, House of Bytes, Orvell and
        # Halden": the parser hangs "House of Bytes" on the first name and the rest on "Bytes")
        given = len(items)
        position = 0
        while position < len(items):
            item = items[position]
            position += 1
            if item.i not in self.mention_at or any(i.i == item.i for i in items[: position - 1]):
                continue
            # "Corvane, Halden of Europe, Orvell and Lumio": the parser hangs the rest of the list
            # on the name inside the item
            items.extend(
                conjunct
                for c in item.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                # or on the last word of a name: "Harbour Telephone of Dover, Orvell ..."
                if g.dep_ == "pobj"
                and (len(items) > 1 or self.mention_at.get(g.i) is self.mention_at[item.i])
                for conjunct in g.conjuncts
                if conjunct.i > g.i
            )
            if position > given:
                continue
            items.extend(self._after_aside(item))
            items.extend(self._after_place(item))
            items.extend(self._flat_list(item))
            # "include Kettle Ventures, the venture arm of Brassmoor, Pindle and Tovi"
            items.extend(
                conjunct
                for c in item.children
                if c.dep_ == "appos"
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if self._list_goes_on(g)
                for conjunct in g.conjuncts
            )
            # a list the parser read as appositions: "Orvell, QX, Halden and T&R", "including
            # Orvell, QTC, LKB, and Halvane" (a lone apposition of a lone name is a
            # description, "Tessaly Ventures, ..., Lumen Media Group", not a list)
            listed = [
                c
                for c in item.children
                if c.dep_ == "appos" and c.i in self.mention_at and not stray_apposition(c)
            ]
            # "Pindle, Corvane and Tallis use X": the parser may take the second name of a
            # subject list for an adverbial noun of the first; with the rest of the list
            # joined to it after a comma, it is the list going on
            listed.extend(
                c
                for c in item.children
                if c.dep_ == "npadvmod"
                and (c.i in self.mention_at or c.pos_ == "PROPN")
                and c.conjuncts
                and c.i > item.i
                and self.doc[c.left_edge.i - 1].text == ","
            )
            for child in listed:
                # "behind the Dover Hawks (17), Pinefield Lions (17), and Halden Bears"
                if child.conjuncts or len(listed) > 1 or item.i != token.i or item.conjuncts:
                    items.extend((child, *child.conjuncts))
        for item in items:
            for filler in self._fillers_one(item, depth):
                if (
                    filler.mention.name not in found
                    or found[filler.mention.name].penalty > filler.penalty
                ):
                    found[filler.mention.name] = filler
        return list(found.values())

    def _after_aside(self, item: Token) -> list[Token]:
        """ "startups such as Brightwater (see below) and Corvane come in": an aside in
        brackets between two names of a list makes the parser lose the "and", and hang the
        second name on the verb; the name right after "(...) and" is the list's next item."""
        mention = self.mention_at[item.i]
        end = item.i
        while end + 1 < len(self.doc) and self.mention_at.get(end + 1) is mention:
            end += 1
        if end + 1 >= len(self.doc) or self.doc[end + 1].text != "(":
            return []
        close = next((t.i for t in self.doc[end + 2 : end + 12] if t.text in {"(", ")"}), None)
        if close is None or self.doc[close].text != ")" or close + 2 >= len(self.doc):
            return []
        if self.doc[close + 1].lower_ not in {"and", "or"}:
            return []
        start = close + 2
        name = self.mention_at.get(start)
        if name is None or name is mention or start in self.coref_tokens:
            return []
        last = start
        while last + 1 < len(self.doc) and self.mention_at.get(last + 1) is name:
            last += 1
        # the name's own head word: the word of it whose head lies outside it
        return [
            self.doc[i] for i in range(start, last + 1) if not start <= self.doc[i].head.i <= last
        ][:1]

    def _after_place(self, item: Token) -> list[Token]:
        """ "acquired Lumen Inc of Salem, Ore., and Orvell Inc of Springfield, Va.": wire copy
        places each name of a list after it, and the commas around the state make the parser
        hang the next name on a verb higher up; the name right after "of PLACE, ST.," and a
        joiner is the list's next item (and so on down the list)."""
        found: list[Token] = []
        mention = self.mention_at[item.i]
        at = self._mention_bounds(item.i)[1] + 1
        sentence_end = item.sent.end
        while at + 1 < sentence_end and self.doc[at].lower_ in {"of", "in"}:
            end = at + 1
            places = 0
            while (
                end < sentence_end
                and end not in self.mention_at
                and (
                    self.doc[end].text == ","
                    or self.doc[end].text in self.state_abbreviations
                    or (self.doc[end].pos_ == "PROPN" and self.doc[end].text[:1].isupper())
                )
            ):
                # a town, and its state or country ("of Salem, Ore.", "of Hamburg, West Germany")
                places += (
                    self.doc[end].text in self.state_abbreviations
                    or self.doc[end].text in self.place_names
                )
                end += 1
            if not places or end >= sentence_end:
                break
            while end < sentence_end and self.doc[end].lower_ in {",", "and", "or"}:
                end += 1
            following = self.mention_at.get(end)
            if (
                following is None
                or following is mention
                or end in self.coref_tokens
                or self.doc[end - 1].lower_ not in {",", "and", "or"}
            ):
                break
            start, last = self._mention_bounds(end)
            head = next(
                (
                    self.doc[i]
                    for i in range(start, last + 1)
                    if not start <= self.doc[i].head.i <= last
                ),
                None,
            )
            # lifted by the parser onto a verb above the list, not a name of its own clause
            if head is None or head.dep_ not in {"conj", "appos", "npadvmod"}:
                break
            if not any(a.i == head.head.i for a in item.ancestors):
                break
            found.append(head)
            mention, at = following, last + 1
        return found

    def _mention_bounds(self, i: int) -> tuple[int, int]:
        """First and last token index of the mention at token ``i``."""
        mention = self.mention_at[i]
        start, end = i, i
        while start > 0 and self.mention_at.get(start - 1) is mention:
            start -= 1
        while end + 1 < len(self.doc) and self.mention_at.get(end + 1) is mention:
            end += 1
        return start, end

    def _flat_list(self, item: Token) -> list[Token]:
        """ "backed by Northgate Capital and Tessaly Ventures": the parser often reads names joined
        by commas and "and" as one noun phrase ("Capital" a modifier of "Ventures", "Tessaly" a
        conjunct of "Capital"), so the role's token has no conjuncts. Names separated only by
        commas and "and"/"or" form a list when the phrase they make leaves the list at one
        token only: one noun phrase, however it is parsed inside. Two clauses ("bought X, and Y
        said") leave it twice and are not a list. Returns the other names' head words."""
        if item.i not in self.mention_at or self._list_goes_on(item):
            return []
        spans = [self._mention_bounds(item.i)]
        sentence = item.sent
        joiners = {",", "and", "or"}

        def gap(start: int, end: int) -> str | None:
            """ "," or "and" when only commas and one "and"/"or" lie between, else None."""
            words = [t.lower_ for t in self.doc[start:end]]
            if not words or any(w not in joiners for w in words):
                return None
            return "and" if {"and", "or"} & set(words) else ","

        ended = False  # a list ends with its "and" item: "A, B and C"
        while True:  # names to the right
            at = spans[-1][1] + 1
            while at < sentence.end and self.doc[at].lower_ in joiners:
                at += 1
            if ended or at >= sentence.end or at not in self.mention_at:
                break
            kind = gap(spans[-1][1] + 1, at)
            if kind is None or at in self.coref_tokens:
                break
            spans.append(self._mention_bounds(at))
            ended = kind == "and"
        while True:  # names to the left, up to an earlier "and"
            at = spans[0][0] - 1
            while at >= sentence.start and self.doc[at].lower_ in joiners:
                at -= 1
            if at < sentence.start or at not in self.mention_at or at in self.coref_tokens:
                break
            kind = gap(at + 1, spans[0][0])
            if kind is None or (kind == "and" and ended):
                break
            spans.insert(0, self._mention_bounds(at))
            ended = ended or kind == "and"
        if not ended:
            return []  # "X, Y" alone is as often an apposition or two clauses as a list
        if len(spans) < 2:
            return []
        first, last = spans[0][0], spans[-1][1]
        exits = [
            self.doc[i]
            for start, end in spans
            for i in range(start, end + 1)
            if not first <= self.doc[i].head.i <= last
        ]
        # "Brightwater, Lumen and Orvell have signed on": the parser may hang the first name
        # on the verb as an interjection or loose modifier beside the real subject
        main = [t for t in exits if t.dep_ not in LOOSE_DEPS]
        if (
            len(main) != 1
            or self.mention_at[main[0].i] is not self.mention_at[item.i]
            or any(t.head.i != main[0].head.i for t in exits)
        ):
            return []
        heads = []
        for start, end in spans:
            roots = [self.doc[i] for i in range(start, end + 1)
                     if not start <= self.doc[i].head.i <= end]  # fmt: skip
            if roots and self.mention_at[start] is not self.mention_at[item.i]:
                heads.append(roots[0])
        return heads

    def _list_goes_on(self, token: Token) -> bool:
        """ "include Kettle Ventures, the venture arm of Brassmoor, Pindle and Tovi": the
        parser hangs the rest of the outer list on the object of the apposition's "of"; those
        names continue the list of what the apposition describes, they are not its object."""
        preposition = token.head
        if token.dep_ != "pobj" or preposition.lower_ != "of" or not token.conjuncts:
            return False
        noun = preposition.head
        if noun.dep_ != "appos" or noun.i in self.mention_at:
            return False
        described = noun.head
        return (
            described.i in self.mention_at
            and not described.conjuncts
            and (
                (described.dep_ == "dobj" and described.head.lemma_.lower() in LIST_VERBS)
                or (described.dep_ == "pobj" and described.head.lower_ in EXAMPLE_PREPS)
            )
        )

    def described_by(self, apposition: Token, depth: int = 0) -> list[Filler]:
        """What an apposition describes: its head, and the head's list unless the list goes on
        after the apposition ("Kettle Ventures, the venture arm of Brassmoor, Pindle and Tovi":
        only Kettle Ventures is the arm)."""
        if any(
            self._list_goes_on(g)
            for p in apposition.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
        ):
            return self._fillers_one(apposition.head, depth)
        return self.fillers(apposition.head, depth)

    def _fillers_one(self, token: Token, depth: int) -> list[Filler]:
        """The mentions one token (not its conjuncts) stands for: the first reading that
        applies decides."""
        mention = self.mention_at.get(token.i)
        if mention is not None:
            penalty = 0.1 if token.i in self.coref_tokens else 0.0
            return [Filler(mention, penalty)]
        pronoun = self._pronoun(token, depth)
        if pronoun is not None:
            return pronoun
        if token.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"} and token.dep_ != "attr":
            return []  # ("was the first to take on Z": an adjective standing for its subject)
        for reading in (
            self._named,
            self._listed,
            self._described,
            self._governed,
            self._enumerated,
        ):
            found = reading(token, depth)
            if found is not None:
                return found
        return []

    def _pronoun(self, token: Token, depth: int) -> list[Filler] | None:
        """A relative pronoun stands for what its clause describes; "that of X" for X."""
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.tag_ in {"WDT", "WP", "WP$"}:
            clause = token
            while clause.dep_ != "relcl" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ == "relcl":
                if any(c.i > clause.i for c in clause.head.conjuncts):
                    # "backing Glint, which sold a stake to Tovi; Marrowind; and Spar": the
                    # clause inside the list describes its own item only
                    return self._fillers_one(clause.head, depth + 1)
                return self.fillers(clause.head, depth + 1)
            return []
        if lower == "that" and token.dep_ in {"pobj", "dobj", "nsubj"}:
            # "including that of Halden", "software like that sold by Orvell"
            found = [
                f
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for f in self.pobj_fillers(c, depth)
            ]
            for clause in token.children:
                if clause.dep_ == "acl":
                    found.extend(self.prep_fillers(clause, frozenset({"by"})))
            return loosen(found, 0.1)
        return None

    def _named(self, token: Token, depth: int) -> list[Filler] | None:
        """A noun named by a name inside it ("the Orbit project") or by its apposition
        ("its Irish subsidiary, Tarrow Oil Ltd")."""
        lower = token.lower_
        if token.tag_ in {"NNS", "NNPS"} and self.examples_of(token):
            # "uses Halvane projects such as Keel and Spar": the examples, not Halvane
            return None
        # "the Orbit project", "OrvellStack-based startups" is handled by its own rule
        modifiers = [
            c
            for c in token.children
            if c.dep_ in {"compound", "nmod", "amod"}
            and c.i in self.mention_at
            and c.i not in self.coref_tokens
        ]
        if not modifiers and lower in self.company_words:
            # "its Lumen Systems computer business": the name modifies the noun before it (a
            # company's part; "Lumen's Orbit card system" is not the system's maker)
            modifiers = [
                g
                for c in token.children
                if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i not in self.mention_at
                for g in c.children
                if g.dep_ in {"compound", "nmod"}
                and g.i in self.mention_at
                and g.i not in self.coref_tokens
            ]
        named = [self.mention_at[c.i] for c in modifiers]
        # "its Irish subsidiary, Tarrow Oil Ltd": the apposition names it
        named_appositions = [
            f
            for c in token.children
            if c.dep_ == "appos" and c.i in self.mention_at and not stray_apposition(c)
            for f in self.fillers(c, depth + 1)
        ]
        if named_appositions and lower in self.generic_nouns:
            return loosen(named_appositions, 0.05)
        if named and token.lemma_.lower() in PLATFORM_NOUNS:
            return []  # "an iOS application", "the Windows version": made for it, not it
        if (
            named
            and (lower in self.generic_nouns or lower in PORTION_NOUNS)
            and not any(c.text == "-" for c in token.children)
            # "four suburban Chicago banks" are not Chicago (shares of X are X's)
            and not (lower not in PORTION_NOUNS and any(c.dep_ == "nummod" for c in token.children))
        ):
            if token.tag_ in {"NNS", "NNPS"}:
                # "its Lumen and Orvell subsidiaries": each name joined to the one before
                # the plural noun is one of them
                listed = [
                    self.mention_at[c.i]
                    for first in modifiers
                    if first.dep_ in {"compound", "nmod"}
                    for c in first.conjuncts
                    if c.i in self.mention_at and c.i not in self.coref_tokens
                ]
                if listed:
                    return [Filler(m, 0.05) for m in dict.fromkeys([named[-1], *listed])]
            return [Filler(named[-1], 0.05)]
        if (
            named
            and token.pos_ == "PROPN"
            and token.dep_ in ANY_SUBJECT_DEPS | {"dobj", "pobj", "conj", "attr"}
            and all(
                c.pos_ == "PROPN" and c.text[:1].isupper()
                for c in token.children
                if c.dep_ == "compound"
            )
        ):
            # "Orvell Global Enterprise acquired ...": a name cut short by the model; the
            # part it found stands for the whole
            return [Filler(named[-1], 0.1)]
        return None

    def _listed(self, token: Token, depth: int) -> list[Filler] | None:
        """A noun standing for the list it introduces: appositions, "such as", "including",
        "the likes of", "everything from X to Y"."""
        lower = token.lower_
        results: list[Filler] = []
        # "makes games for tablets, LumenOS, Orbit": names after a "for"/"on" phrase
        # continue its list (the parser hangs them on the noun), they are not the noun
        recipient = min(
            (c.i for c in token.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}),
            default=len(token.doc),
        )
        for child in token.children:
            if child.dep_ == "appos" and child.i < recipient and not stray_apposition(child):
                results.extend(loosen(self.fillers(child, depth + 1), 0.05))
            elif child.dep_ == "prep" and child.i > recipient and child.lower_ in EXAMPLE_PREPS:
                # "produces content for networks, including X": the examples are of the
                # nearer noun (the networks), however the parser hung them
                continue
            elif child.dep_ == "prep" and (
                child.lower_ in EXAMPLE_PREPS
                or (child.lower_ == "of" and lower == "likes")
                or (child.lower_ in {"from", "to"} and lower in RANGE_NOUNS)
            ):
                if child.lower_ == "as" and not self.such_as(child):
                    continue
                results.extend(loosen(self.pobj_fillers(child, depth), 0.1))
        for clause in token.children:
            if (
                clause.dep_ == "relcl"
                and clause.lemma_.lower() in LIST_VERBS - COPULAS
                and any(
                    c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in clause.children
                )
            ):
                # "from investors who included A and B", "clients that include A": the noun
                # stands for the names its clause lists
                results.extend(
                    loosen(self.fillers(child_with(clause, {"dobj", "attr"}), depth + 1), 0.1)
                )
        if token.dep_ == "pobj" and token.head.lower_ in {"for", "on"}:
            # the other side of the above: "content for networks, including X" names X
            holder = token.head.head
            for child in holder.children:
                if (
                    child.dep_ == "prep"
                    and child.i > token.i
                    and child.lower_ in EXAMPLE_PREPS
                    and (child.lower_ != "as" or self.such_as(child))
                ):
                    results.extend(loosen(self.pobj_fillers(child, depth), 0.1))
        if not results:
            results.extend(loosen(self._such_as_on_verb(token), 0.1))
        if not results and any(c.lower_ in ANNOUNCING_MODIFIERS for c in token.children):
            # "investments in the following startups: A, B and C": the names after the colon
            after = token.right_edge.i + 1
            if after + 1 < len(token.doc) and token.doc[after].text == ":":
                results.extend(loosen(self.fillers(self.name_at(after + 1), depth + 1), 0.1))
        return results or None

    def name_at(self, index: int) -> Token | None:
        """The head word of the name starting at token ``index`` (not a reference back)."""
        mention = self.mention_at.get(index)
        if mention is None or index in self.coref_tokens or self.doc[index].idx != mention.start:
            return None
        root = self.doc[index]
        while root.head.i != root.i and self.mention_at.get(root.head.i) is mention:
            root = root.head
        return root

    def _described(self, token: Token, depth: int) -> list[Filler] | None:
        """A described thing standing for its owner or its subject: "the version of X", "a 20
        pct stake in X", "clouds at Pindle", "a consortium led by X"."""
        lower = token.lower_
        results: list[Filler] = []
        for clause in token.children:
            if clause.dep_ == "acl" and clause.lemma_.lower() in NAMING_VERBS:
                # "makes a chat tool called Y": the name it is given
                for named in clause.children:
                    # (the name right after the verb: "a series called Jane about X" is not X)
                    if named.dep_ in {"oprd", "dobj", "attr"} and named.left_edge.i == clause.i + 1:
                        mention = self.mention_at.get(clause.i + 1)
                        if mention is not None:
                            results.append(Filler(mention, 0.05))
        if results:
            return results
        if lower in STAFF_NOUNS and token.dep_ == "pobj" and token.head.lower_ == "by":
            # "acquisitions made by X's former chiefs": X's
            owner = child_with(token, {"poss"})
            if owner is not None and owner.i in self.mention_at:
                return loosen(self.fillers(owner, depth + 1), 0.1)
        if lower in COVER_NOUNS and token.dep_ == "pobj":
            # "created Y under the aegis of X": under X
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    results.extend(self.pobj_fillers(child, depth))
            if results:
                return results
        if lower in VERSION_NOUNS or lower in CODE_NOUNS:
            # "shipped the first beta version of Corvex", "the source code for X":
            # the thing itself
            preps = {"of", "for"} if lower in CODE_NOUNS else {"of"}
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    results.extend(loosen(self.pobj_fillers(child, depth), 0.05))
            if results:
                return results
        if lower in PORTION_NOUNS:
            share = minority_share(token)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                    results.extend(
                        Filler(f.mention, f.penalty + 0.05, share or f.share)
                        for f in self.pobj_fillers(child, depth)
                    )
                elif child.dep_ == "poss" and (
                    (
                        child.pos_ == "PROPN"
                        and token.dep_ in {"dobj", "nsubjpass"}
                        and token.head.lemma_.lower() not in DISPOSAL_WORDS
                        # "bought X's stake in Y": X held it, X is not what was bought
                        and not held_in_another(token)
                    )
                    # "a tender offer for all its shares": the shares of the one it refers to
                    or (
                        child.i in self.coref_tokens
                        and token.dep_ == "pobj"
                        and token.head.lower_ == "for"
                    )
                    # "a tender offer for all of Y's shares", "bought 51 pct of Y's common
                    # stock", "sold 51 pct of Y's stock to Z": a named company's shares are
                    # its own whoever buys or sells them
                    or (
                        child.pos_ == "PROPN"
                        and token.dep_ in {"pobj", "dobj", "nsubjpass"}
                        and token.lower_ in STOCK_NOUNS
                    )
                ):
                    # "acquired Halden & Dover's retail business" (not "sold its business")
                    results.extend(loosen(self.fillers(child, depth + 1), 0.1))
            if results:
                return results
        if token.tag_ in {"NNS", "NNPS"}:
            # "production clouds at Pindle": the organisations the things belong to
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in {"at", "from"}:
                    results.extend(loosen(self.pobj_fillers(child, depth), 0.15))
            if results:
                return results
        if lower in GROUP_NOUNS:
            # "a consortium led by X and Y": those who lead it
            for clause in token.children:
                if clause.dep_ == "acl" and clause.lemma_.lower() in LEAD_VERBS:
                    results.extend(loosen(self.prep_fillers(clause, frozenset({"by"})), 0.1))
            if results:
                return results
        return None

    def closing_name(self, noun: Token) -> Mention | None:
        """The name set off by commas right after a noun phrase, that the parser hung
        higher up: "an investor in the parent company of this site, Lumen Media Group" (an
        apposition of something above), "sold its European business, Lumen Ltd, to Y" (an
        adverbial noun of the verb above)."""
        if noun.dep_ not in {"pobj", "dobj"}:
            return None
        after = noun.right_edge.i + 1
        if after + 1 >= len(noun.doc) or noun.doc[after].text != ",":
            return None
        follower = noun.doc[after + 1]
        closing = self.mention_at.get(follower.i)
        if closing is None or closing.start != follower.idx:
            return None
        root = follower
        while root.dep_ == "compound" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "appos" and noun.dep_ == "pobj":
            return closing
        if (
            root.dep_ in {"appos", "npadvmod"}
            and any(a.i == root.head.i for a in noun.ancestors)
            and root.i + 1 < len(noun.doc)
            and noun.doc[root.i + 1].text == ","
        ):
            return closing
        return None

    def _enumerated(self, token: Token, depth: int) -> list[Filler] | None:
        """A counted plural the next sentences name one by one: "completed the acquisition of
        four banks ... The banks are A, B, C and D", "sold three of its units ... Included in
        the sale were A, B and C", "two companies ... They are A and B". Only as many names
        as the count, all companies."""
        noun: Token | None = token
        count = _count(token)
        if token.pos_ == "NUM":
            # "three of its units"
            noun = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children
                    if g.dep_ == "pobj"
                ),
                None,
            )
        elif count is None:
            numbers = [_count(c) for c in token.children if c.dep_ == "nummod"]
            count = numbers[0] if numbers else None
        if (
            noun is None
            or count is None
            or count < 2
            or noun.tag_ != "NNS"
            or noun.i in self.mention_at
            or depth > 2
        ):
            return None
        sentence = token.sent
        for _ in range(2):
            if sentence.end >= len(self.doc):
                return None
            sentence = self.doc[sentence.end].sent
            names = self._enumeration(sentence, noun, depth)
            if names is not None:
                return loosen(names, 0.1) if len(names) == count else None
        return None

    def _enumeration(self, sentence: Span, noun: Token, depth: int) -> list[Filler] | None:
        """The names a sentence lists for ``noun``: "The banks are A and B", "They are A and
        B", "Included in the sale were A and B"; None when it lists nothing for it."""
        root = sentence.root
        listed: Token | None = None
        if root.lemma_ == "be":
            subject = child_with(root, {"nsubj"})
            if subject is not None and (
                subject.lower_ in {"they", "these"} or subject.lemma_ == noun.lemma_
            ):
                listed = child_with(root, {"attr"})
        if listed is None:
            for verb in sentence:
                if (
                    verb.lemma_ == "include"
                    and verb.tag_ == "VBN"
                    and any(
                        c.dep_ == "prep"
                        and c.lower_ == "in"
                        and any(g.lemma_.lower() in DEAL_NOUNS for g in c.children)
                        for c in verb.children
                    )
                ):
                    listed = child_with(verb, {"nsubjpass"})
                    break
        if listed is None:
            return None
        return [f for f in self.fillers(listed, depth + 1) if f.mention.label == "Organization"]

    def _governed(self, token: Token, depth: int) -> list[Filler] | None:
        """A noun standing for what the clause around it says it is: the head of its
        apposition, the subject of its copula ("Corvane was among the first users", "X was the
        first to challenge Z"), the attribute of "the titles ... were X and Y"."""
        lower = token.lower_
        if token.dep_ == "appos":
            return loosen(self.described_by(token, depth + 1), 0.05)
        if lower in self.generic_nouns and (closing := self.closing_name(token)) is not None:
            return [Filler(closing, 0.1)]
        if (
            token.dep_ == "pobj"
            and token.head.lower_ == "among"
            and token.head.head.lemma_ in COPULAS
        ):
            # "Corvane was among the first users": the users include Corvane
            subject = child_with(token.head.head, ACTIVE_SUBJECT_DEPS)
            return loosen(self.fillers(subject, depth + 1), 0.05)
        if (
            token.dep_ == "pobj"
            and token.tag_ in {"NNS", "NNPS"}
            and token.head.lower_ == "of"
            and token.head.head.dep_ == "attr"
            and (token.head.head.pos_ == "NUM" or token.head.head.lower_ in PART_WORDS)
            and token.head.head.head.lemma_ in COPULAS
            and any(c.dep_ == "relcl" for c in token.children)
        ):
            # "X and Y are a pair of the projects that ...", "X is one of the firms that ...":
            # the subject is among the ones the clause is about
            subject = child_with(token.head.head.head, ACTIVE_SUBJECT_DEPS)
            return loosen(self.fillers(subject, depth + 1), 0.05)
        if token.dep_ in {"attr", "acomp"}:
            subject = child_with(token.head, ACTIVE_SUBJECT_DEPS)
            if subject is None and token.head.dep_ == "conj":
                # "X sold Y and was the first to take on Z": the first verb's subject
                subject = child_with(token.head.head, ACTIVE_SUBJECT_DEPS)
            if subject is not None:
                return loosen(self.fillers(subject, depth + 1), 0.05)
        if (
            token.dep_ == "nsubj"
            and (lower in self.generic_nouns or token.lemma_.lower() in self.listed_nouns)
            and token.head.lemma_ == "be"
            and (attribute := child_with(token.head, {"attr"})) is not None
        ):
            # "the titles Orvell released were Night Shift and Stone Gates"
            return loosen(self.fillers(attribute, depth + 1), 0.05)
        return None

    def pobj_fillers(self, preposition: Token, depth: int) -> list[Filler]:
        found = [
            f
            for c in preposition.children
            if c.dep_ in {"pobj", "pcomp"}
            for f in self.fillers(c, depth + 1)
        ]
        if preposition.lower_ == "from":  # "from X to Y"
            for child in preposition.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    found.extend(self.pobj_fillers(child, depth + 1))
        if not any(c.dep_ in {"pobj", "pcomp"} for c in preposition.children):
            # "teamed up with Korean network vendor Tellvik to run ...": the parser gave the
            # name to the next clause; a name right after the preposition and its description
            for token in preposition.doc[preposition.i + 1 : preposition.i + 6]:
                mention = self.mention_at.get(token.i)
                if mention is not None:
                    return [Filler(mention, 0.1)]
                if token.pos_ not in {"NOUN", "ADJ", "PROPN", "DET"}:
                    break
        return found

    def prep_fillers(self, token: Token, preps: frozenset[str]) -> list[Filler]:
        results = []
        for child in token.children:
            # spaCy calls the "to" of "sell Y to Z" a dative
            if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
                for preposition in (child, *child.conjuncts):  # "with X and with Y"
                    results.extend(self.pobj_fillers(preposition, 0))
        return results

    def deal_fillers(self, token: Token | None, verb: Token, deal: bool) -> list[Filler]:
        """What changes hands in a deal: a named company, or a described part of one."""
        unit = unit_filler(self, token, verb) if deal and token is not None else None
        return [unit] if unit is not None else self.fillers(token)

    def examples_of(self, group: Token) -> list[Filler]:
        """The names given as examples of a plural noun: "chains such as X", "firms including
        X", "brands like X"."""
        found = [
            f
            for c in group.children
            if c.dep_ == "prep"
            and c.lower_ in EXAMPLE_PREPS
            and (c.lower_ != "as" or self.such_as(c))
            for f in self.pobj_fillers(c, 0)
        ]
        return found or self._such_as_on_verb(group)

    def _such_as_on_verb(self, group: Token) -> list[Filler]:
        """ "direct such projects as  X": the parser may hang the "as" on the verb."""
        if group.dep_ != "dobj" or not any(c.lower_ == "such" for c in group.children):
            return []
        return [
            f
            for c in group.head.children
            if c.dep_ == "prep"
            and c.lower_ == "as"
            and c.i > group.right_edge.i
            and all(t.is_space for t in self.doc[group.right_edge.i + 1 : c.i])
            for f in self.pobj_fillers(c, 0)
        ]

    def latest_body(self, token: Token, reach: int = 120) -> list[Filler]:
        """The last body (a foundation, an alliance, a consortium ...) named before ``token``,
        within ``reach`` tokens and the subject of its clause: the one a list of members
        without an owner belongs to (a body named inside a list is one of the members)."""
        for index in range(token.i - 1, max(-1, token.i - reach), -1):
            mention = self.mention_at.get(index)
            if mention is None or mention.label != "Organization":
                continue
            word = self.doc[index]
            if word.dep_ in ANY_SUBJECT_DEPS and set(mention.name.lower().split()) & BODY_WORDS:
                return [Filler(mention)]
            if (
                word.dep_ == "dobj"
                and word.head.lemma_.lower() in JOINING_VERBS
                and any(
                    self.mention_at[c.i].label == "Organization"
                    for c in word.head.children
                    if c.dep_ in ACTIVE_SUBJECT_DEPS and c.i in self.mention_at
                )
            ):
                # "Acme has joined the Orrin Network ... other members include X": what a
                # company joined is a body, whatever its name
                return [Filler(mention, 0.05)]
        return []

    def previous_subject(
        self,
        token: Token,
        labels: tuple[str, ...] = ("Organization",),
        deps: frozenset[str] = ACTIVE_SUBJECT_DEPS,
    ) -> list[Filler]:
        """The named subject (one of ``deps``, with one of ``labels``) of the sentence before
        ``token``'s."""
        sentence_start = token.sent.start
        if sentence_start == 0:
            return []
        for candidate in token.doc[sentence_start - 1].sent:
            mention = self.mention_at.get(candidate.i)
            if mention is not None and mention.label in labels and candidate.dep_ in deps:
                return [Filler(mention)]
        return []

    def topic_fillers(
        self, token: Token, labels: tuple[str, ...] = ("Organization",)
    ) -> list[Filler]:
        """What the text was last about: the subject of the sentence before, else the latest
        mention with one of ``labels`` ("The decision to back X" after "... for Corvane")."""
        sentence_start = token.sent.start
        subject = self.previous_subject(token, labels)
        if subject:
            return subject
        for index in range(sentence_start - 1, max(-1, sentence_start - 120), -1):
            mention = self.mention_at.get(index)
            if mention is not None and mention.label in labels:
                return [Filler(mention)]
        return []


def held_in_another(noun: Token) -> bool:
    """ "X's stake in Y", "X's 5% holding in the business": a holding its possessor has in
    something else."""
    return noun.lower_ in SHARE_NOUNS and any(
        c.dep_ == "prep" and c.lower_ == "in" for c in noun.children
    )


_COUNTS = {
    word: value
    for value, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
}


def _count(token: Token) -> int | None:
    """The number a numeral says ("four", "4"), or None."""
    if token.text.isdigit():
        return int(token.text)
    return _COUNTS.get(token.lower_)


def unit_filler(context: DocContext, token: Token, governor: Token) -> Filler | None:
    """ "its farm machinery division", "the Test Systems Division of Pell-Warden
    Corp", "a brick kiln plant ... from Halden Clay": a part of a company that is
    bought or sold, named after its owner so that units of different owners stay apart."""
    if token.i in context.mention_at or token.lemma_.lower() not in UNIT_NOUNS:
        return None
    possessor = child_with(token, {"poss"})
    if (
        possessor is not None
        and possessor.pos_ == "PROPN"
        and governor.lemma_.lower() not in DISPOSAL_WORDS | {"sale"}
    ):
        return None  # "bought Globex's retail business": a stake in Globex, as before
    owned = {t.i for t in possessor.subtree} if possessor is not None else set()
    phrase = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.i not in owned]
    if (
        any(t.i in context.mention_at for t in phrase)
        or any(c.dep_ == "appos" and c.i in context.mention_at for c in token.children)
        or context.closing_name(token) is not None
    ):
        # "its Bluebird Coaches unit", "its business, Nolan Pty Ltd": the named company
        return None
    words = [
        t
        for t in phrase
        if t.dep_ not in {"det", "case", "nummod", "predet", "quantmod"}
        and not t.is_punct
        and t.lower_ not in VAGUE_WORDS
        and not t.like_num
    ]
    if len(words) < 2 or token.i - token.left_edge.i > 8:
        return None
    owner = context.fillers(possessor)
    if not owner:
        owner = [
            f
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for f in context.pobj_fillers(c, 0)
        ]
    if not owner:
        owner = context.prep_fillers(governor, frozenset({"from"}))
    if len(owner) != 1 or owner[0].mention.name.lower() in (w.lower_ for w in words):
        return None
    first = words[0]
    mention = Mention(
        text=token.doc[first.i : token.i + 1].text,
        name=f"{owner[0].mention.name} {' '.join(w.text for w in words)}",
        label="Organization",
        start=first.idx,
        end=token.idx + len(token.text),
    )
    return Filler(mention, owner[0].penalty + 0.1)
