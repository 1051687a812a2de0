"""The relation rules as a spaCy component (``graphbuild_relation_rules_v1``: spaCy allows no
dots in factory names).

Its settings come through the factory's config, as spaCy components take theirs::

    nlp.add_pipe(
        "graphbuild_relation_rules_v1",
        config={"rules_files": ["my_rules.yaml"], "gazetteer_files": ["my_names.jsonl"]},
    )

The relations of each document are stored in ``doc.user_data["graphbuild_relations"]``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..entities.gazetteer import gazetteer_canonicalizer
from ..records import Document
from .engine import Extractor
from .ruleset import rule_set


@Language.factory(
    "graphbuild_relation_rules_v1",
    default_config={
        "rules_files": [],
        "gazetteer_files": [],
        "gazetteer_index": None,
        "keep_uncertain": False,
    },
)
def make_relation_rules(
    nlp: Language,
    name: str,
    *,
    rules_files: list[str],
    gazetteer_files: list[str],
    gazetteer_index: str | None,
    keep_uncertain: bool,
) -> RelationRules:
    return RelationRules(
        name=name,
        rules_files=rules_files,
        gazetteer_files=gazetteer_files,
        gazetteer_index=gazetteer_index,
        keep_uncertain=keep_uncertain,
    )


class RelationRules:
    """The rules as a spaCy component: stores relations in ``doc.user_data``."""

    def __init__(
        self,
        *,
        name: str,
        rules_files: Iterable[str] = (),
        gazetteer_files: Iterable[str] = (),
        gazetteer_index: str | None = None,
        keep_uncertain: bool = False,
    ) -> None:
        self.name = name
        self.extractor = Extractor(
            rule_set(rules_files),
            keep_uncertain=keep_uncertain,
            # the index the other components read, when the build compiled one
            gazetteer=gazetteer_canonicalizer(tuple(gazetteer_files), gazetteer_index),
        )

    def __call__(self, doc: Doc) -> Doc:
        document = Document(id=doc.user_data.get("graphbuild_doc_id", ""), text=doc.text)
        doc.user_data["graphbuild_relations"] = list(self.extractor.relations(doc, document))
        return doc
