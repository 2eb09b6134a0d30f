"""Running headers and footers: lines that repeat in the margins, told from headings."""

from __future__ import annotations

from pipeline.extract.pdf.lines import Line
from pipeline.extract.pdf.running import body_extent, is_running, running_keys
from tests.support.pdf_words import w


def page_lines(n, header="Country profile"):
    return [
        Line(
            words=tuple(w(t, 40 + 40 * i, 20, size=7) for i, t in enumerate(header.split())),
            page=n,
            page_height=800,
        ),
        Line(words=(w(f"Body{n}", 40, 300),), page=n, page_height=800),
        Line(words=(w("Facility", 40, 780, size=7), w(str(n), 500, 780, size=7)), page=n, page_height=800),
    ]


def test_lines_repeating_in_the_margin_on_most_pages_are_running_headers_or_footers():
    pages = [page_lines(1), page_lines(2), page_lines(3)]
    keys = running_keys(pages, body=10.0)
    for lines in pages:
        extent = body_extent(lines, 10.0)
        assert [is_running(line, keys, 10.0, extent) for line in lines] == [True, False, True]


def test_small_margin_lines_at_one_place_are_running_whatever_their_words():
    pages = [
        page_lines(1, "Facts and figures"),
        page_lines(2, "Policy framework"),
        page_lines(3, "Annex of actors"),
    ]
    keys = running_keys(pages, body=10.0)
    assert all(is_running(lines[0], keys, 10.0, body_extent(lines, 10.0)) for lines in pages)


def test_headings_at_the_top_of_pages_are_not_running_headers():
    names = {1: "Trends", 2: "Obstacles", 3: "Annex"}
    pages = [
        [
            Line(words=(w(names[n], 40, 50, size=14, bold=True),), page=n, page_height=800),
            Line(words=(w("Body", 40, 300),), page=n, page_height=800),
        ]
        for n in (1, 2, 3)
    ]
    keys = running_keys(pages, body=10.0)
    assert not any(is_running(lines[0], keys, 10.0, body_extent(lines, 10.0)) for lines in pages)
