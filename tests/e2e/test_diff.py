"""`diff` for the yearly review: the changed words of a long paragraph, deltas as printed,
--exit-code, and warnings when the two sides look wrong."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.commands.diff import Change, md, word_changes
from tests.support.paths import FIXTURES, RAW

SOURCE = RAW / "cambodia-2022.txt"
UPDATED = "Updated September 2022"


def long_paragraph(text: str) -> str:
    """The profile's longest paragraph (a line of several hundred characters)."""
    return max(text.splitlines(), key=len)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The 2022 text, and a 2024 edition with one word changed near the end of its longest
    paragraph and the remittance share changed from 4.9% to 5.2%."""
    folder = tmp_path_factory.mktemp("editions")
    text = SOURCE.read_text(encoding="utf-8")
    paragraph = long_paragraph(text)
    words = paragraph.split(" ")
    position = len(words) - 4
    assert len(paragraph) > 500 and len(words[position]) > 2
    old_word = words[position]
    words[position] = "REVISED"
    new_text = text.replace(paragraph, " ".join(words)).replace(UPDATED, "Updated March 2024")
    assert "GDP: **4.9%**" in new_text
    new_text = new_text.replace("GDP: **4.9%**", "GDP: **5.2%**")
    old, new = folder / "cambodia-2022.txt", folder / "cambodia-2024.txt"
    old.write_text(text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return old, new, paragraph, old_word


def test_a_one_word_change_late_in_a_long_paragraph_shows_that_word(editions, tmp_path, capsys):
    old, new, paragraph, old_word = editions
    assert main(["diff", str(old), str(new), "--out", str(tmp_path)]) == 0
    shown = capsys.readouterr().out
    changes = pd.read_csv(tmp_path / "changes.csv", dtype=str, keep_default_na=False)
    changed = changes[changes["new_value"].str.contains("REVISED")]
    assert len(changed) == 1
    whole = changed.iloc[0]["old_value"]  # changes.csv keeps whole values
    assert len(whole) > 400 and whole in " ".join(paragraph.split())
    item = next(line for line in (tmp_path / "changes.md").read_text().splitlines() if "REVISED" in line)
    assert f"~~{md(old_word)}~~ **REVISED**" in item
    shown_text = item.split(f"`{changed.iloc[0]['column']}`", 1)[1]
    assert shown_text.startswith(": … ") and shown_text.endswith(md(" ".join(whole.split()[-3:])))
    assert md(" ".join(whole.split()[:6])) not in shown_text  # the excerpt, not the text's first characters
    assert len(shown_text) < 150
    assert "REVISED" in shown and old_word in shown  # the terminal shows both words too
    page = (tmp_path / "changes.html").read_text()
    assert "<ins>REVISED</ins>" in page and "<del>" in page


def test_deltas_are_rounded_to_the_printed_precision(editions, tmp_path):
    old, new, *_ = editions
    main(["diff", str(old), str(new), "--out", str(tmp_path)])
    changes = pd.read_csv(tmp_path / "changes.csv", dtype=str, keep_default_na=False)
    share = changes[(changes["record"] == "remittances_pct_gdp") & (changes["column"] == "value")].iloc[0]
    assert (share["old_value"], share["new_value"], share["delta"]) == ("4.9", "5.2", "0.3")
    markdown = (tmp_path / "changes.md").read_text()
    assert "(+0.3)" in markdown and "0.2999" not in markdown


def test_exit_code_says_whether_anything_changed(editions, tmp_path):
    old, new, *_ = editions
    assert main(["diff", str(old), str(new), "--out", str(tmp_path / "a"), "--exit-code"]) == 1
    assert main(["diff", str(old), str(old), "--out", str(tmp_path / "b"), "--exit-code"]) == 0
    assert main(["diff", str(old), str(new), "--out", str(tmp_path / "c")]) == 0  # without the flag


def test_reversed_editions_are_warned_about(editions, tmp_path, capsys):
    old, new, *_ = editions
    main(["diff", str(new), str(old), "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert "NEW edition (2022-09, cambodia-2022.txt) is older than the OLD one (2024-03" in err
    assert "reverse order" in (tmp_path / "changes.md").read_text()
    assert "reverse order" in (tmp_path / "changes.html").read_text()
    main(["diff", str(old), str(new), "--out", str(tmp_path / "right")])
    assert "warning" not in capsys.readouterr().err


def test_no_common_country_is_warned_about(tmp_path, capsys):
    main(
        ["diff", str(FIXTURES / "ghana-2023.txt"), str(FIXTURES / "moldova-2024.txt"), "--out", str(tmp_path)]
    )
    assert "share no country (OLD: GHA; NEW: MDA)" in capsys.readouterr().err


class Tags(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_values_from_a_profile_are_escaped_in_markdown_and_html(tmp_path):
    from pipeline.commands.diff import CountryDiff, DiffResult, changes_html, summary_markdown

    evil = '<script>alert(1)</script> [x](javascript:alert(1)) **b**'
    change = Change(
        country=evil,
        iso3="KHM",
        table="institutions",
        record=evil,
        change="changed",
        column="name",
        old_value="Old",
        new_value=evil,
        delta=None,
        old_profile_id="KHM-2022-09",
        new_profile_id="KHM-2024-03",
    )
    result = DiffResult("old", "new", (CountryDiff("KHM", evil, None, None, (change,)),))
    page = Tags(changes_html(result))
    assert "script" not in page.tags and "a" not in page.tags
    assert evil in "".join(page.text)  # shown as text
    markdown = summary_markdown(result)
    assert "<script>" not in markdown and "**b**" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript", markdown)  # no link: the bracket is escaped
    assert re.sub(r"\\(.)", r"\1", md(evil)) == evil  # unescaped, the Markdown reads as the value


def test_word_changes_keep_context_and_join_close_changes():
    old = " ".join(f"w{i}" for i in range(40))
    new = old.replace("w30", "X").replace("w32", "Y")
    (excerpt,) = word_changes(old, new, context=3)
    assert excerpt == [
        ("gap", "…"),
        ("same", "w27 w28 w29"),
        ("old", "w30"),
        ("new", "X"),
        ("same", "w31"),
        ("old", "w32"),
        ("new", "Y"),
        ("same", "w33 w34 w35"),
        ("gap", "…"),
    ]
    far_apart = old.split()
    far_apart[2], far_apart[37] = "A", "B"
    assert len(word_changes(old, " ".join(far_apart), context=3)) == 2
