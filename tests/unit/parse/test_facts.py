"""The facts page parsed from blocks: values paired with their labels by position, rights' statuses."""

from __future__ import annotations

from pipeline.model.document import Block, Role, Span, Where
from pipeline.parse.facts import (
    pair_by_position,
    parse_destinations,
    parse_indicators,
    parse_rights,
    status_of,
)


def block(
    text: str, box: tuple[float, float, float, float], size: float = 9.0, role: Role = Role.TEXT
) -> Block:
    return Block(spans=(Span(text),), where=Where(page=1, bbox=box), role=role, size=size)


def heading(text: str, top: float) -> Block:
    return block(text, (50, top, 200, top + 11), size=11, role=Role.HEADING)


def by_code(parsed) -> dict[str, str | None]:
    return {r.indicator: r.raw for r in parsed.records}


def test_status_wordings_map_to_one_status_each():
    assert [status_of(t) for t in ("Yes", "No", "Not yet implemented", "Partially", "not implemented")] == [
        "yes",
        "no",
        "not_implemented",
        "partial",
        "not_implemented",
    ]
    assert status_of("Maybe") is None


def test_each_label_takes_the_value_in_the_box_under_it_not_the_one_across():
    blocks = (
        block("% of emigrants in total population", (50, 80, 200, 88), size=8),
        block("Male", (100, 100, 118, 107), size=7),
        block("Female", (160, 100, 183, 107), size=7),
        block("53.6%", (100, 109, 135, 120), size=11),
        block("46.4%", (160, 109, 195, 120), size=11),
        block("Remittances as a share of GDP", (300, 100, 380, 116), size=7),
        block("4.9%", (300, 119, 325, 130), size=11),
    )
    parsed = parse_indicators(blocks, "f.pdf")
    assert not parsed.findings
    raws = by_code(parsed)
    assert (raws["emigrants_male_pct"], raws["emigrants_female_pct"]) == ("53.6%", "46.4%")
    assert raws["remittances_pct_gdp"] == "4.9%"


def test_a_value_beside_its_label_on_its_baseline_is_paired():
    label = block("Remittances inflow (USD million):", (50, 100, 190, 109))
    value = block("1,272", (200, 100, 225, 109))
    far = block("9,999", (200, 140, 225, 149))
    pairs = pair_by_position([label], [value, far], under=True, reach=6.0)
    assert pairs.value_of[id(label)] is value and pairs.orphans == (far,)


def test_two_values_equally_near_are_ambiguous_and_reported_on_the_label_row():
    blocks = (
        block("Male", (100, 100, 170, 107), size=7),  # a label spreading over both boxes
        block("53.6%", (100, 109, 135, 120), size=11),
        block("46.4%", (140, 109, 175, 120), size=11),
    )
    parsed = parse_indicators(blocks, "f.pdf")
    assert by_code(parsed)["emigrants_male_pct"] is None
    (f,) = [f for f in parsed.findings if f.code == "value-unpaired"]
    assert (f.table, f.column, f.seq, f.page, f.bbox) == ("indicators", "value", 2, 1, (100, 100, 170, 107))
    assert "equally near" in f.message and "emigrants_male_pct" in f.message


def test_a_value_with_no_label_is_reported():
    blocks = (block("Male", (100, 100, 118, 107), size=7), block("53.6%", (100, 109, 135, 120), size=11))
    stray = block("12.5%", (400, 300, 430, 311), size=11)
    parsed = parse_indicators(blocks + (stray,), "f.pdf")
    (f,) = parsed.findings
    assert f.code == "value-unpaired" and f.bbox == (400, 300, 430, 311) and "no label" in f.message


def test_destination_names_take_the_count_on_their_baseline_in_the_box_beside():
    blocks = (
        heading("Top countries of destination", 80),
        block("Thailand", (50, 100, 90, 109)),
        block("689,451", (250, 100, 284, 109)),
        block("United States of America", (50, 112, 110, 130)),  # wrapped over two lines
        block("196,003", (250, 112, 284, 121)),
    )
    parsed = parse_destinations(blocks, "f.pdf")
    assert not parsed.findings
    assert [(r.country, r.emigrants) for r in parsed.records] == [
        ("Thailand", 689451),
        ("United States of America", 196003),
    ]
    assert (parsed.records[0].prov.x0, parsed.records[0].prov.x1) == (50, 284)  # the whole row


