from decimal import Decimal

import factory

from chushan.catalog.models import Category, Product, Sku
from chushan.sellers.tests.factories import SellerFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"蜡染{n}")
    name_en = factory.Sequence(lambda n: f"Batik {n}")
    slug = factory.Sequence(lambda n: f"batik-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    seller = factory.SubFactory(SellerFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"苗族蜡染桌旗{n}")
    status = Product.Status.PUBLISHED


class SkuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sku

    product = factory.SubFactory(ProductFactory)
    code = factory.Sequence(lambda n: f"SKU{n}")
    price = Decimal("168.00")
