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
- a build with two worker processes of some news with a user gazetteer of ``--gazetteer``
  entries: peak memory of the main process and of each worker against the same build without
  it (the gazetteer is compiled once, by the main process, and the workers share the file).
  Each process's own peak is read from ``/proc`` (``VmHWM``) while the build runs.

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
from graphbuild.pipeline import MAX_BATCH_CHARS
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


def run_build_tree(path: Path, processes: int, *extra: str) -> tuple[float, list[float], float]:
    """Peak resident memory (MB) of the main process and of each worker process, and seconds,
    of a build of ``path`` with ``processes`` workers.

    ``wait4`` gives only the largest process of the tree, so every process's own peak
    (``VmHWM``) is read from ``/proc`` every 0.1 s while the build runs: growth in a process's
    last tenth of a second is missed.
    """
    command = [
        sys.executable, "-m", "graphbuild.cli", "build", str(path),
        "--out", tempfile.mkdtemp(prefix="bench-memory-"),
        "--no-html", "--quiet", "--no-cache", "--processes", str(processes), *extra,
    ]  # fmt: skip
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peaks: dict[int, float] = {}
    while process.poll() is None:
        for pid in _descendants(process.pid):
            # a worker is started by spawn_main; spawn's resource tracker is a child too, and
            # a child seen between fork and exec still shows the main process's memory
            if pid == process.pid or _is_worker(pid):
                peak = _peak_mb(pid)
                if peak is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), peak)
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}): {' '.join(command)}")
    main_mb = peaks.pop(process.pid, 0.0)
    return main_mb, sorted(peaks.values(), reverse=True), seconds


def _is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # the command name (in parentheses) may hold spaces: the fields after it are fixed
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(parents.get(pid, ()))
    return found


def _peak_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return None


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
        gazetteer = write_gazetteer(arguments.gazetteer, work / "gazetteer.jsonl")
        # articles for two batches or more, so that every worker gets some
        characters = int(WORKERS * MAX_BATCH_CHARS * 0.7)
        some = write_jsonl(news_texts(arguments.corpus, characters), work / "some.jsonl")
        label = f"news, {characters // 1000} KB, {WORKERS} workers"
        plain = run_build_tree(some, WORKERS)
        report_tree(label, plain, "baseline")
        known = run_build_tree(some, WORKERS, "--gazetteer", str(gazetteer))
        main_ratio = known[0] / plain[0]
        worker_ratio = max(known[1], default=0) / max(plain[1], default=1)
        ratios = f"main {main_ratio:.2f}x, each worker {worker_ratio:.2f}x without it"
        report_tree(f"the same, gazetteer of {arguments.gazetteer:,}", known, ratios)


# Worker processes of the gazetteer builds.
WORKERS = 2


def write_gazetteer(entries: int, path: Path) -> Path:
    """A user gazetteer of ``entries`` invented organisations."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(entries):
            first, second = FIRST[number % len(FIRST)], SECOND[number // len(FIRST) % 16]
            name = f"{first} {second} {number}"
            out.write(json.dumps({"name": name, "label": "Organization"}) + "\n")
    return path


def report_tree(label: str, tree: tuple[float, list[float], float], note: str) -> None:
    main_mb, workers, seconds = tree
    sizes = "/".join(f"{worker:.0f}" for worker in workers) or "none"
    print(
        f"{label:<44} main {main_mb:5.0f} MB, workers {sizes} MB {seconds:8.1f} s   {note}",
        flush=True,
    )


def report(label: str, megabytes: float, seconds: float, note: str) -> None:
    print(f"{label:<44} {megabytes:7.0f} MB {seconds:8.1f} s   {note}", flush=True)


if __name__ == "__main__":
    main()
