"""People the model takes for companies, told by a title: "Mr Roe" read whole, "Jane Roe, the
billionaire owner of ...", "the tycoons Jane Roe and ..."; on real parses of invented
sentences."""

from __future__ import annotations

import pytest
from test_rules_real import found

from graphbuild.nlp import MENTIONS_KEY, make_doc


def _label(nlp, text: str, name: str) -> str | None:
    doc = nlp(make_doc(nlp, text))
    return next((s.label_ for s in doc.spans[MENTIONS_KEY] if s.text == name), None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Whatever his abilities, Mr Haverly transformed Lumen Labs into a telecoms giant "
            "and investor darling.",
            "Mr Haverly",
        ),
        (
            "It received a statement from Tom Brack, the billionaire Corvane owner, confirming "
            "he was not bidding.",
            "Tom Brack",
        ),
    ],
)
def test_entities_titles_make_a_person_no_company(nlp, text: str, name: str) -> None:
    assert _label(nlp, text, name) != "ORG"


def test_entities_titles_person_takes_no_part_in_a_cue(nlp) -> None:
    text = (
        "Whatever his abilities, Mr Haverly transformed Lumen Labs into a telecoms giant and "
        "investor darling."
    )
    assert found(nlp, text) == {}


def test_entities_titles_company_before_a_title_noun_stays_a_company(nlp) -> None:
    # "the maker" is no person's title
    assert _label(nlp, "Lumen Labs, the maker of pumps, said so.", "Lumen Labs") == "ORG"
