"""``diaspora.duckdb``: every table in one DuckDB file, with its keys, the report's findings and
views for analysts (``latest``, ``editions_wide``, ``citations_resolved``).

Column types, keys, foreign keys and comments come from the pandera schemas (``schemas``), as the
Data Package does. A table whose rows break its key (duplicates, nulls in a key column), leave a
required cell empty or name a missing parent is still written, without its constraints, and its
comment says so: the validation report names the rows.

Until every edition is one record (today a profile read from its PDF and its text edition has two
sources under one ``profile_id``), the views keep one source per edition: the text edition's,
else the first file by name (``EDITION_SOURCE``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemas import FOREIGN_KEYS, TABLES, primary_key, table_columns
from schemas.tables import CITING_TABLES, INDICATOR_CODES

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

DATABASE = "diaspora.duckdb"
EDITIONS_PAGE = "editions.html"
BLOCK_SIZE = 16384  # bytes; DuckDB's default (256 KiB) makes a file of 12 MB for a single profile
SQL_TYPES = {
    "Int64": "BIGINT",
    "Float64": "DOUBLE",
    "string": "VARCHAR",
    "boolean": "BOOLEAN",
    "date": "DATE",
}
LIST_TYPE = "VARCHAR[]"  # object columns hold lists (';'-joined in CSV)

# the findings of the report, one row each (bbox as its four edges)
FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("message", "VARCHAR"),
    ("file", "VARCHAR"),
    ("profile_id", "VARCHAR"),
    ("table", "VARCHAR"),
    ("column", "VARCHAR"),
    ("seq", "BIGINT"),
    ("value", "VARCHAR"),
    ("page", "BIGINT"),
    ("x0", "DOUBLE"),
    ("top", "DOUBLE"),
    ("x1", "DOUBLE"),
    ("bottom", "DOUBLE"),
    ("line", "BIGINT"),
    ("hint", "VARCHAR"),
)

# The one source per edition the views use: ranks the rows of profiles sharing a profile_id.
EDITION_SOURCE = "(source_format = 'text') DESC, source_file"

# What a citation cites: the text of the row carrying its marker, per citing table (SQL over that
# table's columns).
CITED_TEXT: dict[str, str] = {
    "profiles": "concat_ws(' ', terminology, diaspora_policy_text)",
    "indicators": "concat_ws(': ', indicator, raw)",
    "destinations": "concat_ws(': ', country, CAST(emigrants AS VARCHAR))",
    "political_rights": "concat_ws(': ', label, status)",
    "policy_framework": "concat_ws(': ', title, description)",
    "sections": "concat_ws(': ', heading, text)",
    "obstacles": "concat_ws(': ', title, text)",
    "practices": "concat_ws(': ', title, description)",
    "institutions": "concat_ws(': ', name, description)",
    "organisations": "concat_ws(': ', name, description)",
}
# the column of each citing table that the citation's seq names
CITED_SEQ = {"profiles": "NULL", "destinations": "rank"}

# counted per edition in editions_wide: output column -> table
COUNTS = {
    "destinations": "destinations",
    "policies": "policy_framework",
    "practices": "practices",
    "institutions": "institutions",
    "organisations": "organisations",
    "notes": "footnotes",
}

VIEW_DESCRIPTIONS = {
    "latest": "the latest edition of each country (by edition date), one row of profiles",
    "editions_wide": (
        "one row per edition: country, iso3, edition, the eight indicators, counts of destinations, "
        "policies, practices, institutions, organisations and notes, and the errors and warnings of "
        "the validation report about that edition"
    ),
    "citations_resolved": "each citation with the note's text and the text of the row that cites it",
}


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def column_type(table: str, column: str) -> str:
    dtype = str(TABLES[table].schema.columns[column].dtype)
    return SQL_TYPES.get(dtype, LIST_TYPE if dtype == "object" else "VARCHAR")


def broken_constraints(frames: Mapping[str, pd.DataFrame]) -> dict[str, list[str]]:
    """Per table, why its key, a foreign key or a NOT NULL cannot be declared on these rows
    (empty: all hold)."""
    out: dict[str, list[str]] = {}
    for table, df in frames.items():
        why = []
        key = primary_key(table)
        if key and len(df):
            if df[key].isna().any(axis=None):
                why.append(f"a key column ({', '.join(key)}) is null in some rows")
            elif df.duplicated(key).any():
                why.append(f"some rows share a key ({', '.join(key)})")
        columns = TABLES[table].schema.columns
        required = [c for c in table_columns(table) if c not in key and not columns[c].nullable]
        if nulls := [c for c in required if c in df.columns and df[c].isna().any()]:
            why.append(f"a required column ({', '.join(nulls)}) is null in some rows")
        for fk in FOREIGN_KEYS.get(table, ()):
            parent = frames.get(fk.reference)
            if parent is None or not len(df):
                continue
            mine = set(df[list(fk.fields)].dropna().itertuples(index=False, name=None))
            theirs = set(parent[list(fk.reference_fields)].itertuples(index=False, name=None))
            if mine - theirs:  # (sets of tuples: a third of the time a merge of the frames took)
                why.append(
                    f"some rows name a {fk.reference} row ({', '.join(fk.fields)}) that does not exist"
                )
        if why:
            out[table] = why
    return out


def create_table_sql(table: str, broken: Sequence[str] = ()) -> str:
    columns = [f"{q(c)} {column_type(table, c)}" for c in table_columns(table)]
    schema = TABLES[table].schema
    columns = [
        spec + ("" if schema.columns[c].nullable or broken else " NOT NULL")
        for spec, c in zip(columns, table_columns(table), strict=True)
    ]
    constraints = []
    if not broken:
        if key := primary_key(table):
            constraints.append(f"PRIMARY KEY ({', '.join(map(q, key))})")
        for fk in FOREIGN_KEYS.get(table, ()):
            constraints.append(
                f"FOREIGN KEY ({', '.join(map(q, fk.fields))}) REFERENCES {q(fk.reference)} "
                f"({', '.join(map(q, fk.reference_fields))})"
            )
    return f"CREATE TABLE {q(table)} (\n  " + ",\n  ".join(columns + constraints) + "\n)"


def comments_sql(table: str, broken: Sequence[str]) -> list[str]:
    """The COMMENT statements of a table and its columns (the model's docstring and the columns'
    descriptions; a table without its keys says why)."""
    model = TABLES[table].model
    note = " ".join((model.__doc__ or "").split())
    if broken:
        note += " Keys not declared: " + "; ".join(broken) + " (see validation/report.html)."
    statements = [f"COMMENT ON TABLE {q(table)} IS {_lit(note)}"]
    for name, column in TABLES[table].schema.columns.items():
        if column.description:
            statements.append(f"COMMENT ON COLUMN {q(table)}.{q(name)} IS {_lit(column.description)}")
    return statements


def findings_table(rows: Sequence[tuple]) -> Any:
    """The findings' rows as a pyarrow table of FINDING_COLUMNS' types; a value that is not text
    is written as DuckDB casts it to VARCHAR (a number as Python prints it, a boolean lower case)."""
    import pyarrow as pa

    types = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64()}

    def text(v: Any) -> str | None:
        if v is None or isinstance(v, str):
            return v
        return str(v).lower() if isinstance(v, bool) else str(v)

    columns = list(zip(*rows, strict=True))
    return pa.table(
        {
            name: pa.array([text(v) for v in values] if kind == "VARCHAR" else values, type=types[kind])
            for (name, kind), values in zip(FINDING_COLUMNS, columns, strict=True)
        }
    )


def findings_rows(report: Mapping[str, Any]) -> list[tuple]:
    rows = []
    for f in report.get("findings", []):
        bbox = list(f.get("bbox") or [None] * 4)
        values = {**f, "x0": bbox[0], "top": bbox[1], "x1": bbox[2], "bottom": bbox[3]}
        rows.append(tuple(values.get(name) for name, _ in FINDING_COLUMNS))
    return rows


def _edition_sources() -> str:
    """One row of profiles per edition (see ``EDITION_SOURCE``)."""
    return (
        "SELECT * FROM profiles QUALIFY row_number() OVER "
        f"(PARTITION BY profile_id ORDER BY {EDITION_SOURCE}) = 1"
    )


def views_sql() -> dict[str, str]:
    """The views, by name."""
    indicators = ",\n  ".join(
        f"max(i.value) FILTER (WHERE i.indicator = {_lit(code)}) AS {q(code)}" for code in INDICATOR_CODES
    )
    # counts and findings grouped once and joined (a subquery per edition took twice as long)
    counts = ",\n  ".join(f"coalesce({q('n_' + name)}.n, 0) AS {q(name)}" for name in COUNTS)
    count_joins = "".join(
        f"LEFT JOIN (SELECT profile_id, source_file, count(*) AS n FROM {q(table)} GROUP BY ALL) "
        f"{q('n_' + name)} USING (profile_id, source_file)\n"
        for name, table in COUNTS.items()
    )
    # a finding is about an edition when it names its profile or one of its files (once if both)
    about = (
        "about AS (SELECT profile_id, rowid AS finding, severity FROM findings WHERE profile_id IS NOT NULL\n"
        "  UNION\n  SELECT p.profile_id, f.rowid, f.severity FROM findings f "
        "JOIN profiles p ON f.file = p.source_file),\n"
        "found AS (SELECT profile_id, count(*) FILTER (WHERE severity = 'error') AS errors,\n"
        "  count(*) FILTER (WHERE severity = 'warning') AS warnings FROM about GROUP BY profile_id)\n"
    )
    cited = "\n  UNION ALL\n  ".join(
        f"SELECT profile_id, source_file, {_lit(table)} AS cited_table, "
        f"{CITED_SEQ.get(table, 'seq')} AS seq, {CITED_TEXT[table]} AS cited_text FROM {q(table)}"
        for table in CITING_TABLES
    )
    return {
        "latest": (
            f"WITH editions AS ({_edition_sources()})\n"
            "SELECT * FROM editions QUALIFY row_number() OVER "
            "(PARTITION BY coalesce(iso3, country, profile_id) ORDER BY edition DESC NULLS LAST) = 1"
        ),
        "editions_wide": (
            f"WITH editions AS ({_edition_sources()}),\n"
            "wide AS (SELECT e.profile_id, e.source_file, e.country, e.iso3, e.edition,\n  "
            f"{indicators}\n"
            "FROM editions e LEFT JOIN indicators i "
            "ON i.profile_id = e.profile_id AND i.source_file = e.source_file\n"
            "GROUP BY ALL),\n"
            f"{about}"
            f"SELECT e.*,\n  {counts},\n"
            "  coalesce(found.errors, 0) AS errors, coalesce(found.warnings, 0) AS warnings\n"
            f"FROM wide e\n{count_joins}LEFT JOIN found USING (profile_id)\n"
            "ORDER BY e.country, e.edition"
        ),
        "citations_resolved": (
            f"WITH cited AS (\n  {cited}\n)\n"
            'SELECT c.profile_id, c.source_file, c.number, n.text AS note_text, c."table", c.seq, '
            "r.cited_text, c.page, c.x0, c.top, c.x1, c.bottom, c.line\n"
            "FROM citations c\n"
            "LEFT JOIN footnotes n ON n.profile_id = c.profile_id AND n.source_file = c.source_file "
            "AND n.number = c.number\n"
            "LEFT JOIN cited r ON r.profile_id = c.profile_id AND r.source_file = c.source_file "
            'AND r.cited_table = c."table" AND r.seq IS NOT DISTINCT FROM c.seq\n'
            "ORDER BY c.profile_id, c.source_file, c.number"
        ),
    }


def write_database(path: Path, frames: Mapping[str, pd.DataFrame], report: Mapping[str, Any]) -> list[dict]:
    """Write ``path`` (a new file): the tables in ``TABLES`` order, then findings, then views.
    Returns the rows of ``editions_wide``, read before the file is closed (opening it again to
    read them took as long as writing the findings).

    Keys are declared and DuckDB checks them as the rows go in. Only when it refuses some rows
    is each table's reason found (``broken_constraints``) and everything written again, those
    tables without their keys: the check is DuckDB's, not a second pass over every frame."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {_lit(str(path))} AS diaspora (BLOCK_SIZE {BLOCK_SIZE})")
        con.execute("USE diaspora")
        try:
            _fill(con, frames, report, {})
        except duckdb.ConstraintException:
            con.execute("ROLLBACK")
            _fill(con, frames, report, broken_constraints(frames))
        cursor = con.execute("SELECT * FROM editions_wide")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return rows


