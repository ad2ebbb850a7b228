"""The columns of an audit row, in table order: the one list the audit table's readers, the bulk writer
and the exports use.  A module of its own, importing nothing, so the export layouts can name the
columns without loading the database layer."""

AUDIT_COLUMNS = ("id", "at_utc", "actor", "action", "entity", "entity_id", "changes", "reason", "prev_hash", "hash")
