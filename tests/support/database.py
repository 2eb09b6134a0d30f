"""What a diaspora.duckdb holds, comparable across runs (its file carries a random identifier)."""

from __future__ import annotations

from pathlib import Path

DATABASE = "diaspora.duckdb"


def database_contents(path: Path) -> bytes:
    """Every table's and view's columns and rows, in order, and every constraint, as bytes."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        parts = [repr(con.execute("SELECT * FROM duckdb_constraints() ORDER BY ALL").fetchall())]
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        names += [
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
            ).fetchall()
        ]
        for name in names:
            cursor = con.execute(f'SELECT * FROM "{name}"')
            parts.append(repr((name, cursor.description, cursor.fetchall())))
        return "\n".join(parts).encode()
    finally:
        con.close()
