"""The demo's trade as a newcomer meets it after `chushan seed_demo`: places with GLNs, GTINs, stock, promotions,
two lots to scan, the shopper's orders and the clerk's counter; and a second load changes nothing."""

import json
from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Q
from django.test import TestCase

from chushan.accounts.models import User
from chushan.catalog.models import Product, Sku
from chushan.demo import selectors, services
from chushan.demo.data.trade import BEEF_STORY, CLERK, CONSIGNMENTS, TEA_STORY
from chushan.demo.services.stories import story_marker_gln
from chushan.inventory import selectors as stock_selectors
from chushan.inventory.models import Location, Stock, StockMovement, Transfer
from chushan.orders import services as order_services
from chushan.orders.models import Order, PickupCode
from chushan.pos.models import PosSale
from chushan.pricing import selectors as price_selectors
from chushan.pricing.models import Promotion
from chushan.sellers.models import Membership, Seller
from chushan.trace import gs1
from chushan.trace.models import ChainRecord, CompanyPrefix, Lot, LotSale, Site, TraceEvent

pytestmark = pytest.mark.django_db
MODELS = (Location, Stock, StockMovement, Transfer, CompanyPrefix, Site, Lot, TraceEvent, ChainRecord, LotSale,
          Promotion, Order, PickupCode, PosSale, Membership)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _story_lot(story: dict) -> Lot:
    return Lot.objects.get(origin__gln=story_marker_gln(story), sku__isnull=False)


def test_every_admitted_seller_has_a_warehouse_and_places_with_glns_under_its_prefix(traded_market):
    prefixes = dict(CompanyPrefix.objects.values_list("seller_id", "prefix"))
    for seller in Seller.objects.admitted():
        places = list(seller.locations.all())
        assert [p.kind for p in places].count("warehouse") == 1, seller.slug
        for place in places:
            assert place.gln == gs1.validate_gln(place.gln) and place.gln.startswith(prefixes[seller.pk])
    kinds = Counter(Location.objects.values_list("kind", flat=True))
    assert kinds["shop"] >= 10 and kinds["workshop"] >= 15 and kinds["consignment"] == len(CONSIGNMENTS)
    scenic = set(Location.objects.filter(kind="shop").values_list("region__name", flat=True))
    assert {"雷山县", "镇远县", "花溪区", "黎平县", "荔波县", "临夏市"} <= scenic


def test_places_sell_on_the_channels_of_their_kind_and_counters_name_their_host(traded_market):
    for place in Location.objects.prefetch_related("channels"):
        codes = {c.code for c in place.channels.all()}
        if place.kind == "consignment":
            assert codes == {"consignment_counter"}
            assert place.host_seller_id != place.seller_id and Decimal("0") < place.commission_rate < 1
            assert place.host_seller.locations.filter(kind="shop", region=place.region).exists()
        elif place.kind == "warehouse":
            assert codes == {"web", "live_stream", "institutional"}
        else:
            assert {"web", "shop_counter"} <= codes


def test_every_demo_sku_carries_a_unique_valid_gtin_under_its_sellers_prefix(traded_market):
    skus = Sku.objects.filter(product__seller__slug__in=Seller.objects.values("slug")).select_related("product")
    prefixes = dict(CompanyPrefix.objects.values_list("seller_id", "prefix"))
    gtins = [sku.gtin for sku in skus]
    assert len(gtins) >= 450 and None not in gtins and len(set(gtins)) == len(gtins)
    for sku in skus:
        assert gs1.validate_gtin(sku.gtin) == sku.gtin and sku.gtin[1:].startswith("952")
        assert sku.gtin[1:].startswith(prefixes[sku.product.seller_id])


def test_most_goods_are_in_stock_food_by_lot_and_the_ledger_balances(traded_market):
    goods = Sku.objects.filter(product__kind__in=["finished", "diy_kit", "produce"])
    stocked = goods.filter(stocks__on_hand__gt=0).distinct()
    assert stocked.count() >= 0.85 * goods.count()
    assert not Stock.objects.filter(sku__product__kind__in=["workshop", "course"]).exists()
    assert stock_selectors.stock_ledger_mismatches() == []
    lots = StockMovement.objects.filter(kind="receipt").exclude(lot="")
    assert lots.count() >= 100
    assert all(gs1.validate_lot(code) for code in lots.values_list("lot", flat=True))
    tea = lots.filter(stock__sku__product__category__slug="tea")
    assert tea.exists() and not lots.filter(stock__sku__product__category__slug="silver").exists()
    assert Transfer.objects.filter(to_location__kind="consignment").count() == len(CONSIGNMENTS)


def test_promotions_explain_every_price_difference(traded_market):
    promotions = list(Promotion.objects.prefetch_related("channels", "skus"))
    assert len(promotions) == 2
    for promotion in promotions:
        assert promotion.channels.exists() and promotion.per_shopper_limit and promotion.skus.exists()
        assert promotion.ends_at > promotion.starts_at
    gift = Sku.objects.get(product__name="都匀毛尖明前礼盒")
    assert price_selectors.effective_price(sku=gift, channel="web").amount == Decimal("858.00")
    assert price_selectors.effective_price(sku=gift, channel="shop_counter").amount == gift.price
    assert price_selectors.price_consistency_report(staff=True) == []


