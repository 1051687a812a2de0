"""Tests of graphbuild.documents: every input format, every bad input, datelines, boilerplate.

Small bad inputs are committed in tests/bad_inputs/; big ones (a 50 MB document, a
200,000-character line) are generated in tmp_path.
"""

from __future__ import annotations

import datetime
import doctest
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, SHARED, require

from graphbuild import documents
from graphbuild.documents import (
    load_boilerplate_patterns,
    parse_date,
    parse_dateline,
    read_documents,
    strip_boilerplate,
)
from graphbuild.errors import Messages, RulesError
from graphbuild.pipeline import BATCH_SIZE, MAX_BATCH_CHARS, MAX_PART_CHARS, part_batches
from graphbuild.records import Document, Skipped

BAD = Path(__file__).parent / "bad_inputs"
GOOD_TEXT = "Citrix Systems has become a sponsor of the OpenStack Foundation.\n"


def read_all(*paths: str | Path) -> list[Document | Skipped]:
    return list(read_documents(paths))


def only(items: list[Document | Skipped]) -> Document | Skipped:
    assert len(items) == 1, items
    return items[0]


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good" / "good.txt"
    path.parent.mkdir()
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


# --- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected_text", "title", "date"),
    [
        ("plain.txt", "Title line\n\nBody text.", "Title line\n\nBody text.", None, None),
        ("windows.txt", "Title\r\nBody.\r\n", "Title\nBody.\n", None, None),
        (
            "front.md",
            '---\ntitle: "A: title"\ndate: 2012-04-03\nurl: https://example.com/a\n'
            "---\n# Head\nBody.",
            "# Head\nBody.",
            "A: title",
            "2012-04-03",
        ),
        (
            "dateline.txt",
            "April 3, 2012\nCitrix said.",
            "April 3, 2012\nCitrix said.",
            None,
            "2012-04-03",
        ),
        ("string_date.md", "---\ndate: 'March 3, 2012'\n---\nBody.", "Body.", None, "2012-03-03"),
        # An unusable metadata date falls back to the dateline.
        (
            "bad_date.md",
            "---\ndate: soon\n---\n2015-04-23\nBody.",
            "2015-04-23\nBody.",
            None,
            "2015-04-23",
        ),
    ],
)
def test_documents_reads_text_and_markdown(
    tmp_path: Path, name: str, content: str, expected_text: str, title: str | None, date: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    document = only(read_all(path))
    assert isinstance(document, Document)
    assert (document.id, document.text, document.title, document.date) == (
        name,
        expected_text,
        title,
        date,
    )
    assert document.source == str(path)
    if name == "front.md":
        assert document.url == "https://example.com/a"


@pytest.mark.parametrize(
    ("name", "expected_text"),
    [
        ("utf16_bom.txt", "Citrix joins the OpenStack Foundation. Café.\n"),
        ("utf8_bom.md", "Citrix joins the OpenStack Foundation.\n"),
    ],
)
def test_documents_decodes_text_with_a_byte_order_mark(name: str, expected_text: str) -> None:
    document = only(read_all(BAD / name))
    assert isinstance(document, Document)
    assert document.text == expected_text


@pytest.mark.parametrize("name", ["script_style.html", "tiny_page.htm"])
def test_documents_html_keeps_text_and_drops_scripts_and_styles(name: str) -> None:
    raw = (BAD / name).read_text(encoding="utf-8")
    document = only(read_all(BAD / name))
    assert isinstance(document, Document)
    for hidden in ("SCRIPT_TEXT", "STYLE_TEXT", "NOSCRIPT_TEXT", "{", "<"):
        assert hidden in raw
        assert hidden not in document.text
    assert "Citrix" in document.text and "OpenStack" in document.text


def test_documents_html_without_main_text_falls_back_to_visible_text() -> None:
    # trafilatura finds no article in a page whose only text is in its footer (checked here,
    # so a change in trafilatura shows up as this precondition failing); the plain tag strip
    # keeps one paragraph per block, inline tags joined, and no script, style or comment.
    import trafilatura

    raw = (BAD / "tiny_page.htm").read_text(encoding="utf-8")
    assert not trafilatura.extract(raw)
    document = only(read_all(BAD / "tiny_page.htm"))
    assert isinstance(document, Document)
    assert document.text == "Citrix joins OpenStack.\n\nIt sponsors the foundation."


def test_documents_html_title_comes_from_the_page() -> None:
    document = only(read_all(BAD / "script_style.html"))
    assert isinstance(document, Document)
    assert document.title == "Citrix joins OpenStack"


def test_documents_jsonl_fields_and_generated_ids(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a", "text": "Alpha.", "title": "A", "date": "1987-03-26", "url": "https://a"},
        {"text": "No id."},
        {"id": 12, "text": "NEW YORK, March 3, 2012 (Reuters) - Beta said."},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    items = read_all(path)
    assert all(isinstance(item, Document) for item in items)
    assert [
        (item.id, item.text, item.title, item.date, item.url, item.source) for item in items
    ] == [
        ("a", "Alpha.", "A", "1987-03-26", "https://a", f"{path}:1"),
        ("docs.jsonl:2", "No id.", None, None, None, f"{path}:2"),
        ("12", lines[2]["text"], None, "2012-03-03", None, f"{path}:3"),
    ]


def test_documents_jsonl_with_a_utf16_bom_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes('{"id": "u", "text": "Nestlé buys a café."}\n'.encode("utf-16"))
    document = only(read_all(path))
    assert isinstance(document, Document)
    assert (document.id, document.text) == ("u", "Nestlé buys a café.")


def test_documents_folders_are_read_recursively_sorted_without_hidden_files(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    for relative in ["b.txt", "a/z.md", "a/c.txt", ".hidden.txt", ".git/x.txt", "a/.y.txt"]:
        (corpus / relative).parent.mkdir(parents=True, exist_ok=True)
        (corpus / relative).write_text(f"Text of {relative}.", encoding="utf-8")
    items = read_all(corpus)
    assert [item.id for item in items] == ["a/c.txt", "a/z.md", "b.txt"]
    assert [item.text for item in items] == [
        "Text of a/c.txt.",
        "Text of a/z.md.",
        "Text of b.txt.",
    ]
    assert read_all(corpus) == items  # deterministic


def test_documents_symlinked_folders_are_followed_once(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "a.txt").write_text("Inside.", encoding="utf-8")
    (outside / "b.txt").write_text("Outside.", encoding="utf-8")
    (corpus / "link").symlink_to(outside, target_is_directory=True)
    (outside / "loop").symlink_to(outside, target_is_directory=True)
    (outside / "back").symlink_to(corpus, target_is_directory=True)
    assert [item.id for item in read_all(corpus)] == ["a.txt", "link/b.txt"]


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "template", "fields"),
    [
        ("empty.txt", "E_EMPTY", {}),
        ("whitespace.txt", "E_EMPTY", {}),
        ("only_front_matter.md", "E_EMPTY", {}),
        ("binary.txt", "E_BINARY", {}),
        ("latin1.txt", "E_NOT_UTF8", {"position": len("Soci")}),
        ("utf16_no_bom.txt", "E_NOT_UTF8", {"position": 1}),
        ("report.pdf", "E_UNSUPPORTED", {"suffix": ".pdf"}),
    ],
)
def test_documents_bad_file_is_skipped_and_the_run_goes_on(
    good_file: Path, name: str, template: str, fields: dict[str, object]
) -> None:
    bad = BAD / name
    items = read_all(bad, good_file)
    assert len(items) == 2, items
    skipped, document = items
    message = getattr(Messages, template).format(source=bad, path=bad, **fields)
    assert skipped == Skipped(str(bad), message)
    assert str(bad) in skipped.reason
    assert isinstance(document, Document) and document.text == GOOD_TEXT


def test_documents_bad_front_matter_is_skipped_with_its_line() -> None:
    skipped = only(read_all(BAD / "bad_front_matter.md"))
    assert isinstance(skipped, Skipped)
    prefix = Messages.E_FRONT_MATTER.split("(")[0].format(source=BAD / "bad_front_matter.md")
    assert skipped.reason.startswith(prefix)
    assert "line 3" in skipped.reason


def test_documents_nonexistent_path_is_skipped(good_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such.txt"
    items = read_all(missing, good_file)
    assert items[0] == Skipped(str(missing), Messages.E_NO_SUCH_PATH.format(path=missing))
    assert isinstance(items[1], Document)


def test_documents_malformed_and_truncated_jsonl_lines_are_skipped_one_by_one() -> None:
    path = BAD / "malformed.jsonl"
    items = read_all(path)
    # Line 8 is blank and ignored; line 10 is cut off without a newline.
    expected_kinds = [
        (1, "good-1"),
        (2, "E_JSONL_SYNTAX"),
        (3, "E_JSONL_FIELDS"),
        (4, "E_JSONL_FIELDS"),
        (5, "E_JSONL_FIELDS"),
        (6, "E_EMPTY"),
        (7, "E_JSONL_FIELDS"),
        (9, "good-2"),
        (10, "E_JSONL_SYNTAX"),
    ]
    assert len(items) == len(expected_kinds)
    for item, (line, kind) in zip(items, expected_kinds, strict=True):
        assert item.source == f"{path}:{line}"
        if isinstance(item, Document):
            assert item.id == kind
            continue
        if kind == "E_JSONL_SYNTAX":
            assert item.reason.startswith(f"{path}: line {line} is not valid JSON (")
        elif kind == "E_JSONL_FIELDS":
            assert item.reason == Messages.E_JSONL_FIELDS.format(source=path, line=line)
        else:
            assert item.reason == Messages.E_EMPTY.format(source=f"{path}:{line}")


def test_documents_jsonl_missing_and_duplicate_ids() -> None:
    path = BAD / "ids.jsonl"
    items = read_all(path)
    assert [getattr(item, "id", None) for item in items] == [
        "ids.jsonl:1",
        "x",
        None,
        "7",
        "ids.jsonl:5",
    ]
    assert items[2] == Skipped(
        f"{path}:3", Messages.E_JSONL_DUPLICATE_ID.format(source=path, line=3, doc_id="x")
    )
    assert items[1].text == "First x."


def test_documents_duplicate_file_ids_keep_the_first(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(f"From {folder}.", encoding="utf-8")
    items = read_all(tmp_path / "one", tmp_path / "two", tmp_path / "one")
    first, second, third = items
    assert isinstance(first, Document) and first.text == "From one."
    for repeat in (second, third):
        assert isinstance(repeat, Skipped)
        assert repeat.reason == Messages.E_DUPLICATE_ID.format(
            source=repeat.source, doc_id="same.txt", first=tmp_path / "one" / "same.txt"
        )


def test_documents_empty_jsonl_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert read_all(path) == [Skipped(str(path), Messages.E_EMPTY.format(source=path))]


@pytest.mark.parametrize(
    ("content", "template", "fields"),
    [
        (BAD.joinpath("binary.txt").read_bytes(), "E_BINARY", {}),
        ('{"id": "a", "text": "x"}\n'.encode("utf-16-le"), "E_NOT_UTF8", {"position": 1}),
    ],
)
def test_documents_binary_jsonl_file_is_reported_once(
    tmp_path: Path, content: bytes, template: str, fields: dict[str, object]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content * 50)
    expected = getattr(Messages, template).format(source=path, **fields)
    assert read_all(path) == [Skipped(str(path), expected)]


def test_documents_jsonl_bad_utf8_line_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        '{"id": "a", "text": "Café"}\n'.encode("latin-1") + b'{"id": "b", "text": "Fine."}\n'
    )
    skipped, document = read_all(path)
    position = len('{"id": "a", "text": "Caf')
    source = f"{path}:1"
    assert skipped == Skipped(source, Messages.E_NOT_UTF8.format(source=source, position=position))
    assert isinstance(document, Document) and document.id == "b"


def test_documents_oversized_jsonl_line_is_skipped_and_the_next_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit is lowered so the test needs kilobytes, not the real 100 MiB.
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"id": "long", "text": "word " * 2000})
    path.write_text(long_line + "\n" + '{"id": "next", "text": "Short."}\n', encoding="utf-8")
    skipped, document = read_all(path)
    assert skipped == Skipped(
        f"{path}:1", Messages.E_TOO_LARGE.format(source=f"{path}:1", limit=1000)
    )
    assert isinstance(document, Document) and document.id == "next"


