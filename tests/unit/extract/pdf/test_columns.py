"""Reading order from word positions: columns, spanning headings, tables that are not columns."""

from __future__ import annotations

from pipeline.extract.pdf.columns import find_gutter, order_rows, rows_of
from pipeline.extract.pdf.words import Word


def words_line(texts, x, top, size=9.0, gap=2.5):
    out = []
    for t in texts.split():
        width = 0.5 * size * len(t)
        out.append(Word(t, x, top, x + width, top + size, size))
        x += width + gap
    return out


def page_two_columns(heading_between: bool = False):
    words = words_line("Section heading", 50, 40, size=14)
    for i in range(8):
        words += words_line("left column text runs on and on here", 50, 70 + 12 * i)
        words += words_line("right column words keep going right", 228, 70 + 12 * i)
    if heading_between:
        words += words_line("Trends", 50, 190, size=14)
        for i in range(6):
            words += words_line("lower left column text goes on here", 50, 215 + 12 * i)
            words += words_line("lower right column text goes on too", 228, 215 + 12 * i)
    return words


def texts(regions):
    """Each region's text, its lines in order."""
    return [" ".join(w.text for row in rows for w in row) for rows in regions]


def test_two_columns_are_read_left_then_right_under_a_full_width_heading():
    regions = order_rows(rows_of(page_two_columns()))
    got = texts(regions)
    assert got[0] == "Section heading"
    assert got[1].startswith("left column") and "right" not in got[1]
    assert got[2].startswith("right column")


def test_a_heading_between_two_bands_spans_the_columns():
    got = texts(order_rows(rows_of(page_two_columns(heading_between=True))))
    assert [g.split()[0] for g in got] == ["Section", "left", "right", "Trends", "lower", "lower"]
    assert got[4].startswith("lower left") and got[5].startswith("lower right")


def test_a_table_of_labels_and_numbers_is_not_two_columns():
    words = []
    for i, (name, count) in enumerate(
        [
            ("Thailand", "689,451"),
            ("United States of America", "196,003"),
            ("France", "69,748"),
            ("Australia", "38,278"),
            ("Canada", "24,836"),
            ("Japan", "20,000"),
            ("Korea", "10,000"),
            ("Italy", "9,000"),
            ("Spain", "8,000"),
        ]
    ):
        words += words_line(name, 50, 100 + 15 * i) + words_line(count, 240, 100 + 15 * i)
    words += words_line("a line of running text that spans the whole width of the page body", 50, 260, gap=6)
    assert find_gutter(rows_of(words)) is None


def test_single_column_text_has_no_gutter():
    words = []
    for i in range(12):
        words += words_line(
            "single column text with many words running across the whole page width", 50, 100 + 12 * i
        )
    assert find_gutter(rows_of(words)) is None


def test_a_sidebar_of_labels_beside_a_main_panel_is_read_before_it():
    """A designed page: no prose on either side, but labels side by side over a tall band."""
    words = words_line("Facts and figures", 50, 40, size=14)
    for i in range(6):
        words += words_line(f"Sidebar label {i}", 60, 70 + 20 * i, size=7)
        words += words_line(f"{i}.5%", 60, 79 + 20 * i, size=11)
    for i in range(10):
        words += words_line(f"Country{i}", 230, 70 + 12 * i) + words_line(f"{i},000", 380, 70 + 12 * i)
    words += words_line("Terminology: a paragraph running across the whole width of the page", 50, 200)
    gutter = find_gutter(rows_of(words))
    assert gutter is not None and 120 < gutter < 230
    got = texts(order_rows(rows_of(words)))
    assert got[1].startswith("Sidebar label 0") and "Country" not in got[1]
    assert got[2].startswith("Country0") and got[3].startswith("Terminology")


