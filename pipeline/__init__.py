"""diaspora-profiles: EUDiF diaspora engagement mapping factsheets -> validated, tidy tables.

Stages (each a pure function from one record type to the next):
extract (``extract_pdf`` / ``extract_text``) -> ``structure`` -> ``parse`` -> ``tables`` -> ``validate`` -> ``write``.
"""

__version__ = "0.1.0"
