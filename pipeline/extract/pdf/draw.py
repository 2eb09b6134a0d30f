"""Page images with labelled boxes (for ``inspect``)."""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber
import pdfplumber.page

from pipeline.model.geometry import BBox

# --------------------------------------------------------------------------- page images (inspect)


@dataclass(frozen=True)
class Box:
    """A labelled rectangle to draw on a page image."""

    bbox: BBox
    label: str
    colour: tuple[int, int, int]


def draw_pages(
    path: str, boxes_by_page: dict[int, list[Box]], out_dir: str, resolution: int = 100
) -> list[str]:
    """I/O edge: render the given pages with pdfplumber and outline each box with its label.
    Returns the PNG paths written."""
    from PIL import ImageDraw

    written = []
    with pdfplumber.open(path) as pdf:
        for number in sorted(boxes_by_page):
            if not 1 <= number <= len(pdf.pages):
                continue
            image = pdf.pages[number - 1].to_image(resolution=resolution)
            for box in boxes_by_page[number]:
                image.draw_rect(box.bbox, fill=box.colour + (28,), stroke=box.colour + (220,), stroke_width=1)
            draw = ImageDraw.Draw(image.annotated)
            for box in boxes_by_page[number]:
                x, y = image._reproject((box.bbox[0], box.bbox[1]))
                draw.text((x + 1, max(0, y - 9)), box.label, fill=box.colour + (255,))
            target = f"{out_dir}/page-{number:03d}.png"
            image.save(target)
            written.append(target)
    return written
