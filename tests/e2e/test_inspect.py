"""`inspect` draws every extracted block on page images, labelled by what it became."""

from __future__ import annotations

import json
from collections import Counter

import pandas as pd

from pipeline.cli import main
from tests.support.paths import RAW


def test_inspect_writes_one_png_per_page_and_labels_match_the_records(tmp_path, run_output):
    out = tmp_path / "inspect"
    pdf = RAW / "cambodia-2022.pdf"
    assert main(["inspect", str(pdf), "--out", str(out)]) == 0
    pngs = sorted(out.glob("page-*.png"))
    assert [p.name for p in pngs] == [f"page-{n:03d}.png" for n in range(1, 8)]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    labels = json.loads((out / "labels.json").read_text())
    kinds = Counter(label["kind"] for label in labels)
    tables = {
        t: pd.read_csv(run_output(pdf) / f"{t}.csv") for t in ("footnotes", "citations", "institutions")
    }
    assert kinds["note"] == len(tables["footnotes"]) == 23
    assert kinds["marker"] == len(tables["citations"]) == 23
    assert kinds["dropped"] == 13  # 7 footers and 6 running headers
    bodies = Counter(label["text"] for label in labels if label["kind"] == "body")
    assert bodies["body: institutions"] == 2 * len(tables["institutions"])  # a title and a description each


def test_inspect_selected_pages_only(tmp_path):
    out = tmp_path / "p"
    assert main(["inspect", str(RAW / "cambodia-2022.pdf"), "--pages", "1,3", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.png")) == ["page-001.png", "page-003.png"]
    assert {label["page"] for label in json.loads((out / "labels.json").read_text())} == {1, 3}


def test_inspect_refuses_a_text_file(tmp_path):
    assert main(["inspect", str(RAW / "cambodia-2022.txt"), "--out", str(tmp_path)]) == 2
    assert main(["inspect", str(RAW / "cambodia-2022.pdf"), "--pages", "0"]) == 2


def test_inspect_takes_page_ranges(tmp_path):
    out = tmp_path / "p"
    assert main(["inspect", str(RAW / "cambodia-2022.pdf"), "--pages", "2-4,7", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.png")) == [f"page-{n:03d}.png" for n in (2, 3, 4, 7)]
    assert {label["page"] for label in json.loads((out / "labels.json").read_text())} == {2, 3, 4, 7}
    assert main(["inspect", str(RAW / "cambodia-2022.pdf"), "--pages", "4-2", "--out", str(out)]) == 2


def test_inspect_refuses_pages_past_the_end_and_keeps_the_labels(tmp_path, capsys):
    out = tmp_path / "p"
    assert main(["inspect", str(RAW / "cambodia-2022.pdf"), "--pages", "1", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    assert main(["inspect", str(RAW / "cambodia-2022.pdf"), "--pages", "6-9", "--out", str(out)]) == 2
    pdf = RAW / "cambodia-2022.pdf"
    assert (
        capsys.readouterr().err
        == f"error: {pdf} has 7 pages; there is no page 8, 9: give pages from 1 to 7\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