def test_documents_file_over_the_size_limit_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(documents.MAX_DOCUMENT_BYTES + 1)
    limit = documents.MAX_DOCUMENT_BYTES
    assert read_all(path) == [
        Skipped(str(path), Messages.E_TOO_LARGE.format(source=path, limit=limit))
    ]


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_documents_one_line_of_200000_characters(tmp_path: Path, suffix: str) -> None:
    text = ("Citrix sponsors OpenStack; " * 8000)[:200_000]
    path = tmp_path / f"long{suffix}"
    content = json.dumps({"id": "long", "text": text}) if suffix == ".jsonl" else text
    path.write_text(content, encoding="utf-8")
    document = only(read_all(path))
    assert isinstance(document, Document)
    assert document.text == text and len(document.text) == 200_000


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_documents_50_megabyte_document(tmp_path: Path, suffix: str) -> None:
    paragraph = "Citrix Systems sponsors the OpenStack Foundation and competes with VMware.\n"
    text = paragraph * (50_000_000 // len(paragraph))
    path = tmp_path / f"big{suffix}"
    content = json.dumps({"id": "big", "text": text}) + "\n" if suffix == ".jsonl" else text
    path.write_text(content, encoding="utf-8")
    assert path.stat().st_size >= 49_000_000
    document = only(read_all(path))
    assert isinstance(document, Document)
    assert document.text == text
    # It goes to spaCy a few parts at a time, not as 500 parts in one batch.
    batches = list(part_batches([document], BATCH_SIZE))
    assert "".join(part.text for batch in batches for part in batch) == text
    assert max(len(batch) for batch in batches) <= MAX_BATCH_CHARS // (MAX_PART_CHARS // 2)
    assert max(sum(len(part.text) for part in batch) for batch in batches) < (
        MAX_BATCH_CHARS + MAX_PART_CHARS
    )


def test_documents_unreadable_folder_and_file_are_skipped() -> None:
    # Root reads any folder whatever its mode, so as root the reader runs in a subprocess
    # that has dropped to the unprivileged user "nobody" (setpriv, util-linux).
    command = [sys.executable, "-c", _READ_AND_PRINT]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        require(setpriv is not None, "setpriv (util-linux) is needed to drop root privileges")
        command = [str(setpriv), "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    probe = subprocess.run(
        [*command[:-2], "-c", "import graphbuild.documents"],
        capture_output=True,
        text=True,
        cwd="/",
        env=environment,
        check=False,
    )
    require(probe.returncode == 0, f"the unprivileged user cannot run graphbuild: {probe.stderr}")
    # Not under tmp_path: pytest's base folder is private to its user, so "nobody" could not
    # reach anything in it.
    with tempfile.TemporaryDirectory(prefix="graphbuild-permissions-") as name:
        base = Path(name)
        base.chmod(0o755)
        (base / "locked").mkdir()
        (base / "locked" / "inside.txt").write_text("Hidden.", encoding="utf-8")
        (base / "no_read.txt").write_text("Hidden.", encoding="utf-8")
        (base / "open.txt").write_text(GOOD_TEXT, encoding="utf-8")
        (base / "locked").chmod(0)
        (base / "no_read.txt").chmod(0)
        try:
            result = subprocess.run(
                [*command, str(base)],
                capture_output=True,
                text=True,
                cwd=base,
                env=environment,
                check=False,
            )
        finally:
            (base / "locked").chmod(0o755)  # so the temporary folder can be removed
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items == [
        ["Skipped", str(base / "locked"), _not_readable(base / "locked")],
        ["Skipped", str(base / "no_read.txt"), _not_readable(base / "no_read.txt")],
        ["Document", str(base / "open.txt"), GOOD_TEXT],
    ]


_READ_AND_PRINT = """
import json, sys
from graphbuild.documents import read_documents
print(json.dumps([
    [type(item).__name__, item.source, getattr(item, "reason", None) or item.text]
    for item in read_documents(sys.argv[1:])
]))
"""


def _not_readable(path: Path) -> str:
    return Messages.E_NOT_READABLE.format(path=path, error="Permission denied")


# --- seeds and boilerplate -------------------------------------------------------------------


def _seed_body(path: Path) -> str:
    """A seed file's article: what follows its front matter."""
    content = path.read_text(encoding="utf-8")
    assert content.startswith("---\n")
    return content[content.index("\n---\n", 3) + len("\n---\n") :]


def test_documents_seeds_have_file_name_ids_dates_and_no_boilerplate() -> None:
    items = read_all(SEEDS)
    names = sorted(path.name for path in SEEDS.glob("*.txt"))
    assert [item.id for item in items] == names
    by_id = {item.id: item for item in items if isinstance(item, Document)}
    assert by_id["000_af852b4fbe7c7406.txt"].date == "2012-04-03"
    assert by_id["003_269f0637ca1cb5b9.txt"].date == "2015-04-23"
    # The 2012 article has no boilerplate: it is read as it is, disclosure included.
    gigaom = _seed_body(SEEDS / "000_af852b4fbe7c7406.txt")
    assert by_id["000_af852b4fbe7c7406.txt"].text == gigaom
    # The 2015 article ends with the publisher's message, sponsorship and "about us" blurbs.
    siliconangle = _seed_body(SEEDS / "003_269f0637ca1cb5b9.txt")
    tail = siliconangle.index("A message from John Furrier, co-founder of SiliconANGLE:")
    assert by_id["003_269f0637ca1cb5b9.txt"].text == siliconangle[:tail].rstrip()
    assert by_id["003_269f0637ca1cb5b9.txt"].text.endswith("the desired strategic boost.")


def test_documents_seed_articles_are_the_shared_originals() -> None:
    originals = SHARED / "seeds"
    require(originals.is_dir(), f"{originals} is absent")
    for path in sorted(originals.glob("*.txt")):
        assert _seed_body(SEEDS / path.name) == path.read_text(encoding="utf-8")


def test_documents_boilerplate_words_early_in_an_article_are_kept() -> None:
    text = (
        "Subscribe to the service, Citrix says.\n"
        + "Citrix sponsors OpenStack and works with partners.\n" * 10
        + "Subscribe to our newsletter\nCopyright © 2015 Some Media. All rights reserved.\n"
    )
    kept = strip_boilerplate(text)
    assert kept.startswith("Subscribe to the service")
    assert kept == text[: text.index("Subscribe to our newsletter")].rstrip()


def test_documents_boilerplate_block_opening_before_the_tail_is_cut_whole() -> None:
    # The block's first lines lie just before the last 40%: matching lines above the first
    # match inside it are cut too, so no half-block is left behind.
    article = "Citrix sponsors OpenStack and works with partners on the cloud.\n" * 3
    block = (
        "A message from the editor:\n\nSupport our free content.\n\n" + "Join the Tech Network\n"
    )
    tail = "Sign up for our newsletter\nFollow us on Mastodon\nShare this article\n"
    text = article + block + tail + "Copyright © 2015 Example Media. All rights reserved.\n"
    assert text.index("Support our") < len(text) * 0.6 < text.index("Join the")
    assert strip_boilerplate(text) == article.rstrip()


def test_documents_boilerplate_far_from_the_end_of_a_long_document_is_kept() -> None:
    # In the last 40%, but more than 20,000 characters from the end: part of the document.
    line = "Citrix sponsors OpenStack and works with partners on the cloud.\n"
    text = line * 1600 + "Subscribe to our newsletter\n" + line * 400
    assert len(text) - text.index("Subscribe to") > 20_000
    assert text.index("Subscribe to") > 0.6 * len(text)
    assert strip_boilerplate(text) is text


def test_documents_text_without_boilerplate_is_unchanged() -> None:
    text = "Citrix sponsors OpenStack.\nVMware competes.\n"
    assert strip_boilerplate(text) is text


def test_documents_boilerplate_file_with_a_bad_pattern_names_file_and_line() -> None:
    path = BAD / "bad_boilerplate.txt"
    with pytest.raises(RulesError, match=rf"^{path}, line 3: bad regex: "):
        load_boilerplate_patterns(str(path))


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UPDATED 07:30 EDT / APRIL 23 2015\n\nWhat CloudStack?", "2015-04-23"),
        ("Title of the piece\nBy A. Writer\nApril 3, 2012\nBody.", "2012-04-03"),
        ("Apr. 3rd, 2012 - 12:00 PM PDT\nBody.", "2012-04-03"),
        ("3 April 2012\nBody.", "2012-04-03"),
        ("2012-04-03\nBody.", "2012-04-03"),
        (
            "NEW YORK, March 3, 2012 (Reuters) - Citrix Systems said on Tuesday it would " * 2,
            "2012-03-03",
        ),
        (
            "SAN FRANCISCO, 2012-04-03 — Citrix Systems said on Tuesday that it would give its "
            * 2,
            "2012-04-03",
        ),
        # No year: never guessed.
        (
            "NEW YORK, March 3 (Reuters) - Citrix Systems said on Tuesday it would give its " * 2,
            None,
        ),
        ("Posted March 3\nBody.", None),
        # Numbers that are not a dateline.
        ("Citrix paid $200 million\nSeries 12 2011 was raised.", None),
        ("In a long first paragraph Citrix said that on April 3, 2012 it would move " * 2, None),
        ("1\n2\n3\n4\n5\nApril 3, 2012", None),  # too far down
        ("", None),
    ],
)
def test_documents_parse_dateline(text: str, expected: str | None) -> None:
    assert parse_dateline(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1987-03-26", "1987-03-26"),
        ("2015-04-23T07:30:00-04:00", "2015-04-23"),
        ("April 23, 2015", "2015-04-23"),
        (datetime.date(2012, 4, 3), "2012-04-03"),
        ("2015", None),
        ("April 2015", None),
        ("not a date", None),
        ("", None),
        (20150423, None),
        (None, None),
    ],
)
def test_documents_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_documents_docstring_examples_run() -> None:
    result = doctest.testmod(documents)
    assert result.attempted > 0 and result.failed == 0


