"""Tests of graphbuild.documents on HTML pages: metadata from the markup, the headline kept out.

The pages are written here with invented names; the graph test runs the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.documents import read_documents
from graphbuild.pipeline import BuildOptions, build_corpus
from graphbuild.records import Document

BODY = (
    "<p>Orbital Games will sponsor the Northern Esports League from next season, the league "
    "said on Thursday. The deal covers three seasons and the league's final in Pellmore.</p>"
    "<p>Orbital Games competes with Vantor Interactive, which backed the league until last "
    "year.</p>"
)
PAGE = (
    "<!doctype html><html><head>"
    "<title>Orbital Games backs esports league | Pellmore Times</title>"
    '<link rel="canonical" href="https://news.example.org/2024/nel-orbital">'
    "</head><body><nav>Home | Sport | Tech</nav><article>"
    "<h1>Northern Esports League</h1>"
    '<p class="byline">By Ada Quill, <time datetime="2024-03-14T09:00:00Z">14 March</time></p>'
    f"{BODY}</article><footer>Pellmore Times</footer></body></html>"
)


def read_page(tmp_path: Path, html: str, name: str = "page.html") -> Document:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    [document] = list(read_documents([path]))
    assert isinstance(document, Document)
    return document


def test_documents_html_headline_and_time_give_title_and_date(tmp_path: Path) -> None:
    document = read_page(tmp_path, PAGE)
    assert document.title == "Northern Esports League"
    assert document.date == "2024-03-14"
    assert document.url == "https://news.example.org/2024/nel-orbital"
    # the headline is metadata, not the start of the first sentence
    assert document.text.startswith("Orbital Games will sponsor")
    assert "Northern Esports League\n" not in document.text


def test_documents_html_headline_words_make_no_entity(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    read_page(tmp_path / "in", PAGE)
    graph = build_corpus([tmp_path / "in"], options=BuildOptions(processes=1)).graph
    names = {str(attributes["name"]) for _, attributes in graph.nodes(data=True)}
    assert {"Orbital Games", "Northern Esports League", "Vantor Interactive"} <= names
    glued = [name for name in names if "League" in name and ("Orbital" in name or "By" in name)]
    assert glued == []
    [stored] = graph.graph["documents"]
    assert (stored["title"], stored["date"]) == ("Northern Esports League", "2024-03-14")


@pytest.mark.parametrize(
    ("head", "body_start", "date"),
    [
        (
            '<meta property="article:published_time" content="2023-05-02T10:00:00+00:00">',
            "",
            "2023-05-02",
        ),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "NewsArticle", "headline": "Kestrel Media Week", '
            '"datePublished": "2022-11-09"}]}</script>',
            "",
            "2022-11-09",
        ),
        ("", '<time datetime="2021-07-01">1 July</time>', "2021-07-01"),
    ],
    ids=["article-published-time", "json-ld-date-published", "time-datetime"],
)
def test_documents_html_date_from_each_markup_form(
    tmp_path: Path, head: str, body_start: str, date: str
) -> None:
    html = (
        f'<html><head>{head}<meta property="og:url" content="https://example.org/a"></head>'
        f"<body><article><h1>Kestrel Media Week</h1>{body_start}{BODY}</article></body></html>"
    )
    document = read_page(tmp_path, html)
    assert document.date == date
    assert document.url == "https://example.org/a"
    assert document.title == "Kestrel Media Week"
    # neither the headline nor a bare date before the text runs into the first sentence
    assert document.text.startswith("Orbital Games will sponsor")


def test_documents_html_without_any_date_has_none(tmp_path: Path) -> None:
    html = (
        f"<html><head><title>Quiet page</title></head><body><article>{BODY}</article></body></html>"
    )
    document = read_page(tmp_path, html)
    assert document.date is None
    assert document.title == "Quiet page"
    assert document.url is None


def test_documents_html_paragraphs_are_separated_by_a_blank_line(tmp_path: Path) -> None:
    # a lone line break reads as a line wrapped inside a sentence, so a subheading would run
    # into the paragraph after it
    section = f"<h2>Rivals abroad</h2>{BODY}"
    html = f"<html><body><article><h1>Top</h1>{BODY}{section}</article></body></html>"
    document = read_page(tmp_path, html)
    assert "\n\nRivals abroad\n\nOrbital Games" in document.text


@pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1"])
def test_documents_html_xhtml_with_an_encoding_declaration_is_read(
    tmp_path: Path, declared: str
) -> None:
    # the file is decoded as UTF-8 before parsing, whatever its declaration says
    html = (
        f'<?xml version="1.0" encoding="{declared}"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Quiet page</title></head>'
        f"<body><article>{BODY.replace('Vantor', 'Vänтor')}</article></body></html>"
    )
    document = read_page(tmp_path, html)
    assert document.title == "Quiet page"
    assert document.text.startswith("Orbital Games will sponsor")
    assert "Vänтor Interactive" in document.text
