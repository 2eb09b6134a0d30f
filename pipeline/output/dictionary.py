"""``DATA_DICTIONARY.md``: every column of every table, generated from the pandera schemas (through
the Data Package descriptors, so the two never disagree), then the database's views."""

from __future__ import annotations

from typing import Any

from pipeline.output.datapackage import DESCRIPTION, resource_descriptor
from schemas import FOREIGN_KEYS, TABLES, primary_key

HEADER = ("column", "type", "nullable", "allowed values", "description", "key")


def _cell(text: str) -> str:
    """Markdown table cell: pipes escaped, one line."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def allowed_values(constraints: dict[str, Any]) -> str:
    parts = []
    if "enum" in constraints:
        parts.append(", ".join(f"`{v}`" for v in constraints["enum"]))
    if "minimum" in constraints and "maximum" in constraints:
        parts.append(f"{constraints['minimum']} to {constraints['maximum']}")
    elif "minimum" in constraints:
        parts.append(f"≥ {constraints['minimum']}")
    elif "maximum" in constraints:
        parts.append(f"≤ {constraints['maximum']}")
    if "pattern" in constraints:
        parts.append(f"matches `{constraints['pattern']}`")
    if "minLength" in constraints:
        parts.append(f"at least {constraints['minLength']} character(s)")
    if "maxLength" in constraints:
        parts.append(f"at most {constraints['maxLength']} character(s)")
    return "; ".join(parts)


def table_section(table: str) -> list[str]:
    resource = resource_descriptor(table)
    key = primary_key(table)
    lines = [f"## {table}", "", resource["description"], ""]
    lines.append(f"Key: {', '.join(f'`{c}`' for c in key)}." if key else "Key: none (rows may repeat).")
    for fk in FOREIGN_KEYS.get(table, ()):
        lines.append(
            f"References: ({', '.join(fk.fields)}) → `{fk.reference}` ({', '.join(fk.reference_fields)})."
        )
    lines += ["", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    references = {c for fk in FOREIGN_KEYS.get(table, ()) for c in fk.fields}
    for field in resource["schema"]["fields"]:
        constraints = field.get("constraints", {})
        name = field["name"]
        dtype = str(TABLES[table].schema.columns[name].dtype)
        kind = "list of text (';'-joined in CSV)" if dtype == "object" else field["type"]
        roles = (["primary"] if name in key else []) + (["foreign"] if name in references else [])
        cells = [
            f"`{name}`",
            kind,
            "no" if constraints.get("required") else "yes",
            allowed_values(constraints),
            field.get("description", ""),
            ", ".join(roles),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines + [""]


def data_dictionary() -> str:
    """Pure: the dictionary as Markdown (the same for every run)."""
    from pipeline.output.database import DATABASE, VIEW_DESCRIPTIONS

    lines = ["# Data dictionary", "", DESCRIPTION, ""]
    lines += [f"Tables: {', '.join(f'[{t}](#{t})' for t in TABLES)}.", ""]
    for table in TABLES:
        lines += table_section(table)
    lines += [
        f"## Views of {DATABASE}",
        "",
        f"`{DATABASE}` holds every table above with its keys, the table `findings` (the validation "
        "report, one row per finding) and these views:",
        "",
    ]
    lines += [f"- `{name}`: {text}." for name, text in VIEW_DESCRIPTIONS.items()]
    return "\n".join(lines) + "\n"
