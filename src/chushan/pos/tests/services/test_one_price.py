"""One price (一物一价): the counter charges exactly what the web charges for the same SKU at the same moment;
a difference is only ever an explicit channel promotion, which the price-consistency report explains."""

from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.pos import services
from chushan.pos.selectors import counter_line_prices
from chushan.pos.tests.factories import cash_sale
from chushan.pricing import selectors as pricing
from chushan.pricing.tests.factories import PercentPromotionFactory, PromotionFactory

pytestmark = pytest.mark.django_db


def test_without_a_promotion_the_counter_charges_the_web_price(clerk, stocked, sku):
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    web = pricing.effective_price(sku=sku, channel="web")
    assert sale.lines.get().unit_price == web.amount == sku.price


def test_a_promotion_on_every_channel_is_charged_at_the_counter_too(clerk, stocked, sku, tea, seller):
    PromotionFactory(seller=seller, skus=[sku], price=Decimal("80.00"))
    PercentPromotionFactory(seller=seller, skus=[tea], percent_off=Decimal("10"))
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1), (tea, 2)])
    for sale_line in sale.lines.all():
        assert sale_line.unit_price == pricing.effective_price(sku=sale_line.sku, channel="web").amount
    assert sale.total == Decimal("80.00") + Decimal("32.85") * 2


def test_a_web_only_promotion_leaves_the_counter_at_the_list_price(clerk, stocked, sku, seller):
    PromotionFactory(seller=seller, skus=[sku], price=Decimal("80.00"), channels=["web"])
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    assert sale.lines.get().unit_price == Decimal("100.00")
    assert pricing.effective_price(sku=sku, channel="shop_counter").amount == Decimal("100.00")


def test_a_per_shopper_limit_applies_per_counter_sale(clerk, stocked, sku, seller):
    PromotionFactory(seller=seller, skus=[sku], price=Decimal("80.00"), per_shopper_limit=1)
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 3)])
    assert sorted((line.quantity, line.unit_price) for line in sale.lines.all()) == [
        (1, Decimal("80.00")), (2, Decimal("100.00"))]
    assert sale.total == Decimal("280.00")


def test_the_price_is_taken_again_at_payment(clerk, stocked, sku, seller):
    promotion = PromotionFactory(seller=seller, skus=[sku], price=Decimal("80.00"))
    basket = services.basket_add(actor=clerk, location=stocked, sku=sku)
    assert basket.total == Decimal("80.00")
    promotion.ends_at = timezone.now()
    promotion.save()
    sale = services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered="100")
    assert sale.total == Decimal("100.00")


def test_counter_prices_feed_the_consistency_report_and_are_explained(clerk, stocked, sku, seller):
    PromotionFactory(seller=seller, skus=[sku], price=Decimal("80.00"))
    sale = cash_sale(clerk=clerk, location=stocked, items=[(sku, 1)])
    (seen,) = counter_line_prices(since=sale.created_at, seller_id=seller.pk)
    assert (seen.channel_code, seen.price, seen.reference) == ("shop_counter", Decimal("80.00"), sale.number)
    assert pricing.price_consistency_report(seller=seller) == []
