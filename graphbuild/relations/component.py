"""The relation rules as a spaCy component."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Document
from .engine import Extractor
from .ruleset import rule_set


@Language.factory("graphbuild_relation_rules_v1", default_config={"rules_files": []})
def make_relation_rules(nlp: Language, name: str, rules_files: list[str]) -> RelationRules:
    return RelationRules(name=name, rules_files=rules_files)


class RelationRules:
    """The rules as a spaCy component: stores relations in ``doc.user_data``."""

    def __init__(self, *, name: str, rules_files: Iterable[str] = ()) -> None:
        self.name = name
        self.extractor = Extractor(rule_set(rules_files))

    def __call__(self, doc: Doc) -> Doc:
        document = Document(id=doc.user_data.get("graphbuild_doc_id", ""), text=doc.text)
        doc.user_data["graphbuild_relations"] = list(self.extractor.relations(doc, document))
        return doc
