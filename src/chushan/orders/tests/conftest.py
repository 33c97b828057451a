"""Orders test setup: a seller with a warehouse and a shop holding a SKU, its staff, shoppers with addresses,
another seller, the sandbox payment provider switched on, pick-up notices kept in an outbox."""

from decimal import Decimal

import pytest
from django.utils import translation

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory import selectors as stock_selectors
from chushan.inventory import services as stock_services
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.orders.notifiers import OutboxNotifier
from chushan.orders.tests.factories import AddressFactory
from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import MembershipFactory, SellerFactory


@pytest.fixture(autouse=True)
def _settings(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["sandbox"] = {**providers["sandbox"], "enabled": True, "secret": "sandbox-test-secret",
                            "notify_url": "", "duplicates": 1, "delay_seconds": 0}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    settings.CHUSHAN_PICKUP_NOTIFIER = "chushan.orders.notifiers.OutboxNotifier"
    settings.CHUSHAN_PICKUP_HOLD_DAYS = 7
    OutboxNotifier.outbox.clear()
    yield
    OutboxNotifier.outbox.clear()


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def seller(db):
    return SellerFactory()


@pytest.fixture
def owner(seller):
    return MembershipFactory(seller=seller).user


@pytest.fixture
def clerk(seller):
    return MembershipFactory(seller=seller, role=Membership.Role.STAFF).user


@pytest.fixture
def sku(seller):
    return SkuFactory(product__seller=seller, price=Decimal("100.00"), gtin="06901234567892")


@pytest.fixture
def warehouse(seller):
    return LocationFactory(seller=seller)


@pytest.fixture
def shop(seller):
    return ShopFactory(seller=seller)


@pytest.fixture
def receive(owner):
    def _receive(location, sku, quantity):
        return stock_services.stock_receive(actor=owner, sku=sku, location=location, quantity=quantity)
    return _receive


@pytest.fixture
def stocked(sku, warehouse, shop, receive):
    """10 units in the warehouse, 3 in the shop."""
    receive(warehouse, sku, 10)
    receive(shop, sku, 3)
    return sku


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def address(shopper):
    return AddressFactory(shopper=shopper)


@pytest.fixture
def stranger(db):
    """Another shopper."""
    return UserFactory()


@pytest.fixture
def rival_seller(db):
    return SellerFactory()


@pytest.fixture
def rival(rival_seller):
    """Staff of another seller."""
    return MembershipFactory(seller=rival_seller).user


def assert_ledger_balances():
    assert stock_selectors.stock_ledger_mismatches() == []
