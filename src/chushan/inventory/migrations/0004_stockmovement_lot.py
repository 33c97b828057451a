"""The lot (batch) a receipt names.

The ledger is append-only (0003: on PostgreSQL a trigger refuses any UPDATE of its rows). Adding a column with a
database default rewrites no row and fires no trigger, so existing lines simply read lot = ''.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inventory', '0003_ledger_append_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='stockmovement',
            name='lot',
            field=models.CharField(blank=True, db_default='', help_text='The batch received (GS1 AI 10), when the receiving staff named it.', max_length=20, verbose_name='lot number'),
        ),
        migrations.AddConstraint(
            model_name='stockmovement',
            constraint=models.CheckConstraint(condition=models.Q(('lot', ''), ('kind', 'receipt'), _connector='OR'), name='movement_lot_only_on_receipt'),
        ),
    ]
