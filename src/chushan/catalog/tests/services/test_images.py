"""product_image_add / _remove: only real pictures of sane size, re-encoded, with a thumbnail."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chushan.catalog import rules, services
from chushan.catalog.models import ProductImage
from chushan.catalog.services import ImageTooLarge
from chushan.catalog.tests.factories import png_bytes
from chushan.catalog.tests.helpers import bomb_upload, fake_jpeg, media_files, png_upload
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable

pytestmark = pytest.mark.django_db


def test_a_real_png_is_stored_as_jpeg_with_a_thumbnail(owner, product, settings):
    image = services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload(width=1200, height=900),
                                       alt="桌旗全貌")
    with Image.open(image.image.path) as stored, Image.open(image.thumbnail.path) as thumb:
        assert stored.format == "JPEG" and stored.size == (1200, 900)
        assert thumb.format == "JPEG" and thumb.size == (400, 300)
    assert (image.width, image.height, image.alt) == (1200, 900, "桌旗全貌")
    assert len(media_files(settings)) == 2


def test_a_huge_picture_is_scaled_down_to_the_stored_size(owner, product):
    image = services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload(width=4000, height=1000))
    assert (image.width, image.height) == (rules.MAX_IMAGE_SIDE, 500)


def test_transparency_becomes_white_not_black(owner, product):
    out = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, "PNG")
    image = services.product_image_add(actor=owner, product_id=product.pk,
                                       upload=SimpleUploadedFile("clear.png", out.getvalue()))
    with Image.open(image.image.path) as stored:
        assert min(stored.getpixel((25, 25))) > 240


def test_metadata_is_stripped(owner, product):
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    Image.new("RGB", (60, 40), "red").save(out, "JPEG", exif=exif)
    image = services.product_image_add(actor=owner, product_id=product.pk,
                                       upload=SimpleUploadedFile("camera.jpg", out.getvalue()))
    with Image.open(image.image.path) as stored:
        assert not stored.getexif()


@pytest.mark.parametrize("upload", [
    fake_jpeg,
    lambda: SimpleUploadedFile("empty.png", b""),
    lambda: SimpleUploadedFile("cut.png", png_bytes()[:200]),
    lambda: SimpleUploadedFile("page.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
    lambda: SimpleUploadedFile("doc.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
])
def test_files_that_are_not_pictures_are_refused_and_nothing_is_written(owner, product, settings, upload):
    with pytest.raises(Unprocessable) as refused:
        services.product_image_add(actor=owner, product_id=product.pk, upload=upload())
    assert refused.value.code == "not_an_image" and "image" in refused.value.errors
    assert ProductImage.objects.count() == 0
    assert media_files(settings) == []


def test_an_oversized_file_is_refused_with_413(owner, product, settings):
    settings.CHUSHAN_MAX_IMAGE_BYTES = 10_000
    with pytest.raises(ImageTooLarge) as refused:
        services.product_image_add(actor=owner, product_id=product.pk,
                                   upload=SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * 20_000))
    assert refused.value.status == 413
    assert ProductImage.objects.count() == 0 and media_files(settings) == []


@pytest.mark.parametrize("size", [(7000, 7000), (12000, 12000)])  # above our limit; above Pillow's own
def test_a_decompression_bomb_is_refused_before_decoding(owner, product, settings, size):
    upload = bomb_upload(*size)
    assert upload.size < 200_000  # small on disk, huge in memory
    with pytest.raises(Unprocessable) as refused:
        services.product_image_add(actor=owner, product_id=product.pk, upload=upload)
    assert refused.value.code == "image_too_many_pixels"
    assert ProductImage.objects.count() == 0 and media_files(settings) == []


def test_at_most_twelve_pictures(owner, product, monkeypatch):
    monkeypatch.setattr(rules, "MAX_IMAGES_PER_PRODUCT", 2)
    for _ in range(2):
        services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload(width=20, height=20))
    with pytest.raises(Unprocessable):
        services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload(width=20, height=20))
    assert product.images.count() == 2


def test_another_sellers_staff_cannot_add_or_remove_pictures(rival, owner, product, settings):
    image = services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload())
    files = media_files(settings)
    with pytest.raises(NotFound):
        services.product_image_add(actor=rival, product_id=product.pk, upload=png_upload())
    with pytest.raises(NotFound):
        services.product_image_remove(actor=rival, product_id=product.pk, image_id=image.pk)
    assert list(product.images.all()) == [image] and media_files(settings) == files


def test_a_shopper_is_refused_before_the_file_is_decoded(product, monkeypatch):
    from chushan.accounts.tests.factories import UserFactory

    monkeypatch.setattr(services.images, "image_prepare", lambda *a, **k: pytest.fail("decoded"))
    with pytest.raises(PermissionDenied):
        services.product_image_add(actor=UserFactory(), product_id=product.pk, upload=png_upload())


def test_removing_a_picture_deletes_its_files_after_commit(owner, product, settings,
                                                           django_capture_on_commit_callbacks):
    image = services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload())
    with django_capture_on_commit_callbacks(execute=True):
        services.product_image_remove(actor=owner, product_id=product.pk, image_id=image.pk)
    assert ProductImage.objects.count() == 0 and media_files(settings) == []


def test_alt_text_is_checked(owner, product):
    with pytest.raises(Unprocessable) as refused:
        services.product_image_add(actor=owner, product_id=product.pk, upload=png_upload(), alt="x" * 121)
    assert "alt" in refused.value.errors
