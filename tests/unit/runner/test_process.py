"""One document, start to finish: the checks that need its rows only come with its result."""

from __future__ import annotations

from pathlib import Path

from pipeline.runner.process import DocumentResult, checked, process
from pipeline.tables.checks import DOCUMENT_CHECKS
from tests.support.paths import RAW

TEXT = RAW / "cambodia-2022.txt"


def test_a_documents_result_holds_the_findings_of_the_checks_of_its_rows(tmp_path):
    data = TEXT.read_text(encoding="utf-8").replace("Whilst voting from abroad", "Whilst votingfromabroad")
    result = process(tmp_path / TEXT.name, data.encode("utf-8"))
    assert result.records is not None
    assert [(f.code, f.table, f.value) for f in result.checked] == [
        ("words-glued", "footnotes", "votingfromabroad")
    ]
    assert {f.code for f in result.checked} <= {code for code, _ in DOCUMENT_CHECKS}
    assert not any(f.code == "words-glued" for f in result.findings)


def test_a_clean_document_has_no_such_findings_and_a_failed_one_is_left_as_it_is():
    assert process(Path(TEXT.name), TEXT.read_bytes()).checked == ()
    failed = DocumentResult(file="x.txt", records=None, findings=())
    assert checked(failed) is failed
