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


# --------------------------------------------------------------------------- crops (the report)

CROP_MARGIN = (90.0, 16.0)  # points of the page shown left/right and above/below a finding's box
CROP_MAX = (
    520,
    260,
)  # largest crop in pixels (width, height): a wider region is scaled down, a taller one cut
CROP_RESOLUTION = 96  # dots per inch when the region fits
CROP_COLOURS = 64  # palette size of the PNG (small files; text stays legible)
CROP_BOX = (200, 30, 30)


def crop_pngs(path: str, regions: list[tuple[int, BBox]]) -> list[bytes | None]:
    """I/O edge: for each (page, bbox) of the PDF at ``path``, a PNG of the page region around
    the box with the box outlined; None for a page the PDF does not have. The region is the box
    plus ``CROP_MARGIN``, within the page, scaled to ``CROP_MAX``'s width (no more than
    ``CROP_RESOLUTION``) and cut to its height."""
    import io

    out: list[bytes | None] = []
    with pdfplumber.open(path) as pdf:
        for number, bbox in regions:
            if not 1 <= number <= len(pdf.pages):
                out.append(None)
                continue
            page = pdf.pages[number - 1]
            x0, top, x1, bottom = bbox
            region = (
                max(0.0, float(x0) - CROP_MARGIN[0]),
                max(0.0, float(top) - CROP_MARGIN[1]),
                min(float(page.width), float(x1) + CROP_MARGIN[0]),
                min(float(page.height), float(bottom) + CROP_MARGIN[1]),
            )
            if region[2] <= region[0] or region[3] <= region[1]:
                out.append(None)
                continue
            resolution = int(min(CROP_RESOLUTION, CROP_MAX[0] * 72 / (region[2] - region[0])))
            # a tall box: its top part, where the finding's text starts, at a legible size
            region = (*region[:3], min(region[3], region[1] + CROP_MAX[1] * 72 / resolution))
            image = page.crop(region, strict=False).to_image(resolution=resolution)
            image.draw_rect(bbox, fill=CROP_BOX + (18,), stroke=CROP_BOX + (255,), stroke_width=2)
            buffer = io.BytesIO()
            image.annotated.convert("RGB").quantize(CROP_COLOURS).save(buffer, format="PNG", optimize=True)
            out.append(buffer.getvalue())
    return out
