"""What a diaspora.duckdb holds, comparable across runs (its file carries a random identifier)."""

from __future__ import annotations

from pathlib import Path

DATABASE = "diaspora.duckdb"


def database_contents(path: Path) -> bytes:
    """Every table's and view's columns and rows, and every constraint, as bytes."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        parts = [repr(con.execute("SELECT * FROM duckdb_constraints() ORDER BY ALL").fetchall())]
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        views = [
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1"
            ).fetchall()
        ]
        # a table's rows in the order written; a view's rows have no order of their own (SQL)
        queries = [(n, f'SELECT * FROM "{n}"') for n in tables] + [
            (n, f'SELECT * FROM "{n}" ORDER BY ALL') for n in views
        ]
        for name, query in queries:
            cursor = con.execute(query)
            parts.append(repr((name, cursor.description, cursor.fetchall())))
        return "\n".join(parts).encode()
    finally:
        con.close()
