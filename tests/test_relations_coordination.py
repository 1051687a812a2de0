"""Names joined by commas and "and" are a list however the parser reads them, two names joined by
"and" stay two, and a phrasal verb is its own verb.

The small model often parses "Kestrel Capital and Tessaly Ventures" as one noun phrase, with
no conjunct on the role's word, and hangs a list's first name on the verb as an interjection.
Sentences are written for the project (invented names), run through the real spaCy model.
"""

from __future__ import annotations

import pytest
from test_rules_real import found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lumen Labs is backed by Kestrel Capital and Tessaly Ventures.",
            {
                ("Kestrel Capital", "INVESTS_IN", "Lumen Labs"),
                ("Tessaly Ventures", "INVESTS_IN", "Lumen Labs"),
            },
        ),
        # two names, though the model and the parser run them together
        (
            "Lumen Labs is backed by Norfield Capital and Halvard Ventures.",
            {
                ("Norfield Capital", "INVESTS_IN", "Lumen Labs"),
                ("Halvard Ventures", "INVESTS_IN", "Lumen Labs"),
            },
        ),
        (
            "Brightwater Corp, Kestrel Labs and Tallis Systems have signed on to the Orrin "
            "Alliance.",
            {
                ("Brightwater", "MEMBER_OF", "Orrin Alliance"),
                ("Kestrel Labs", "MEMBER_OF", "Orrin Alliance"),
                ("Tallis Systems", "MEMBER_OF", "Orrin Alliance"),
            },
        ),
    ],
)
def test_relations_coordination_every_name_of_a_flat_list(nlp, text, expected):
    triples = set(found(nlp, text))
    assert expected <= triples
    # signing on to an alliance is joining it, not an agreement among the signers
    assert not {t for t in triples if t[1] == "PARTNERS_WITH"}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # two clauses: the second name is the subject of its own verb
        (
            "Brightwater Corp acquired Lumen Labs, and Kestrel Labs said it would appeal.",
            ("Brightwater", "ACQUIRED", "Kestrel Labs"),
        ),
        # commas without "and": an apposition as often as a list
        (
            "Brightwater Corp acquired Lumen Labs, Kestrel Labs said on Monday.",
            ("Brightwater", "ACQUIRED", "Kestrel Labs"),
        ),
        # the rest of an outer list, not more owners of the arm
        (
            "Investors include Kettle Ventures, the venture arm of Brassmoor Group, Pindle Corp "
            "and Tovi Inc.",
            ("Kettle Ventures", "SUBSIDIARY_OF", "Pindle"),
        ),
    ],
)
def test_relations_coordination_no_list_where_the_grammar_has_none(nlp, text, absent):
    assert absent not in found(nlp, text)


@pytest.mark.parametrize(
    "name",
    ["Kelton Gas and Fuel Associates", "Marlow Power and Light Company"],
)
def test_relations_coordination_names_that_share_their_last_words_stay_whole(nlp, name):
    doc = nlp(f"{name} raised its dividend on Monday.")
    assert name in {entity.text for entity in doc.ents}


def test_relations_coordination_every_two_of_three_rivals(nlp):
    triples = found(nlp, "Brightwater Corp, Lumen Labs and Orvell Systems are rivals.")
    pairs = {frozenset((head, tail)) for head, kind, tail in triples if kind == "COMPETES_WITH"}
    assert pairs == {
        frozenset(("Brightwater", "Lumen Labs")),
        frozenset(("Brightwater", "Orvell Systems")),
        frozenset(("Lumen Labs", "Orvell Systems")),
    }
