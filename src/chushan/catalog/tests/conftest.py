"""Catalogue test fixtures: two sellers with their members, a category, an operator."""

import pytest

from chushan.catalog.tests.factories import CategoryFactory, ProductFactory, SkuFactory
from chushan.sellers.tests.factories import SellerFactory, member, operator


@pytest.fixture
def seller(db):
    return SellerFactory()


@pytest.fixture
def owner(seller):
    return member(seller)


@pytest.fixture
def rival(db):
    """Staff of another seller: must never see or change the first seller's products."""
    from chushan.sellers.models import Membership

    return member(SellerFactory(name="另一家合作社"), role=Membership.Role.STAFF)


@pytest.fixture
def category(db):
    return CategoryFactory()


@pytest.fixture
def platform_operator(db):
    return operator()


@pytest.fixture
def product(seller, category):
    """A published product of ``seller`` with one SKU on sale."""
    product = ProductFactory(seller=seller, category=category)
    SkuFactory(product=product, code="SKU-1", options={"规格": "小号"})
    return product
