"""On PostgreSQL the database itself keeps the ledger append-only and its stock rows and holds undeletable.

The hot path's references carry no foreign keys (see StockMovement): these triggers are what stops a row
they point at from disappearing, and what stops anyone rewriting history with a plain UPDATE.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION inventory_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: the stock ledger is append-only; record a correcting movement instead',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
"""
TRIGGERS = [
    ("inventory_movement_append_only", "BEFORE UPDATE OR DELETE", "inventory_stockmovement"),
    ("inventory_stock_kept", "BEFORE DELETE", "inventory_stock"),
    ("inventory_reservation_kept", "BEFORE DELETE", "inventory_reservation"),
    ("inventory_channel_kept", "BEFORE DELETE", "inventory_saleschannel"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # elsewhere the ORM's PROTECT and the services are the guard
    schema_editor.execute(FUNCTION, params=None)  # the body has its own % placeholders
    for name, when, table in TRIGGERS:
        schema_editor.execute(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW "
                              f"EXECUTE FUNCTION inventory_refuse_change()")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _when, table in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS inventory_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("inventory", "0002_seed_sales_channels")]
    operations = [migrations.RunPython(create, drop)]
