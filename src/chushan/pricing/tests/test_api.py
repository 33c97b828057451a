"""The pricing API: prices are always computed here; sellers manage their own promotions and kept prices; the
consistency report is for operators and, for their own SKUs, sellers."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.accounts.tests.factories import UserFactory
from chushan.inventory.models import SalesChannel
from chushan.pricing.models import ChannelPrice, Promotion
from chushan.pricing.tests.factories import ChannelPriceFactory, PromotionFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"


def send(client, method, path, body=None):
    kwargs = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = json.dumps(body, default=str)
    return getattr(client, method)(API + path, **kwargs)


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def promotion_body(skus, **changes):
    return {"name": "端午特惠", "kind": "percent", "value": "15", "sku_ids": skus, "channels": ["web"],
            "starts_at": (timezone.now() + datetime.timedelta(hours=1)).isoformat(),
            "ends_at": (timezone.now() + datetime.timedelta(days=2)).isoformat(), **changes}


def test_the_price_is_the_list_price_or_a_promotions(client, sku, seller):
    assert send(client, "get", f"/prices?sku_id={sku.pk}").json()["price"] == "100.00"
    promotion = PromotionFactory(seller=seller, skus=[sku], channels=["live_stream"])
    live = send(client, "get", f"/prices?sku_id={sku.pk}&channel=live_stream").json()
    assert (live["price"], live["discount"], live["promotion_id"]) == ("80.00", "20.00", promotion.pk)
    assert send(client, "get", f"/prices?sku_id={sku.pk}&channel=web").json()["price"] == "100.00"
    problem(send(client, "get", f"/prices?sku_id={sku.pk}&channel=moon"), 422)
    problem(send(client, "get", "/prices?sku_id=99999999"), 404)


def test_a_seller_creates_lists_and_ends_promotions(client, owner, sku):
    client.force_login(owner)
    created = send(client, "post", "/seller/promotions", promotion_body([sku.pk]))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["value"], body["channels"], body["sku_ids"]) == ("15.00", ["web"], [sku.pk])
    assert send(client, "get", "/seller/promotions").json()["count"] == 1
    ended = send(client, "post", f"/seller/promotions/{body['id']}/end").json()
    assert ended["is_active"] is False


@pytest.mark.parametrize("changes,field", [
    ({"value": "-1"}, "value"),
    ({"kind": "gift"}, "kind"),
    ({"sku_ids": []}, "sku_ids"),
    ({"price": "1.00"}, "price"),
    ({"per_shopper_limit": 1.5}, "per_shopper_limit"),
])
def test_bad_promotions_get_a_422(client, owner, sku, changes, field):
    client.force_login(owner)
    errors = problem(send(client, "post", "/seller/promotions", promotion_body([sku.pk], **changes)), 422)["errors"]
    assert field in errors, errors
    assert not Promotion.objects.exists()


def test_another_sellers_promotion_is_not_found(client, rival, sku, seller):
    promotion = PromotionFactory(seller=seller, skus=[sku])
    client.force_login(rival)
    problem(send(client, "get", f"/seller/promotions/{promotion.pk}"), 404)
    problem(send(client, "post", f"/seller/promotions/{promotion.pk}/end"), 404)
    problem(send(client, "put", f"/seller/promotions/{promotion.pk}", promotion_body([sku.pk])), 404)
    assert Promotion.objects.get().ends_at == promotion.ends_at
    assert send(client, "get", "/seller/promotions").json()["count"] == 0


def test_a_seller_records_a_kept_price_and_sees_it_in_the_report(client, owner, sku):
    client.force_login(owner)
    created = send(client, "post", "/seller/channel-prices", {"sku_id": sku.pk, "channel": "shop_counter",
                                                               "price": "95.00", "source": "shelf_label"})
    assert created.status_code == 201, created.content
    [row] = send(client, "get", "/pricing/consistency").json()
    assert row["sku_id"] == sku.pk and row["inconsistencies"][0]["expected"] == "100.00"


def test_a_kept_price_for_another_sellers_sku_is_not_found(client, rival, sku):
    client.force_login(rival)
    problem(send(client, "post", "/seller/channel-prices", {"sku_id": sku.pk, "channel": "web", "price": "1.00"}),
            404)
    assert not ChannelPrice.objects.exists()


def test_operators_see_every_seller_and_shoppers_see_nothing(client, sku, rival):
    ChannelPriceFactory(sku=sku, channel=SalesChannel.objects.get(code="shop_counter"), price=Decimal("90.00"))
    client.force_login(UserFactory(is_staff=True))
    assert len(send(client, "get", "/pricing/consistency").json()) == 1
    client.force_login(rival)
    assert send(client, "get", "/pricing/consistency").json() == []
    client.force_login(UserFactory())
    problem(send(client, "get", "/pricing/consistency"), 403)


def test_the_admin_report_page(client, sku):
    ChannelPriceFactory(sku=sku, channel=SalesChannel.objects.get(code="shop_counter"), price=Decimal("90.00"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/pricing/promotion/consistency/")
    assert page.status_code == 200
    assert b'data-testid="price-report"' in page.content and b"90.00" in page.content
