"""Property-based: whatever text the parser is fed (arbitrary, or a real profile mutated line by
line), it returns records or the pipeline's own ProfileError, never another exception; and the
records it returns always become tables."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.pdf.blocks import layout_document
from pipeline.extract.pdf.words import Word
from pipeline.extract.superscript import SUPERSCRIPT_DIGITS
from pipeline.extract.text import extract_text
from pipeline.model.document import Document, SourceInfo
from pipeline.model.findings import RULES, ProfileError
from pipeline.parse import ParseResult, parse_profile
from pipeline.structure.outline import outline
from pipeline.tables.build import frames
from schemas import TABLES
from tests.support.paths import FIXTURES, RAW

TEXT_SOURCE = SourceInfo("fuzz.txt", "fuzz.txt", "", "text", None)
PDF_SOURCE = SourceInfo("fuzz.pdf", "fuzz.pdf", "", "pdf", 1)
PROFILES = [RAW / "cambodia-2022.txt", *sorted(FIXTURES.glob("*.txt"))]
PROFILE_LINES = {p.name: p.read_text(encoding="utf-8").split("\n") for p in PROFILES}
ALL_LINES = [line for lines in PROFILE_LINES.values() for line in lines]
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parse(document: Document) -> ParseResult | None:
    """The parse stages; None when the document is refused with the pipeline's own error."""
    try:
        result = parse_profile(outline(document))
    except ProfileError as exc:
        assert exc.finding.code in RULES
        return None
    assert {f.code for f in result.findings} <= set(RULES)
    return result


def parse_text(text: str) -> ParseResult | None:
    try:
        document = extract_text(text.encode("utf-8"), TEXT_SOURCE)
    except ProfileError as exc:
        assert exc.finding.code in RULES
        return None
    return parse(document)


# --------------------------------------------------------------------------- strategies

# fragments that matter to the parser: markup, markers, numbers (long ones too), separators
fragments = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=SUPERSCRIPT_DIGITS + "*\t -–:.,%$()<>|●∨♂♀0123456789abcXYZ", max_size=25),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(1, 6000).map(lambda n: "¹" * n),
    st.sampled_from(
        [
            "**",
            "- ",
            "\t",
            "Facts & figures",
            "Annex:",
            "Notes",
            "Written by:",
            "1 <https://x.org>: 12",
            "Top countries of destination",
            "Political rights",
            "Diaspora engagement mapping",
        ]
    ),
)


@st.composite
def mutated_profile(draw) -> str:
    """A real profile text with lines deleted, duplicated, swapped, inserted or edited."""
    lines = list(PROFILE_LINES[draw(st.sampled_from(sorted(PROFILE_LINES)))])
    for _ in range(draw(st.integers(1, 30))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "edit", "foreign"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "insert" or not lines:
            lines.insert(i, draw(fragments))
        elif op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "edit":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(fragments) + lines[i][at + draw(st.integers(0, 5)) :]
        else:  # a line of another profile, or of another part of this one
            lines.insert(i, draw(st.sampled_from(ALL_LINES)))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


spliced_lines = st.lists(st.one_of(st.sampled_from(ALL_LINES), fragments), max_size=80).map("\n".join)


# --------------------------------------------------------------------------- properties


@PROPERTY
@given(st.text())
def test_arbitrary_text_gives_records_or_a_profile_error(text):
    parse_text(text)


@PROPERTY
@given(spliced_lines)
def test_profile_lines_in_any_order_give_records_or_a_profile_error(text):
    parse_text(text)


@settings(PROPERTY, max_examples=200)
@given(mutated_profile())
def test_a_mutated_profile_gives_records_or_a_profile_error(text):
    parse_text(text)


@settings(PROPERTY, max_examples=60)
@given(mutated_profile())
def test_the_records_of_a_mutated_profile_become_tables(text):
    result = parse_text(text)
    if result is not None:
        assert set(frames([result.records])) == set(TABLES)


PDF_WORDS = sorted({w for line in ALL_LINES for w in line.split()})


@st.composite
def words(draw) -> Word:
    """A word as pdfplumber reports one: any text, place and size, its box the right way round."""
    x0, top = draw(st.floats(-50, 900)), draw(st.floats(-50, 900))
    return Word(
        text=draw(st.one_of(st.sampled_from(PDF_WORDS), st.text(min_size=1, max_size=8))),
        x0=x0,
        top=top,
        x1=x0 + draw(st.floats(0, 300)),
        bottom=top + draw(st.floats(0, 40)),
        size=draw(st.one_of(st.sampled_from([0.0, 6.0, 9.0, 9.0, 14.0, 20.0]), st.floats(0, 100))),
        bold=draw(st.booleans()),
    )


pages = st.lists(
    st.tuples(
        st.sampled_from([0.0, 595.0]),
        st.sampled_from([0.0, 842.0]),
        st.lists(words(), max_size=40).map(tuple),
    ),
    min_size=1,
    max_size=3,
)


@settings(PROPERTY, max_examples=200)
@given(pages)
def test_arbitrary_pdf_words_give_records_or_a_profile_error(pages):
    """The same for the PDF side, from the words pdfplumber would hand over."""
    numbered = [(n, width, height, ws) for n, (width, height, ws) in enumerate(pages, start=1)]
    parse(layout_document(numbered, PDF_SOURCE))


# --------------------------------------------------------------------------- what the properties found


def _profile_with(old: str, new: str) -> ParseResult:
    result = parse_text((RAW / "cambodia-2022.txt").read_text(encoding="utf-8").replace(old, new, 1))
    assert result is not None
    return result


def test_a_run_of_more_than_three_superscript_digits_is_text_not_a_marker():
    (block,) = extract_text("Dual citizenship¹²³⁴⁵\n".encode(), TEXT_SOURCE).blocks
    assert block.markers == () and block.text == "Dual citizenship¹²³⁴⁵"


def test_a_number_too_long_for_a_float_is_unparsed_not_infinite():
    result = _profile_with("1,272", "9" * 400)
    (indicator,) = [r for r in result.records.indicators if r.indicator == "remittances_usd_million"]
    assert indicator.value is None and indicator.raw == "9" * 400
    from pipeline.tables.build import frames
    from pipeline.tables.checks import run_checks
    from pipeline.tables.validate import validate_tables

    tables, _ = validate_tables(frames([result.records]))
    (f,) = [f for f in run_checks(tables) if f.code == "value-unparsed"]  # a table-level check
    assert (f.table, f.seq, f.value) == ("indicators", indicator.seq, "9" * 400)


def test_an_emigrant_count_beyond_exact_whole_numbers_is_out_of_range():
    result = _profile_with("689,451", "9" * 30)
    assert result.records.destinations[0].emigrants is None
    (f,) = [f for f in result.findings if f.code == "value-out-of-range"]
    assert (f.table, f.column, f.seq, f.value) == ("destinations", "emigrants", 1, "9" * 30)
    assert (
        f.message
        == f"value '{'9' * 30}' of emigrants is out of range: a count is at most 9,007,199,254,740,992"
    )
