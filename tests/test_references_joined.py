"""The "its" of a noun joined to a name in a list ("X and its unit Y") is that name's, not the
clause subject's; in apposition ("Y, its main rival") it is another's. On real parses of
invented sentences."""

from __future__ import annotations

from test_rules_real import found


def test_references_its_after_and_is_the_name_before(nlp) -> None:
    triples = found(nlp, "Lumen Labs sued Brightwater Corp and its unit Kestrel Energy.")
    assert ("Kestrel Energy", "SUBSIDIARY_OF", "Brightwater") in triples, sorted(triples)
    assert not [t for t in triples if t[2] == "Lumen Labs"], sorted(triples)


def test_references_its_in_apposition_is_not_the_name_described(nlp) -> None:
    triples = found(
        nlp, "Brightwater Corp ceded the market to Lumen Labs, its main competitor, in 2010."
    )
    assert ("Brightwater", "COMPETES_WITH", "Lumen Labs") in triples or (
        "Lumen Labs",
        "COMPETES_WITH",
        "Brightwater",
    ) in triples, sorted(triples)


def test_references_its_with_no_joined_name_is_the_subjects(nlp) -> None:
    triples = found(nlp, "Brightwater Corp said its unit Kestrel Energy grew.")
    assert ("Kestrel Energy", "SUBSIDIARY_OF", "Brightwater") in triples, sorted(triples)
