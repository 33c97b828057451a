from django.db import migrations


def load(apps, schema_editor):
    from chushan.heritage.ethnic_groups import ETHNIC_GROUPS

    EthnicGroup = apps.get_model("heritage", "EthnicGroup")
    for code, name, name_en in ETHNIC_GROUPS:
        EthnicGroup.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("heritage", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
