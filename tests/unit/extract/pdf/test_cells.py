"""Cells of a block and of rows (right-hand cells, lead year columns, the boxes of a designed page) and
the markers of a line, on made-up words (no real edition's coordinates)."""

from __future__ import annotations

from pipeline.extract.pdf.cells import grid_boxes, lead_column, row_cells, spans_of, trail_start
from pipeline.extract.pdf.hyphenation import BREAK
from pipeline.extract.pdf.lines import Line, mark_superscripts
from pipeline.extract.pdf.words import Word
from tests.support.pdf_words import w


def test_a_year_or_country_set_apart_is_a_right_hand_cell_but_justified_words_are_not():
    title = [w("Association", 54, 80), w("(ACCA)", 120, 80), w("France", 350, 80), w("1980", 510, 80)]
    assert trail_start(title, 10.0) == 2  # "France 1980" read after the name
    justified = [w("National", 130, 80), w("Diaspora", 250, 80)]
    assert trail_start(justified, 10.0) == len(justified)  # "Diaspora" is not a year or a country


def test_a_marker_citing_two_notes_gives_two_markers():
    line = Line(
        words=tuple(mark_superscripts([w("policy", 50, 100), w("4,5", 83, 96, size=7), w("was", 100, 100)])),
        page=1,
        page_height=800,
    )
    spans, _ = spans_of([line], small=False)
    assert [s.text for s in spans if s.marker] == ["4", "5"]


def w9(text: str, x0: float, top: float, size: float = 9.0, bold: bool = False) -> Word:
    return Word(
        text=text, x0=x0, top=top, x1=x0 + 0.55 * size * len(text), bottom=top + size, size=size, bold=bold
    )


def row(
    texts: str, x: float, top: float, size: float = 9.0, space: float = 2.5, bold: bool = False
) -> list[Word]:
    """Words of ``texts`` set from ``x`` with ``space`` points between them."""
    out = []
    for t in texts.split():
        out.append(w9(t, x, top, size, bold))
        x = out[-1].x1 + space
    return out


def texts(boxes: list[list[list[Word]]]) -> list[str]:
    return [" / ".join(" ".join(x.text for x in r) for r in box) for box in boxes]


def test_a_wide_white_parts_a_row_into_cells_but_not_before_a_year_or_after_a_lead_year():
    assert [len(c) for c in row_cells(row("Thailand", 50, 100) + row("689,451", 200, 100))] == [1, 1]
    # a year set apart beside a title stays with its row: the title parser reads it
    assert len(row_cells(row("Association of Students", 50, 100) + row("2012", 300, 100))) == 1
    # a timeline's lead year column stays with its text
    assert len(row_cells(row("2014", 50, 100) + row("● Policy on Labour Migration", 90, 100))) == 1


def test_justified_spaces_wide_but_equal_do_not_part_a_row():
    assert len(row_cells(row("gives returning families", 50, 100, space=14.0))) == 1


def test_labels_over_value_boxes_are_read_box_by_box():
    """Two small labels on one row, their values under them: four boxes, each label then value."""
    rows = [
        row("Male", 100, 100, size=7) + row("Female", 160, 100, size=7),
        row("53.6%", 100, 109, size=11) + row("46.4%", 160, 109, size=11),
    ]
    assert texts(grid_boxes(rows) or []) == ["Male", "Female", "53.6%", "46.4%"]


def test_a_label_wrapping_in_its_box_stays_one_box_beside_another():
    rows = [
        row("Remittances as a share", 50, 100, size=7) + row("Remittances inflow (USD", 160, 100, size=7),
        row("of GDP", 50, 108.5, size=7) + row("million)", 160, 108.5, size=7),
        row("4.9%", 50, 118, size=11) + row("1,272", 160, 118, size=11),
    ]
    assert texts(grid_boxes(rows) or []) == [
        "Remittances as a share / of GDP",
        "Remittances inflow (USD / million)",
        "4.9%",
        "1,272",
    ]


def test_names_beside_counts_stay_one_box_per_row_and_a_wrapped_name_joins_its_first_line():
    rows = [
        row("Thailand", 50, 100) + row("689,451", 200, 100),
        row("United States of", 50, 112) + row("196,003", 200, 112),
        row("America", 50, 123),
        row("France", 50, 136) + row("69,748", 205, 136),
    ]
    assert texts(grid_boxes(rows) or []) == [
        "Thailand",
        "689,451",
        "United States of / America",
        "196,003",
        "France",
        "69,748",
    ]


def test_prose_is_no_grid():
    rows = [row("Emigration has been a growing phenomenon for", 50, 100 + 12 * i) for i in range(4)]
    assert grid_boxes(rows) is None


def test_a_gap_no_neighbouring_row_shares_is_a_wide_space_not_a_cell():
    rows = [
        row("the policy serves as a guide for the", 50, 100),
        row("US$10,000", 50, 112) + row("diaspora-led", 150, 112) + row("projects.", 230, 112),
        row("implementation and formulation of", 50, 124),
    ]
    assert grid_boxes(rows) is None


def test_a_year_column_taller_than_its_text_keeps_its_lead_column():
    lines = [
        Line(
            words=tuple(row("2014", 50, 100) + row("● Policy on Labour Migration", 90, 100)),
            page=1,
            page_height=800,
        ),
        Line(words=tuple(row("∨", 50, 112) + row("for Cambodia.", 90, 112)), page=1, page_height=800),
        Line(words=tuple(row("2018", 50, 124)), page=1, page_height=800),
    ]
    assert lead_column(lines) == 90


