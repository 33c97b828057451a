from decimal import Decimal

import pytest

from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.heritage.tests.factories import region
from chushan.inventory import services
from chushan.inventory.models import Location
from chushan.inventory.tests.factories import LocationFactory
from chushan.sellers.models import Seller
from chushan.sellers.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    fields = {"kind": "shop", "name": "西江门店", "region": region("522634"), "address": "西江镇南贵村1号"}
    return services.LocationData(**{**fields, **overrides})


def test_a_seller_adds_a_shop_with_the_default_channels(owner, seller):
    location = services.location_create(actor=owner, data=_data(gln="6901234567892"))
    assert location.seller == seller and location.gln == "6901234567892"
    assert sorted(location.channels.values_list("code", flat=True)) == ["live_stream", "shop_counter", "web"]


def test_a_consignment_counter_names_its_host_and_commission(owner):
    host = SellerFactory()
    location = services.location_create(actor=owner, data=_data(kind="consignment", host_seller=host,
                                                                  commission_rate=Decimal("0.2")))
    assert location.is_consignment and location.host_seller == host
    assert list(location.channels.values_list("code", flat=True)) == ["consignment_counter"]


@pytest.mark.parametrize("overrides,field", [
    ({"kind": "consignment"}, "host_seller"),
    ({"commission_rate": Decimal("0.1")}, "kind"),
    ({"kind": "consignment", "host_seller": "self", "commission_rate": Decimal("0.1")}, "host_seller"),
    ({"kind": "consignment", "host_seller": "other", "commission_rate": Decimal("1.5")}, "commission_rate"),
    ({"gln": "6901234567891"}, "gln"),
    ({"region": "province"}, "region"),
    ({"name": ""}, "name"),
    ({"kind": "spaceport"}, "kind"),
    ({"channels": ["web", "teleport"]}, "channels"),
])
def test_invalid_locations_are_refused_and_nothing_is_saved(owner, seller, overrides, field):
    if overrides.get("host_seller") == "self":
        overrides["host_seller"] = seller
    elif overrides.get("host_seller") == "other":
        overrides["host_seller"] = SellerFactory()
    if overrides.get("region") == "province":
        overrides["region"] = region("520000")
    with pytest.raises(Unprocessable) as refused:
        services.location_create(actor=owner, data=_data(**overrides))
    assert field in refused.value.errors, refused.value.errors
    assert not Location.objects.exists()


def test_a_host_must_be_admitted(owner):
    host = SellerFactory(status=Seller.Status.SUBMITTED, admitted_at=None)
    with pytest.raises(Unprocessable):
        services.location_create(actor=owner, data=_data(kind="consignment", host_seller=host,
                                                         commission_rate=Decimal("0.1")))
    assert not Location.objects.exists()


def test_names_are_unique_per_seller(owner):
    services.location_create(actor=owner, data=_data())
    with pytest.raises(Unprocessable):
        services.location_create(actor=owner, data=_data())
    assert Location.objects.count() == 1


def test_shoppers_cannot_add_locations(shopper):
    with pytest.raises(PermissionDenied):
        services.location_create(actor=shopper, data=_data())
    assert not Location.objects.exists()


def test_update_changes_details_but_not_kind(owner, seller):
    location = LocationFactory(seller=seller)
    services.location_update(actor=owner, location=location, data=_data(kind="warehouse", name="新仓",
                                                                         channels=["web"], is_active=False))
    location.refresh_from_db()
    assert (location.name, location.is_active) == ("新仓", False)
    assert list(location.channels.values_list("code", flat=True)) == ["web"]
    with pytest.raises(Unprocessable):
        services.location_update(actor=owner, location=location, data=_data(kind="shop"))


def test_another_seller_cannot_update(stranger, seller):
    location = LocationFactory(seller=seller, name="原名")
    with pytest.raises(PermissionDenied):
        services.location_update(actor=stranger, location=location, data=_data(kind="warehouse", name="x"))
    location.refresh_from_db()
    assert location.name == "原名"
