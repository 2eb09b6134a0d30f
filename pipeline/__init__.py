"""diaspora-profiles: EUDiF diaspora engagement mapping factsheets -> validated, tidy tables.

Stages, one package each (each a pure function from one record type to the next):
``extract`` (file -> Document) -> ``structure`` (Outline) -> ``parse`` and ``enrich`` (records) ->
``tables`` (DataFrames, validation, checks -> findings) -> ``output`` (CSV, Parquet, report).
"""

__version__ = "0.1.0"
