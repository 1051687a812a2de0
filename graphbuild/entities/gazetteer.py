"""The gazetteer as the entity components see it: a ruler that marks its names in the text,
and a canonicalizer for the fixer and the mention resolver.

Both read one compiled index (:mod:`graphbuild.gazetteer_index`) of the packaged gazetteer
and the user's files, opened once per process: a build compiles it on disk and its workers
open that file, so a large user gazetteer is held once by the machine, not once per worker.
The components take the user's files (``gazetteer_files``) and that index (``gazetteer_index``,
or none: compiled in memory) as settings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..canonical import Canonicalizer, default_canonicalizer, name_key
from ..gazetteer_index import PREFIX_CHARS, GazetteerIndex, open_index, spelling
from .labels import ORG, PRODUCT

# The entity_ruler's separator of label and id in a match key (spacy.pipeline.entityruler).
_ENT_ID_SEP = "||"


def gazetteer_canonicalizer(
    files: Sequence[str | Path] = (), index: str | Path | None = None
) -> Canonicalizer:
    """A canonicalizer over the packaged gazetteer and the user's ``files`` (through their
    compiled ``index``, when there is one)."""
    if not files:
        return default_canonicalizer()
    return _canonicalizer(open_index(files, index))


@lru_cache(maxsize=4)
def _canonicalizer(index: GazetteerIndex) -> Canonicalizer:
    # one per index, so the components of a process share it (and its remembered keys)
    return Canonicalizer.over(index.entry)


@Language.factory(
    "graphbuild_gazetteer_v1",
    default_config={"gazetteer_files": [], "gazetteer_index": None},
)
def make_gazetteer_ruler(
    nlp: Language, name: str, gazetteer_files: list[str], gazetteer_index: str | None
) -> GazetteerRuler:
    """``gazetteer_files``: the user's gazetteers, added to the packaged one;
    ``gazetteer_index``: where the build compiled them (else they are compiled in memory)."""
    return GazetteerRuler(nlp, open_index(gazetteer_files, gazetteer_index), name=name)


class GazetteerRuler:
    """The gazetteer's names and aliases as entities, overwriting the model's where they
    overlap: what spaCy's ``entity_ruler`` did with every name as a phrase pattern matched on
    ``ORTH``, the same spans, labels and ids, without a pattern per name in memory.

    A run of tokens is a name when it spells the name (the index is looked up by the text
    without whitespace) and its tokens are the ones the tokenizer makes of the name.
    """

    def __init__(
        self, nlp: Language, index: GazetteerIndex, *, name: str = "graphbuild_gazetteer"
    ) -> None:
        self.name = name
        self.index = index
        self.tokenizer = nlp.tokenizer
        self.strings = nlp.vocab.strings
        # names found so far, as tokens: one tokenizer call per name, not per match
        self._tokens: dict[str, tuple[str, ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every name in ``doc``, longest first, then leftmost:
        the entity_ruler's order."""
        words = [token.text for token in doc]
        pieces = [spelling(word) for word in words]
        longest, widest = self.index.longest_spelling, self.index.longest_alias
        prefixes = self.index.prefixes
        runs: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        for start in range(len(words)):
            spelled = ""
            for end in range(start + 1, min(len(words), start + widest) + 1):
                spelled += pieces[end - 1]
                if len(spelled) > longest:
                    break
                if len(spelled) < PREFIX_CHARS:
                    # as short as a whole name: looked up only if it is one
                    if spelled in prefixes:
                        runs[spelled].append((start, end))
                    continue
                if spelled[:PREFIX_CHARS] not in prefixes:
                    break  # no name begins so, nor will a longer run from here
                runs[spelled].append((start, end))
        matches = set()
        for spelled, names in self.index.spelled(runs).items():
            for alias, entry in names:
                tokens = self._words(alias)
                for start, end in runs[spelled]:
                    if tuple(words[start:end]) == tokens:
                        label = ORG if entry.label == "Organization" else PRODUCT
                        key = self.strings.add(f"{label}{_ENT_ID_SEP}{name_key(entry.name)}")
                        matches.add((key, start, end))
        return sorted(matches, key=lambda match: (match[2] - match[1], -match[1]), reverse=True)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int]]) -> Doc:
        """The entity_ruler's ``set_annotations`` with ``overwrite_ents``: each match that
        does not overlap a longer one replaces the entities it overlaps."""
        entities = list(doc.ents)
        new_entities = []
        seen_tokens: set[int] = set()
        for match_id, start, end in matches:
            # the matches come longest first: a shorter one overlapping a taken one has an
            # end inside it
            if start not in seen_tokens and end - 1 not in seen_tokens:
                label, _, ent_id = self.strings[match_id].partition(_ENT_ID_SEP)
                new_entities.append(Span(doc, start, end, label=label, span_id=ent_id))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.ents = entities + new_entities
        return doc

    def _words(self, alias: str) -> tuple[str, ...]:
        tokens = self._tokens.get(alias)
        if tokens is None:
            tokens = self._tokens[alias] = tuple(token.text for token in self.tokenizer(alias))
        return tokens

    def to_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> None:
        """Nothing to save: the gazetteer is read from its files."""

    def from_disk(self, path: str | Path, *, exclude: Sequence[str] = ()) -> GazetteerRuler:
        return self
