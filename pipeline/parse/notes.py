"""Footnotes: text, URLs (angle brackets stripped), page references, and 'Ibid'."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipeline.model.records import Footnote, FootnoteUrl, Provenance
from pipeline.parse.common import Parsed
from pipeline.structure.outline import Note

ANGLED = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>")
URL = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>]+?)(?::\s+(?P<page>\d{1,4})(?:\s*[-–]\s*\d{1,4})?)?(?=[\s)\]]|$)"
)
IBID = re.compile(r"^\s*ibid\b", re.I)


# a URL broken at a line end after one of its own hyphens, when the line joining put a space there
# ("...plan-2014- 2018#..."): no URL ends with a hyphen, so what follows the space is its rest
URL_BROKEN_AT_HYPHEN = re.compile(r"((?:https?://|www\.)[^\s<>]*-)\s+(?=[^\s<>])")


def clean_url(url: str) -> str:
    url = url.rstrip(",;:")
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def parse_notes(notes: tuple[Note, ...], file: str) -> tuple[Parsed[Footnote], tuple[FootnoteUrl, ...]]:
    records, urls = [], []
    previous: int | None = None
    for note in notes:
        text = URL_BROKEN_AT_HYPHEN.sub(r"\1", " ".join(ANGLED.sub(r"\1", note.block.text).split()))
        prov = Provenance.of_block(note.block)
        page_ref = None
        for i, m in enumerate(URL.finditer(text), start=1):
            url = clean_url(m.group("url"))
            urls.append(FootnoteUrl(number=note.number, seq=i, url=url, domain=domain_of(url), prov=prov))
            if m.group("page") and page_ref is None:
                page_ref = int(m.group("page"))
        ibid_of = previous if IBID.match(text) else None
        records.append(Footnote(number=note.number, text=text, page_ref=page_ref, ibid_of=ibid_of, prov=prov))
        previous = note.number
    return Parsed(records=tuple(records)), tuple(urls)
