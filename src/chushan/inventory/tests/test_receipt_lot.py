"""A receipt's lot number through the rule, the API and the console page."""

import json

import pytest

from chushan.catalog.tests.factories import SkuFactory
from chushan.core.errors import Unprocessable
from chushan.inventory import rules
from chushan.inventory.models import StockMovement
from chushan.inventory.tests.conftest import ledger_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_owner(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def tea(seller):
    return SkuFactory(product__seller=seller, gtin="06901234567892")


def test_a_lot_is_trimmed_and_may_be_left_out():
    assert rules.check_lot("  LS-1 ") == "LS-1"
    assert rules.check_lot("") == rules.check_lot(None) == ""


@pytest.mark.parametrize("lot", ["雷山01", "A B", "x" * 21, ["LS1"], "é"])
def test_a_lot_is_at_most_20_gs1_characters(lot):
    with pytest.raises(Unprocessable) as refused:
        rules.check_lot(lot)
    assert refused.value.errors["lot"]


def test_the_api_takes_and_shows_the_lot(as_owner, tea, warehouse):
    response = as_owner.post("/api/v1/seller/stock/receipts", content_type="application/json", data=json.dumps(
        {"sku_id": tea.pk, "location_id": warehouse.pk, "quantity": 6, "lot": "LS2024-05"}))
    assert response.status_code == 201, response.content
    assert response.json()["lot"] == "LS2024-05"
    ledger = as_owner.get("/api/v1/seller/stock/movements").json()
    assert [m["lot"] for m in ledger["items"]] == ["LS2024-05"]


@pytest.mark.parametrize("lot", ["春茶一批", "x" * 21, 7])
def test_the_api_refuses_a_bad_lot_with_a_422(as_owner, tea, warehouse, lot):
    response = as_owner.post("/api/v1/seller/stock/receipts", content_type="application/json", data=json.dumps(
        {"sku_id": tea.pk, "location_id": warehouse.pk, "quantity": 6, "lot": lot}))
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    assert "lot" in response.json()["errors"]
    assert ledger_count() == 0


def test_the_receive_page_takes_the_lot(as_owner, tea, warehouse):
    page = as_owner.get("/console/stock/receive/")
    assert 'name="lot"' in page.content.decode()
    response = as_owner.post("/console/stock/receive/", {"location": warehouse.pk, "sku": tea.pk, "quantity": 4,
                                                         "lot": "LS2024-05"})
    assert response.status_code == 302
    assert StockMovement.objects.get().lot == "LS2024-05"
    ledger = as_owner.get(f"/console/stock/locations/{warehouse.pk}/").content.decode()
    assert "LS2024-05" in ledger


def test_the_receive_page_shows_a_bad_lot_as_a_form_error(as_owner, tea, warehouse):
    response = as_owner.post("/console/stock/receive/", {"location": warehouse.pk, "sku": tea.pk, "quantity": 4,
                                                         "lot": "春茶一批"})
    assert response.status_code == 200 and "lot" in response.context["form"].errors
    assert ledger_count() == 0
