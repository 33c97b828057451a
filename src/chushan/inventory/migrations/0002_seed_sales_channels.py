"""The five sales channels of issue 5. Later channels are added as rows; the ledger never changes."""

from django.db import migrations

CHANNELS = [
    # code, name, English name, sold at a counter, position
    ("web", "网店", "Web shop", False, 10),
    ("shop_counter", "门店柜台", "Shop counter", True, 20),
    ("consignment_counter", "寄售柜台", "Consignment counter", True, 30),
    ("live_stream", "直播", "Live stream", False, 40),
    ("institutional", "机构采购", "Institutional buyer", False, 50),
]


def seed(apps, schema_editor):
    SalesChannel = apps.get_model("inventory", "SalesChannel")
    for code, name, name_en, is_counter, position in CHANNELS:
        SalesChannel.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "is_counter": is_counter, "position": position})


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
