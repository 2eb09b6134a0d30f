"""Record types say which field numbers their rows and which fields hold prose."""

from __future__ import annotations

import dataclasses

from pipeline.model import records
from pipeline.model.records import ProfileRecords, record_types


def test_each_field_of_the_parsed_records_has_its_record_type_in_order():
    types = record_types()
    assert list(types) == [f.name for f in dataclasses.fields(ProfileRecords)]
    assert types["profile"] is records.Profile
    assert types["policy_framework"] is records.PolicyEntry
    assert types["footnotes"] is records.Footnote


def test_row_id_and_prose_are_fields_of_the_record_not_columns_of_its_own():
    for record in record_types().values():
        names = [f.name for f in dataclasses.fields(record)]
        assert "ROW_ID" not in names and "PROSE" not in names
        if hasattr(record, "ROW_ID"):
            assert record.ROW_ID in names
        assert set(getattr(record, "PROSE", ())) <= set(names)


def test_a_note_is_numbered_by_its_number_and_a_destination_by_its_rank():
    assert records.Footnote.ROW_ID == "number"
    assert records.Destination.ROW_ID == "rank"
    assert not hasattr(records.Profile, "ROW_ID")
