"""``python -m tests.support.typeset SRC.txt OUT.pdf --variant NAME``"""

from __future__ import annotations

import argparse
import sys

from .layout import VARIANTS
from .pdf import typeset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.typeset", description=__doc__)
    parser.add_argument("source", help="profile text file (raw/*.txt conventions)")
    parser.add_argument("out", help="PDF to write")
    parser.add_argument("--variant", default="default", choices=sorted(VARIANTS))
    args = parser.parse_args(argv)
    pages = typeset(args.source, VARIANTS[args.variant], args.out)
    print(f"{args.out}: {pages} pages ({args.variant})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
