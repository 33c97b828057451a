"""Trace fixtures: a tea cooperative with a GS1 prefix, a SKU GTIN, sites; a rival seller with its own."""

from dataclasses import dataclass

import pytest
from django.utils import translation

from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import SellerFactory, member
from chushan.trace.tests.factories import (
    RIVAL_PREFIX,
    TEA_PREFIX,
    CompanyPrefixFactory,
    SiteFactory,
    gln,
    gtin,
    sku_with_gtin,
)


@dataclass
class Party:
    seller: object
    user: object
    gtin: str
    gtin2: str
    site: object
    shop: object


def _party(name: str, prefix: str, credit_code: str | None) -> Party:
    seller = SellerFactory(name=name, credit_code=credit_code)
    CompanyPrefixFactory(seller=seller, prefix=prefix)
    first, second = gtin(prefix, "00001"), gtin(prefix, "00002")
    sku_with_gtin(seller, first)
    return Party(seller=seller, user=member(seller), gtin=first, gtin2=second,
                 site=SiteFactory(seller=seller, gln=gln(prefix, "00001"), name="雷山茶园"),
                 shop=SiteFactory(seller=seller, gln=gln(prefix, "00002"), name="凯里门店", kind="shop"))


@pytest.fixture(autouse=True)
def _english():
    """Services speak English in these tests (pages choose their language per request, Chinese by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def tea(db) -> Party:
    return _party("雷山银球茶合作社", TEA_PREFIX, "93522634MA6DKTEA1X")


@pytest.fixture
def rival(db) -> Party:
    return _party("临夏清真牛肉公司", RIVAL_PREFIX, None)


@pytest.fixture
def rival_staff(rival):
    return member(rival.seller, role=Membership.Role.STAFF)
