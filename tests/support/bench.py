"""``make bench``: time the pipeline on a corpus of distinct Cambodia editions.

Builds, in a temporary folder, ``--pdf`` PDF and ``--text`` text profiles, each a different
edition (its "Updated <month> <year>" line changed; PDFs typeset anew with tests/support/typeset, the
layout variants in turn), checks no two files are duplicates, then times, each as its own
process:

  (c) plain pdfplumber: every page's characters of the same PDFs, in one process;
  (a) a cold run (empty cache) of the whole corpus with ``--workers`` workers;
  (b) a warm rerun (same cache: nothing to read or parse; the tables are built and written).

and prints pages per second, the ratios a/c and b/a and the peak memory of each worker, against
the targets. Exit status 1 when a target is missed.

Targets: a cold run may be at most 25% slower than before the run was made plain (no fork server,
no parsing in the run's process, no collector tuning, no whole-run output cache): a/c measured
0.470 then (this bench, fastest of 3, on the project's 2-core machine), so a/c <= 0.470 * 1.25.
The warm rerun stays under 10% of the cold run, and a worker under 400 MB. (The
text-profiles-per-second target is retired: not a need at ~120 profiles a year.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "raw" / "cambodia-2022.txt"
UPDATED = "Updated September 2022"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

BEFORE_A_C = 0.470  # a/c before the run was made plain (see above)
TARGET_A_C = BEFORE_A_C * 1.25  # 25% slower at most
TARGET_B_A = 0.10
TARGET_MB = 400.0

BASELINE = """
import sys, pathlib, pdfplumber
pages = chars = 0
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.pdf")):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages += 1
            chars += len(page.chars)
