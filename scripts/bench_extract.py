"""Extraction time per page (PDF -> Document), CPU seconds, best of N repeats.

    .venv/bin/python scripts/bench_extract.py [--repeat 5] [PDF ...]

Without PDFs it typesets the Cambodia text in every test layout variant (tests/support/typeset) into a
temporary folder and measures those plus raw/*.pdf. To compare two versions of the pipeline,
run it with PYTHONPATH pointing at each checkout.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pipeline.extract.pdf import read_pdf
from pipeline.model.document import SourceInfo

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path) -> list[Path]:
    from tests.support.typeset import VARIANTS, typeset

    paths = sorted((ROOT / "raw").glob("*.pdf"))
    for name, layout in sorted(VARIANTS.items()):
        target = folder / f"cambodia-{name}.pdf"
        typeset(str(ROOT / "raw" / "cambodia-2022.txt"), layout, str(target))
        paths.append(target)
    return paths


def per_page(paths: list[Path], repeat: int) -> tuple[float, int]:
    best = float("inf")
    pages = 0
    for _ in range(repeat):
        start = time.process_time()
        pages = sum(read_pdf(str(p), SourceInfo(str(p), p.name, "", "pdf", None)).source.pages for p in paths)
        best = min(best, (time.process_time() - start) / pages)
    return best, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.pdfs or corpus(Path(tmp))
        read_pdf(str(paths[0]), SourceInfo("", "", "", "pdf", None))  # warm imports and caches
        seconds, pages = per_page(paths, args.repeat)
    print(f"{len(paths)} PDFs, {pages} pages: {1000 * seconds:.1f} ms CPU per page (best of {args.repeat})")


if __name__ == "__main__":
    main()
