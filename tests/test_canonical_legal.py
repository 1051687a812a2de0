"""Legal forms dropped from display names, with and without full stops."""

from __future__ import annotations

import pytest

from graphbuild.canonical import LEGAL_WORDS, Canonicalizer, GazetteerEntry, clean_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tolland Drilling Inc.", "Tolland Drilling"),
        ("Harnock N.V.", "Harnock"),  # wire copy writes the form with full stops
        ("Velloni, S.A.", "Velloni"),
        ("Orvell Partners L.P.", "Orvell Partners"),
        ("Sa Sa Pellow", "Sa Sa Pellow"),  # only a form at the end is one
    ],
)
def test_canonical_legal_forms_are_dropped(text: str, expected: str) -> None:
    assert clean_name(text) == expected


def test_canonical_legal_dotted_forms_are_legal_words() -> None:
    # the entity fixer compares a token without its last full stop: "N.V." -> "n.v"
    assert {"n.v", "s.a", "l.p"} <= LEGAL_WORDS


def test_canonical_legal_form_beside_a_known_product_names_the_company() -> None:
    canonicalizer = Canonicalizer(
        [
            GazetteerEntry("Quarkbase", "Product"),
            GazetteerEntry("Tolland", "Organization"),
        ]
    )
    # the company behind a product of the same name is another node, named in full
    assert canonicalizer.key("Quarkbase AB") != canonicalizer.key("Quarkbase")
    assert canonicalizer.display_name("Quarkbase AB") == "Quarkbase AB"
    assert canonicalizer.known_label("Quarkbase AB") is None
    # an organisation's legal form still folds into its entry
    assert canonicalizer.key("Tolland Inc.") == canonicalizer.key("Tolland")
    assert canonicalizer.display_name("Tolland Inc.") == "Tolland"


def test_canonical_a_known_products_plural_is_the_product() -> None:
    canonicalizer = Canonicalizer(
        [GazetteerEntry("Zorbphone", "Product"), GazetteerEntry("Quibly", "Organization")]
    )
    assert canonicalizer.key("Zorbphones") == canonicalizer.key("Zorbphone")
    assert canonicalizer.display_name("Zorbphones") == "Zorbphone"
    # an organisation's name ending in "s" is its own ("Quiblys" is not "Quibly")
    assert canonicalizer.key("Quiblys") != canonicalizer.key("Quibly")
