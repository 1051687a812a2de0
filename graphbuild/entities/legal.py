"""Boundaries from legal forms: capitalised words before "Inc", "Ltd", "GmbH and Co KG"."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .labels import (
    ORG,
)
from .splits import name_ending
from .tokens import DocumentNames, is_name_word
from .words import (
    LEGAL,
    NAME_CONJUNCTIONS,
    Lexicon,
)


def legal_names(
    doc: Doc, spans: list[Span], lexicon: Lexicon, names: DocumentNames | None = None
) -> list[Span]:
    """ "Neovar Inc", "Rollins and Crane Inc": capitalised words before a legal form are a
    company the model may have missed; they replace the model's spans they overlap."""
    found = []
    known = {token.i: span for span in spans if span.id_ for token in span}
    taken = set(known)
    absorbed: set[int] = set()  # starts of gazetteer names that are part of a longer name
    # "Scott's Lodging Inc" as the model found it is a whole name (see split_possessive)
    ends = {span.end - 1 for span in spans if len(span) > 2 and span[1].lower_ in {"'s", "\u2019s"}}
    for token in doc:
        if token.text.rstrip(".").lower() not in LEGAL or not token.text[:1].isupper():
            continue
        if token.i in ends:
            continue
        start = token.i
        while start > 0 and start - 1 not in taken:
            previous = doc[start - 1]
            before = doc[start - 2] if start >= 2 else None
            if (
                (is_name_word(previous) and previous.lower_ not in {"the", "said"})
                or (
                    # "Rollins and Crane Inc", "Federal Home and Loan Guarantee Corp"
                    # (but "RNA Botanics and Lumen Growth Corp" are two companies: see
                    # listed_names)
                    previous.lower_ in NAME_CONJUNCTIONS
                    and before is not None
                    and is_name_word(before)
                    # "sold it to Corvane of France and Orvell Corp": a place after "of" or
                    # "in" ends the name before it, it does not begin the next
                    and not (
                        before.text in lexicon.place_names
                        and start >= 3
                        and doc[start - 3].lower_ in {"of", "in"}
                    )
                    and (
                        start >= token.i - 1
                        or start < 3
                        or not is_name_word(doc[start - 3])
                        or name_ending(before.text, lexicon)
                        or name_ending(doc[token.i - 1].text, lexicon)
                    )
                    # "Cadmir and Avonel Corp ... Cadmir": a word named on its own
                    # elsewhere is another company
                    and not (
                        (start < 3 or not is_name_word(doc[start - 3]))
                        and before.text
                        in (names or DocumentNames(doc)).alone(start - 2, token.i + 1)
                    )
                    # "Merivale Power Inc and Castleby Corp" are two companies, but
                    # "Bexler GmbH and Co KG" is one
                    and (
                        before.text.rstrip(".").lower() not in LEGAL
                        or all(
                            doc[i].text.rstrip(".").lower() in LEGAL
                            for i in range(start, token.i + 1)
                        )
                    )
                )
                or (
                    # "National Bank of Veloria Bhd" (but not "Stuart Pell of Orvell Ltd")
                    previous.lower_ == "of"
                    and before is not None
                    and before.text in lexicon.org_name_words
                )
                or (
                    previous.text == ","
                    and before is not None
                    and is_name_word(before)
                    and (
                        start == token.i  # "Lewin Gallo Toys, Inc."
                        # "Hallworth, Pryor and Co"
                        or (start == token.i - 2 and doc[token.i - 1].lower_ in {"and", "&"})
                        # "Warbeck, Pinkus Capital Corp" as the model found it: one name
                        or any(s.start < start - 1 and start < s.end for s in spans)
                    )
                )
            ):
                start -= 1
            elif (
                previous.text in {"-", "/"}
                and start >= 2
                and not previous.whitespace_
                and not doc[start - 2].whitespace_
                and is_name_word(doc[start - 2])
            ):
                start -= 1  # "Holm-Warden Ltd"
            else:
                break
        if (
            start - 1 in known
            and start < token.i
            and all(doc[i].text in lexicon.org_name_words for i in range(start, token.i))
        ):
            # "Brightwater Holdings PLC": a known name with a holding word is a longer name
            absorbed.add(known[start - 1].start)
            start = known[start - 1].start
        while start < token.i and not is_name_word(doc[start]):
            start += 1  # a name does not begin with "and"
        if start < token.i and doc[start].lower_ != "the":
            found.append(Span(doc, start, token.i + 1, label=ORG))
    if not found:
        return []
    claimed = {token.i for span in found for token in span}
    # the model's pieces of a name found here give way to the whole name
    kept = [
        span
        for span in spans
        if (span.id_ and span.start not in absorbed)
        or not any(token.i in claimed for token in span)
    ]
    spans[:] = kept
    return found
