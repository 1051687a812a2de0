"""Throughput and scale of ``graphbuild build`` against bare spaCy, measured in one run.

    .venv/bin/python benchmarks/bench_throughput.py                 # 5,000 docs; memory at 1k/10k
    .venv/bin/python benchmarks/bench_throughput.py --docs 500 --memory-docs 100,1000

Prints, against baselines measured in the same run (house rule 9: ratios, not absolute speeds):

- documents and tokens per second of bare ``nlp.pipe`` with the same model, and of the build
  (one process, parse cache on as the CLI's default), and their ratio (target >= 0.85);
- the speed-up from one to two worker processes (target >= 1.6x);
- peak memory (RSS) of a build at two corpus sizes, each in a fresh process (target < 2x);
- a rebuild from the parse cache with changed rules against the cold build (target < 0.1).

Documents are the first ``--docs`` of ``../shared/corpus/*.jsonl`` (Reuters first, then BBC).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graphbuild.documents import read_documents
from graphbuild.nlp import load_model
from graphbuild.pipeline import BATCH_SIZE, Builder, BuildOptions, build_corpus
from graphbuild.records import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = ("reuters-21578.jsonl", "bbc-news-2004-2005.jsonl")
# A changed rule set for the rebuild: one more rule than the packaged ones.
EXTRA_RULES = """\
version: 1
rules:
  - id: bench.partners
    type: PARTNERS_WITH
    kind: verb
    lemmas: [team, ally]
    confidence: 0.5
"""


def corpus_documents(folder: Path, count: int) -> list[Document]:
    items = read_documents([folder / name for name in CORPUS_FILES])
    documents = (item for item in items if isinstance(item, Document))
    return list(itertools.islice(documents, count))


def write_jsonl(documents: list[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps({"id": document.id, "text": document.text}) + "\n")
    return path


def timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - started


def bare_spacy(texts: list[str]) -> tuple[int, float]:
    """Tokens and seconds of the model alone (loaded before the clock starts)."""
    nlp = load_model()
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return tokens, time.perf_counter() - started


def build(path: Path, options: BuildOptions, *, preload: bool = True) -> float:
    """Seconds of one build; with ``preload`` the in-process pipeline is loaded beforehand,
    as bare spaCy's model is (worker processes always load theirs on the clock)."""
    builder = Builder(options.for_workers()) if preload and options.processes == 1 else None
    _, seconds = timed(build_corpus, [path], options=options, builder=builder)
    return seconds


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory of a one-process build of ``path`` in a fresh interpreter."""
    command = [
        sys.executable,
        "-m",
        "graphbuild.cli",
        "build",
        str(path),
        "--out",
        tempfile.mkdtemp(prefix="bench-memory-"),
        "--no-html",
        "--quiet",
        "--processes",
        "1",
    ]
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"memory run failed: {command}")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents for the speed runs")
    parser.add_argument(
        "--memory-docs", default="1000,10000", help="two corpus sizes for peak memory, small,large"
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-memory", action="store_true")
    arguments = parser.parse_args()
    small, large = (int(size) for size in arguments.memory_docs.split(","))

    work = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    documents = corpus_documents(arguments.corpus, arguments.docs)
    path = write_jsonl(documents, work / "corpus.jsonl")
    rules = work / "extra_rules.yaml"
    rules.write_text(EXTRA_RULES, encoding="utf-8")
    print(f"documents: {len(documents)} from {arguments.corpus}; cores: {os.cpu_count()}")

    tokens, bare_seconds = bare_spacy([document.text for document in documents])
    cold = build(path, BuildOptions(processes=1, cache_dir=work / "cache-1"))
    two = build(path, BuildOptions(processes=2, cache_dir=work / "cache-2"))
    changed = BuildOptions(processes=1, cache_dir=work / "cache-1", rules_files=(rules,))
    rebuild = build(path, changed)

    def rates(seconds: float) -> str:
        return f"{len(documents) / seconds:8.1f} docs/s {tokens / seconds:9.0f} tokens/s"

    print(f"bare nlp.pipe (1 process)        {rates(bare_seconds)}  {bare_seconds:7.1f} s")
    print(f"graphbuild build (1 process)     {rates(cold)}  {cold:7.1f} s")
    print(f"graphbuild build (2 processes)   {rates(two)}  {two:7.1f} s")
    print(f"build / bare tokens per second   {bare_seconds / cold:.2f}  (target >= 0.85)")
    print(f"speed-up 1 -> 2 processes        {cold / two:.2f}x  (target >= 1.6x)")
    print(
        f"rebuild from cache, new rules    {rebuild:.1f} s = {rebuild / cold:.3f} of the cold build"
        "  (target < 0.1)"
    )
    if not arguments.skip_memory:
        everything = corpus_documents(arguments.corpus, large)
        small_path = write_jsonl(everything[:small], work / "small.jsonl")
        large_path = write_jsonl(everything, work / "large.jsonl")
        small_mb, large_mb = peak_rss_mb(small_path), peak_rss_mb(large_path)
        print(
            f"peak memory {small} docs {small_mb:.0f} MB, {len(everything)} docs {large_mb:.0f} MB:"
            f" {large_mb / small_mb:.2f}x  (target < 2x)"
        )


if __name__ == "__main__":
    main()
