"""Each chain's latest verification for the anchors page; inspectors a seller lets record inspections."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('sellers', '0002_private_documents_and_constraints'),
        ('trace', '0002_lot_balance'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='traceevent',
            name='source',
            field=models.CharField(choices=[('api', 'EPCIS interface'), ('console', 'seller console'), ('platform', 'platform operations'), ('inspector', "inspector's console")], default='api', max_length=10, verbose_name='captured through'),
        ),
        migrations.CreateModel(
            name='ChainCheck',
            fields=[
                ('seller', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='chain_check', serialize=False, to='sellers.seller', verbose_name='seller')),
                ('checked_at', models.DateTimeField(verbose_name='checked at')),
                ('records', models.PositiveBigIntegerField(default=0, verbose_name='records checked')),
                ('intact', models.BooleanField(verbose_name='intact')),
                ('broken_seq', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='first broken record')),
                ('broken_event_id', models.CharField(blank=True, max_length=200, verbose_name='event of the first broken record')),
                ('reason', models.CharField(blank=True, max_length=200, verbose_name='why it is broken')),
            ],
            options={
                'verbose_name': 'chain check',
                'verbose_name_plural': 'chain checks',
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('broken_seq__isnull', True), ('intact', True), ('reason', '')), models.Q(('intact', False), models.Q(('reason', ''), _negated=True)), _connector='OR'), name='chain_check_broken_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='InspectorAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organisation', models.CharField(max_length=80, verbose_name='inspector or laboratory')),
                ('granted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='granted')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                ('granted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='granted by')),
                ('inspector', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspections_for', to=settings.AUTH_USER_MODEL, verbose_name='inspector')),
                ('seller', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspector_accesses', to='sellers.seller', verbose_name='seller')),
            ],
            options={
                'verbose_name': 'inspector access',
                'verbose_name_plural': 'inspector accesses',
                'ordering': ['-granted_at', 'pk'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('seller', 'inspector'), name='inspector_access_one_active'), models.CheckConstraint(condition=models.Q(('organisation', ''), _negated=True), name='inspector_access_has_organisation')],
            },
        ),
    ]
