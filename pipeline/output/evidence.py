"""What the report shows beside each finding, so a reader can judge it without opening the
document: the affected row's values and, for a PDF, a crop of the page around the finding's box
(drawn by ``pipeline.extract.pdf.draw``, the one module that renders pages).

Both go into the finding's entry of the report (``row``: the row's values by column; ``crop``: a
PNG as a data URI). Warnings that hit every document get no crop (one would do, and a year's run
would carry hundreds), and at most ``MAX_CROPS`` crops are made per run.
"""

from __future__ import annotations

import base64
import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.model.geometry import BBox
from pipeline.tables.locate import as_int, missing
from schemas import PROVENANCE, TABLES

if TYPE_CHECKING:
    import pandas as pd

MAX_CROPS = 100
CELL_CHARS = 240  # characters of a cell shown; a longer one ends with "…"
NOT_SHOWN = frozenset({*PROVENANCE, "profile_id", "source_file", "source_sha256"})


def everywhere_codes(report: Mapping[str, Any]) -> list[str]:
    """Warning codes found in every document of a run of several documents."""
    documents = {d["file"] for d in report.get("documents", [])}
    if len(documents) < 2:
        return []
    files: dict[str, set[str]] = defaultdict(set)
    for f in report.get("findings", []):
        if f["severity"] == "warning" and f.get("file"):
            files[f["code"]].add(f["file"])
    return sorted(code for code, seen in files.items() if documents <= seen)


def cell(value: Any) -> str | None:
    """A value as the report shows it."""
    if missing(value):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    text = str(value)
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def affected_rows(
    findings: Sequence[Mapping[str, Any]], frames: Mapping[str, pd.DataFrame]
) -> list[dict | None]:
    """Each finding's row (by table, source file and row number), its values by column, or None."""
    index: dict[str, dict[tuple, dict]] = {}

    def rows_of(table: str) -> dict[tuple, dict]:
        if table not in index:
            df = frames.get(table)
            index[table] = {}
            if df is not None and len(df) and "source_file" in df.columns:
                id_column = TABLES[table].row_id if table in TABLES else None
                shown = [c for c in df.columns if c not in NOT_SHOWN]
                for record in df.astype(object).to_dict("records"):
                    number = record.get(id_column) if id_column else None
                    key = (record["source_file"], None if missing(number) else as_int(number))
                    index[table].setdefault(key, {c: cell(record[c]) for c in shown})
        return index[table]

    out: list[dict | None] = []
    for f in findings:
        table, file = f.get("table"), f.get("file")
        if not table or not file or table not in frames:
            out.append(None)
            continue
        out.append(rows_of(table).get((file, f.get("seq") if table != "profiles" else None)))
    return out


def draw_crops(path: str, regions: list[tuple[int, BBox]]) -> list[bytes | None]:
    """The crops of a PDF's regions, drawn by ``pipeline.extract.pdf.draw`` (imported at the first)."""
    from pipeline.extract.pdf.draw import crop_pngs

    return crop_pngs(path, regions)


def finding_crops(
    findings: Sequence[Mapping[str, Any]],
    sources: Mapping[str, Path],
    skip: frozenset[str],
    draw: Callable[[str, list[tuple[int, BBox]]], list[bytes | None]] = draw_crops,
) -> list[str | None]:
    """A PNG data URI of each PDF finding's box (codes in ``skip`` and those past ``MAX_CROPS`` get
    none), drawn by ``draw`` (PDF path, regions -> PNGs)."""

    wanted: dict[str, list[int]] = defaultdict(list)
    count = 0
    for i, f in enumerate(findings):
        path = sources.get(f.get("file") or "")
        if (
            count < MAX_CROPS
            and path is not None
            and Path(path).suffix.lower() == ".pdf"
            and f.get("page")
            and f.get("bbox")
            and f["code"] not in skip
        ):
            wanted[str(path)].append(i)
            count += 1
    out: list[str | None] = [None] * len(findings)
    for source, indices in wanted.items():
        try:
            pngs = draw(source, [(int(findings[i]["page"]), tuple(findings[i]["bbox"])) for i in indices])
        except Exception:  # noqa: BLE001 - a document that cannot be drawn keeps its findings, without crops
            continue
        for i, png in zip(indices, pngs, strict=True):
            if png is not None:
                out[i] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return out


IDENTITY = ("code", "file", "profile_id", "table", "column", "seq", "value", "page", "line")


def identity(f: Mapping[str, Any]) -> tuple:
    """What makes two findings the same finding (their crop is the same)."""
    return tuple(f.get(k) for k in IDENTITY) + (tuple(f.get("bbox") or ()),)


def kept_crops(folder: Path) -> dict[tuple, str]:
    """The crops of an output folder's report, by finding (``validate`` has no PDF to draw)."""
    import json

    try:
        report = json.loads((Path(folder) / "validation" / "report.json").read_text(encoding="utf-8"))
        return {identity(f): f["crop"] for f in report["findings"] if f.get("crop")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def with_evidence(
    report: Mapping[str, Any],
    frames: Mapping[str, pd.DataFrame],
    sources: Mapping[str, Path],
    kept: Mapping[tuple, str] | None = None,
    draw: Callable[[str, list[tuple[int, BBox]]], list[bytes | None]] = draw_crops,
) -> dict[str, Any]:
    """The report with each finding's ``row`` and ``crop`` added where there is one (``kept``:
    crops drawn before, by finding, for findings whose document is not at hand; ``draw``: what
    draws a PDF's crops)."""
    findings = [dict(f) for f in report.get("findings", [])]
    rows = affected_rows(findings, frames)
    crops = finding_crops(findings, sources, frozenset(everywhere_codes(report)), draw)
    crops = [crop or (kept or {}).get(identity(f)) for f, crop in zip(findings, crops, strict=True)]
    for f, row, crop in zip(findings, rows, crops, strict=True):
        if row is not None:
            f["row"] = row
        if crop is not None:
            f["crop"] = crop
    return {**report, "findings": findings}
