import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.sellers.tests.factories import MembershipFactory, SellerFactory


@pytest.fixture
def seller(db):
    return SellerFactory()


@pytest.fixture
def owner(seller):
    return MembershipFactory(seller=seller).user


@pytest.fixture
def sku(seller):
    from decimal import Decimal

    return SkuFactory(product__seller=seller, price=Decimal("100.00"))


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def rival(db):
    return MembershipFactory(seller=SellerFactory()).user
