"""How the storefront names levels, kinds and bands to shoppers, in its own words (and catalogue)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The list an ICH item is on (非遗代表性项目名录).
LIST_LEVELS = {
    4: pgettext_lazy("heritage list", "National"),
    3: pgettext_lazy("heritage list", "Provincial"),
    2: pgettext_lazy("heritage list", "City"),
    1: pgettext_lazy("heritage list", "County"),
}
# An inheritor's recognition (代表性传承人).
INHERITOR_LEVELS = {
    4: _("National inheritor"),
    3: _("Provincial inheritor"),
    2: _("City-level inheritor"),
    1: _("County-level inheritor"),
}
LEVEL_CSS = {4: "national", 3: "provincial", 2: "city", 1: "county"}

HERITAGE_CATEGORIES = {
    "folk_literature": _("Folk literature"),
    "music": _("Traditional music"),
    "dance": _("Traditional dance"),
    "drama": _("Traditional drama"),
    "quyi": _("Quyi (storytelling and ballads)"),
    "sports": _("Traditional sports and acrobatics"),
    "fine_arts": _("Traditional fine arts"),
    "craftsmanship": _("Traditional craftsmanship"),
    "medicine": _("Traditional medicine"),
    "folk_custom": _("Folk custom"),
}
# Heritage you can take home, and heritage you go and see.
CRAFT_CATEGORIES = ("craftsmanship", "fine_arts", "medicine")

ENTITY_TYPES = {  # in the order makers are featured: the people first
    "inheritor": _("Heritage inheritor"),
    "cooperative": _("Farmers' cooperative"),
    "household": _("Farming household"),
    "enterprise": _("Enterprise"),
}

CERTIFICATE_KINDS = {
    "ich_inheritor": _("ICH inheritor"),
    "halal": _("Halal"),
    "green_food": _("Green food"),
    "organic": _("Organic"),
    "geographic_indication": _("Geographic indication"),
    "brand_licence": _("Regional brand licence"),
    "business_licence": _("Business licence"),
}

CREDIT_BANDS = {
    "excellent": _("Excellent credit"),
    "good": _("Good credit"),
    "fair": _("Fair credit"),
    "poor": _("Poor credit"),
}

PRODUCT_KINDS = {
    "finished": _("Finished piece"),
    "diy_kit": _("DIY kit"),
    "produce": _("Farm produce"),
    "workshop": _("Workshop"),
    "course": _("Course"),
}
