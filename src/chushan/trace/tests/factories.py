"""Traceability test data: sellers with a GS1 company prefix, SKUs with GTINs, sites with GLNs, lots."""

import factory

from chushan.catalog.tests.factories import ProductFactory, SkuFactory
from chushan.sellers.tests.factories import SellerFactory
from chushan.trace import gs1
from chushan.trace.models import CompanyPrefix, Lot, Site
from chushan.trace.rules import trace_code_new

# Prefix 952 is GS1's range for demonstrations; each test seller gets its own company prefix under it.
TEA_PREFIX = "9521234"
RIVAL_PREFIX = "9525678"


def gtin(prefix: str = TEA_PREFIX, item: str = "00001") -> str:
    return gs1.gtin_make(prefix, item)


def gln(prefix: str = TEA_PREFIX, location: str = "00001") -> str:
    return gs1.gln_make(prefix, location)


class CompanyPrefixFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyPrefix

    seller = factory.SubFactory(SellerFactory)
    prefix = TEA_PREFIX


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    seller = factory.SubFactory(SellerFactory)
    gln = factory.Sequence(lambda n: gln(location=f"{n + 1:05d}"))
    name = factory.Sequence(lambda n: f"雷山茶园{n}")
    kind = Site.Kind.FARM


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    seller = factory.SubFactory(SellerFactory)
    gtin = factory.LazyFunction(gtin)
    code = factory.Sequence(lambda n: f"LS2024-{n:03d}")
    trace_code = factory.LazyFunction(trace_code_new)
    ilmd = factory.LazyFunction(dict)


def sku_with_gtin(seller, value: str, name: str = "雷山银球茶"):
    """A published product of ``seller`` whose SKU carries ``value`` as its GTIN."""
    return SkuFactory(product=ProductFactory(seller=seller, name=name), gtin=value, code=f"SKU-{value[-6:]}")
