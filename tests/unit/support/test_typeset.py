"""Tests of the test-only typesetter (tests/support/typeset)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from tests.support.typeset import VARIANTS, profile_from_path, profile_from_text, typeset
from tests.support.typeset.__main__ import main
from tests.support.typeset.fonts import family
from tests.support.typeset.inline import TextStyle, break_lines
from tests.support.typeset.model import (
    Bullet,
    DestinationRow,
    EntryTitle,
    Heading,
    PolicyStatement,
    Profile,
    Run,
    TimelineEntry,
)

ROOT = Path(__file__).resolve().parents[3]
CAMBODIA = ROOT / "raw" / "cambodia-2022.txt"
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>]+")


@dataclass
class Rendered:
    layout_name: str
    pages: list[dict]  # per page: width, height, text, chars, words, curves


def _first_url(text: str) -> str | None:
    m = URL_RE.search(text)
    return m.group().rstrip(".,:;)") if m else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def profile() -> Profile:
    return profile_from_path(CAMBODIA)


@pytest.fixture(scope="module")
def rendered(profile: Profile, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("typeset")
    result = {}
    for name, layout in VARIANTS.items():
        path = out / f"{name}.pdf"
        typeset(profile, layout, path)
        with pdfplumber.open(path) as pdf:
            pages = [
                {
                    "width": p.width,
                    "height": p.height,
                    "text": p.extract_text() or "",
                    "chars": list(p.chars),
                    "words": p.extract_words(),
                    "curves": len(p.curves) + len(p.rects),
                }
                for p in pdf.pages
            ]
        result[name] = Rendered(name, pages)
    return result


# ------------------------------------------------------------------ the model


def test_profile_from_cambodia(profile: Profile) -> None:
    assert profile.country == "CAMBODIA"
    assert [n.number for n in profile.notes] == list(range(1, 24))
    assert profile.cited_numbers() == set(range(1, 24))
    kinds = [s.kind for s in profile.sections]
    assert kinds == [
        "facts",
        "framework",
        "trends",
        "obstacles",
        "spotlight",
        "annex",
        "organisations",
        "back",
    ]
    facts = profile.section("facts")
    assert facts is not None
    assert sum(isinstance(b, DestinationRow) for b in facts.blocks) == 5
    assert any(isinstance(b, PolicyStatement) for b in facts.blocks)
    framework = profile.section("framework")
    assert framework is not None
    years = [(b.start_year, b.end_year) for b in framework.blocks if isinstance(b, TimelineEntry)]
    assert years == [("2003", None), ("2007", None), ("2014", "2018"), ("2014", "2018"), ("2017", "2025")]
    orgs = profile.section("organisations")
    assert orgs is not None
    titles = [b for b in orgs.blocks if isinstance(b, EntryTitle)]
    assert len(titles) == 6 and all(t.country == "France" for t in titles)
    spot = profile.section("spotlight")
    assert spot is not None
    last = [b for b in spot.blocks if isinstance(b, EntryTitle)][-1]
    assert (last.years, last.marker) == ("2006", 18)
    assert profile.note(22) is not None and profile.note(22).text == "Ibid"  # type: ignore[union-attr]
    note19 = profile.note(19)
    assert note19 is not None and note19.text == "https://www.mfaic.gov.kh/site/detail/41663"


OTHER_PROFILE = """\
Diaspora engagement mapping NORTH MACEDONIA

Facts & figures

Emigration

Remittances as a share of GDP: **2.8%**

Top countries of destination

Germany\t117,000
Italy\t65,000

Political rights

Dual citizenship¹

North Macedonia has a diaspora engagement policy: the National Strategy for Cooperation with the \
Diaspora 2019-2023.

¹ Constitution, article 4

Overview of the policy and legislative framework

- 2019** ∨
2023 ● **National Strategy for Cooperation with the Diaspora²** sets out goals. It was adopted in 2019.

² <https://example.org/strategy>

Obstacles

- **Trust:** Many emigrants distrust institutions.³

3 Interview with an official, 2021

Annex:

List of Actors

Diaspora related institutions

- **National institutions**

- At ministerial level

Ministry of Foreign Affairs 1993

It deals with the diaspora.

Diaspora organisations in Europe

Macedonian Cultural Club Germany 2001

Integration activities

A club of friends.

Association of Friends of Italy

Development activities

Another club.

