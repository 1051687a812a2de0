"""Canonical names: one node per real-world entity, with deterministic ids.

Names are normalised (``the`` and legal suffixes removed, possessives and punctuation folded)
into a key; the packaged gazetteer maps known aliases (short forms, former names) onto one
entry. The key never depends on the order documents arrive in, so the same input always gives
the same graph, whether it is built in one process, many, or incrementally.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import Messages, RulesError
from .records import ENTITY_LABELS

# Legal forms dropped from names; "Group" and "Holdings" stay: they often name a different entity.
LEGAL_SUFFIXES = (
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "lp",
    "llp",
    "sa",
    "ag",
    "nv",
    "bv",
    "gmbh",
    "spa",
    "ab",
    "asa",
    "oyj",
    "pty",
    "se",
    "kg",
    "kgaa",
    "bhd",
    "berhad",
    "oy",
    "srl",
    "sarl",
    "pte",
    "tbk",
)
# The same forms written with full stops, as wire copy does ("Orvell N.V.", "Halden S.A."),
# compared without the final one ("n.v").
DOTTED_LEGAL_SUFFIXES = ("n.v", "b.v", "s.a", "a.g", "s.p.a", "p.l.c", "l.p", "s.a.r.l", "s.r.l")
LEGAL_WORDS = frozenset(LEGAL_SUFFIXES) | frozenset(DOTTED_LEGAL_SUFFIXES)
_SUFFIX_RE = re.compile(
    r"(?:[\s,]+(?:"
    + "|".join([*LEGAL_SUFFIXES, *(re.escape(form) for form in DOTTED_LEGAL_SUFFIXES)])
    + r")\.?)+$",
    flags=re.IGNORECASE,
)
_TRAILING_AND_RE = re.compile(r"(?:\s+(?:and|&))+$", flags=re.IGNORECASE)
_LEADING_THE_RE = re.compile(r"^the\s+", flags=re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"['\u2019]s?$")
_SPACE_RE = re.compile(r"\s+")
_NON_KEY_RE = re.compile(r"[^\w&+]+")


def clean_name(text: str) -> str:
    """The display form of a surface name: no leading "the", possessive or legal suffix.

    >>> clean_name("the Orvell Systems, Inc.'s")
    'Orvell Systems'
    >>> clean_name("T&R Inc")
    'T&R'
    >>> clean_name("Hanwell and Co Ltd")
    'Hanwell'
    """
    name = _written_name(text)
    stripped = _SUFFIX_RE.sub("", name).strip(" ,")
    # "Hanwell and Co Ltd", "Smith & Co": the connector before a legal form goes with it
    stripped = _TRAILING_AND_RE.sub("", stripped) if stripped != name else stripped
    # Keep a name that is nothing but a suffix-like word ("Co") rather than empty it.
    return stripped or name


def _written_name(text: str) -> str:
    """The name as written, legal form included: no leading "the", possessive or marks."""
    name = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    name = _SPACE_RE.sub(" ", name).strip(" \t\n,;:-\u2013\u2014\"'()[]")
    name = _POSSESSIVE_RE.sub("", name).strip()
    return _LEADING_THE_RE.sub("", name)


def has_legal_form(text: str) -> bool:
    """Whether the name ends in a legal form ("Orbix AB", "Acme Inc."): a company's name.

    >>> [has_legal_form(t) for t in ("Orbix AB", "Acme, Inc.", "Orbix", "Co")]
    [True, True, False, False]
    """
    return clean_name(text) != _written_name(text)


# Words that refer back to an entity instead of naming it: "it", "its", "they".
REFERENCE_PRONOUNS = frozenset(
    {"it", "its", "itself", "they", "them", "their", "theirs", "themselves", "this", "that"}
)
# Words that open a description ("the company", "that firm", "its parent") rather than a name.
_DESCRIPTION_OPENERS = frozenset(
    {"the", "this", "that", "these", "those", "its", "their", "a", "an"}
)


def is_reference(text: str) -> bool:
    """Whether a mention refers back to an entity ("it", "the company") rather than names it.

    A name has a capital or a digit, and a description opened by "the", "its" ... ends in a
    common noun: such words make poor aliases, as they fit any company.

    >>> [is_reference(t) for t in ("It", "its", "The company", "the Danish handset maker")]
    [True, True, True, True]
    >>> [is_reference(t) for t in ("The Orvell-Cola Company", "zBay", "retail division", "3M")]
    [False, False, True, False]
    """
    words = _POSSESSIVE_RE.sub("", _SPACE_RE.sub(" ", text).strip()).split()
    if not words:
        return True
    if len(words) == 1 and words[0].casefold() in REFERENCE_PRONOUNS:
        return True
    if not any(char.isupper() or char.isdigit() for char in text):
        return True
    return words[0].casefold() in _DESCRIPTION_OPENERS and words[-1].islower()


def name_key(text: str) -> str:
    """The matching key of a name: lower case, punctuation folded to single hyphens.

    >>> name_key("Orvell Systems Inc.")
    'orvell-systems'
    >>> name_key("Quillon-Vantor")
    'quillon-vantor'
    """
    return _NON_KEY_RE.sub("-", clean_name(text).lower()).strip("-")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A well-known organisation or product with the names it goes by."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()


def load_gazetteer(path: str | Path) -> list[GazetteerEntry]:
    """Read and validate a gazetteer JSONL file: one ``{name, label, aliases}`` per line."""
    entries: list[GazetteerEntry] = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(Messages.E_RULES_SYNTAX.format(path=path, problem=error)) from None
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise RulesError(
                Messages.E_RULES_ENTRY.format(path=path, line=line_number, problem=error)
            ) from None
        problem = _gazetteer_problem(raw)
        if problem:
            raise RulesError(
                Messages.E_RULES_ENTRY.format(path=path, line=line_number, problem=problem)
            )
        entries.append(
            GazetteerEntry(
                name=raw["name"],
                label=raw["label"],
                aliases=tuple(raw.get("aliases", ())),
            )
        )
    return entries


def _gazetteer_problem(raw: object) -> str | None:
    if not isinstance(raw, dict):
        return "expected a JSON object"
    if not isinstance(raw.get("name"), str) or not raw["name"].strip():
        return "'name' must be a non-empty string"
    if raw.get("label") not in ENTITY_LABELS:
        return f"'label' must be one of {', '.join(ENTITY_LABELS)}"
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        return "'aliases' must be a list of non-empty strings"
    unknown = set(raw) - {"name", "label", "aliases", "note"}
    if unknown:
        return f"unknown field(s) {sorted(unknown)}"
    return None


@lru_cache(maxsize=1)
def default_gazetteer() -> tuple[GazetteerEntry, ...]:
    """The gazetteer shipped with graphbuild."""
    with resources.as_file(resources.files("graphbuild") / "data" / "gazetteer.jsonl") as path:
        return tuple(load_gazetteer(path))


def key_identity() -> str:
    """Changes whenever :func:`name_key` could fold a name differently (for compiled indexes)."""
    recipe = "\n".join(
        pattern.pattern
        for pattern in (
            _SUFFIX_RE,
            _TRAILING_AND_RE,
            _LEADING_THE_RE,
            _POSSESSIVE_RE,
            _SPACE_RE,
            _NON_KEY_RE,
        )
    )
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


class Canonicalizer:
    """Maps surface names to canonical keys and display names."""

    def __init__(self, gazetteer: Iterable[GazetteerEntry] = ()) -> None:
        alias_to_entry: dict[str, GazetteerEntry] = {}
        for entry in gazetteer:
            for alias in (entry.name, *entry.aliases):
                alias_to_entry.setdefault(name_key(alias), entry)
        self._lookup: Callable[[str], GazetteerEntry | None] = alias_to_entry.get

    @classmethod
    def over(cls, lookup: Callable[[str], GazetteerEntry | None]) -> Canonicalizer:
        """A canonicalizer that asks ``lookup`` for the entry of a canonical key (the first
        entry to claim it), instead of holding every key: a compiled gazetteer index."""
        canonicalizer = cls()
        canonicalizer._lookup = lookup
        return canonicalizer

    def entry(self, name: str) -> GazetteerEntry | None:
        if self.product_company(name):
            return None
        key = name_key(name)
        entry = self._lookup(key)
        if entry is None and len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
            # "Zorbphones" for the product "Zorbphone": a product's plural is the product
            singular = self._lookup(key[:-1])
            if singular is not None and singular.label == "Product":
                return singular
        return entry

    def product_company(self, name: str) -> str | None:
        """ "Orbix AB" beside the known product "Orbix": the legal form names the company, an
        entity of its own; its name is kept whole (legal form included). None otherwise."""
        entry = self._lookup(name_key(name))
        if entry is not None and entry.label == "Product" and has_legal_form(name):
            return _written_name(name)
        return None

    def key(self, name: str) -> str:
        """The node id for a name: its gazetteer entry's key, else its own key."""
        company = self.product_company(name)
        if company is not None:
            return _NON_KEY_RE.sub("-", company.lower()).strip("-")
        entry = self.entry(name)
        return name_key(entry.name) if entry else name_key(name)

    def display_name(self, name: str) -> str:
        company = self.product_company(name)
        if company is not None:
            return company
        entry = self.entry(name)
        return entry.name if entry else clean_name(name)

    def known_label(self, name: str) -> str | None:
        entry = self.entry(name)
        return entry.label if entry else None


def gazetteer_entries(files: Iterable[str | Path] = ()) -> list[GazetteerEntry]:
    """The packaged gazetteer followed by the entries of the user's ``files``."""
    entries = list(default_gazetteer())
    for path in files:
        entries.extend(load_gazetteer(path))
    return entries


@lru_cache(maxsize=1)
def default_canonicalizer() -> Canonicalizer:
    """A canonicalizer over the packaged gazetteer, shared (it is read-only)."""
    return Canonicalizer(default_gazetteer())
