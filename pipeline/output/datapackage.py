"""The output folder describes itself: a Frictionless tabular Data Package (``datapackage.json``)
derived from the pandera schemas, so the description and the validation never disagree.

Types, descriptions and constraints come from each column of ``schemas/tables.py``; the primary
key from the model's ``Config.unique``; foreign keys from the table's ``TableSpec``.
"""

from __future__ import annotations

from typing import Any

from schemas import TABLES

NAME = "diaspora-profiles"
TITLE = "EUDiF diaspora engagement mapping profiles as tables"
DESCRIPTION = (
    "Tables extracted from the EU Global Diaspora Facility's 'Diaspora engagement mapping' country "
    "factsheets. One record per edition: profile_id is the key of profiles and the first column of every "
    "table's key; an edition read from its PDF and its text edition holds the values of one of them "
    "(profiles.source_files names both, the one used first). Every table but profiles starts with "
    "profile_id and source_file (the file the row was read from) and ends with provenance: page, x0, top, "
    "x1, bottom (PDF) or line (text). An empty cell is null; lists are ';'-joined. validation/report.json "
    "and validation/report.html say which values to trust."
)
# pandas dtype -> Table Schema type; any other (lists) is a string: lists are ';'-joined
TYPES = {
    "Int64": "integer",
    "Float64": "number",
    "string": "string",
    "boolean": "boolean",
    "date": "date",
}


def field_descriptor(column) -> dict[str, Any]:
    """One pandera column -> one Frictionless field."""
    dtype = str(column.dtype).split("[")[0]  # string[pyarrow] -> string
    field: dict[str, Any] = {"name": column.name, "type": TYPES.get(dtype, "string")}
    if column.description:
        field["description"] = column.description
    if dtype == "boolean":
        field["trueValues"], field["falseValues"] = ["True"], ["False"]
    constraints = _constraints(column)
    if constraints:
        field["constraints"] = constraints
    return field


def _constraints(column) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not column.nullable:
        out["required"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "greater_than_or_equal_to":
            out["minimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            out["maximum"] = stats["max_value"]
        elif check.name == "isin":
            out["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            out["pattern"] = _unanchored(str(stats["pattern"]))
        elif check.name == "str_length":
            if stats.get("min_value") is not None:
                out["minLength"] = stats["min_value"]
            if stats.get("max_value") is not None:
                out["maxLength"] = stats["max_value"]
    return out


def _unanchored(pattern: str) -> str:
    """Table Schema patterns match the whole value, without ^ and $ (XML Schema regular expressions)."""
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


def resource_descriptor(table: str) -> dict[str, Any]:
    spec = TABLES[table]
    columns = spec.schema.columns
    schema: dict[str, Any] = {
        "fields": [field_descriptor(columns[name]) for name in spec.columns],
        "missingValues": [""],
    }
    key = spec.primary_key
    if key:
        schema["primaryKey"] = key
    references = spec.foreign_keys
    if references:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.reference, "fields": list(fk.reference_fields)},
            }
            for fk in references
        ]
    return {
        "name": table,
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "title": table.replace("_", " "),
        "description": " ".join((spec.model.__doc__ or "").split()),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": True, "header": True},
        "schema": schema,
    }


def datapackage() -> dict[str, Any]:
    """Pure: the Data Package descriptor of an output folder (the same for every run)."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "resources": [resource_descriptor(table) for table in TABLES],
    }
