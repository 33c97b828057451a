"""Counter test setup: a seller with a shop holding a SKU with a barcode, its clerk, a consignment counter in
another seller's shop, a shopper and a stranger, the sandbox payment provider switched on."""

from decimal import Decimal

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory import selectors as stock_selectors
from chushan.inventory import services as stock_services
from chushan.inventory.tests.factories import ConsignmentCounterFactory, LocationFactory, ShopFactory
from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import MembershipFactory, SellerFactory

GTIN = "06901234567892"  # EAN-13 6901234567892 on the label


@pytest.fixture(autouse=True)
def _settings(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["sandbox"] = {**providers["sandbox"], "enabled": True, "secret": "sandbox-test-secret",
                            "notify_url": "", "duplicates": 1, "delay_seconds": 0}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    settings.CHUSHAN_PAYMENT_TTL_SECONDS = 900


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
def other_clerk(seller):
    return MembershipFactory(seller=seller, role=Membership.Role.STAFF).user


@pytest.fixture
def sku(seller):
    return SkuFactory(product__seller=seller, price=Decimal("100.00"), gtin=GTIN, options={"规格": "大号"})


@pytest.fixture
def tea(seller):
    return SkuFactory(product__seller=seller, product__name="都匀毛尖", price=Decimal("36.50"),
                      gtin="06901234567809")


@pytest.fixture
def shop(seller):
    return ShopFactory(seller=seller)


@pytest.fixture
def warehouse(seller):
    return LocationFactory(seller=seller)


@pytest.fixture
def receive(owner):
    def _receive(location, sku, quantity):
        return stock_services.stock_receive(actor=owner, sku=sku, location=location, quantity=quantity)
    return _receive


@pytest.fixture
def stocked(shop, sku, tea, receive):
    """3 units of the SKU and 10 of the tea on the shop's shelf."""
    receive(shop, sku, 3)
    receive(shop, tea, 10)
    return shop


@pytest.fixture
def host(db):
    return SellerFactory()


@pytest.fixture
def counter(seller, host):
    """A consignment counter of the seller in the host's shop, 15% commission."""
    return ConsignmentCounterFactory(seller=seller, host_seller=host, commission_rate=Decimal("0.1500"))


@pytest.fixture
def host_clerk(host):
    return MembershipFactory(seller=host, role=Membership.Role.STAFF).user


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def stranger(db):
    """Staff of another seller."""
    return MembershipFactory(seller=SellerFactory()).user


def assert_ledger_balances():
    assert stock_selectors.stock_ledger_mismatches() == []
