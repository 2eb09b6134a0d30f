"""What a table declaration derives: column order, primary key, row id and prose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.spec import PROVENANCE, TableSpec


class Notes(pa.DataFrameModel):
    """A made-up table of notes, its provenance first as a model may list it."""

    class Config:
        unique = ["profile_id", "source_file", "number"]

    page: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    x0: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    top: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    x1: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    bottom: Series[pd.Float64Dtype] = pa.Field(nullable=True)
    line: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    number: Series[pd.Int64Dtype] = pa.Field(ge=1)
    profile_id: Series[pd.StringDtype] = pa.Field()
    text: Series[pd.StringDtype] = pa.Field()
    source_file: Series[pd.StringDtype] = pa.Field()


class Credits(pa.DataFrameModel):
    """A made-up table without provenance and without a key."""

    written_by: Series[pd.StringDtype] = pa.Field(nullable=True)
    profile_id: Series[pd.StringDtype] = pa.Field()


@dataclass(frozen=True)
class Note:
    ROW_ID: ClassVar[str] = "number"
    PROSE: ClassVar[tuple[str, ...]] = ("text",)

    number: int
    text: str


@dataclass(frozen=True)
class Credit:
    written_by: str | None


def test_a_located_table_lists_its_source_its_own_columns_then_provenance():
    spec = TableSpec("notes", Notes, Note)
    assert spec.columns == ["profile_id", "source_file", "number", "text", *PROVENANCE]


def test_a_table_without_provenance_keeps_the_order_of_its_model():
    assert TableSpec("credits", Credits, Credit).columns == ["written_by", "profile_id"]


def test_the_primary_key_is_the_models_unique_columns():
    assert TableSpec("notes", Notes, Note).primary_key == ["profile_id", "source_file", "number"]
    assert TableSpec("credits", Credits, Credit).primary_key == []


def test_row_id_and_prose_are_what_the_record_type_declares():
    notes, credits = TableSpec("notes", Notes, Note), TableSpec("credits", Credits, Credit)
    assert (notes.row_id, notes.prose) == ("number", ("text",))
    assert (credits.row_id, credits.prose) == (None, ())


def test_the_records_are_read_from_the_field_named_like_the_table_unless_told():
    assert TableSpec("notes", Notes, Note).records_field == "notes"
    assert TableSpec("credits", Credits, Credit, attribute="credit").records_field == "credit"
