"""Which findings the console prints: errors about a whole document, and skipped or repeated inputs."""

from __future__ import annotations

from pipeline.console import is_console_line
from pipeline.model.findings import finding


def test_an_error_about_a_document_is_printed_whatever_it_names():
    assert is_console_line(finding("pdf-damaged", file="a.pdf", reason="truncated"))
    assert is_console_line(
        finding("section-missing", file="a.txt", section="organisations", table="organisations")
    )


def test_an_error_inside_the_tables_is_left_to_the_report():
    assert not is_console_line(finding("table-missing", table="footnotes"))
    assert not is_console_line(finding("duplicate-key", file="a.txt", table="indicators", seq=2))
    assert not is_console_line(finding("value-unparsed", file="a.txt", field="remittances"))


def test_warnings_are_printed_only_for_inputs_skipped_or_repeated():
    assert is_console_line(finding("duplicate-file", file="b.txt", value="a.txt"))
    assert is_console_line(finding("file-skipped", file="notes.docx", path="in", ext=".docx"))
    assert not is_console_line(finding("heading-unknown", file="a.txt", value="Annex"))
