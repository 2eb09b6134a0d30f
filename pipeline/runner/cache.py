"""The result cache: one entry per document, keyed by the file's sha256 and the pipeline's version.

An entry holds what ``pipeline.runner.process.process`` returned for the document (its records
and findings, frozen dataclasses), so a rerun reads nothing and parses nothing for files it has
seen. The version is a digest of the package's source code and of the installed versions of its
dependencies: any change to the code that reads, structures or parses a document gives new keys,
so the cache can never change results. The file name is part of the key because it appears in
the records (``source_file``) and in the findings.

Entries are pickles read back by an unpickler that only builds the pipeline's own dataclasses
and enums (nothing else can be named in an entry: an entry that would run code under plain
``pickle`` is refused), written to a temporary file and renamed into place, so concurrent runs
and interrupted writes leave either no entry or a whole one. An entry that cannot be read
(truncated, tampered with, written by another version) is a miss, and rewritten once the
document is processed; temporary files of killed runs are removed by the next run.

Beside the entries, the crops the report shows of a PDF's findings (``cached_drawing``), under the
digest of the PDF and the region: a rerun draws only regions it has not drawn before (drawing the
bench corpus's 100 crops took 0.35 s of a 2.2 s warm rerun).

Location: ``--cache DIR``, else ``$DIASPORA_PROFILES_CACHE``,
else ``$XDG_CACHE_HOME/diaspora-profiles``, else ``~/.cache/diaspora-profiles``. Delete the
folder at any time to empty it.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import importlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

import pipeline
from pipeline.model.geometry import BBox
from pipeline.output.write import current_umask, process_alive

CACHE_ENV = "DIASPORA_PROFILES_CACHE"
TEMPORARY = ".entry-"  # prefix of an entry being written: .entry-<pid>-<random>
FORMAT = 2  # layout of an entry; bump when it changes


def default_cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "diaspora-profiles"


def _digest(prefix: str, root: Path, packages: tuple[str, ...]) -> str:
    """sha256 of ``prefix``, every ``.py`` file under ``root`` (path and bytes) and the installed
    versions of ``packages``."""
    from importlib import metadata

    h = hashlib.sha256(prefix.encode())
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in packages:
        try:
            h.update(f"{name}=={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} absent\0".encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Digest of everything a document's result depends on: the source of the ``pipeline``
    package, the Python version, and the versions of the installed dependencies."""
    return _digest(
        f"{FORMAT}\0{pipeline.__version__}\0{sys.version_info[:2]}\0",
        Path(pipeline.__file__).resolve().parent,
        ("pdfplumber", "pdfminer.six", "pypdfium2", "pillow", "pycountry", "spacy"),
    )


def encode(result) -> bytes:
    """A result as a cache entry holds it (pickled)."""
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


class _PipelineUnpickler(pickle.Unpickler):
    """Builds only the pipeline's dataclasses and enums; any other global is refused."""

    def find_class(self, module: str, name: str):  # noqa: ANN201 - pickle's signature
        if (module, name) == ("datetime", "date"):  # a value, built from its bytes
            return datetime.date
        if module == "pipeline" or module.startswith("pipeline."):
            obj = getattr(importlib.import_module(module), name, None)
            if isinstance(obj, type) and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum)):
                return obj
        raise pickle.UnpicklingError(f"{module}.{name} may not appear in a cache entry")


class ResultCache:
    """Per-document results under ``root/<version>/``."""

    def for_model(self, model: str) -> ResultCache:
        """The cache of runs that add a statistical model's entities: its own version."""
        return ResultCache(self.root, hashlib.sha256(f"{self.version}\0{model}".encode()).hexdigest())

    def __init__(self, root: Path, version: str | None = None):
        self.version = version or pipeline_version()
        self.root = Path(root)
        self.folder = self.root / self.version[:20]

    def _path(self, sha256: str, name: str) -> Path:
        key = hashlib.sha256(f"{sha256}\0{name}".encode()).hexdigest()
        return self.folder / f"{key}.pickle"

    def get(self, sha256: str, name: str):
        """The cached result for this content and file name, or None."""
        try:
            data = self._path(sha256, name).read_bytes()
        except OSError:
            return None
        try:
            header, encoded = _PipelineUnpickler(io.BytesIO(data)).load()
            if header != (FORMAT, self.version, sha256, name) or not isinstance(encoded, bytes):
                return None
            return _PipelineUnpickler(io.BytesIO(encoded)).load()
        except Exception:  # a damaged or foreign entry is a miss; it is rewritten after processing
            return None

    def put(self, sha256: str, name: str, encoded: bytes) -> None:
        """Store a result pickled by ``encode`` (a worker sends those same bytes to the run: the
        result is pickled once), atomically; raises OSError when the folder cannot be written."""
        payload = pickle.dumps(
            ((FORMAT, self.version, sha256, name), encoded), protocol=pickle.HIGHEST_PROTOCOL
        )
        self._write(self._path(sha256, name), payload)

    def _crop_path(self, sha256: str, page: int, bbox: BBox) -> Path:
        key = hashlib.sha256(f"{sha256}\0crop\0{page}\0{tuple(map(float, bbox))}".encode()).hexdigest()
        return self.folder / f"{key}.png"

    def crop(self, sha256: str, page: int, bbox: BBox) -> bytes | None:
        """The PNG drawn of this region of the PDF with this digest, or None."""
        try:
            return self._crop_path(sha256, page, bbox).read_bytes() or None
        except OSError:
            return None

    def put_crop(self, sha256: str, page: int, bbox: BBox, png: bytes) -> None:
        self._write(self._crop_path(sha256, page, bbox), png)

    def _write(self, path: Path, payload: bytes) -> None:
        """Write ``payload`` to ``path`` whole or not at all (a temporary file renamed into place)."""
        if not self.folder.is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMPORARY}{os.getpid()}-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.chmod(tmp, 0o666 & ~current_umask())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove_stale_temporaries(self) -> None:
        """Remove the temporary files of entries whose writer was killed (its process is gone)."""
        for tmp in self.folder.glob(f"{TEMPORARY}*"):
            pid = tmp.name[len(TEMPORARY) :].split("-", 1)[0]
            if pid.isdigit() and not process_alive(int(pid)):
                tmp.unlink(missing_ok=True)


Draw = Callable[[str, list[tuple[int, BBox]]], list[bytes | None]]  # PDF path, regions -> PNGs


def cached_drawing(cache: ResultCache, digests: Mapping[str, str], draw: Draw) -> Draw:
    """``draw`` with each region's PNG kept in ``cache`` under the digest of the PDF (``digests``:
    path -> sha256 of its bytes), so that only regions not drawn before are drawn. A crop that
    cannot be stored is drawn again next time."""

    def drawn(path: str, regions: list[tuple[int, BBox]]) -> list[bytes | None]:
        sha256 = digests.get(path)
        if sha256 is None:
            return draw(path, regions)
        pngs = [cache.crop(sha256, page, bbox) for page, bbox in regions]
        missing = [i for i, png in enumerate(pngs) if png is None]
        if missing:
            for i, png in zip(missing, draw(path, [regions[i] for i in missing]), strict=True):
                pngs[i] = png
                if png is not None:
                    try:
                        cache.put_crop(sha256, *regions[i], png)
                    except OSError:
                        pass
        return pngs

    return drawn