def test_rights_take_the_printed_status_beside_them_or_at_their_end():
    blocks = (
        heading("Political rights", 80),
        block("Dual citizenship", (70, 100, 140, 109)),
        block("Not yet implemented", (250, 100, 330, 109)),
        block("Right to vote in national elections for citizens residing abroad", (70, 115, 200, 134)),
        block("Partially", (250, 115, 290, 124)),
        block("Voting from abroad No", (70, 140, 270, 149)),
    )
    parsed = parse_rights(blocks, "f.pdf")
    assert not parsed.findings
    assert [(r.right, r.label, r.status, r.status_text) for r in parsed.records] == [
        ("dual_citizenship", "Dual citizenship", "not_implemented", "Not yet implemented"),
        (
            "vote_national_elections_abroad",
            "Right to vote in national elections for citizens residing abroad",
            "partial",
            "Partially",
        ),
        ("voting_from_abroad", "Voting from abroad", "no", "No"),
    ]


def test_a_right_shown_by_its_icon_alone_has_no_status():
    parsed = parse_rights(
        (heading("Political rights", 80), block("Dual citizenship", (70, 100, 140, 109))), "f"
    )
    assert (parsed.records[0].status, parsed.records[0].status_text) == (None, None)


def test_a_destination_without_a_count_beside_it_is_reported_on_its_row():
    blocks = (
        heading("Top countries of destination", 80),
        block("Thailand", (50, 100, 90, 109)),
        block("689,451", (250, 100, 284, 109)),
        block("France", (50, 112, 80, 121)),
        block("69,748", (250, 140, 284, 149)),  # a row below: on no name's baseline
    )
    parsed = parse_destinations(blocks, "f.pdf")
    assert [(r.country, r.emigrants) for r in parsed.records] == [("Thailand", 689451), ("France", None)]
    found = sorted(
        ((f.seq or 0, f.bbox) for f in parsed.findings if f.code == "value-unpaired"), reverse=True
    )
    assert found == [(2, (50, 112, 80, 121)), (0, (250, 140, 284, 149))]


def test_male_and_female_labels_belong_to_the_figure_whose_caption_stands_above_and_left_of_them():
    """Two figures side by side: both captions are read before any sign, so reading order alone
    would give all four shares to the last caption read (of which in the EU)."""
    blocks = (
        block("% of emigrants in total population", (60, 366, 160, 373), size=7),
        block("% of which in the EU", (311, 366, 374, 373), size=7),
        *(
            block(sign, (x, 432, x + 5, 439), size=7)
            for sign, x in (("♂", 66), ("♀", 184), ("♂", 317), ("♀", 435))
        ),
        *(
            block(v, (x, 443, x + 42, 458), size=15)
            for v, x in (("47.3%", 66), ("52.7%", 184), ("44.1%", 317), ("55.9%", 435))
        ),
    )
    parsed = parse_indicators(blocks, "f.pdf")
    assert not parsed.findings
    raws = by_code(parsed)
    assert [raws[f"{g}_{s}_pct"] for g in ("emigrants", "emigrants_in_eu") for s in ("male", "female")] == [
        "47.3%",
        "52.7%",
        "44.1%",
        "55.9%",
    ]


def test_a_value_under_two_labels_read_as_one_line_is_reported_on_the_row_of_the_label_over_it():
    blocks = (
        block(
            "% of emigrants in total population Remittances as a share of GDP:", (60, 197, 440, 204), size=7
        ),
        block("4.9%", (311, 209, 345, 224), size=15),
        block("♂", (83, 262, 88, 269), size=7),
        block("53.6%", (83, 274, 125, 289), size=15),
    )
    parsed = parse_indicators(blocks, "f.pdf")
    (f,) = parsed.findings
    assert (f.code, f.table, f.column, f.seq) == (
        "value-unpaired",
        "indicators",
        "value",
        7,
    )  # remittances_pct_gdp
    assert (f.page, f.bbox) == (1, (311, 209, 345, 224)) and "side by side" in f.message
    assert by_code(parsed)["emigrants_male_pct"] == "53.6%"


def test_a_value_box_after_the_rights_list_is_an_indicators():
    blocks = (
        heading("Political rights", 80),
        block("Dual citizenship", (50, 100, 120, 109)),
        block("Yes", (500, 100, 515, 109)),
        block("Remittances as a share of GDP:", (50, 130, 150, 137), size=7),
        block("13.4%", (50, 140, 90, 155), size=15),
    )
    assert by_code(parse_indicators(blocks, "f.pdf"))["remittances_pct_gdp"] == "13.4%"
