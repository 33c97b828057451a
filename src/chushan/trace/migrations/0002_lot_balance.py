"""Lot balances: units of a lot received at a location, attributed to sales oldest receipt first."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sellers', '0002_private_documents_and_constraints'),
        ('trace', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LotBalance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('location_gln', models.CharField(max_length=13, verbose_name='location GLN')),
                ('uom', models.CharField(default='EA', max_length=10, verbose_name='unit')),
                ('received', models.DecimalField(decimal_places=3, max_digits=14, verbose_name='received')),
                ('attributed', models.DecimalField(decimal_places=3, default=0, max_digits=14, verbose_name='attributed to sales')),
                ('first_received_at', models.DateTimeField(verbose_name='first received')),
            ],
            options={
                'verbose_name': 'lot balance',
                'verbose_name_plural': 'lot balances',
                'ordering': ['first_received_at', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='lotsale',
            index=models.Index(fields=['reference'], name='lot_sale_by_reference'),
        ),
        migrations.AddField(
            model_name='lotbalance',
            name='lot',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='balances', to='trace.lot', verbose_name='lot'),
        ),
        migrations.AddField(
            model_name='lotbalance',
            name='seller',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='sellers.seller', verbose_name='seller'),
        ),
        migrations.AddIndex(
            model_name='lotbalance',
            index=models.Index(fields=['seller', 'location_gln', 'first_received_at'], name='lot_balance_fifo'),
        ),
        migrations.AddConstraint(
            model_name='lotbalance',
            constraint=models.UniqueConstraint(fields=('lot', 'location_gln', 'uom'), name='lot_balance_one_per_place'),
        ),
        migrations.AddConstraint(
            model_name='lotbalance',
            constraint=models.CheckConstraint(condition=models.Q(('location_gln__regex', '^[0-9]{13}$')), name='lot_balance_gln_13_digits'),
        ),
        migrations.AddConstraint(
            model_name='lotbalance',
            constraint=models.CheckConstraint(condition=models.Q(('received__gt', 0)), name='lot_balance_received_positive'),
        ),
        migrations.AddConstraint(
            model_name='lotbalance',
            constraint=models.CheckConstraint(condition=models.Q(('attributed__gte', 0), ('attributed__lte', models.F('received'))), name='lot_balance_attributed_within_received'),
        ),
    ]
