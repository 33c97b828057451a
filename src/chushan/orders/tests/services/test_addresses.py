"""Delivery addresses: real counties, an 11-digit mobile, one default."""

import pytest

from chushan.core.errors import NotFound, Unprocessable
from chushan.heritage.tests.factories import region
from chushan.orders import services
from chushan.orders.models import Address

pytestmark = pytest.mark.django_db


def data(**changes):
    values = {"name": "李阿婆", "mobile": "13712345678", "region": region("522601"), "detail": "韶山南路18号",
              "is_default": False}
    return services.AddressData(**{**values, **changes})


def test_the_first_address_is_the_default_and_a_new_default_replaces_it(shopper):
    first = services.address_create(actor=shopper, data=data())
    second = services.address_create(actor=shopper, data=data(detail="大十字1号", is_default=True))
    first.refresh_from_db()
    assert (first.is_default, second.is_default) == (False, True)
    services.address_delete(actor=shopper, address=second)
    first.refresh_from_db()
    assert first.is_default


@pytest.mark.parametrize("changes,field", [
    ({"mobile": "12345"}, "mobile"),
    ({"region": None}, "region"),
    ({"name": ""}, "name"),
    ({"detail": "x" * 201}, "detail"),
])
def test_bad_addresses_are_refused_by_field(shopper, changes, field):
    with pytest.raises(Unprocessable) as caught:
        services.address_create(actor=shopper, data=data(**changes))
    assert field in caught.value.errors
    assert not Address.objects.exists()


def test_a_province_is_not_an_address(shopper):
    with pytest.raises(Unprocessable):
        services.address_create(actor=shopper, data=data(region=region("520000")))


def test_another_shoppers_address_is_not_found(shopper, stranger):
    mine = services.address_create(actor=shopper, data=data())
    with pytest.raises(NotFound):
        services.address_update(actor=stranger, address=mine, data=data(detail="偷改"))
    with pytest.raises(NotFound):
        services.address_delete(actor=stranger, address=mine)
    mine.refresh_from_db()
    assert mine.detail == "韶山南路18号"
