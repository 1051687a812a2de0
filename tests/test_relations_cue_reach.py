"""How far a cue word reaches: not into a verb after a preposition ("before informing Y",
"after partnering with Y"), which says another act and concerns other names; on real parses of
invented sentences."""

from __future__ import annotations

import pytest
from test_rules_real import found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Brightwater Corp said it uncovered billing errors at an Oslo-based subsidiary last "
            "spring and hired outside auditors before alerting the Orvell Trade Commission.",
            ("Brightwater", "SUBSIDIARY_OF", "Orvell Trade Commission"),
        ),
        (
            "Brightwater Corp opened a subsidiary in Oslo after partnering with Lumen Labs.",
            ("Brightwater", "SUBSIDIARY_OF", "Lumen Labs"),
        ),
    ],
)
def test_relations_cue_reach_stops_at_a_verb_after_a_preposition(nlp, text, absent) -> None:
    triples = found(nlp, text)
    assert absent not in triples, sorted(triples)
    assert (absent[2], absent[1], absent[0]) not in triples, sorted(triples)


def test_relations_cue_reach_keeps_the_grammar_of_that_verb(nlp) -> None:
    # the verb's own reading still links what it says
    triples = found(
        nlp, "Brightwater Corp opened a subsidiary in Oslo after partnering with Lumen Labs."
    )
    assert ("Brightwater", "PARTNERS_WITH", "Lumen Labs") in triples, sorted(triples)
