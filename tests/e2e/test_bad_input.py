"""Bad input: each broken file gets one console line (file, code, what to do), an entry in the
report and exit status 1, while the good profile beside it is extracted and written whole."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.extract import limits
from pipeline.model.findings import RULES
from pipeline.runner.process import process
from schemas import TABLES
from tests.support import bad_inputs as bad
from tests.support.paths import GOLDEN, RAW, read_tables

GOOD = RAW / "cambodia-2022.txt"
GOOD_GOLDEN = GOLDEN / "cambodia-2022-txt"


@dataclass(frozen=True)
class Run:
    status: int
    console: str  # what the run printed, stderr then stdout
    report: dict
    out: Path

    def lines(self, severity: str = "error") -> list[str]:
        return [line for line in self.console.splitlines() if line.startswith(f"{severity} ")]

    def findings(self, file: str) -> list[dict]:
        return [f for f in self.report["findings"] if f["file"] == file]


@pytest.fixture
def cli_run(tmp_path, capsys):
    def _run(*paths: Path) -> Run:
        out = tmp_path / "out"
        status = main(["run", *map(str, paths), "--out", str(out)])
        captured = capsys.readouterr()
        report = json.loads((out / "validation" / "report.json").read_text(encoding="utf-8"))
        return Run(status, captured.err + captured.out, report, out)

    return _run


def assert_good_profile_complete(out: Path) -> None:
    """Every table holds exactly the golden rows of the good profile, byte for byte."""
    for table in TABLES:
        assert (out / f"{table}.csv").read_bytes() == (GOOD_GOLDEN / f"{table}.csv").read_bytes(), table


def assert_same_tables_but_source_hash(
    out: Path, expected: Path, *, except_tables: tuple[str, ...] = ()
) -> None:
    """The same records as the output in ``expected``; only the source's sha256 differs."""
    actual_tables, expected_tables = read_tables(out), read_tables(expected)
    for table in TABLES:
        if table not in except_tables:
            a, e = (
                t[table].drop(columns=["source_sha256"], errors="ignore")
                for t in (actual_tables, expected_tables)
            )
            pd.testing.assert_frame_equal(a, e, obj=table)


# --------------------------------------------------------------------------- broken documents


@dataclass(frozen=True)
class Broken:
    name: str
    build: Callable[[], bytes | str]
    code: str
    message: str  # the whole message, or its start when it ends with "..."


