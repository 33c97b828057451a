"""Filters that name levels, kinds and bands in the storefront's words: ``{{ item.level|list_level }}``."""

from django import template
from django.utils.translation import get_language

from chushan.storefront import labels

register = template.Library()


@register.filter
def list_level(level):
    return labels.LIST_LEVELS.get(level, "")


@register.filter
def inheritor_level(level):
    return labels.INHERITOR_LEVELS.get(level, "")


@register.filter
def level_css(level):
    return labels.LEVEL_CSS.get(level, "")


@register.filter
def heritage_category(code):
    return labels.HERITAGE_CATEGORIES.get(code, "")


@register.filter
def entity_type(code):
    return labels.ENTITY_TYPES.get(code, "")


@register.filter
def certificate_kind(code):
    return labels.CERTIFICATE_KINDS.get(code, "")


@register.filter
def product_kind(code):
    return labels.PRODUCT_KINDS.get(code, "")


@register.filter
def in_language(obj, field: str):
    """``obj.<field>_en`` when the page is in English and it is filled in, else ``obj.<field>``."""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@register.filter
def credit_band(code):
    return labels.CREDIT_BANDS.get(code, "")
