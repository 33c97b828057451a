"""Product images: decoded to prove they are pictures, re-encoded without metadata, with a thumbnail."""

import io
import uuid
import warnings
from dataclasses import dataclass
from functools import partial
from struct import error as struct_error

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from chushan.catalog import rules
from chushan.catalog.models import Product, ProductImage
from chushan.catalog.services._common import Errors, member_seller, product_locked_for, product_touched
from chushan.core.errors import ApplicationError, NotFound, Unprocessable


class ImageTooLarge(ApplicationError):
    status = 413
    code = "image_too_large"


@dataclass(frozen=True)
class PreparedImage:
    """A decoded, re-encoded picture ready to store (JPEG bytes for the image and its thumbnail)."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int


def _not_an_image(field: str) -> Unprocessable:
    message = _("This file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF photo.")
    return Unprocessable(message, code="not_an_image", errors={field: [message]})


def _read_bounded(upload, field: str) -> bytes:
    limit = settings.CHUSHAN_MAX_IMAGE_BYTES
    message = _("This picture is larger than %(mb)s MB; upload a smaller one.") % {
        "mb": f"{limit / 1024 / 1024:g}"}
    if (getattr(upload, "size", None) or 0) > limit:
        raise ImageTooLarge(message, errors={field: [message]})
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImageTooLarge(message, errors={field: [message]})
    if not data:
        raise _not_an_image(field)
    return data


def _too_many_pixels(field: str) -> Unprocessable:
    message = _("This picture has too many pixels; upload one under %(mp)d megapixels.") % {
        "mp": rules.MAX_IMAGE_PIXELS // 1_000_000}
    return Unprocessable(message, code="image_too_many_pixels", errors={field: [message]})


def _decode(data: bytes, field: str) -> Image.Image:
    """Open and fully decode, refusing decompression bombs before the pixels are allocated."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = Image.open(io.BytesIO(data), formats=sorted(rules.IMAGE_FORMATS))
            # Opening reads only the header: the canvas size is known before any pixel is decoded.
            if not rules.image_pixels_allowed(picture.width, picture.height):
                raise _too_many_pixels(field)
            if picture.format == "JPEG":
                picture.draft("RGB", (rules.MAX_IMAGE_SIDE, rules.MAX_IMAGE_SIDE))  # decode big JPEGs scaled down
            picture.load()
            return ImageOps.exif_transpose(picture)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(field) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, TypeError, IndexError,
                struct_error, MemoryError) as exc:
            raise _not_an_image(field) from exc


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and a transparent PNG must not turn black."""
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return picture.convert("RGB")


def _jpeg(picture: Image.Image, *, longest: int, quality: int) -> tuple[bytes, rules.ImageBox]:
    box = rules.image_fit(picture.width, picture.height, longest=longest)
    if (box.width, box.height) != picture.size:
        picture = picture.resize((box.width, box.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue(), box


def image_prepare(upload, *, field: str = "image") -> PreparedImage:
    """Check an upload really is a picture of sane size and produce the stored image and thumbnail."""
    picture = _flatten(_decode(_read_bounded(upload, field), field))
    image, box = _jpeg(picture, longest=rules.MAX_IMAGE_SIDE, quality=85)
    thumbnail, _box = _jpeg(picture, longest=rules.THUMBNAIL_SIDE, quality=80)
    return PreparedImage(image=image, thumbnail=thumbnail, width=box.width, height=box.height)


def images_store(product: Product, prepared: list[PreparedImage], *, alt: str, written: list[str]
                 ) -> list[ProductImage]:
    """Write the files and rows. ``written`` collects file names so the caller can delete them if its
    transaction fails (Django has no rollback hook); images are written last to keep that window small."""
    start = (product.images.aggregate(m=Max("position"))["m"] or 0) + 1 if product.images.exists() else 0
    rows = []
    for offset, item in enumerate(prepared):
        stem = uuid.uuid4().hex
        row = ProductImage(product=product, alt=alt, position=start + offset)
        row.image.save(f"{stem}.jpg", ContentFile(item.image), save=False)
        written.append(row.image.name)
        row.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(item.thumbnail), save=False)
        written.append(row.thumbnail.name)
        row.width, row.height = item.width, item.height
        row.save()
        rows.append(row)
    return rows


def files_delete(names: list[str]) -> None:
    storage = ProductImage._meta.get_field("image").storage
    for name in names:
        storage.delete(name)


def product_image_add(*, actor, product_id: int, upload, alt: str = "") -> ProductImage:
    """Add a picture to the actor's product (403/404 for anyone else's), after decoding it in full."""
    member_seller(actor)  # refuse outsiders before spending time decoding their file
    errors = Errors()
    alt = errors.check("alt", rules.text_clean, alt, max_length=120)
    errors.raise_if_any()
    prepared = image_prepare(upload)
    written: list[str] = []
    try:
        with transaction.atomic():
            product = product_locked_for(actor, product_id)
            if product.images.count() >= rules.MAX_IMAGES_PER_PRODUCT:
                raise Unprocessable(_("A product has at most %(n)d pictures; remove one first.")
                                    % {"n": rules.MAX_IMAGES_PER_PRODUCT}, code="too_many_images")
            (image,) = images_store(product, [prepared], alt=alt, written=written)
            product_touched(product)
    except BaseException:
        files_delete(written)
        raise
    return image


def product_image_remove(*, actor, product_id: int, image_id: int) -> None:
    with transaction.atomic():
        product = product_locked_for(actor, product_id)
        image = product.images.filter(pk=image_id).first()
        if image is None:
            raise NotFound(_("This product has no picture with this number."))
        names = [name for name in (image.image.name, image.thumbnail.name) if name]
        image.delete()
        product_touched(product)
        transaction.on_commit(partial(files_delete, names))
