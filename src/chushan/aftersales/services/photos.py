"""Photos of a problem: decoded in full to prove they are pictures (the catalogue's checks), re-encoded without
their metadata, stored with a thumbnail. Files are written last and removed if the transaction fails."""

import uuid

from django.core.files.base import ContentFile

from chushan.aftersales.models import ReturnPhoto
from chushan.catalog.services.images import PreparedImage, image_prepare


def photos_prepare(uploads) -> list[PreparedImage]:
    """Every upload decoded before anything is written; the first that is not a picture refuses them all."""
    return [image_prepare(upload, field="photos") for upload in uploads]


def photos_store(request, prepared: list[PreparedImage], *, written: list[str]) -> list[ReturnPhoto]:
    rows = []
    for item in prepared:
        stem = uuid.uuid4().hex
        row = ReturnPhoto(request=request, width=item.width, height=item.height)
        row.image.save(f"{stem}.jpg", ContentFile(item.image), save=False)
        written.append(row.image.name)
        row.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(item.thumbnail), save=False)
        written.append(row.thumbnail.name)
        row.width, row.height = item.width, item.height
        row.save()
        rows.append(row)
    return rows


def files_delete(names: list[str]) -> None:
    storage = ReturnPhoto._meta.get_field("image").storage
    for name in names:
        storage.delete(name)
