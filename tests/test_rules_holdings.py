"""A holding counted out ("the group, which owns 30% of Y") makes its owner an investor in Y,
not Y's parent, whichever ownership rule reads it; on real parses of invented sentences."""

from __future__ import annotations

from test_rules_real import found


def test_rules_holdings_counted_out_make_no_parent(nlp) -> None:
    # the rule that reads a unit running Y retypes it as the ownership rule does
    triples = found(nlp, "He returned to the Kestrel group, which owns 30% of Lumen Labs.")
    assert ("Kestrel", "INVESTS_IN", "Lumen Labs") in triples, sorted(triples)
    assert ("Lumen Labs", "SUBSIDIARY_OF", "Kestrel") not in triples, sorted(triples)
