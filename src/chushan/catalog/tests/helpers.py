"""Small helpers shared by the catalogue tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chushan.catalog.models import Product, ProductImage, Sku
from chushan.catalog.tests.factories import png_bytes
from chushan.core import events
from chushan.heritage.models import ListLevel
from chushan.sellers.models import Certificate
from chushan.sellers.tests.factories import CertificateFactory


def png_upload(name="photo.png", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def bomb_upload(width=7000, height=7000, name="bomb.png") -> SimpleUploadedFile:
    """A tiny PNG that decodes to tens of millions of pixels."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", b"this is a text file pretending to be a photo\n" * 20,
                              content_type="image/jpeg")


def inheritor_certificate(seller, item, *, level=ListLevel.NATIONAL, **kwargs) -> Certificate:
    return CertificateFactory(seller=seller, kind=Certificate.Kind.ICH_INHERITOR, heritage_item=item,
                              ich_level=level, **kwargs)


def certificate(seller, kind, **kwargs) -> Certificate:
    kwargs.setdefault("heritage_item", None)
    kwargs.setdefault("ich_level", None)
    return CertificateFactory(seller=seller, kind=kind, **kwargs)


def counts() -> tuple[int, int, int]:
    """Rows in the catalogue's tables, to prove a refused write left nothing behind."""
    return Product.objects.count(), Sku.objects.count(), ProductImage.objects.count()


def media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


class EventLog(list):
    def __call__(self, **payload):
        self.append(payload)


def capture_product_events(monkeypatch) -> EventLog:
    log = EventLog()
    monkeypatch.setitem(events._handlers, events.PRODUCT_CHANGED, [log])
    return log


def regional_brand(**kwargs):
    """A regional brand in 水城县 (the heritage factory's default division code is not in the bundled data)."""
    from chushan.heritage.tests.factories import RegionalBrandFactory, region

    kwargs.setdefault("region", region("520221"))
    return RegionalBrandFactory(**kwargs)