def test_a_heading_beside_a_right_column_that_ended_above_it_stays_in_the_left_column():
    words = []
    for i in range(8):
        words += words_line("left column text runs on and on here", 50, 70 + 12 * i)
        words += words_line("right column words keep going right", 228, 70 + 12 * i)
    words += words_line("Heading", 50, 170, size=14)  # the right column has ended above it
    for i in range(4):
        words += words_line("left column text after the heading", 50, 190 + 12 * i)
    got = texts(order_rows(rows_of(words)))
    assert [g.split()[0] for g in got] == ["left", "right"]
    assert got[0].endswith("after the heading") and "Heading" in got[0]


def test_a_loosely_justified_line_of_a_full_width_paragraph_stays_full_width():
    words = page_two_columns()
    words += words_line("a full width paragraph line that crosses the gutter of the page", 50, 200)
    words += words_line("loose line", 50, 212) + words_line("with a wide space", 260, 212)
    words += words_line("short last line.", 50, 224)
    got = texts(order_rows(rows_of(words)))
    assert got[-1].startswith("a full width") and got[-1].endswith("short last line.")


def balanced_sections(
    offset: float = 15.0,
    second_starts_a_block: bool = True,
    left_gap: bool = True,
    left_runs_on: bool = False,
):
    """Two sections each set in balanced columns: a heading at the top of the left column, set
    ``offset`` below the first line of its right column (its space before kept at the column
    top); the second section starts below the first one's two columns."""
    words = words_line("Overview", 50, 70 + offset, size=14)
    for i in range(4):
        words += words_line("upper left column text runs on and on", 50, 90 + offset + 12 * i)
    for i in range(6):
        words += words_line("upper right column words keep going", 228, 70 + 12 * i)
    if second_starts_a_block:
        words += words_line("ends here.", 228, 142)
    else:
        words += words_line("upper right column words keep going", 228, 142)
    if left_runs_on:  # the left column's text reaches below the top of the right column's next line
        words += words_line("upper left column text runs on and on", 50, 148)
    # the lower right column goes on at the leading of the upper one, with no gap between them
    heading = 154 + offset if left_gap else 130
    words += words_line("Trends", 50, heading, size=14)
    for i in range(5):
        words += words_line("lower left column text goes on here", 50, heading + 20 + 12 * i)
    for i in range(5):
        words += words_line("lower right column text goes on too", 228, 154 + 12 * i)
    return words


def firsts(words):
    return [" ".join(g.split()[:2]) for g in texts(order_rows(rows_of(words)))]


def test_a_section_set_in_balanced_columns_starts_a_new_band_beside_the_other_column():
    assert firsts(balanced_sections()) == ["Overview upper", "upper right", "Trends lower", "lower right"]


def test_balanced_sections_whose_heading_top_aligns_with_the_right_column_are_cut_too():
    got = firsts(balanced_sections(offset=0.0))
    assert got == ["Overview upper", "upper right", "Trends lower", "lower right"]


def test_a_heading_inside_a_continuous_flow_does_not_cut_the_band():
    """No heading at a band top says how far a section's heading sits below its right column:
    the heading is read inside the left column, the right column after it."""
    words = [w for w in balanced_sections() if w.text != "Overview"]
    got = texts(order_rows(rows_of(words)))
    assert [" ".join(g.split()[:2]) for g in got] == ["upper left", "upper right"]
    assert "Trends lower left" in got[0] and got[1].endswith("goes on too")


def test_a_right_line_that_continues_its_paragraph_does_not_start_a_section():
    got = firsts(balanced_sections(second_starts_a_block=False))
    assert got == ["Overview upper", "upper right"]


def test_a_heading_with_no_right_line_where_its_offset_says_does_not_cut_the_band():
    """The left column's heading sits higher than a section start would: no right line starts
    its offset above it, and the left column runs on beside the right column's next block."""
    assert firsts(balanced_sections(left_gap=False)) == ["Overview upper", "upper right"]


def test_left_column_text_beside_the_right_lines_start_keeps_the_band_whole():
    """The left column runs on below the top of the right line its heading points at: the
    right line does not start the heading's section."""
    assert firsts(balanced_sections(left_runs_on=True)) == ["Overview upper", "upper right"]
