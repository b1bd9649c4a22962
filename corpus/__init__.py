"""corpus/: a searchable indicator corpus built from contract Reports (SQLite; PostgreSQL later)."""
