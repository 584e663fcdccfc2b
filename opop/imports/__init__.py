"""The import engine: CSV/XLSX → typed, validated rows → dry-run preview → all-or-nothing commit.

A kind (pesantren, santripreneur, …) is an `ImportSpec` subclass listing its columns and how a row becomes a
model instance; the apps register them (`registry.import_kinds()`). The web views and `manage.py import_data` both call
`engine.run_import`."""
