"""Property: whatever sequence of stock operations runs, stock equals the ledger's sums, holds equal the live
reservations, nothing goes negative, and refused operations change nothing."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import ApplicationError
from chushan.inventory import rules, selectors, services
from chushan.inventory.models import Reservation, Stock
from chushan.inventory.tests.factories import ConsignmentCounterFactory, LocationFactory, ShopFactory

ALL_CHANNELS = list(rules.DEFAULT_CHANNELS["warehouse"]) + [rules.SHOP_COUNTER, rules.CONSIGNMENT_COUNTER]
quantities = st.integers(min_value=-1, max_value=12)
SKUS, PLACES = range(2), range(3)

operations = st.one_of(
    st.tuples(st.just("receive"), st.sampled_from(SKUS), st.sampled_from(PLACES), quantities),
    st.tuples(st.just("reserve"), st.sampled_from(SKUS), st.sampled_from(PLACES), quantities, st.booleans()),
    st.tuples(st.just("commit"), st.integers(0, 20)),
    st.tuples(st.just("release"), st.integers(0, 20)),
    st.tuples(st.just("expire")),
    st.tuples(st.just("sell_now"), st.sampled_from(SKUS), st.sampled_from(PLACES), quantities),
    st.tuples(st.just("return"), st.sampled_from(SKUS), st.sampled_from(PLACES), quantities),
    st.tuples(st.just("transfer"), st.sampled_from(SKUS), st.sampled_from(PLACES), st.sampled_from(PLACES),
              quantities),
    st.tuples(st.just("count"), st.sampled_from(SKUS), st.sampled_from(PLACES), st.integers(0, 15)),
)


@dataclass
class Model:
    """What the books should say, computed without the database."""

    stock: dict = field(default_factory=dict)  # (sku, place) -> [on_hand, reserved]
    holds: list = field(default_factory=list)  # [sku, place, quantity, state, short_lived]

    def row(self, sku, place):
        return self.stock.setdefault((sku, place), [0, 0])

    def available(self, sku, place):
        on_hand, reserved = self.row(sku, place)
        return on_hand - reserved


@pytest.fixture
def world(seller, owner, shopper):
    skus = [SkuFactory(product__seller=seller) for _ in SKUS]
    places = [LocationFactory(seller=seller, channels=ALL_CHANNELS), ShopFactory(seller=seller, channels=ALL_CHANNELS),
              ConsignmentCounterFactory(seller=seller, channels=ALL_CHANNELS)]
    return {"skus": skus, "places": places, "owner": owner, "shopper": shopper}


def _expect(ok: bool, call):
    """Run a service call that the model says must succeed (``ok``) or must be refused."""
    if ok:
        return call()
    with pytest.raises(ApplicationError):
        call()
    return None


def _apply(op, world, model: Model, reservations: list) -> None:
    """Run one operation against the services and the model; the model changes only when it must succeed."""
    owner, skus, places = world["owner"], world["skus"], world["places"]
    name, *args = op
    valid = lambda q: 1 <= q <= rules.MAX_QUANTITY  # noqa: E731
    if name in ("receive", "return"):
        s, p, q = args
        use_case = services.stock_receive if name == "receive" else services.stock_return
        if _expect(valid(q), lambda: use_case(actor=owner, sku=skus[s], location=places[p], quantity=q)):
            model.row(s, p)[0] += q
    elif name == "reserve":
        s, p, q, short_lived = args
        r = _expect(valid(q) and model.available(s, p) >= q, lambda: services.stock_reserve(
            actor=world["shopper"], sku=skus[s], location=places[p], quantity=q, ttl=900 if short_lived else 3600))
        if r:
            model.row(s, p)[1] += q
            model.holds.append([s, p, q, "held", short_lived])
            reservations.append(r)
    elif name in ("commit", "release") and reservations:
        i = args[0] % len(reservations)
        s, p, q, state, _short = model.holds[i]
        if name == "commit":
            done = _expect(state in ("held", "committed"),
                           lambda: services.reservation_commit(actor=None, reservation=reservations[i]))
            if done and state == "held":
                model.row(s, p)[0] -= q
                model.row(s, p)[1] -= q
                model.holds[i][3] = "committed"
        else:
            done = _expect(state != "committed",
                           lambda: services.reservation_release(actor=None, reservation=reservations[i]))
            if done and state == "held":
                model.row(s, p)[1] -= q
                model.holds[i][3] = "released"
    elif name == "expire":
        services.reservations_expire(now=timezone.now() + datetime.timedelta(seconds=1800))
        for hold in model.holds:
            if hold[3] == "held" and hold[4]:
                model.row(hold[0], hold[1])[1] -= hold[2]
                hold[3] = "expired"
    elif name == "sell_now":
        s, p, q = args
        if _expect(valid(q) and model.available(s, p) >= q,
                   lambda: services.stock_sell_now(actor=owner, sku=skus[s], location=places[p], quantity=q)):
            model.row(s, p)[0] -= q
    elif name == "transfer":
        s, a, b, q = args
        items = [services.TransferItem(sku=skus[s], quantity=q)]
        if _expect(a != b and valid(q) and model.available(s, a) >= q, lambda: services.stock_transfer(
                actor=owner, from_location=places[a], to_location=places[b], items=items)):
            model.row(s, a)[0] -= q
            model.row(s, b)[0] += q
    elif name == "count":
        s, p, counted = args
        items = [services.CountItem(sku=skus[s], counted=counted)]
        if _expect(counted >= model.row(s, p)[1], lambda: services.stock_count_record(
                actor=owner, location=places[p], items=items, reason="盘点")):
            model.row(s, p)[0] = counted


def _check(world, model: Model, reservations: list):
    skus, places = world["skus"], world["places"]
    for (s, p), (on_hand, reserved) in model.stock.items():
        row = Stock.objects.filter(sku=skus[s], location=places[p]).first()
        actual = (row.on_hand, row.reserved) if row else (0, 0)
        assert actual == (on_hand, reserved), (s, p)
        assert 0 <= reserved <= on_hand
    assert selectors.stock_ledger_mismatches() == []
    states = dict(Reservation.objects.values_list("pk", "state"))
    assert [states[r.pk] for r in reservations] == [h[3] for h in model.holds]


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=st.lists(operations, min_size=1, max_size=25))
def test_stock_always_equals_the_ledger(world, ops):
    with transaction.atomic():
        model, reservations = Model(), []
        for op in ops:
            _apply(op, world, model, reservations)
            _check(world, model, reservations)
        transaction.set_rollback(True)