def test_a_word_broken_at_a_layout_engines_hyphen_is_held_for_the_decision():
    lines = [
        Line(words=(w("bilateral", 50, 100), w("admini\u2010", 110, 100)), page=1, page_height=800),
        Line(words=(w("strative", 50, 112), w("process", 110, 112)), page=1, page_height=800),
    ]
    spans, _ = spans_of(lines, small=False)
    # the glyph printed is kept for the decision
    assert "".join(s.text for s in spans) == f"bilateral admini\u2010{BREAK}strative process"


def test_labels_of_two_boxes_side_by_side_part_where_the_row_stops_short_of_its_measure():
    """A grid of boxes two by two: each box's small label on one row, a value under one of them
    only; the rows around part nowhere else, but the row stops short of the region's right edge, so
    its wide gap is white between boxes, not a justified space."""
    rows = [
        row("Emigration", 50, 80, size=13),
        row("% of emigrants in total population", 50, 100, size=7)
        + row("Remittances as a share of GDP:", 300, 100, size=7),
        row("4.9%", 300, 110, size=15),
        row("♂", 60, 150, size=7) + row("♀", 150, 150, size=7),  # in the left box, under its ring
        row("53.6%", 60, 160, size=15) + row("46.4%", 150, 160, size=15),
        row("Thailand", 50, 200) + row("689,451", 500, 200),  # the region's right edge
        row("France", 50, 212) + row("69,748", 505, 212),
    ]
    assert texts(grid_boxes(rows) or [])[1:4] == [
        "% of emigrants in total population",
        "Remittances as a share of GDP:",
        "4.9%",
    ]


def test_values_in_boxes_at_equal_distances_part_but_a_justified_line_reaching_its_measure_does_not():
    values = (
        row("47.3%", 50, 100, size=15) + row("52.7%", 170, 100, size=15) + row("44.1%", 290, 100, size=15)
    )
    assert len(row_cells(values)) == 1  # the gaps are alike: without the measure, no reason to part
    assert [len(c) for c in row_cells(values, right=540.0)] == [1, 1, 1]
    stretched = row("Ministry", 50, 100) + row("of", 200, 100) + row("Labour", 540 - 0.55 * 9 * 6, 100)
    assert len(row_cells(stretched, right=540.0)) == 1  # spread to the measure by justification


def _line(words: list[Word]) -> Line:
    return Line(words=tuple(words), page=1, page_height=800)


def _text(lines: list[Line]) -> str:
    spans, _ = spans_of(lines, small=False)
    return "".join(s.text for s in spans)


def test_a_timeline_line_opening_on_a_word_space_stays_in_the_text_column():
    """Where no space glyphs are drawn, a line may open on the word space the engine left there
    (0.18 em, more than 1.5 pt at 9 pt): its first word is still in the text column, and the
    year column beside it ("2016 / ∨ / 2020") is read before the text."""
    space = 0.18 * 9
    lines = [
        _line(row("2016", 50, 100) + row("● The programme placed", 90, 100)),
        _line(row("∨", 50, 112) + row("diaspora professionals in", 90 + space, 112)),
        _line(row("2020", 50, 124) + row("public hospitals.", 90, 124)),
    ]
    assert lead_column(lines) == 90
    assert _text(lines) == "2016 ∨ 2020 ● The programme placed diaspora professionals in public hospitals."


def test_a_cell_half_an_em_from_the_name_is_a_cell_when_the_names_spaces_are_far_narrower():
    name = row("Asociatia Moldovenilor din Iasi", 50, 100, space=1.6, bold=True)
    cells = row("Romania", name[-1].x1 + 5.5, 100) + row("2010", 272, 100, bold=True)
    assert trail_start(name + cells, 9.0) == len(name)  # 5.5 pt: 0.6 em, over three word spaces
    spread = row("people in Italy", 50, 100, space=5.5)  # spaces alike: a justified line, no cell
    assert trail_start(spread, 9.0) == len(spread)


def test_a_cell_set_edge_to_edge_after_a_name_filling_its_column_is_a_cell_in_another_weight_only():
    name = row("Volta Solidarity Collective (VSC)", 50, 100, space=1.6, bold=True)
    country = w9("Belgium", name[-1].x1 + 0.1, 100)
    assert trail_start([*name, country], 9.0) == len(name)
    assert _text([_line([*name, country])]) == "Volta Solidarity Collective (VSC) Belgium"
    bold = w9("Belgium", name[-1].x1 + 0.1, 100, bold=True)  # same weight: the name's own text
    assert trail_start([*name, bold], 9.0) == len(name) + 1


def test_a_country_wrapped_in_its_cell_beside_a_wrapped_name_reads_before_the_year():
    """Name, country and year columns; the name and the country both wrap: the second line's
    word in the country column goes on the country, and the year beside the first line comes
    after it."""
    lines = [
        _line(
            row("Akwaaba Health Professionals", 50, 100, space=1.6, bold=True)
            + row("United", 200, 100)
            + row("2009", 272, 100, bold=True)
        ),
        _line(row("Network (AHPN)", 50, 112, space=1.6, bold=True) + row("Kingdom", 200, 112)),
    ]
    assert _text(lines) == "Akwaaba Health Professionals Network (AHPN) United Kingdom 2009"
    # a second line reaching into the country column is the name's, not a cell
    reaching = [lines[0], _line(row("Network of Professionals in Europe", 50, 112, space=1.6, bold=True))]
    assert _text(reaching) == "Akwaaba Health Professionals Network of Professionals in Europe United 2009"
