"""The price-consistency report lists every SKU whose price differs between channels without a promotion
that explains it: stale kept prices (shelf labels, POS lists) and prices charged that no promotion explains."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory.models import SalesChannel
from chushan.pricing import selectors, sources
from chushan.pricing.tests.factories import ChannelPriceFactory, PromotionFactory

pytestmark = pytest.mark.django_db


def channel(code):
    return SalesChannel.objects.get(code=code)


def test_nothing_to_report_when_every_price_is_the_list_price_or_a_promotions(sku, seller):
    PromotionFactory(seller=seller, skus=[sku], channels=["live_stream"])
    ChannelPriceFactory(sku=sku, channel=channel("shop_counter"), price=Decimal("100.00"))
    ChannelPriceFactory(sku=sku, channel=channel("live_stream"), price=Decimal("80.00"))
    assert selectors.price_consistency_report(staff=True) == []


def test_a_stale_shelf_label_is_reported_with_the_price_due(sku, seller):
    ChannelPriceFactory(sku=sku, channel=channel("shop_counter"), price=Decimal("90.00"), note="门店价签")
    [row] = selectors.price_consistency_report(staff=True)
    assert row.sku == sku and row.prices_now["web"] == Decimal("100.00")
    [found] = row.inconsistencies
    assert (found.channel_code, found.price, found.expected, found.source) == (
        "shop_counter", Decimal("90.00"), Decimal("100.00"), "shelf_label")


def test_a_promotion_on_another_channel_does_not_explain_a_counter_price(sku, seller):
    PromotionFactory(seller=seller, skus=[sku], channels=["live_stream"], price=Decimal("80.00"))
    ChannelPriceFactory(sku=sku, channel=channel("shop_counter"), price=Decimal("80.00"))
    [row] = selectors.price_consistency_report(staff=True)
    assert row.prices_now["live_stream"] == Decimal("80.00") and row.prices_now["shop_counter"] == Decimal("100.00")


def test_charged_prices_are_checked_against_the_promotions_in_force_then(sku, seller):
    promotion = PromotionFactory(seller=seller, skus=[sku], channels=["web"])
    then = timezone.now() - datetime.timedelta(hours=1)
    seen = [sources.PriceObservation(sku_id=sku.pk, channel_code="web", price=Decimal("80.00"),
                                     list_price=Decimal("100.00"), at=then, promotion_id=promotion.pk,
                                     reference="CS-OK"),
            sources.PriceObservation(sku_id=sku.pk, channel_code="web", price=Decimal("80.00"),
                                     list_price=Decimal("100.00"), at=then - datetime.timedelta(days=3),
                                     reference="CS-BEFORE-THE-PROMOTION")]
    sources.register("test", lambda *, since, seller_id: seen)
    try:
        [row] = selectors.price_consistency_report(staff=True)
    finally:
        sources.unregister("test")
    assert [i.reference for i in row.inconsistencies] == ["CS-BEFORE-THE-PROMOTION"]


def test_a_seller_sees_only_its_own_skus(sku, seller):
    theirs = SkuFactory(price=Decimal("50.00"))
    ChannelPriceFactory(sku=sku, channel=channel("shop_counter"), price=Decimal("90.00"))
    ChannelPriceFactory(sku=theirs, channel=channel("shop_counter"), price=Decimal("40.00"))
    assert [r.sku for r in selectors.price_consistency_report(seller=seller)] == [sku]
    assert len(selectors.price_consistency_report(staff=True)) == 2
    assert selectors.price_consistency_report(seller=None) == []
