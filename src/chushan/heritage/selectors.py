"""Reads for heritage items, ethnic groups and regional brands."""

from django.db.models import QuerySet

from chushan.heritage.models import EthnicGroup, HeritageItem, RegionalBrand


def heritage_item_list(*, level: int | None = None) -> QuerySet[HeritageItem]:
    items = HeritageItem.objects.select_related("region", "ethnic_group")
    return items.filter(level=level) if level else items


def heritage_item_get(*, slug: str) -> HeritageItem | None:
    return HeritageItem.objects.select_related("region", "region__parent", "ethnic_group").filter(slug=slug).first()


def brand_list() -> QuerySet[RegionalBrand]:
    return RegionalBrand.objects.select_related("region")


def brand_get(*, slug: str) -> RegionalBrand | None:
    return RegionalBrand.objects.select_related("region", "region__parent").filter(slug=slug).first()


def ethnic_group_list() -> QuerySet[EthnicGroup]:
    return EthnicGroup.objects.all()
