"""Company names as wire copy prints them, through the real model: names joined by the
conjunction of the company's own language before its legal form, and a place that ends the
name before "and" instead of beginning the next. Sentences written for these tests."""

from __future__ import annotations

import pytest

from graphbuild.nlp import make_doc


def _names(nlp, text: str) -> set[str]:
    doc = nlp(make_doc(nlp, text))
    return {span.text for span in doc.ents if span.label_ == "ORG"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Halden KGaA plans to sell its subsidiary Lumen und Orvell GmbH to Corvane AG soon.",
            "Lumen und Orvell GmbH",
        ),
        (
            "Halden AB has found a buyer for its Portuguese unit, Sociedade de Lumen e Orvell "
            "Florestais Sarl: Corvane Group.",
            "Lumen e Orvell Florestais Sarl",
        ),
        ("Rogers and Kestrel Inc said it bought Lumen Labs.", "Rogers and Kestrel Inc"),
    ],
)
def test_entities_wire_names_joined_by_a_conjunction_are_one_name(nlp, text, name) -> None:
    assert name in _names(nlp, text)


def test_entities_wire_names_place_after_of_ends_the_name_before_and(nlp) -> None:
    names = _names(
        nlp,
        "Halden Inc sold its unit to Compagnie des Machines Corvane of France and Orvell Corp "
        "of Japan.",
    )
    assert "Orvell Corp" in names
    assert not [n for n in names if n.startswith("France")]
