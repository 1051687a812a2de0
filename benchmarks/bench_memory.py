"""Memory and time of a build on long documents, against baselines measured in the same run.

    .venv/bin/python benchmarks/bench_memory.py                      # the sizes below; long
    .venv/bin/python benchmarks/bench_memory.py --long-mb 5 --dense-kb 100 --gazetteer 20000

Each build runs in a fresh process (``graphbuild build --processes 1 --no-cache --no-html``)
and its peak resident memory is read from ``wait4``. Printed (house rule 9: ratios against a
baseline of the same run):

- ``--news-mb`` of news as articles (one JSONL line each): the baseline;
- the same news as one ``.txt`` file, and its peak memory against the baseline (target < 1.5x);
- ``--long-mb`` of prose as one line of one JSONL file: peak memory (target < 1.5 GB at 50 MB)
  against the baseline;
- ``--dense-kb`` of entity-dense text (company names listed sentence after sentence): seconds
  against the same amount of news as articles;
- a build of the news with a user gazetteer of ``--gazetteer`` entries: peak memory against the
  same build without it (a worker process pays this too).

News is read from ``../shared/corpus/*.jsonl`` (Reuters, then BBC); the dense text and the
gazetteer use invented names.
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
from graphbuild.records import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = ("reuters-21578.jsonl", "bbc-news-2004-2005.jsonl")
# Invented name parts for the dense text and the gazetteer.
FIRST = (
    "Acme",
    "Brightwave",
    "Norfield",
    "Kestrel",
    "Orvell",
    "Harbor",
    "Ardent",
    "Tessaly",
    "Quillon",
    "Marrow",
    "Vantor",
    "Bellwood",
    "Cobalt",
    "Duneway",
    "Elmsford",
    "Fenwick",
)
SECOND = (
    "Widgets",
    "Systems",
    "Analytics",
    "Mining",
    "Stores",
    "Metals",
    "Labs",
    "Holdings",
    "Networks",
    "Foods",
    "Motors",
    "Energy",
    "Capital",
    "Robotics",
    "Textiles",
    "Media",
)
SUFFIX = ("Inc", "Corp", "Ltd", "Group", "LLC", "plc", "AG", "SA")


def news_texts(folder: Path, characters: int) -> list[str]:
    """Corpus articles, in order, until ``characters`` are reached."""
    items = read_documents([folder / name for name in CORPUS_FILES])
    texts, total = [], 0
    for item in items:
        if isinstance(item, Document):
            texts.append(item.text)
            total += len(item.text)
            if total >= characters:
                break
    return texts


def dense_text(characters: int) -> str:
    """Sentences that are nothing but company names and deals between them."""
    names = [
        f"{first} {second} {suffix}"
        for first, second, suffix in itertools.product(FIRST, SECOND, SUFFIX)
    ]
    sentences, total = [], 0
    for number in itertools.count():
        group = [names[(number * 7 + step * 13) % len(names)] for step in range(5)]
        sentence = f"{group[0]} acquired {group[1]}, {group[2]}, {group[3]} and {group[4]}. "
        sentences.append(sentence)
        total += len(sentence)
        if total >= characters:
            break
    return "".join(sentences)[:characters]


def write_jsonl(texts: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts):
            out.write(json.dumps({"id": f"d{number}", "text": text}) + "\n")
    return path


def run_build(path: Path, *extra: str) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of a one-process build of ``path``."""
    command = [
        sys.executable, "-m", "graphbuild.cli", "build", str(path),
        "--out", tempfile.mkdtemp(prefix="bench-memory-"),
        "--no-html", "--quiet", "--no-cache", "--processes", "1", *extra,
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"build failed ({status}): {' '.join(command)}")
    return usage.ru_maxrss / 1024, seconds  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news-mb", type=float, default=2.0, help="news for the baseline")
    parser.add_argument("--long-mb", type=float, default=50.0, help="the one-line document")
    parser.add_argument("--dense-kb", type=float, default=1000.0, help="entity-dense text")
    parser.add_argument("--gazetteer", type=int, default=200_000, help="user gazetteer entries")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    arguments = parser.parse_args()
    if not arguments.corpus.exists():
        raise SystemExit(f"{arguments.corpus} is absent: the news is read from ../shared")
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    print(f"cores: {os.cpu_count()}; work folder: {work}")

    news = news_texts(arguments.corpus, int(arguments.news_mb * 1_000_000))
    articles = write_jsonl(news, work / "articles.jsonl")
    one_file = work / "news.txt"
    one_file.write_text("\n\n".join(news), encoding="utf-8")
    base_mb, base_seconds = run_build(articles)
    size = sum(map(len, news)) / 1e6
    report(f"news as {len(news)} articles ({size:.1f} M chars)", base_mb, base_seconds, "baseline")
    one_mb, one_seconds = run_build(one_file)
    ratio = f"memory {one_mb / base_mb:.2f}x the articles (target < 1.5x)"
    report("the same news as one .txt", one_mb, one_seconds, ratio)

    if arguments.long_mb > 0:
        line = " ".join(" ".join(text.split()) for text in news)
        repeat = int(arguments.long_mb * 1_000_000) // len(line) + 1
        long_text = " ".join([line] * repeat)[: int(arguments.long_mb * 1_000_000)]
        long_path = write_jsonl([long_text], work / "long.jsonl")
        del long_text, line
        long_mb, long_seconds = run_build(long_path)
        ratio = f"memory {long_mb / base_mb:.2f}x the articles (target < 1500 MB at 50 MB)"
        report(f"one line of {arguments.long_mb:g} MB", long_mb, long_seconds, ratio)

    if arguments.dense_kb > 0:
        characters = int(arguments.dense_kb * 1000)
        dense_path = write_jsonl([dense_text(characters)], work / "dense.jsonl")
        news_path = write_jsonl(news_texts(arguments.corpus, characters), work / "same-news.jsonl")
        news_mb, news_seconds = run_build(news_path)
        report(f"news, {arguments.dense_kb:g} KB as articles", news_mb, news_seconds, "baseline")
        dense_mb, dense_seconds = run_build(dense_path)
        ratio = f"time {dense_seconds / news_seconds:.2f}x as much news"
        report(f"entity-dense text, {arguments.dense_kb:g} KB", dense_mb, dense_seconds, ratio)

    if arguments.gazetteer > 0:
        gazetteer = work / "gazetteer.jsonl"
        with gazetteer.open("w", encoding="utf-8") as out:
            for number in range(arguments.gazetteer):
                first, second = FIRST[number % len(FIRST)], SECOND[number // len(FIRST) % 16]
                name = f"{first} {second} {number}"
                out.write(json.dumps({"name": name, "label": "Organization"}) + "\n")
        small = write_jsonl(news[:50], work / "small.jsonl")
        plain_mb, plain_seconds = run_build(small)
        report("50 articles", plain_mb, plain_seconds, "baseline")
        with_mb, with_seconds = run_build(small, "--gazetteer", str(gazetteer))
        ratio = f"memory {with_mb / plain_mb:.2f}x without it"
        report(f"50 articles, gazetteer of {arguments.gazetteer:,}", with_mb, with_seconds, ratio)


def report(label: str, megabytes: float, seconds: float, note: str) -> None:
    print(f"{label:<44} {megabytes:7.0f} MB {seconds:8.1f} s   {note}", flush=True)


if __name__ == "__main__":
    main()