Written by: Someone
Edited by: EUDiF
"""


def test_profile_from_other_conventions() -> None:
    p = profile_from_text(OTHER_PROFILE)
    assert p.country == "NORTH MACEDONIA"
    assert [(n.number, n.text) for n in p.notes] == [
        (1, "Constitution, article 4"),
        (2, "https://example.org/strategy"),
        (3, "Interview with an official, 2021"),
    ]
    facts = p.section("facts")
    assert facts is not None
    assert any(isinstance(b, PolicyStatement) for b in facts.blocks)
    rows = [b for b in facts.blocks if isinstance(b, DestinationRow)]
    assert [(r.country, r.count) for r in rows] == [("Germany", "117,000"), ("Italy", "65,000")]
    framework = p.section("framework")
    assert framework is not None and isinstance(framework.blocks[0], TimelineEntry)
    assert framework.blocks[0].end_year == "2023"
    obstacles = p.section("obstacles")
    assert obstacles is not None and isinstance(obstacles.blocks[0], Bullet)
    annex = p.section("annex")
    assert annex is not None
    assert Heading(3, "At ministerial level") in annex.blocks
    orgs = p.section("organisations")
    assert orgs is not None
    titles = [b for b in orgs.blocks if isinstance(b, EntryTitle)]
    assert [(t.country, t.years) for t in titles] == [("Germany", "2001"), (None, None)]
    assert titles[1].name_runs == (Run("Association of Friends of Italy"),)


def test_renders_other_profile(tmp_path: Path) -> None:
    out = tmp_path / "other.pdf"
    for name in ("default", "order_2024", "two_column"):
        assert typeset(profile_from_text(OTHER_PROFILE), VARIANTS[name], out) >= 1
        with pdfplumber.open(out) as pdf:
            text = _squash(" ".join(p.extract_text() or "" for p in pdf.pages))
        assert "https://example.org/strategy" in text
        assert _squash("Interview with an official, 2021") in text


# ------------------------------------------------------------------ rendering


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_note_url_in_text(name: str, rendered: dict[str, Rendered], profile: Profile) -> None:
    text = _squash(" ".join(p["text"] for p in rendered[name].pages))
    urls = [u for u in (_first_url(n.text) for n in profile.notes) if u]
    assert len(urls) == 22
    for url in urls:
        assert _squash(url) in text, url


@pytest.mark.parametrize("name", list(VARIANTS))
def test_markers_are_small_raised_digits(name: str, rendered: dict[str, Rendered]) -> None:
    sizes = VARIANTS[name].sizes
    marker_size = round(sizes.body * sizes.marker_scale, 2)
    checked = 0
    for page in rendered[name].pages:
        chars = page["chars"]
        for i, c in enumerate(chars):
            if abs(c["size"] - marker_size) > 0.05 or not c["text"].isdigit():
                continue
            if i and chars[i - 1]["text"].isdigit() and abs(chars[i - 1]["size"] - marker_size) < 0.05:
                continue  # second digit of a marker
            body = [
                b
                for b in chars
                if abs(b["size"] - sizes.body) < 0.05
                and abs(b["x1"] - c["x0"]) < 1.0
                and abs(b["top"] - c["top"]) < 6
            ]
            assert body, f"marker {c['text']} not right after body text"
            prev = body[0]
            assert c["size"] < prev["size"]
            assert c["bottom"] < prev["bottom"] - 1.0  # raised above the baseline
            assert c["top"] < prev["top"]
            checked += 1
    assert checked >= 22
    # no Unicode superscript digits anywhere
    assert not any(ch in p["text"] for p in rendered[name].pages for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰")


@pytest.mark.parametrize("name", list(VARIANTS))
def test_page_size(name: str, rendered: dict[str, Rendered]) -> None:
    letter, a4 = (612.0, 792.0), (595.28, 841.89)
    expected = tuple(round(v, 2) for v in VARIANTS[name].page_size)
    assert expected in (letter, a4, a4[::-1])  # US Letter, A4 or A4 landscape
    for page in rendered[name].pages:
        assert (round(page["width"], 2), round(page["height"], 2)) == pytest.approx(expected, abs=0.01)


@pytest.mark.skipif(
    not (Path("/usr/share/fonts/truetype/dejavu") / "DejaVuSerif.ttf").exists(), reason="no DejaVu fonts"
)
def test_fonts(rendered: dict[str, Rendered]) -> None:
    def fonts(name: str) -> set[str]:
        return {c["fontname"].split("+")[-1] for p in rendered[name].pages for c in p["chars"]}

    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts("default")
    assert {"DejaVuSerif", "DejaVuSerif-Bold"} <= fonts("letter_serif")
    sizes = Counter(
        round(c["size"], 1)
        for p in rendered["letter_serif"].pages
        for c in p["chars"]
        if c["fontname"].endswith("DejaVuSerif")
    )
    assert sizes.most_common(1)[0][0] == 10.0  # body text


def test_default_notes_at_page_foot(rendered: dict[str, Rendered]) -> None:
    page = rendered["default"].pages[0]
    note_chars = [c for c in page["chars"] if abs(c["size"] - 6.3) < 0.05]
    body_chars = [c for c in page["chars"] if abs(c["size"] - 8.6) < 0.05]
    assert note_chars and min(c["top"] for c in note_chars) > max(c["bottom"] for c in body_chars)
    assert "Diaspora engagement mapping | CAMBODIA" not in page["text"]  # no header on page 1
    assert "EU Global Diaspora Facility" in page["text"]
    assert "Diaspora engagement mapping | CAMBODIA" in rendered["default"].pages[1]["text"]


def test_two_column_has_words_side_by_side(rendered: dict[str, Rendered]) -> None:
    layout = VARIANTS["two_column"]
    mid = layout.margins.left + layout.width / 2
    pairs = 0
    for page in rendered["two_column"].pages:
        left = {round(w["top"], 1) for w in page["words"] if w["x1"] < mid - 5}
        right = {round(w["top"], 1) for w in page["words"] if w["x0"] > mid + 5}
        pairs = max(pairs, sum(any(abs(a - b) <= 2.0 for b in right) for a in left))
    assert pairs >= 15


def test_endnotes(rendered: dict[str, Rendered], profile: Profile) -> None:
    pages = rendered["endnotes"].pages
    first = pages[0]
    assert not [c for c in first["chars"] if abs(c["size"] - 6.3) < 0.05]
    assert "wto.org" not in first["text"]
    heading_pages = [
        i for i, p in enumerate(pages) if any(line.strip() == "Notes" for line in p["text"].splitlines())
    ]
    assert heading_pages, "no Notes heading"
    after = _squash(" ".join(p["text"] for p in pages[heading_pages[-1] :]))
    for note in profile.notes:
        assert _squash(f"{note.number} {note.text}")[:40] in after


def test_order_2024(rendered: dict[str, Rendered]) -> None:
    first = rendered["order_2024"].pages[0]["text"]
    assert first.index("Terminology") < first.index("Political rights") < first.index("Remittances")
    assert first.index("Remittances") < first.index("Emigration")
    assert "does not have a diaspora engagement policy" not in first
    second = rendered["order_2024"].pages[1]["text"]
    assert second.index("legislative framework") < second.index(
        "Cambodia does not have a diaspora engagement policy."
    )


def test_other_running(rendered: dict[str, Rendered]) -> None:
    pages = rendered["other_running"].pages
    for number, page in enumerate(pages, start=1):
        assert "EUDiF country factsheet — Cambodia" in page["text"]
        assert f"Page {number} of {len(pages)}" in page["text"]
        assert "EU Global Diaspora Facility" not in page["text"]


def test_infographic_values_are_drawings(rendered: dict[str, Rendered]) -> None:
    for name in VARIANTS:
        page = rendered[name].pages[0]
        assert page["curves"] >= 5  # two ring charts and three yes/no icons
        words = {w["text"].lower() for w in page["words"]}
        printed = {w.lower() for wording in VARIANTS[name].rights_statuses for w in wording.split()}
        assert words & {"yes", "no"} <= printed  # a status is text only where the layout prints it


# ---------------------------------------------------------------- small parts


def test_long_url_broken_mid_token() -> None:
    style = TextStyle(family("sans"), 6.3, 7.6)
    url = "https://www.example.org/" + "a-very-long-path-segment/" * 12
    lines = break_lines((Run("see " + url),), style, 150.0)
    assert len(lines) > 2
    assert all(line.natural_width <= 150.0 + 0.01 for line in lines)
    joined = "".join(p.text for line in lines for w in line.words for p in w.pieces)
    assert joined == "see" + url


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    assert main([str(CAMBODIA), str(out), "--variant", "endnotes"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
