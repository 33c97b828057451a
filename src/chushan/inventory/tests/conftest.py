"""Fixtures for the stock tests: a seller with a warehouse and a shop, its staff, a SKU, a shopper, a stranger."""

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory import selectors, services
from chushan.inventory.models import StockMovement
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import MembershipFactory, SellerFactory


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
    return SkuFactory(product__seller=seller)


@pytest.fixture
def warehouse(seller):
    return LocationFactory(seller=seller)


@pytest.fixture
def shop(seller):
    return ShopFactory(seller=seller)


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def stranger(db):
    """Staff of another seller."""
    return MembershipFactory(seller=SellerFactory()).user


@pytest.fixture
def receive(owner):
    def _receive(location, sku, quantity):
        return services.stock_receive(actor=owner, sku=sku, location=location, quantity=quantity)
    return _receive


def assert_ledger_balances():
    assert selectors.stock_ledger_mismatches() == []


def ledger_count() -> int:
    return StockMovement.objects.count()
