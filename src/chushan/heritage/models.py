"""What a product belongs to: intangible cultural heritage items (非遗项目), ethnic groups and
regional public brands (区域公共品牌)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Bilingual(models.Model):
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class EthnicGroup(Bilingual):
    """One of China's 56 recognised ethnic groups (苗族, 回族, 保安族 …)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta:
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")
        ordering = ["name"]


class ListLevel(models.IntegerChoices):
    """The level of an ICH list or an inheritor's recognition; higher is rarer."""

    COUNTY = 1, _("county")
    CITY = 2, _("city")
    PROVINCIAL = 3, _("provincial")
    NATIONAL = 4, _("national")


class HeritageItem(Bilingual):
    """An item on an intangible cultural heritage list (非遗代表性项目)."""

    class Category(models.TextChoices):
        FOLK_LITERATURE = "folk_literature", _("folk literature")
        MUSIC = "music", _("traditional music")
        DANCE = "dance", _("traditional dance")
        DRAMA = "drama", _("traditional drama")
        QUYI = "quyi", _("quyi (storytelling and ballad singing)")
        SPORTS = "sports", _("traditional sports, games and acrobatics")
        FINE_ARTS = "fine_arts", _("traditional fine arts")
        CRAFTSMANSHIP = "craftsmanship", _("traditional craftsmanship")
        MEDICINE = "medicine", _("traditional medicine")
        FOLK_CUSTOM = "folk_custom", _("folk custom")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    level = models.PositiveSmallIntegerField(_("list level"), choices=ListLevel.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    list_number = models.CharField(_("list number"), max_length=30, blank=True,
                                   help_text=_("For example Ⅷ-25 on the national list."))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="heritage_items",
                               verbose_name=_("region"))
    ethnic_group = models.ForeignKey(EthnicGroup, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="heritage_items", verbose_name=_("ethnic group"))
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)

    class Meta:
        verbose_name = _("heritage item")
        verbose_name_plural = _("heritage items")
        ordering = ["-level", "name"]

    def get_absolute_url(self):
        return reverse("storefront:heritage_item", args=[self.slug])


class RegionalBrand(Bilingual):
    """A regional public brand (区域公用品牌) such as 水城春 or 遵义辣椒, licensed to producers."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="brands",
                               verbose_name=_("region"))
    owner = models.CharField(_("brand owner"), max_length=120, help_text=_("The body that licenses the brand."))
    product_type = models.CharField(_("product type"), max_length=60)
    is_geographic_indication = models.BooleanField(_("geographic indication"), default=False)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)

    class Meta:
        verbose_name = _("regional public brand")
        verbose_name_plural = _("regional public brands")
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("storefront:brand", args=[self.slug])