print(pages, chars)
"""


def edition_text(index: int) -> str:
    """The Cambodia profile as updated in the index-th month after January 2023."""
    text = SOURCE.read_text(encoding="utf-8")
    assert UPDATED in text, f"{SOURCE} no longer says {UPDATED!r}"
    year, month = divmod(index, 12)
    return text.replace(UPDATED, f"Updated {MONTHS[month]} {2023 + year}")


def _typeset(job: tuple[str, str, str]) -> int:
    from tests.support.typeset.layout import VARIANTS
    from tests.support.typeset.pdf import typeset

    source, out, variant = job
    return typeset(source, VARIANTS[variant], out)


def build_corpus(folder: Path, pdfs: int, texts: int, workers: int) -> tuple[Path, Path]:
    """corpus/pdf and corpus/text (the bench corpus); all editions distinct."""
    from tests.support.typeset.layout import VARIANTS

    pdf_dir, text_dir, src = folder / "corpus" / "pdf", folder / "corpus" / "text", folder / "src"
    for d in (pdf_dir, text_dir, src):
        d.mkdir(parents=True)
    variants = sorted(VARIANTS)
    jobs = []
    for i in range(pdfs):
        source = src / f"cambodia-{i:03d}.txt"
        source.write_text(edition_text(i), encoding="utf-8")
        variant = variants[i % len(variants)]
        jobs.append((str(source), str(pdf_dir / f"cambodia-{i:03d}-{variant}.pdf"), variant))
    for i in range(texts):
        (text_dir / f"cambodia-{pdfs + i:03d}.txt").write_text(edition_text(pdfs + i), encoding="utf-8")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_typeset, jobs))
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() for d in (pdf_dir, text_dir) for p in d.iterdir()]
    assert len(set(digests)) == len(digests) == pdfs + texts, "two corpus files are duplicates"
    return pdf_dir, text_dir


@dataclass(frozen=True)
class Timed:
    seconds: float  # wall clock
    cpu: float  # user + system time of the process and its workers
    stdout: str
    stats: dict


def adopt_descendants() -> None:
    """Become the subreaper of the processes this one starts (Linux): a run's workers, should
    they outlive it, are then reaped here, and their CPU time counts in this process's
    RUSAGE_CHILDREN."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap_descendants() -> None:
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(args: list[str], stats: Path | None = None) -> Timed:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    reap_descendants()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: findings of error severity; the run itself worked
        sys.exit(f"bench: {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(seconds, cpu, proc.stdout, json.loads(stats.read_text()) if stats else {})


def fastest(runs: list[Timed]) -> Timed:
    """The least disturbed of repeated timings (other processes share the machine)."""
    return min(runs, key=lambda t: t.seconds)


def run_args(corpus: Path, out: Path, cache: Path, stats: Path, workers: int) -> list[str]:
    return [
        "-m",
        "pipeline",
        "run",
        str(corpus),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--workers",
        str(workers),
        "--stats",
        str(stats),
    ]


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))} | {
        "report.json": (folder / "validation" / "report.json").read_bytes()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--pdf", type=int, default=40, help="PDF profiles (default 40)")
    parser.add_argument("--text", type=int, default=40, help="text profiles (default 40)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the runs (default 2)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="time each step this many times, keep the fastest (default 3)"
    )
    args = parser.parse_args(argv)

    adopt_descendants()
    with tempfile.TemporaryDirectory(prefix="diaspora-bench-") as tmp:
        tmp_path = Path(tmp)
        started = time.perf_counter()
        pdf_dir, _ = build_corpus(tmp_path, args.pdf, args.text, os.cpu_count() or 1)
        corpus = pdf_dir.parent
        print(
            f"corpus: {args.pdf} PDF + {args.text} text profiles, all distinct editions; "
            f"built in {time.perf_counter() - started:.1f} s",
            flush=True,
        )

        cs, as_, bs = [], [], []
        same = True
        for n in range(args.repeat):
            cs.append(timed(["-c", BASELINE, str(pdf_dir)]))
            cache, out = tmp_path / f"cache-{n}", tmp_path / f"out-{n}"
            as_.append(
                timed(run_args(corpus, out, cache, tmp_path / "a.json", args.workers), tmp_path / "a.json")
            )
            cold_outputs = outputs(out)
            bs.append(
                timed(run_args(corpus, out, cache, tmp_path / "b.json", args.workers), tmp_path / "b.json")
            )
            same &= outputs(out) == cold_outputs and bs[-1].stats["processed"] == 0
            print(
                f"  round {n + 1}: c {cs[-1].seconds:.2f} s, a {as_[-1].seconds:.2f} s, "
                f"b {bs[-1].seconds:.2f} s",
                flush=True,
            )
        c, a, b = (fastest(x) for x in (cs, as_, bs))
        pages, chars = (int(x) for x in c.stdout.split())

    documents = args.pdf + args.text
    peaks = a.stats["worker_peak_mb"]
    checks = [
        ("a/c (cold run / pdfplumber)", a.seconds / c.seconds, TARGET_A_C, "<="),
        ("b/a (warm rerun / cold run)", b.seconds / a.seconds, TARGET_B_A, "<="),
        ("peak memory per worker, MB", max(peaks), TARGET_MB, "<="),
    ]
    print(f"fastest of {args.repeat} (wall clock; CPU seconds of the process and its workers in brackets):")
    print(
        f"(c) pdfplumber chars, 1 process : {c.seconds:6.2f} s [{c.cpu:6.2f}]  "
        f"{pages / c.seconds:6.1f} pages/s  ({args.pdf} PDFs, {pages} pages, {chars} chars)"
    )
    print(
        f"(a) cold run, {args.workers} workers        : {a.seconds:6.2f} s [{a.cpu:6.2f}]  "
        f"{pages / a.seconds:6.1f} pages/s  {documents / a.seconds:6.1f} documents/s  "
        f"({a.stats['processed']} processed, {a.stats['from_cache']} from the cache)"
    )
    print(
        f"(b) warm rerun                  : {b.seconds:6.2f} s [{b.cpu:6.2f}]  "
        f"{pages / b.seconds:6.1f} pages/s  {documents / b.seconds:6.1f} documents/s  "
        f"({b.stats['processed']} processed, {b.stats['from_cache']} from the cache); "
        f"outputs {'identical' if same else 'DIFFERENT'} to the cold run's"
    )
    print(f"peak memory per worker (MB)     : {', '.join(f'{p:.0f}' for p in peaks)}")
    missed = not same
    for name, value, target, op in checks:
        ok = value <= target
        missed |= not ok
        print(f"{name:40s} {value:8.3f}  target {op} {target:<6g} {'ok' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
