"""Short forms a document defines for a name ("Halvern Data Systems (HDS)") and the test that
decides whether a short form spells a name."""

from __future__ import annotations

import pytest

from graphbuild.nlp import COREF_KEY, MENTIONS_KEY, _abbreviates, make_doc


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("HDS", "Halvern Data Systems", True),
        ("ETL", "Evrimond Tasman Ltd", True),  # the legal form counts
        ("NC Gas", "Northern Continental Gas Association", True),
        ("BWA", "Borel-Wendt Australia Ltd", True),
        ("UK", "Castlebury Holdings", False),
        ("HP", "Cisco", False),
        ("X", "Xerafin", False),  # one letter is no abbreviation
    ],
)
def test_canonical_aliases_abbreviation_test(short: str, full: str, expected: bool) -> None:
    assert _abbreviates(short, full) is expected


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("Halvern Data Systems (HDS) said HDS would expand.", "HDS", "Halvern Data Systems"),
        (
            "Castlebury Holdings UK Ltd. ('Brackwell') agreed to buy the plant."
            " Brackwell said the deal would close in May.",
            "Brackwell",
            "Castlebury Holdings UK",
        ),
        (
            "Northern Continental Gas Association, NC Gas, said it bought Pellow Group.",
            "NC Gas",
            "Northern Continental Gas Association",
        ),
    ],
)
def test_canonical_aliases_defined_short_form_means_the_full_name(nlp, text, short, full) -> None:
    doc = nlp(make_doc(nlp, text))
    mentions = [(span.text, span.id_) for span in doc.spans[MENTIONS_KEY]]
    assert any(name == full for _, name in mentions)
    uses = [name for surface, name in mentions if surface == short]
    assert uses and all(name == full for name in uses)  # every use, not only the definition


def test_canonical_aliases_name_before_the_brackets_is_kept_whole(nlp) -> None:
    doc = nlp(make_doc(nlp, "Halvern Data Systems (HDS) said HDS would expand its business."))
    assert "Halvern Data Systems" in {span.text for span in doc.ents}
    assert "Halvern" not in {span.text for span in doc.ents}
    assert {span.id_ for span in doc.spans[COREF_KEY]} <= {"Halvern Data Systems"}
