"""Promotions a seller writes, units counted per shopper, and prices kept outside the web shop."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.inventory.models import SalesChannel
from chushan.inventory.tests.support import restore_reference_data
from chushan.pricing import selectors, services
from chushan.pricing.models import ChannelPrice, Promotion, PromotionUsage
from chushan.pricing.tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now


def data(sku_ids, **changes):
    values = {"name": "中秋礼盒特惠", "kind": "price", "value": Decimal("88.00"), "sku_ids": sku_ids,
              "starts_at": NOW() + datetime.timedelta(hours=1), "ends_at": NOW() + datetime.timedelta(days=3),
              "channels": ["web", "live_stream"], "per_shopper_limit": 2}
    return services.PromotionData(**{**values, **changes})


def test_a_seller_creates_a_promotion_on_its_own_skus(owner, sku):
    promotion = services.promotion_create(actor=owner, data=data([sku.pk]))
    assert (promotion.price, promotion.percent_off, promotion.per_shopper_limit) == (Decimal("88.00"), None, 2)
    assert sorted(c.code for c in promotion.channels.all()) == ["live_stream", "web"]


@pytest.mark.parametrize("changes,field", [
    ({"value": Decimal("100.00")}, "value"),  # not below the list price
    ({"kind": "percent", "value": Decimal("100")}, "value"),
    ({"ends_at": NOW() - datetime.timedelta(days=1)}, "ends_at"),
    ({"channels": ["moon"]}, "channels"),
    ({"per_shopper_limit": 0}, "per_shopper_limit"),
    ({"name": ""}, "name"),
])
def test_bad_promotions_are_refused_by_field(owner, sku, changes, field):
    with pytest.raises(Unprocessable) as caught:
        services.promotion_create(actor=owner, data=data([sku.pk], **changes))
    assert field in caught.value.errors
    assert not Promotion.objects.exists()


def test_another_sellers_sku_cannot_be_promoted_and_shoppers_promote_nothing(owner, shopper):
    theirs = SkuFactory()
    with pytest.raises(Unprocessable) as caught:
        services.promotion_create(actor=owner, data=data([theirs.pk]))
    assert "sku_ids" in caught.value.errors
    with pytest.raises(PermissionDenied):
        services.promotion_create(actor=shopper, data=data([theirs.pk]))
    assert not Promotion.objects.exists()


def test_a_started_promotion_is_only_ended_never_rewritten(owner, sku):
    promotion = PromotionFactory(seller=owner.membership.seller, skus=[sku])
    with pytest.raises(Conflict):
        services.promotion_update(actor=owner, promotion=promotion, data=data([sku.pk]))
    ended = services.promotion_end(actor=owner, promotion=promotion)
    assert ended.is_active and ended.ends_at <= NOW()
    assert selectors.effective_price(sku=sku, channel="web").amount == Decimal("100.00")


def test_a_promotion_not_started_is_rewritten_or_withdrawn(owner, sku):
    promotion = services.promotion_create(actor=owner, data=data([sku.pk]))
    services.promotion_update(actor=owner, promotion=promotion, data=data([sku.pk], value=Decimal("70.00")))
    assert Promotion.objects.get().price == Decimal("70.00")
    assert not services.promotion_end(actor=owner, promotion=promotion).is_active


def test_another_seller_cannot_end_it(owner, rival, sku):
    promotion = PromotionFactory(seller=owner.membership.seller, skus=[sku])
    with pytest.raises(PermissionDenied):
        services.promotion_end(actor=rival, promotion=promotion)
    assert Promotion.objects.get().ends_at == promotion.ends_at


def test_redeeming_counts_units_against_the_limit_once_per_reference(shopper, sku, seller):
    promotion = PromotionFactory(seller=seller, skus=[sku], per_shopper_limit=3)
    services.promotion_redeem(actor=shopper, shopper=shopper, promotion=promotion, quantity=2, reference="order_line:1")
    services.promotion_redeem(actor=shopper, shopper=shopper, promotion=promotion, quantity=2, reference="order_line:1")
    assert PromotionUsage.objects.get().used == 2
    with pytest.raises(services.PromotionLimitReached):
        services.promotion_redeem(actor=shopper, shopper=shopper, promotion=promotion, quantity=2,
                                  reference="order_line:2")
    assert PromotionUsage.objects.get().used == 2
    assert services.promotion_redemptions_release(actor=None, references=["order_line:1"]) == 1
    assert services.promotion_redemptions_release(actor=None, references=["order_line:1"]) == 0
    assert PromotionUsage.objects.get().used == 0


def test_the_effective_price_counts_what_the_shopper_has_used(shopper, sku, seller):
    promotion = PromotionFactory(seller=seller, skus=[sku], per_shopper_limit=1)
    assert selectors.effective_price(sku=sku, channel="web", shopper=shopper).amount == Decimal("80.00")
    services.promotion_redeem(actor=None, shopper=shopper, promotion=promotion, quantity=1, reference="x:1")
    assert selectors.effective_price(sku=sku, channel="web", shopper=shopper).amount == Decimal("100.00")
    assert selectors.effective_price(sku=sku, channel="web").amount == Decimal("80.00")  # anonymous


def test_a_seller_records_a_shelf_price(owner, sku):
    channel = SalesChannel.objects.get(code="shop_counter")
    kept = services.channel_price_record(actor=owner, sku=sku, channel=channel, price="98.00", source="shelf_label")
    again = services.channel_price_record(actor=owner, sku=sku, channel=channel, price="100.00")
    assert kept.pk == again.pk and ChannelPrice.objects.get().price == Decimal("100.00")
    with pytest.raises(Unprocessable):
        services.channel_price_record(actor=owner, sku=sku, channel=channel, price="-1")


@pytest.fixture
def reference_data(transactional_db):
    restore_reference_data()


@pytest.mark.race
@pytest.mark.django_db(transaction=True)
def test_two_checkouts_at_once_never_pass_a_per_shopper_limit(reference_data):
    from django.db import connection

    from chushan.accounts.tests.factories import UserFactory
    from chushan.sellers.tests.factories import SellerFactory

    seller, shopper = SellerFactory(), UserFactory()
    sku = SkuFactory(product__seller=seller, price=Decimal("100.00"))
    promotion = PromotionFactory(seller=seller, skus=[sku], per_shopper_limit=1)
    barrier, outcomes = threading.Barrier(6), []

    def redeem(i):
        try:
            barrier.wait()
            services.promotion_redeem(actor=shopper, shopper=shopper, promotion=promotion, quantity=1,
                                      reference=f"order_line:{i}")
            outcomes.append("ok")
        except services.PromotionLimitReached:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["ok"] + ["refused"] * 5
    assert PromotionUsage.objects.get().used == 1