BROKEN = [
    Broken("empty.pdf", lambda: b"", "file-empty", "empty.pdf is empty (0 bytes)"),
    Broken("empty.txt", lambda: b"", "file-empty", "empty.txt is empty (0 bytes)"),
    Broken(
        "random.pdf",
        bad.random_bytes,
        "not-a-pdf",
        "random.pdf is named .pdf but is not a PDF: it does not start with the %PDF- header",
    ),
    Broken(
        "truncated.pdf",
        bad.truncated_pdf,
        "pdf-damaged",
        "truncated.pdf is a damaged or incomplete PDF: "
        "it stops before its end-of-file marker %%EOF, so it was cut short",
    ),
    Broken("damaged.pdf", bad.damaged_pdf, "pdf-damaged", "damaged.pdf is a damaged or incomplete PDF: ..."),
    Broken(
        "locked.pdf",
        lambda: bad.encrypted_pdf("s3cret"),
        "pdf-encrypted",
        "locked.pdf is protected by a password",
    ),
    Broken(
        "locked-rc4.pdf",
        lambda: bad.encrypted_pdf("s3cret", "RC4-128"),
        "pdf-encrypted",
        "locked-rc4.pdf is protected by a password",
    ),
    Broken(
        "scanned.pdf",
        bad.scanned_pdf,
        "no-text-layer",
        "scanned.pdf has no text layer: its 2 page(s) hold only images or drawings (a scan?)",
    ),
    Broken(
        "minutes.pdf",
        lambda: bad.text_pdf(["Minutes of the board meeting", "Present: the treasurer", "Page {page}"], 2),
        "not-a-profile",
        "minutes.pdf is not a diaspora engagement profile: it has neither the 'Diaspora engagement mapping "
        "<COUNTRY>' title nor two of the profile's sections (facts, framework, institutions, organisations)",
    ),
    Broken(
        "shopping.txt",
        lambda: "Shopping list\n\nBread\nMilk\n\nNotes\n\n1 Remember the eggs\n",
        "not-a-profile",
        "shopping.txt is not a diaspora engagement profile: it has neither the 'Diaspora engagement mapping "
        "<COUNTRY>' title nor two of the profile's sections (facts, framework, institutions, organisations)",
    ),
    Broken(
        "nul.txt",
        lambda: b"Diaspora engagement mapping\x00\x00",
        "file-unreadable",
        "cannot read nul.txt: it holds NUL bytes, so it is not a text file",
    ),
    Broken(
        "report-300-pages.pdf",
        lambda: bad.text_pdf(["Annual report", "Page {page}"], 300),
        "too-large",
        f"report-300-pages.pdf is far larger than a profile: "
        f"it has more than {limits.MAX_PAGES} pages, the limit for a profile",
    ),
    Broken(
        "dense.pdf",
        lambda: bad.dense_page_pdf(40_000),
        "too-large",
        f"dense.pdf is far larger than a profile: "
        f"page 1 draws more than {limits.MAX_PAGE_GLYPHS:,} characters, the limit for a page",
    ),
    Broken(
        "forms.pdf",
        lambda: bad.repeated_form_pdf(40),
        "too-large",
        f"forms.pdf is far larger than a profile: "
        f"page 1 draws more than {limits.MAX_PAGE_GLYPHS:,} characters, the limit for a page",
    ),
    Broken(
        "bomb.pdf",
        lambda: bad.content_bomb_pdf(20_000_000),
        "too-large",
        f"bomb.pdf is far larger than a profile: "
        f"page 1 holds more than {limits.MAX_PAGE_CONTENT_BYTES:,} bytes of content, the limit for a page",
    ),
]


def _matches(message: str, expected: str) -> bool:
    return message.startswith(expected[:-3]) if expected.endswith("...") else message == expected


@pytest.mark.parametrize("case", BROKEN, ids=lambda c: c.name)
def test_a_broken_document_is_reported_and_the_good_one_is_written(tmp_path, cli_run, case):
    folder = tmp_path / "in"
    shutil.copy(GOOD, bad.write(folder / case.name, case.build()).parent / GOOD.name)
    run = cli_run(folder)

    assert run.status == 1
    (line,) = run.lines()
    prefix = f"error {case.name}: [{case.code}] "
    assert line.startswith(prefix) and line.endswith(f" -- {RULES[case.code].hint}") and RULES[case.code].hint
    assert _matches(line[len(prefix) : -len(RULES[case.code].hint) - 4], case.message)
    assert "Traceback" not in run.console
    (entry,) = run.findings(case.name)
    assert (
        entry["code"] == case.code
        and entry["severity"] == "error"
        and _matches(entry["message"], case.message)
    )
    assert {d["file"]: d["status"] for d in run.report["documents"]} == {case.name: "failed", GOOD.name: "ok"}
    assert_good_profile_complete(run.out)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, cli_run):
    big = tmp_path / "in" / "huge.pdf"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.truncate(limits.MAX_PDF_BYTES + 1)  # sparse: no data is written, and none is read
    shutil.copy(GOOD, big.parent)
    run = cli_run(big.parent)
    assert run.status == 1
    assert run.lines() == [
        f"error huge.pdf: [too-large] huge.pdf is far larger than a profile: it has "
        f"{limits.MAX_PDF_BYTES + 1:,} bytes, more than the limit of {limits.MAX_PDF_BYTES:,} "
        f"-- {RULES['too-large'].hint}"
    ]
    assert [f["code"] for f in run.findings("huge.pdf")] == ["too-large"]
    assert_good_profile_complete(run.out)


