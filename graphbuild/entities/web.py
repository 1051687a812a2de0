"""Names written as web addresses: "Pindle.io", "Orbix.ai", "tarn.dev"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .labels import ORG
from .words import WEB_DOMAINS

# One word, a dot and a common top-level domain (``WEB_DOMAINS``, as ``DOMAIN_RE``): the
# way web-era companies and services are named. A full address ("www.x.com") is not a name, and
# neither is a file name ("report.pdf"), which ends otherwise.
_WEB_NAME_RE = re.compile(rf"^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]\.(?:{WEB_DOMAINS})$")


def web_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """A word shaped like a web address ("Pindle.io") that no entity covers is a name the
    model missed (an organisation unless its evidence says otherwise)."""
    taken = {token.i for span in spans for token in span}
    return [
        Span(doc, token.i, token.i + 1, label=ORG)
        for token in doc
        if token.i not in taken
        and _WEB_NAME_RE.match(token.text)
        # (the tagger calls such a word anything, a number included)
        and not token.text.lower().startswith("www")
    ]