# --- documents that used to stop the whole run ----------------------------------------------


def test_documents_impossible_front_matter_date_is_skipped_and_the_next_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.md").write_text("---\ndate: 2015-02-30\n---\nAcme hires.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD_TEXT, encoding="utf-8")
    bad, good = read_all(tmp_path)
    assert isinstance(bad, Skipped)
    assert bad.reason == Messages.E_FRONT_MATTER.format(
        source=tmp_path / "a.md", problem="day is out of range for month"
    )
    assert isinstance(good, Document) and good.id == "b.md"


@pytest.mark.parametrize("field", ["text", "id", "title"])
def test_documents_lone_surrogate_in_a_jsonl_line_skips_that_line(
    tmp_path: Path, field: str
) -> None:
    path = tmp_path / "feed.jsonl"
    record = {"id": "x", "text": "Acme hires.", "title": "T", field: "Acme \ud83d hires."}
    lines = [json.dumps(record), json.dumps({"id": "ok", "text": "Brightwave grows."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")  # json.dumps escapes it: ASCII
    bad, good = read_all(path)
    assert bad == Skipped(
        f"{path}:1",
        Messages.E_SURROGATE.format(source=f"{path}:1", field=field, char="\\ud83d"),
    )
    assert isinstance(good, Document) and good.id == "ok"


def test_documents_file_name_that_is_not_utf8_is_reported_by_its_bytes(tmp_path: Path) -> None:
    raw_name = b"caf\xe9.txt"
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), raw_name), "wb") as handle:
        handle.write(GOOD_TEXT.encode())
    items = read_all(tmp_path)
    assert [item.id for item in items if isinstance(item, Document)] == ["a.txt"]
    (bad,) = [item for item in items if isinstance(item, Skipped)]
    assert bad.source == f"{tmp_path}/caf\\xe9.txt"
    assert bad.reason == Messages.E_NAME_NOT_UTF8.format(path=bad.source, raw=repr(raw_name))
    bad.reason.encode("utf-8")  # printable: no surrogate escapes left in it


