import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from chushan.inventory import services, tasks
from chushan.inventory.models import Reservation, Stock

pytestmark = pytest.mark.django_db


def test_the_sweep_releases_every_lapsed_hold_in_batches(shopper, sku, warehouse, receive, monkeypatch):
    receive(warehouse, sku, 10)
    for _ in range(7):
        services.stock_reserve(actor=shopper, sku=sku, location=warehouse, quantity=1)
    Reservation.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1),
                               expires_at=timezone.now() - datetime.timedelta(minutes=1))
    real = services.reservations_expire
    monkeypatch.setattr(tasks, "release_lapsed_holds", lambda **kw: real(**{**kw, "limit": 3}))
    assert tasks.reservations_expire.apply().get() == 7
    assert Stock.objects.get().reserved == 0


def test_the_sweep_runs_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["expire-stock-reservations"]
    assert entry == {"task": "chushan.inventory.tasks.reservations_expire", "schedule": 60}
    assert settings.CHUSHAN_RESERVATION_TTL_SECONDS == 900
