"""The crops a report shows are kept in the cache under the digest of their PDF."""

from __future__ import annotations

from pipeline.runner.cache import ResultCache, cached_drawing

A, B = (1, (10.0, 20.0, 30.0, 40.0)), (2, (50.0, 60.0, 70.0, 80.0))


def test_a_region_is_drawn_once_per_pdf_content(tmp_path):
    drawn: list[tuple[str, list]] = []

    def draw(path, regions):
        drawn.append((path, list(regions)))
        return [f"{path}:{page}".encode() if page < 3 else None for page, _ in regions]

    cache = ResultCache(tmp_path, version="v")
    first = cached_drawing(cache, {"a.pdf": "sha-1"}, draw)
    assert first("a.pdf", [A, B]) == [b"a.pdf:1", b"a.pdf:2"]
    assert first("a.pdf", [B, A, (3, A[1])]) == [b"a.pdf:2", b"a.pdf:1", None]
    assert drawn == [("a.pdf", [A, B]), ("a.pdf", [(3, A[1])])]  # a page it has not is asked again

    changed = cached_drawing(ResultCache(tmp_path, version="v"), {"a.pdf": "sha-2"}, draw)
    assert changed("a.pdf", [A]) == [b"a.pdf:1"] and drawn[-1] == ("a.pdf", [A])
    unknown = cached_drawing(cache, {}, draw)
    unknown("b.pdf", [A])
    unknown("b.pdf", [A])
    assert drawn[-2:] == [("b.pdf", [A]), ("b.pdf", [A])]  # no digest: never kept
