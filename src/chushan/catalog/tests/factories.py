import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from chushan.catalog.models import Category, Product, ProductImage, Sku
from chushan.sellers.tests.factories import SellerFactory


def png_bytes(width: int = 640, height: int = 480, colour=(29, 59, 110)) -> bytes:
    """A real PNG made here (nothing downloaded)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


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
    published_at = factory.LazyFunction(timezone.now)


class DraftProductFactory(ProductFactory):
    status = Product.Status.DRAFT
    published_at = None


class SkuFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sku

    product = factory.SubFactory(ProductFactory)
    code = factory.Sequence(lambda n: f"SKU{n}")
    price = Decimal("168.00")


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(lambda: ContentFile(png_bytes(80, 60), name="photo.png"))
    thumbnail = factory.LazyFunction(lambda: ContentFile(png_bytes(40, 30), name="photo-thumb.png"))
    alt = "蜡染桌旗"