def test_a_compressed_content_bomb_is_refused_without_being_inflated(tmp_path):
    path = bad.write(tmp_path / "bomb.pdf", bad.content_bomb_pdf(100_000_000))
    data = path.read_bytes()
    assert len(data) < 1_000_000
    tracemalloc.start()
    try:
        result = process(path, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.code for f in result.findings] == ["too-large"]
    assert peak < 20 * limits.MAX_PAGE_CONTENT_BYTES  # not the 100 MB the stream inflates to


def test_pdfs_just_within_the_limits_pass_the_checks(tmp_path):
    """The limits refuse only what is far from a profile: just under each, the checks pass."""
    import pdfplumber

    from pipeline.extract.pdf.page_limits import check_page_count, check_page_size

    for name, data in (
        ("dense.pdf", bad.dense_page_pdf(limits.MAX_PAGE_GLYPHS - 2_000)),
        ("forms.pdf", bad.repeated_form_pdf(limits.MAX_PAGE_GLYPHS // 1_000 - 2)),
        ("long.pdf", bad.text_pdf(["Diaspora engagement mapping", "Page {page}"], limits.MAX_PAGES)),
    ):
        with pdfplumber.open(bad.write(tmp_path / name, data)) as pdf:
            check_page_count(pdf.doc, name)
            for page in pdf.pages:
                check_page_size(pdf.rsrcmgr, page.page_obj, page.page_number, name)


# --------------------------------------------------------------------------- inputs that work


def test_an_encrypted_pdf_with_an_empty_user_password_simply_opens(tmp_path, cli_run):
    folder = tmp_path / "in"
    bad.write(folder / "cambodia-2022.pdf", bad.encrypted_pdf(""))
    run = cli_run(folder)
    assert run.status == 0 and run.lines() == []
    assert_same_tables_but_source_hash(run.out, GOLDEN / "cambodia-2022-pdf")


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_a_text_edition_with_bom_or_crlf_gives_the_same_tables(tmp_path, cli_run, variant):
    text = bad.profile_text()
    if "crlf" in variant:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8-sig" if "bom" in variant else "utf-8")
    run = cli_run(bad.write(tmp_path / "in" / GOOD.name, data))
    assert run.status == 0 and run.lines() == []
    assert_same_tables_but_source_hash(run.out, GOOD_GOLDEN)


def test_a_text_edition_in_cp1252_gives_the_same_tables_as_in_utf8(tmp_path, cli_run):
    text = bad.profile_text(bad.cp1252_encodable)
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # so the Windows-1252 reading is what is tested
    utf8 = cli_run(bad.write(tmp_path / "utf8" / GOOD.name, text)).out
    utf8_kept = tmp_path / "utf8-out"
    utf8.rename(utf8_kept)
    run = cli_run(bad.write(tmp_path / "cp1252" / GOOD.name, data))
    assert run.lines() == []
    assert_same_tables_but_source_hash(run.out, utf8_kept)
    assert not read_tables(run.out)["institutions"].empty


def test_the_same_file_twice_is_processed_once_and_reported(tmp_path, cli_run):
    folder = tmp_path / "in"
    shutil.copy(GOOD, bad.write(folder / "copy of cambodia.txt", GOOD.read_bytes()).parent / GOOD.name)
    run = cli_run(folder, folder / GOOD.name)  # a copy in the folder, and the file named again
    hint = RULES["duplicate-file"].hint
    assert run.lines("warning") == [
        "warning copy of cambodia.txt: [duplicate-file] copy of cambodia.txt has the same content as "
        f"cambodia-2022.txt; it was processed once -- {hint}",
        "warning cambodia-2022.txt: [duplicate-file] cambodia-2022.txt has the same content as "
        f"cambodia-2022.txt; it was processed once -- {hint}",
    ]
    assert run.status == 0 and run.lines() == []  # nothing is missing: a warning, not a failure
    assert [d["file"] for d in run.report["documents"]] == [GOOD.name]
    assert_good_profile_complete(run.out)


def test_a_profile_missing_a_whole_section_gives_partial_records_and_an_error(tmp_path, cli_run):
    text = bad.profile_text(
        lambda t: bad.without_section(t, "Diaspora organisations in Europe", "Written by:")
    )
    run = cli_run(bad.write(tmp_path / "in" / GOOD.name, text))
    assert run.status == 1
    assert run.lines() == [
        f"error cambodia-2022.txt: [section-missing] section 'organisations' was not found in the document "
        f"-- {RULES['section-missing'].hint}"
    ]
    assert read_tables(run.out)["organisations"].empty
    assert_same_tables_but_source_hash(
        run.out, GOOD_GOLDEN, except_tables=("organisations", "mentions", "instruments")
    )  # mentions of the organisations go with them
    assert run.report["documents"][0]["status"] == "failed"


def test_a_profile_missing_its_title_keeps_its_records_with_an_error(tmp_path, cli_run):
    text = bad.profile_text(lambda t: t.replace("Diaspora engagement mapping CAMBODIA\n", "\n"))
    run = cli_run(bad.write(tmp_path / "in" / GOOD.name, text))
    assert run.status == 1
    assert [line.split("]")[0] for line in run.lines()] == ["error cambodia-2022.txt: [title-missing"]
    tables = read_tables(run.out)
    assert tables["profiles"].loc[0, "country"] == ""
    assert len(tables["institutions"]) == len(read_tables(GOOD_GOLDEN)["institutions"])


# --------------------------------------------------------------------------- inputs that are no documents


def test_an_unsupported_extension_is_reported(tmp_path, cli_run):
    docx = bad.write(tmp_path / "in" / "profile.docx", b"PK\x03\x04")
    run = cli_run(docx, GOOD)
    assert run.status == 1
    assert run.lines() == [
        f"error profile.docx: [unsupported-format] profile.docx has extension '.docx', which is not a "
        f"profile format -- {RULES['unsupported-format'].hint}"
    ]
    assert [f["code"] for f in run.findings("profile.docx")] == ["unsupported-format"]
    assert_good_profile_complete(run.out)


def test_a_folder_with_other_files_names_them_and_skips_hidden_files_and_earlier_outputs(tmp_path, cli_run):
    folder = tmp_path / "in"
    shutil.copy(GOOD, bad.write(folder / "notes.md", "# notes\n").parent)
    bad.write(folder / ".hidden.txt", "ignored: hidden files are not inputs\n")
    bad.write(folder / "old output" / "profiles.csv", "ignored: an earlier run's output is not input\n")
    bad.write(folder / "old output" / "validation" / "report.json", "{}\n")
    run = cli_run(folder)
    assert run.status == 0
    assert run.lines("warning") == [
        f"warning notes.md: [file-skipped] notes.md in {folder} was skipped: extension '.md' is not "
        f"a profile format -- {RULES['file-skipped'].hint}"
    ]
    assert_good_profile_complete(run.out)


def test_a_folder_with_no_profiles_is_refused_and_nothing_is_written(tmp_path, capsys):
    folder = tmp_path / "empty folder"
    bad.write(folder / "notes.md", "# notes\n")
    out = tmp_path / "out"
    assert main(["run", str(folder), str(GOOD), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: {folder}: no .pdf or .txt profiles found in {folder} -- {RULES['no-profiles'].hint}; "
        "nothing was written\n"
    )
    assert not out.exists()


def test_a_bug_in_one_document_costs_only_that_document(tmp_path, cli_run, monkeypatch):
    import pipeline.parse as parse_module

    real = parse_module.parse_profile

    def parse_profile(outline):
        if outline.document.source.name == "poison.txt":
            raise KeyError("a bug")
        return real(outline)

    monkeypatch.setattr(parse_module, "parse_profile", parse_profile)  # process() imports it when it runs
    folder = tmp_path / "in"
    bad.write(folder / "poison.txt", bad.profile_text().replace("CAMBODIA", "GHANA"))
    shutil.copy(GOOD, folder)
    run = cli_run(folder)
    assert run.status == 1
    assert run.lines() == [
        f"error poison.txt: [internal-error] poison.txt could not be processed because of a bug: "
        f"KeyError: 'a bug' -- {RULES['internal-error'].hint}"
    ]
    assert_good_profile_complete(run.out)