def _fill(
    con: duckdb.DuckDBPyConnection,
    frames: Mapping[str, pd.DataFrame],
    report: Mapping[str, Any],
    broken: Mapping[str, Sequence[str]],
) -> None:
    """Create and fill every table and view in one transaction (a commit per statement was half
    the writing time); ``broken``: the tables to write without keys, and why.

    The whole transaction is one script, one call of DuckDB: the file is written beside the CSVs
    (``write_outputs``), and each call gives Python's lock back and then waits to take it again
    from the thread writing CSVs (the 270 statements called one by one took 0.32 s there, 0.2 s
    alone)."""
    from pipeline.output.parquet import arrow_table

    rows = {
        table: arrow_table(df[table_columns(table)])
        for table, df in frames.items()
        if table in TABLES and len(df)
    }
    if found := findings_rows(report):
        rows["findings"] = findings_table(found)  # one columnar insert (a row at a time took 0.9 s)
    script = ["BEGIN TRANSACTION"]
    for table in TABLES:
        script.append(create_table_sql(table, broken.get(table, ())))
        script.extend(comments_sql(table, broken.get(table, ())))
    script.append(
        "CREATE TABLE findings (" + ", ".join(f"{q(name)} {kind}" for name, kind in FINDING_COLUMNS) + ")"
    )
    script.append("COMMENT ON TABLE findings IS 'the findings of validation/report.json, one row each'")
    for table in rows:
        script.append(f"INSERT INTO {q(table)} BY NAME SELECT * FROM {q('_rows_' + table)}")
    for name, sql in views_sql().items():
        script.append(f"CREATE VIEW {q(name)} AS {sql}")
        script.append(f"COMMENT ON VIEW {q(name)} IS {_lit(VIEW_DESCRIPTIONS[name])}")
    script.append("COMMIT")
    for table, arrow in rows.items():
        con.register(f"_rows_{table}", arrow)
    con.execute(";\n".join(script))  # on an error the transaction is left to the caller to roll back
    for table in rows:
        con.unregister(f"_rows_{table}")
