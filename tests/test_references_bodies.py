"""References back to a body by the last word of its name ("the Foundation"), and lists whose
every conjunct backs it, on real parses of invented sentences."""

from __future__ import annotations

from test_rules_real import found


def test_references_the_body_word_names_the_body_named_before(nlp) -> None:
    triples = found(
        nlp,
        "The Orvell Foundation was set up in 2010. At the time, Brightwater Corp, Corvane Inc "
        "and Halden Group backed the OrvellStack software and The Foundation.",
    )
    for sponsor in ("Brightwater", "Corvane", "Halden Group"):
        assert (sponsor, "SPONSORS", "OrvellStack") in triples, sorted(triples)
        # a foundation is sponsored, not invested in
        assert (sponsor, "SPONSORS", "Orvell Foundation") in triples, sorted(triples)


def test_references_a_body_listed_in_the_sentence_is_not_the_one_said_again(nlp) -> None:
    triples = found(
        nlp,
        "The Orvell Foundation was set up in 2010. Brightwater Corp, the Halden Software "
        "Foundation and Corvane Inc backed The Foundation.",
    )
    assert not [t for t in triples if t[2] == "Halden Software Foundation"], sorted(triples)


def test_references_the_body_word_with_its_own_object_is_no_reference(nlp) -> None:
    triples = found(
        nlp,
        "The Orvell Foundation was set up in 2010. Brightwater Corp said the foundation of its "
        "growth was the OrvellStack software.",
    )
    assert not [t for t in triples if "Orvell Foundation" in t], sorted(triples)
