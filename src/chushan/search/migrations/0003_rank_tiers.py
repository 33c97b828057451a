"""Boost tiers as index terms (rules.rank_tiers, query.facet_token "0k…"), so PostgreSQL reads the matches
among the best-boosted documents first. Documents written from now on carry them; this adds them to the
PostgreSQL documents already written. SQLite reads matches in rank order anyway and never asks for a tier;
its documents gain the terms on the next reindex."""

from django.db import migrations

# rules.rank_band, in SQL: the boost × 100 a rank key was made from.
ADD_TIERS = """
UPDATE search_searchdocument SET vector = vector || array_to_tsvector(ARRAY(
    SELECT '0k' || tier FROM unnest(%s::int[]) AS tier WHERE (30000 - (rank >> 32)) / 100 >= tier))
WHERE (30000 - (rank >> 32)) / 100 >= %s
"""
TIERS = list(range(195, 100, -5))  # rules.RANK_TIERS when this was written


def add_tiers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_TIERS, [TIERS, min(TIERS)])


class Migration(migrations.Migration):

    dependencies = [("search", "0002_text_index")]

    operations = [migrations.RunPython(add_tiers, migrations.RunPython.noop)]
