"""A document whose structure matches nothing known: the run goes on, and the report says what
was missing or left over, with page and position."""

from __future__ import annotations

import json

import pandas as pd
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.cli import main

LINES = [  # (font size, bold, text)
    (20, True, "Diaspora engagement mapping"),
    (28, True, "GHANA"),
    (13, True, "Facts & figures"),
    (9, False, "Remittances as a share of GDP: 5.9%"),
    (9, False, "Remittances inflow (USD million): 4,292"),
    (13, True, "Diaspora and the pandemic"),
    (9, False, "During the pandemic the diaspora sent medical supplies and funds to district hospitals,"),
    (9, False, "and several associations organised repatriation flights together with the embassies."),
    (7, False, "Written by: Jane Doe"),
    (7, False, "Edited by: EUDiF"),
    (7, False, "March 2021"),
]


def make_pdf(path):
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 60
    for size, bold, text in LINES:
        y -= size * 1.9 if size > 9 else size * 1.35
        c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        c.drawString(54, y, text)
    c.save()


def test_unknown_heading_and_missing_sections_are_reported_with_locations(tmp_path):
    pdf = tmp_path / "ghana-odd.pdf"
    make_pdf(pdf)
    out = tmp_path / "out"
    assert main(["run", str(pdf), "--out", str(out)]) == 1  # missing required sections are errors
    findings = json.loads((out / "validation" / "report.json").read_text())["findings"]
    unknown = [f for f in findings if f["code"] == "heading-unknown"]
    assert len(unknown) == 1
    assert unknown[0]["value"] == "Diaspora and the pandemic" and unknown[0]["page"] == 1
    assert unknown[0]["severity"] == "warning" and len(unknown[0]["bbox"]) == 4
    missing = {f["value"]: f["severity"] for f in findings if f["code"].startswith("section-missing")}
    assert missing == {
        "framework": "error",
        "institutions": "error",
        "organisations": "error",
        "trends": "warning",
        "obstacles": "warning",
        "practices": "warning",
    }
    sections = pd.read_csv(out / "sections.csv")
    assert sections.section.tolist() == ["Diaspora and the pandemic"]
    assert sections.text[0].startswith("During the pandemic") and sections.text[0].endswith("embassies.")
    profiles = pd.read_csv(out / "profiles.csv")
    assert (profiles.profile_id[0], profiles.written_by[0]) == ("GHA-2021-03", "Jane Doe")
    remittances = pd.read_csv(out / "indicators.csv").set_index("indicator").value
    assert (remittances["remittances_pct_gdp"], remittances["remittances_usd_million"]) == (5.9, 4292)
