"""Named mentions: each organisation, product or person name with the name the document means.

"Merivale said ..." after "Merivale Power Inc" is Merivale Power; "HDS" after "Halden Data
Systems (HDS)" is Halden Data Systems; "Pellow" after "Arthur Pellow" is Arthur Pellow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..canonical import Canonicalizer, clean_name, default_canonicalizer
from ..entities.aliases import defined_alias, renamed_alias
from ..entities.gazetteer import gazetteer_canonicalizer
from ..entities.labels import MENTIONS_KEY, NAMED_LABELS, ORG, PERSON
from ..entities.words import LEGAL, Lexicon, default_lexicon, load_lexicon


@Language.factory(
    "graphbuild_mentions_v1",
    default_config={"gazetteer_files": [], "gazetteer_index": None, "lexicon": None},
)
def make_mentions(
    nlp: Language,
    name: str,
    gazetteer_files: list[str],
    gazetteer_index: str | None,
    lexicon: str | None,
) -> NameResolver:
    """``gazetteer_files``: the user's gazetteers (a name they know is whole); ``lexicon``: a
    lexicon file to use instead of the packaged one."""
    return NameResolver(
        name=name,
        lexicon=load_lexicon(lexicon),
        canonicalizer=gazetteer_canonicalizer(gazetteer_files, gazetteer_index),
    )


class NameResolver:
    """Writes ``doc.spans["graphbuild_mentions"]``: the organisation, product and person
    mentions, each span's ``id_`` the name the document means by it. People are mentions too
    ("Arthur Pellow ... told the SEC he has bought ...")."""

    def __init__(
        self,
        *,
        name: str = "graphbuild_mentions_v1",
        lexicon: Lexicon | None = None,
        canonicalizer: Canonicalizer | None = None,
    ) -> None:
        self.name = name
        self.lexicon = lexicon or default_lexicon()
        self.canonicalizer = canonicalizer or default_canonicalizer()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NameResolver:
        return self

    def __call__(self, doc: Doc) -> Doc:
        surnames = {
            span[-1].text for span in doc.ents if span.label_ == PERSON and whole_person(span)
        }
        entities = [
            span
            for span in doc.ents
            if span.label_ in NAMED_LABELS
            or (
                span.label_ == PERSON
                and (whole_person(span) or (len(span) == 1 and span.text in surnames))
                # "Tamil films": a word the model took for a person's name, modifying a noun
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
        return doc

    def _short_names(self, doc: Doc, entities: list[Span]) -> list[Span]:
        """ "Merivale said ..." after "Merivale Power Inc": an untagged proper name that is the
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
        by_start = {span.start: span for span in entities if span.label_ in NAMED_LABELS}
        for span in entities:
            # "Orvell Web Services (OWS)", "Northern Continental Gas Association, NC Gas,": the
            # short form the document defines means the full name; "Halden Park Inc (now
            # Orvell Entertainment)": so does the other name it gives the same company
            alias = (
                (defined_alias(span) or renamed_alias(span, by_start))
                if span.label_ in NAMED_LABELS
                else None
            )
            if alias is not None and clean_name(alias.text) not in acronyms:
                acronyms[clean_name(alias.text)] = (clean_name(span.text), span.label_)
        written = WrittenNames({clean_name(span.text): span.label_ for span in entities})
        resolved: dict[int, str] = {}
        for span in entities:
            name = self.canonicalizer.product_company(span.text) or clean_name(span.text)
            if name in acronyms and acronyms[name][1] == span.label_:
                name = acronyms[name][0]
            elif span.label_ == PERSON:
                name = written.full_person_name(name)
            elif not self.canonicalizer.entry(name) and not (
                # "Nodal Corporation" after "Nodal Minister Corporation": a name written with
                # its own legal form is whole
                len(span) > 1 and span[-1].text.rstrip(".").lower() in LEGAL
            ):
                name = written.longer_name(name, span.label_)
            resolved[span.start] = name
        return resolved


class WrittenNames:
    """The names a document writes out in full, indexed once by their opening and closing words.

    "Merivale" and "Pellow" are looked up, not compared with every name of the document (a
    pass per mention made entity-dense text quadratic).
    """

    def __init__(self, full_names: dict[str, str]) -> None:
        # (opening words, label) -> the longer names of that label starting with them
        self._by_start: dict[tuple[str, str], list[str]] = defaultdict(list)
        # closing words -> the longer names of people ending with them
        self._by_end: dict[str, list[str]] = defaultdict(list)
        for full, label in full_names.items():
            index = full.find(" ")
            while index != -1:
                self._by_start[full[:index], label].append(full)
                if label == PERSON:
                    self._by_end[full[index + 1 :]].append(full)
                index = full.find(" ", index + 1)

    def full_person_name(self, name: str) -> str:
        """ "Pellow" means "Arthur Pellow" when that is the only person of that surname."""
        candidates = self._by_end.get(name, ())
        return candidates[0] if len(candidates) == 1 else name

    def longer_name(self, name: str, label: str) -> str:
        """ "Merivale" means "Merivale Power" when that is the only longer name it starts."""
        candidates = self._by_start.get((name, label), ())
        return candidates[0] if len(candidates) == 1 else name


def whole_person(span: Span) -> bool:
    """A person's name with at least a first and a last word: "Arthur Pellow", "Carl C. Holm"."""
    return len(span) > 1 and all(token.text[:1].isupper() for token in span)