def test_the_tea_lot_tells_its_story_from_leaf_to_the_shop_counter(traded_market, client):
    lot = _story_lot(TEA_STORY)
    assert lot.code.startswith("DY") and lot.code.endswith("A17") and lot.sku.product.name == TEA_STORY["product"]
    page = client.get(f"/01/{lot.gtin}/10/{lot.code}").content.decode()
    assert 'data-state="intact"' in page and lot.trace_code in page
    assert "螺蛳壳茶园3号地块" in page and "2026" in page  # harvest date, garden and grade from the lot's ILMD
    assert TEA_STORY["inspection"]["number"] in page and "https://id.gs1.org/00/" in page
    assert page.count(TEA_STORY["shop"]) >= 3  # shipped to, received at, sold at
    steps = {e.biz_step.rsplit("-", 1)[-1] for e in TraceEvent.objects.filter(epcs__lot=lot)}
    assert {"commissioning", "inspecting", "packing", "shipping", "receiving", "retail_selling"} <= steps
    leaves = Lot.objects.get(origin__gln=story_marker_gln(TEA_STORY), sku__isnull=True)
    assert f"/10/{leaves.code}" in page  # made from the leaves, linked
    harvest = json.loads(TraceEvent.objects.get(epcs__lot=leaves, event_type="ObjectEvent").body)
    assert harvest["action"] == "ADD" and harvest["ilmd"]["cbvmda:harvestStartDate"] < lot.produced_on.isoformat()
    assert harvest["ilmd"]["chushan:field"] == TEA_STORY["leaves"]["field"]


def test_the_tea_lots_events_come_as_json_ld_too(traded_market, client):
    lot = _story_lot(TEA_STORY)
    response = client.get(f"/01/{lot.gtin}/10/{lot.code}", HTTP_ACCEPT="application/ld+json")
    events = response.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert {e["type"] for e in events} >= {"TransformationEvent", "AggregationEvent", "ObjectEvent"}
    assert all(e["eventID"].startswith("ni:///sha-256;") for e in events)


def test_the_halal_beef_lot_shows_its_cold_chain(traded_market, client):
    lot = _story_lot(BEEF_STORY)
    page = client.get(f"/01/{lot.gtin}/10/{lot.code}").content.decode()
    assert 'data-testid="cold-chain"' in page and "<polyline" in page
    assert BEEF_STORY["inspection"]["number"] in page and BEEF_STORY["shop"] in page
    readings = TraceEvent.objects.filter(epcs__lot=lot, biz_step__endswith="sensor_reporting")
    assert readings.count() == len(BEEF_STORY["readings"])
    assert max(r[2] for r in BEEF_STORY["readings"]) <= 4.5  # 0–4 °C held, give or take the door opening


def test_the_shopper_has_a_delivered_order_and_one_waiting_with_its_pickup_code(traded_market, client):
    shopper = User.objects.get(mobile="13900000003")
    states = dict(Order.objects.filter(shopper=shopper).values_list("kind", "state"))
    assert states == {"delivery": "delivered", "pickup": "ready_for_pickup"}
    code = PickupCode.objects.get(order__shopper=shopper)
    assert code.ready_at and code.expires_at and code.used_at is None and code.location.name == CLERK["shop"]
    assert code.order.lines.get().promotion is not None  # bought at the web shop's promotional price
    client.force_login(shopper)
    listing = client.get("/orders/").content.decode()
    assert all(order.number in listing for order in Order.objects.filter(shopper=shopper))


def test_the_clerk_works_the_shop_counter_and_can_hand_over_the_pickup(traded_market, client):
    clerk = User.objects.get(mobile=CLERK["mobile"])
    assert clerk.membership.role == "staff" and clerk.membership.seller.slug == CLERK["seller"]
    shop = Location.objects.get(seller=clerk.membership.seller, name=CLERK["shop"])
    sale = PosSale.objects.get(clerk=clerk)
    assert sale.state == "paid" and sale.location == shop
    assert LotSale.objects.filter(lot=_story_lot(TEA_STORY), kind="sold", reference=sale.number).exists()
    client.force_login(clerk)
    counters = client.get("/pos/").content.decode()
    assert shop.name in counters and Location.objects.get(kind="consignment", host_seller=shop.seller).name in counters
    assert client.get(f"/pos/{shop.pk}/").status_code == 200
    code = PickupCode.objects.get(location=shop)
    assert order_services.order_pickup_find(actor=clerk, location=shop, code=code.code) == code.order


def test_the_command_output_points_at_what_to_try(traded_market):
    found = selectors.demo_highlights()
    assert [name for name, _url in found.traces] == [TEA_STORY["product"], BEEF_STORY["product"]]
    assert found.traces[0][1].endswith(f"/10/{_story_lot(TEA_STORY).code}")
    assert found.pickup is not None and found.counter.name == CLERK["shop"]


def test_loading_again_changes_nothing(traded_market):
    before = _counts()
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = services.demo_market_load(with_images=False)
    assert not report.changed, report.created
    assert _counts() == before
    assert not Stock.objects.filter(Q(on_hand__lt=0) | Q(reserved__gt=0)).exists()
    assert Product.objects.filter(skus__gtin__isnull=True, seller__slug__in=Seller.objects.values("slug")).count() == 0
