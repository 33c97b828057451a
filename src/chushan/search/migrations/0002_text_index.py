"""The full-text index beside search_searchdocument: a tsvector column with GIN on PostgreSQL, an FTS5 table on
SQLite. Both hold the same tokens (written by search.services), so both databases find the same products."""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]
# The FTS rowid is the document's rank (models.py), so matches come out in rank order. `ascii` keeps every
# non-ASCII character as part of a token and splits on ASCII spaces and punctuation, so the tokens written by
# the service come back exactly; detail=column keeps which column a token is in (for {title}: filters).
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, meta, extra, initials, facets, tokenize='ascii', "
    "prefix='3', detail='column')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"search has no full-text index for {schema_editor.connection.vendor}; "
                               "use PostgreSQL or SQLite")
        for statement in statements:
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
                             _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})),
    ]