def test_documents_folders_nested_1500_deep_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # short names keep the deepest path under PATH_MAX; the walk itself has no depth limit
    monkeypatch.chdir(tmp_path)
    deepest = "d"
    os.mkdir(deepest)
    for _ in range(1499):  # os.makedirs itself recurses
        deepest += "/d"
        os.mkdir(deepest)
    Path(deepest, "deep.txt").write_text(GOOD_TEXT, encoding="utf-8")
    Path("top.txt").write_text(GOOD_TEXT, encoding="utf-8")
    try:
        items = read_all("d", "top.txt")
        assert [item.id for item in items] == [
            f"{deepest.removeprefix('d/')}/deep.txt",
            "top.txt",
        ]
    finally:  # shutil.rmtree (pytest's clean-up) recurses too: take the tree down here
        Path(deepest, "deep.txt").unlink()
        while deepest:
            os.rmdir(deepest)
            deepest = deepest.rpartition("/")[0]


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.txt"])
def test_documents_fifo_is_skipped_without_blocking(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)  # nobody ever writes to it: opening it for reading would block
    (tmp_path / "z.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for given in (tmp_path, tmp_path / name):
        items = read_all(given)
        assert items[0] == Skipped(
            str(tmp_path / name),
            Messages.E_NOT_REGULAR.format(path=tmp_path / name, kind="FIFO (named pipe)"),
        )
    assert [item.id for item in read_all(tmp_path)[1:]] == ["z.txt"]


def test_documents_socket_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.chdir(tmp_path)  # a socket path must be short
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("listen.txt")
        assert read_all(tmp_path) == [
            Skipped(
                str(tmp_path / "listen.txt"),
                Messages.E_NOT_REGULAR.format(path=tmp_path / "listen.txt", kind="socket"),
            )
        ]


def test_documents_jsonl_lines_without_ids_in_two_folders_get_different_ids(
    tmp_path: Path,
) -> None:
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        line = json.dumps({"text": f"Acme news from {folder}."})
        (tmp_path / folder / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    items = read_all(tmp_path)
    assert [(item.id, item.text) for item in items if isinstance(item, Document)] == [
        ("d1/feed.jsonl:1", "Acme news from d1."),
        ("d2/feed.jsonl:1", "Acme news from d2."),
    ]


def test_documents_output_folder_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.html").write_text("<p>Acme page</p>", encoding="utf-8")
    items = list(read_documents([tmp_path, out / "graph.html"], exclude=[out]))
    assert [item.id for item in items if isinstance(item, Document)] == ["a.txt"]
    assert [item for item in items if isinstance(item, Skipped)] == [
        Skipped(str(out), Messages.E_OWN_OUTPUT.format(path=out)),
        Skipped(str(out / "graph.html"), Messages.E_OWN_OUTPUT.format(path=out / "graph.html")),
    ]


def test_documents_unforeseen_failure_skips_only_that_document(tmp_path, monkeypatch):
    # The readers catch every failure they know of with its own message; this is the net under
    # them, for a bug nobody foresaw: the document is skipped with the error and the run goes on.
    real_document = documents._document

    def fails_on_one_text(document_id, text, *args, **kwargs):
        if "Kestrel" in text:
            raise RuntimeError("unforeseen")
        return real_document(document_id, text, *args, **kwargs)

    monkeypatch.setattr(documents, "_document", fails_on_one_text)
    (tmp_path / "a.txt").write_text("Acme Widgets acquired Brightwave Systems.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Harbor Metals acquired Kestrel Mining.", encoding="utf-8")
    lines = [{"id": "one", "text": "Kestrel Mining hired staff."}, {"id": "two", "text": "Orvell"}]
    feed = tmp_path / "c.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    results = list(read_documents([tmp_path]))

    assert [r.id for r in results if isinstance(r, Document)] == ["a.txt", "two"]
    assert [r for r in results if isinstance(r, Skipped)] == [
        Skipped(
            str(tmp_path / "b.txt"),
            Messages.E_DOCUMENT_FAILED.format(
                source=tmp_path / "b.txt", error="RuntimeError: unforeseen"
            ),
        ),
        Skipped(
            f"{feed}:1",
            Messages.E_DOCUMENT_FAILED.format(source=f"{feed}:1", error="RuntimeError: unforeseen"),
        ),
    ]
