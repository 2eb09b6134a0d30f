"""Bad and awkward inputs, built from scratch or from raw/ at test time (nothing binary is
checked in): broken, encrypted, scanned and oversized PDFs, and reencoded text editions."""

from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.support.paths import RAW

PROFILE_PDF = RAW / "cambodia-2022.pdf"
PROFILE_TXT = RAW / "cambodia-2022.txt"


def random_bytes(n: int = 4096, seed: int = 5) -> bytes:
    return random.Random(seed).randbytes(n)


def truncated_pdf() -> bytes:
    data = PROFILE_PDF.read_bytes()
    return data[: len(data) // 2]


def damaged_pdf() -> bytes:
    """A PDF header and end-of-file marker around bytes that are no PDF objects."""
    return b"%PDF-1.7\n" + random_bytes(2000) + b"\n%%EOF\n"


def encrypted_pdf(user_password: str, algorithm: str = "AES-128") -> bytes:
    """The Cambodia PDF encrypted; with an empty user password it opens without one."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(PROFILE_PDF.read_bytes()))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _pdf(draw, pages: int = 1, size: tuple[float, float] = (595, 842)) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for number in range(1, pages + 1):
        draw(c, number)
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that are only a raster image (what a scanner makes), no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 560), 255)
    pen = ImageDraw.Draw(image)
    for y in range(40, 520, 16):
        pen.rectangle((40, y, 360, y + 6), fill=0)  # lines of "text", as pixels
    reader = ImageReader(image)
    return _pdf(lambda c, n: c.drawImage(reader, 50, 100, width=495, height=690), pages)


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    """Plain lines of text on each page."""

    def draw(c: canvas.Canvas, number: int) -> None:
        c.setFont("Helvetica", 11)
        for i, line in enumerate(lines):
            c.drawString(60, 780 - 16 * i, line.format(page=number))

    return _pdf(draw, pages)


def dense_page_pdf(glyphs: int) -> bytes:
    """One large page set solid with about ``glyphs`` characters."""
    line = "diaspora engagement mapping policy institutions organisations remittances " * 3
    rows = glyphs // len(line) + 1

    def draw(c: canvas.Canvas, _: int) -> None:
        c.setFont("Helvetica", 3)
        for i in range(rows):
            c.drawString(10, 10 + 3.2 * i, line)

    return _pdf(draw, 1, size=(700, 20 + 3.2 * rows))


def repeated_form_pdf(times: int) -> bytes:
    """A small page content that draws one form of 1,000 characters ``times`` times."""

    def draw(c: canvas.Canvas, _: int) -> None:
        c.beginForm("para")
        c.setFont("Helvetica", 4)
        for i in range(10):
            c.drawString(0, 5 * i, "x" * 100)
        c.endForm()
        for i in range(times):
            c.saveState()
            c.translate(10 + (i % 10) * 55, 10 + (i // 10) * 55)
            c.doForm("para")
            c.restoreState()

    return _pdf(draw, 1)


def content_bomb_pdf(decoded_bytes: int) -> bytes:
    """A one-page PDF, written by hand, whose Flate content stream inflates to more than
    ``decoded_bytes`` (a line of text, then spaces: about 1,000 to 1 compressed)."""
    deflate = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [deflate.compress(b"BT /F1 11 Tf 60 780 Td (Diaspora engagement mapping) Tj ET\n")]
    parts += [deflate.compress(chunk) for _ in range(decoded_bytes // len(chunk) + 1)]
    stream = b"".join(parts) + deflate.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def profile_text(transform=lambda text: text) -> str:
    return transform(PROFILE_TXT.read_text(encoding="utf-8"))


def without_section(text: str, heading: str, until: str) -> str:
    """The profile text with the lines from ``heading`` up to (not including) ``until`` removed."""
    start = text.index(f"\n{heading}\n")
    end = text.index(f"\n{until}", start)
    return text[:start] + text[end:]


def cp1252_encodable(text: str) -> str:
    """The text less the characters Windows-1252 cannot hold (superscripts above ³, symbols)."""
    return "".join(ch for ch in text if _in_cp1252(ch))


def _in_cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def editions(folder: Path, count: int, first: int = 0) -> Path:
    """``count`` text profiles in ``folder``, each a distinct edition of the Cambodia profile
    (its 'Updated <month> <year>' line changed)."""
    from tests.support.bench import edition_text

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + count):
        (folder / f"cambodia-{i:03d}.txt").write_text(edition_text(i), encoding="utf-8")
    return folder


def pdf_copies(folder: Path, source: Path, count: int) -> Path:
    """``count`` copies of a PDF whose bytes differ (a comment after its end), so none is a
    duplicate of another."""
    folder.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    for i in range(count):
        (folder / f"{source.stem}-{i:03d}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    return folder
