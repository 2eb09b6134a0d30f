"""Regenerate the golden files: ``.venv/bin/python -m tests.support.update_golden``.

Run it only after checking by eye that a change of output is right; the diff of tests/golden/
is the review.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pipeline.runner.run import run
from schemas import TABLES
from tests.support.paths import RAW_INPUTS, golden_dir


def main() -> None:
    for source in RAW_INPUTS:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            run([source], out)
            target = golden_dir(source)
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            for table in TABLES:
                shutil.copy(out / f"{table}.csv", target / f"{table}.csv")
            print(f"wrote {target}")


if __name__ == "__main__":
    main()
