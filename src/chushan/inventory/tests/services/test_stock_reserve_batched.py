"""The batched hold behaves like stock_reserve for one caller; its concurrency is raced in test_races.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from chushan.catalog.models import Product
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory import services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Reservation, Stock
from chushan.inventory.services import batching
from chushan.inventory.tests.conftest import assert_ledger_balances, ledger_count

pytestmark = pytest.mark.django_db


def test_a_batch_of_one_holds_like_stock_reserve(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 3)
    held = services.stock_reserve_batched(actor=shopper, sku=sku, location=warehouse, quantity=2, reference="o:1")
    saved = Reservation.objects.get(pk=held.pk)
    assert (saved.state, saved.quantity, saved.reference, saved.channel.code) == ("held", 2, "o:1", "web")
    assert Stock.objects.get().reserved == 2
    with pytest.raises(InsufficientStock) as refused:
        services.stock_reserve_batched(actor=shopper, sku=sku, location=warehouse, quantity=2)
    assert refused.value.extra["items"][0]["available"] == 1
    assert_ledger_balances()


def test_the_leader_serves_everyone_queued_first_fit(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 3)
    requests = [batching._Request(quantity=q, actor=actor, reference=f"r{i}", ttl=900)
                for i, (q, actor) in enumerate([(2, shopper), (2, shopper), (1, None)])]
    batching._serve((sku.pk, warehouse.pk, "web"), requests)
    assert [r.result is not None for r in requests] == [True, False, True]
    saved = {r.pk: (r.reference, r.actor_id, r.quantity) for r in Reservation.objects.all()}
    assert saved[requests[0].result.pk] == ("r0", shopper.pk, 2)
    assert saved[requests[2].result.pk] == ("r2", None, 1)
    assert isinstance(requests[1].error, InsufficientStock)
    assert Stock.objects.get().reserved == 3
    assert_ledger_balances()


def test_what_the_batch_cannot_judge_takes_the_careful_path(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 3)
    Product.objects.filter(pk=sku.product_id).update(status=Product.Status.DRAFT)
    with pytest.raises(Unprocessable):
        services.stock_reserve_batched(actor=shopper, sku=sku, location=warehouse, quantity=1)
    assert not Reservation.objects.exists() and ledger_count() == 1


def test_anonymous_and_bad_quantities_are_refused_before_queueing(sku, warehouse, receive):
    receive(warehouse, sku, 3)
    with pytest.raises(PermissionDenied):
        services.stock_reserve_batched(actor=AnonymousUser(), sku=sku, location=warehouse, quantity=1)
    with pytest.raises(Unprocessable):
        services.stock_reserve_batched(actor=None, sku=sku, location=warehouse, quantity=0)
    assert not Reservation.objects.exists()


def test_inside_a_callers_transaction_it_holds_directly(shopper, sku, warehouse, receive):
    receive(warehouse, sku, 3)
    with transaction.atomic():
        held = services.stock_reserve_batched(actor=shopper, sku=sku, location=warehouse, quantity=1)
    assert Reservation.objects.get().pk == held.pk


def test_the_queue_serves_every_request_exactly_once_and_combines_them(monkeypatch):
    """The leader/follower hand-over alone, with a stand-in for the database work."""
    import threading
    import time

    batches = []

    def slow_serve(key, batch):
        time.sleep(0.01)  # a transaction's worth of waiting, so others queue up behind the leader
        batches.append(list(batch))
        for request in batch:
            request.result = request.reference

    monkeypatch.setattr(batching, "_serve", slow_serve)
    queue = batching._Queue(("sku", "location", "web"))
    requests = [batching._Request(quantity=1, actor=None, reference=f"r{i}", ttl=900) for i in range(40)]
    start = threading.Barrier(len(requests))

    def shopper(request):
        start.wait()
        batching._submit(queue, request)

    threads = [threading.Thread(target=shopper, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    served = [r.reference for batch in batches for r in batch]
    assert sorted(served) == sorted(r.reference for r in requests)  # each once, none lost
    assert all(r.done and r.result == r.reference for r in requests)
    assert len(batches) < len(requests)  # some shoppers shared a transaction
    assert not queue.leading and not queue.waiting
