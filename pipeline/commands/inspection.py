"""``inspect``: what became of every block of a PDF, outlined and labelled on page images.

Pure part: ``labels(document, outline)`` decides each box's label (heading, body with its
section, note N, marker N, dropped). The drawing itself is in
``pipeline.extract.pdf.draw.draw_pages``, the one module that imports pdfplumber.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.model.document import Block, Document, Role
from pipeline.structure.outline import Outline

COLOURS = {
    "heading": (0, 90, 200),
    "body": (0, 140, 60),
    "note": (150, 60, 180),
    "marker": (220, 30, 30),
    "dropped": (120, 120, 120),
}


@dataclass(frozen=True)
class Label:
    kind: str  # heading | body | note | marker | dropped
    page: int
    bbox: tuple[float, float, float, float]
    text: str  # the label drawn: kind plus section, note number or marker number

    @property
    def caption(self) -> str:
        return self.text


def labels(document: Document, outline: Outline) -> list[Label]:
    out: list[Label] = []

    def add(kind: str, block: Block, caption: str) -> None:
        if block.where.page is not None and block.where.bbox is not None:
            out.append(Label(kind, block.where.page, block.where.bbox, caption))

    for block in outline.title:
        add("heading", block, "heading: title")
    for section in outline.sections:
        if section.heading is not None:
            add("heading", section.heading, f"heading: {section.key}")
        for block in section.blocks:
            if block.role is Role.HEADING:
                add("heading", block, f"heading: {section.key}")
            else:
                add("body", block, f"body: {section.key}")
            out.extend(_markers(block))
    for note in outline.notes:
        add("note", note.block, f"note {note.number}")
    for block in document.dropped:
        add("dropped", block, "dropped: header/footer")
    return out


def _markers(block: Block) -> list[Label]:
    return [
        Label("marker", block.where.page, s.where.bbox, f"marker {s.text}")
        for s in block.spans
        if s.marker and s.where is not None and s.where.bbox is not None and block.where.page is not None
    ]


class PagesOutOfRange(Exception):
    """``--pages`` names pages the PDF does not have."""


def write_inspection(
    path: Path, out_dir: Path, pages: set[int] | None = None, resolution: int = 100
) -> tuple[list[str], Counter]:
    """I/O edge: extract, structure, label, draw. Writes page PNGs and labels.json (replaced
    whole, and never by an empty list: labels of other pages written before are kept then).
    Raises PagesOutOfRange, before writing anything, for pages past the end."""
    import hashlib

    from pipeline.extract.pdf import read_pdf
    from pipeline.extract.pdf.draw import Box, draw_pages
    from pipeline.model.document import SourceInfo
    from pipeline.structure.outline import outline as make_outline

    data = path.read_bytes()
    source = SourceInfo(
        path=str(path), name=path.name, sha256=hashlib.sha256(data).hexdigest(), format="pdf", pages=None
    )
    document = read_pdf(str(path), source)
    count = document.source.pages or 0
    if pages is not None and (beyond := sorted(p for p in pages if p > count)):
        raise PagesOutOfRange(
            f"{path} has {count} page{'s' if count != 1 else ''}; there is no page "
            f"{', '.join(map(str, beyond))}: give pages from 1 to {count}"
        )
    found = [b for b in labels(document, make_outline(document)) if pages is None or b.page in pages]
    out_dir.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[Box]] = {p: [] for p in (pages or range(1, count + 1))}
    for label in found:
        by_page.setdefault(label.page, []).append(Box(label.bbox, label.caption, COLOURS[label.kind]))
    written = draw_pages(str(path), by_page, str(out_dir), resolution)
    target = out_dir / "labels.json"
    if found or not target.exists():
        _replace(target, json.dumps([asdict(b) for b in found], indent=1, ensure_ascii=False) + "\n")
    return written, Counter(b.kind for b in found)


def _replace(target: Path, text: str) -> None:
    """Write ``target`` whole: a temporary file beside it, renamed over it."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
