"""Keep the GIN index's pending list short on PostgreSQL.

GIN collects new entries in an unsorted pending list (up to 4 MB by default) and every search reads all of
it, once per tier stage: 180 pending pages cost a quarter of a search's time in the benchmark. A limit of
128 kB keeps that read small while writes are still merged in batches; a full reindex also empties the
list at its end (services.search_reindex_all)."""

from django.db import migrations

PENDING_LIST_KB = 128


def limit_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX search_doc_vector SET (gin_pending_list_limit = {PENDING_LIST_KB})")
        schema_editor.execute("SELECT gin_clean_pending_list('search_doc_vector')")


def default_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX search_doc_vector RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):

    dependencies = [("search", "0003_rank_tiers")]

    operations = [migrations.RunPython(limit_pending_list, default_pending_list)]
