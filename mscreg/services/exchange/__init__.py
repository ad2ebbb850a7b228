"""Data exchange: CSV, XLSX and JSON export, and imports that are validated whole before one write.

The formats only turn files into neutral records (:mod:`.records`) and back; one validator
(:mod:`.import_validation`) checks every record against the vocabularies, the state machines and the
database, and one function (:mod:`.import_apply`) writes a validated plan in a single transaction.
Entry points: :func:`.importing.import_file` and :func:`.exporting.export_database`.
"""
