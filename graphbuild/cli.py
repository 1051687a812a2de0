"""The ``graphbuild`` command: a thin layer over the library.

Only this module turns exceptions into exit codes: 0 success (documents may have been
skipped: the summary says which), 1 a graphbuild error, 2 a usage error (click's own).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import GraphbuildError

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
@click.option("--html/--no-html", default=True, show_default=True, help="Write graph.html.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    rules_files: tuple[Path, ...],
    gazetteer_files: tuple[Path, ...],
    min_confidence: float,
    html: bool,
    quiet: bool,
) -> None:
    """Build a graph from INPUT files and folders.

    INPUT is any mix of .txt, .md and .html files, folders (read recursively) and JSONL files
    (one document per line: id, text, and optional title, date, url). Writes OUT/graph.json
    (NetworkX node-link JSON), OUT/graph.graphml (Gephi) and OUT/graph.html.
    """
    from .pipeline import BuildOptions, build_corpus, write_outputs

    options = BuildOptions(
        rules_files=rules_files,
        gazetteer_files=gazetteer_files,
        min_confidence=min_confidence,
    )
    with _errors():
        result = build_corpus(inputs, options=options, progress=not quiet)
        written = write_outputs(result.graph, out_dir, html=html)
    if not quiet:
        click.echo(result.summary.render(), err=True)
        for path in written:
            click.echo(f"wrote {path}", err=True)


class _errors:
    """Turn graphbuild errors into a message and exit code 1."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> bool:
        if isinstance(error, GraphbuildError):
            click.echo(f"graphbuild: error: {error}", err=True)
            sys.exit(1)
        return False


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
