"""The entity fixer: graphbuild's corrections to the model's entities, step by step.

Each step is a function of its own module; the fixer only runs them in order:

1. boundaries: the written name around a gazetteer match (``merges``), owners and owned and
   names run together split apart (``splits``), names before a legal form (``legal``), edges
   trimmed (``trims``), touching pieces joined (``merges``), non-entities dropped (``filters``);
2. names the model missed: members of a list with an organisation and listed titles
   (``lists``), untyped names acting as companies (``actors``), names sharing a head word;
3. labels: each name's evidence (``vote.label_of``), then one label per name (``vote.vote``);
4. a name found once, where the document writes it again and the model missed it
   (``repeats``);
5. short forms the document defines (``aliases``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..canonical import Canonicalizer, default_canonicalizer
from .actors import untagged_actors
from .aliases import defined_aliases
from .filters import kept_kind, not_entity
from .gazetteer import gazetteer_canonicalizer
from .labels import MODEL_ENTITIES_KEY, NAMED_LABELS, PERSON
from .legal import legal_names
from .lists import listed_titles, listed_with_organisations
from .merges import (
    format_names,
    merge_adjacent,
    modified_name_words,
    shared_heads,
    written_names,
)
from .repeats import repeated_names
from .splits import split_inside, split_possessive
from .tokens import DocumentNames
from .trims import LongerNames, trim
from .vote import label_of, person_named_in_full, vote
from .web import web_names
from .words import Lexicon, default_lexicon, load_lexicon


@Language.component("graphbuild_model_entities_v1")
def keep_model_entities(doc: Doc) -> Doc:
    """Keeps the model's entities in ``doc.spans`` for the entity fixer: a gazetteer name
    shorter than the model's ("QX" in "QX Studio") must not cut the written one."""
    doc.spans[MODEL_ENTITIES_KEY] = list(doc.ents)
    return doc


@Language.factory(
    "graphbuild_entity_fixer_v1",
    default_config={"gazetteer_files": [], "gazetteer_index": None, "lexicon": None},
)
def make_entity_fixer(
    nlp: Language,
    name: str,
    gazetteer_files: list[str],
    gazetteer_index: str | None,
    lexicon: str | None,
) -> EntityFixer:
    """``gazetteer_files``: the user's gazetteers, added to the packaged one (names they know
    keep their label); ``lexicon``: a lexicon file to use instead of the packaged one."""
    return EntityFixer(
        name=name,
        lexicon=with_english_words(load_lexicon(lexicon), nlp),
        canonicalizer=gazetteer_canonicalizer(gazetteer_files, gazetteer_index),
    )


def with_english_words(lexicon: Lexicon, nlp: Language) -> Lexicon:
    """The lexicon with the words of English the pipeline's lemmatizer indexes, if it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return lexicon
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return lexicon
    index = lookups.get_table("lemma_index")
    words = frozenset(
        word.lower() for part in ("noun", "verb", "adj", "adv") for word in index.get(part, [])
    )
    return dataclasses.replace(lexicon, english_words=words)


class EntityFixer:
    """Corrects NER output for business news: labels from context, splits, merges and drops."""

    def __init__(
        self,
        *,
        name: str = "graphbuild_entity_fixer_v1",
        lexicon: Lexicon | None = None,
        canonicalizer: Canonicalizer | None = None,
    ) -> None:
        self.name = name
        self.lexicon = lexicon or default_lexicon()
        self.canonicalizer = canonicalizer or default_canonicalizer()

    def __call__(self, doc: Doc) -> Doc:
        lexicon = self.lexicon
        # the entities as the model and the gazetteer left them, indexed once for every step
        names = DocumentNames(doc)
        spans = [
            part
            for entity in written_names(doc)
            for span in split_possessive(entity, lexicon)
            for part in split_inside(span, lexicon, names=names)
        ]
        spans.extend(legal_names(doc, spans, lexicon, names))
        spans.extend(web_names(doc, spans))
        longer_names = LongerNames(doc)
        trimmed = [trim(span, lexicon, longer_names) for span in spans]
        spans = merge_adjacent([span for span in trimmed if span is not None])
        spans = [span for span in spans if not not_entity(span, lexicon, names)]
        spans = modified_name_words(spans, lexicon)
        spans = format_names(doc, spans, lexicon)
        spans.extend(listed_with_organisations(doc, spans, lexicon))
        spans.extend(untagged_actors(doc, spans, lexicon, names))
        spans.extend(listed_titles(doc, spans, lexicon))
        spans = shared_heads(doc, spans, lexicon)
        labelled = [
            Span(
                doc,
                s.start,
                s.end,
                label=label_of(s, lexicon, self.canonicalizer, names),
                span_id=s.id,
            )
            for s in spans
        ]
        # a role in the sentence ("X acquired ...", "X is a retailer") outweighs the model's guess
        evidenced = {
            (old.start, old.end)
            for old, new in zip(spans, labelled, strict=True)
            if (new.label_ in NAMED_LABELS and new.label_ != old.label_)
            # "Roe said" after "Jane Roe": the person's written name outweighs one misread
            # role ("the company Roe founded")
            or (new.label_ == PERSON and person_named_in_full(new, lexicon, names))
        }
        labelled = [
            kept_kind(model, fixed, lexicon)
            for model, fixed in zip(spans, vote(doc, labelled, lexicon, evidenced), strict=True)
        ]
        labelled.extend(repeated_names(doc, labelled, lexicon, names))
        labelled = defined_aliases(doc, labelled)
        doc.ents = spacy.util.filter_spans(labelled)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityFixer:
        return self
