"""Notes: their URLs, page references and ibid."""

from __future__ import annotations

from pipeline.model.document import Block, Span, Where
from pipeline.parse.notes import parse_notes
from pipeline.structure.outline import Note


def _note(n, text):
    return Note(n, Block(spans=(Span(text),), where=Where(line=n)))


def test_notes_urls_page_refs_and_ibid():
    parsed, urls = parse_notes(
        (
            _note(1, "See <https://a.org/x> or https://b.org/y.pdf: 17"),
            _note(2, "Ibid"),
            _note(3, "Interview with an official, 2021."),
        ),
        "f",
    )
    n1, n2, n3 = parsed.records
    assert [u.url for u in urls] == ["https://a.org/x", "https://b.org/y.pdf"]
    assert n1.page_ref == 17 and n1.text == "See https://a.org/x or https://b.org/y.pdf: 17"
    assert n2.ibid_of == 1 and n3.ibid_of is None
    assert [u.domain for u in urls] == ["a.org", "b.org"]


def test_a_url_broken_after_its_own_hyphen_is_rejoined_and_the_next_word_kept():
    parsed, urls = parse_notes(
        (
            _note(
                1, "See https://a.org/plan-2014- 2018#summary and the annex. Also https://b.org/x/ and more"
            ),
        ),
        "f",
    )
    assert [u.url for u in urls] == ["https://a.org/plan-2014-2018#summary", "https://b.org/x/"]
    assert (
        parsed.records[0].text
        == "See https://a.org/plan-2014-2018#summary and the annex. Also https://b.org/x/ and more"
    )
