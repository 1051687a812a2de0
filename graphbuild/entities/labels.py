"""The labels and ``doc.spans`` keys the entity and mention components share.

spaCy's labels are the ones graphbuild works with inside a ``Doc``; ``LABEL_NAMES`` maps the
three it keeps to the graph's node labels.
"""

from __future__ import annotations

import re

# spaCy labels graphbuild maps to its own.
ORG, PRODUCT, PERSON = "ORG", "PRODUCT", "PERSON"
LABEL_NAMES = {ORG: "Organization", PRODUCT: "Product", PERSON: "Person"}
MENTIONS_KEY = "graphbuild_mentions"
# The model's own entities, kept before the gazetteer overwrites them.
MODEL_ENTITIES_KEY = "graphbuild_model_entities"
COREF_KEY = "graphbuild_coref"
# Where make_doc leaves the offsets of the stock tickers it blanked out.
TICKERS_KEY = "graphbuild_tickers"
# Stock tickers after a name: "(s ctxs)", "(NYSE: IBM)", "(Nasdaq:MSFT)", "(c csco)".
TICKER_RE = re.compile(
    r"\((?:[a-z]\s+[A-Za-z.]{1,6}|"
    r"(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|TSX-V|TSXV|ASX|AMEX|OTC|OTCQB|OTCQX|HKEX|SGX|TSE|BSE|NSE)"
    r"\s*:\s*[A-Z.]{1,6})\)"
)
# NER labels that are often really organisations in business news ("Corvane" as GPE).
RELABELABLE = {"GPE", "PERSON", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "ORG", "LAW"}
# The labels graphbuild keeps as mentions of organisations and products.
NAMED_LABELS = {"ORG", "PRODUCT"}
# NER labels of places: a name with one is a company only when the sentence says so.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# NER labels of numbers and times: never part of a name.
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
