"""The catalogue: categories, products, their SKUs and images."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chushan.core.querysets import SellerScopedQuerySet


class Category(models.Model):
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    def root(self) -> "Category":
        node = self
        while node.parent_id:
            node = node.parent
        return node


class ProductQuerySet(SellerScopedQuerySet):
    def published(self):
        return self.filter(status=Product.Status.PUBLISHED, seller__status="admitted")


class Product(models.Model):
    class Kind(models.TextChoices):
        FINISHED = "finished", _("finished goods")
        DIY_KIT = "diy_kit", _("DIY kit (semi-finished)")
        PRODUCE = "produce", _("farm produce by lot")
        WORKSHOP = "workshop", _("workshop experience")
        COURSE = "course", _("course")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("on sale")
        DELISTED = "delisted", _("delisted by the platform")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="products",
                               verbose_name=_("seller"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="products",
                                 verbose_name=_("category"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FINISHED)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=160, blank=True)
    subtitle = models.CharField(_("subtitle"), max_length=200, blank=True)
    story = models.TextField(_("story"), blank=True)
    story_en = models.TextField(_("English story"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, default="件")
    heritage_item = models.ForeignKey("heritage.HeritageItem", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="products", verbose_name=_("heritage item"))
    ethnic_group = models.ForeignKey("heritage.EthnicGroup", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="products", verbose_name=_("ethnic group"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="products", verbose_name=_("region of origin"))
    brand = models.ForeignKey("heritage.RegionalBrand", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="products", verbose_name=_("regional public brand"))
    attributes = models.JSONField(_("attributes"), default=dict, blank=True,
                                  help_text=_("Variety, grade, taste, size and the like."))
    # Claims a shopper relies on: the service accepts each only while a matching certificate is in force.
    claim_heritage = models.BooleanField(_("made by a heritage inheritor"), default=False)
    claim_halal = models.BooleanField(_("halal"), default=False)
    claim_brand = models.BooleanField(_("carries the regional public brand"), default=False)
    claim_green = models.BooleanField(_("green food"), default=False)
    claim_organic = models.BooleanField(_("organic"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    delist_reason = models.CharField(_("reason for delisting"), max_length=300, blank=True)
    delisted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    delisted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at", "-pk"]
        permissions = [("delist_product", _("Can delist products"))]
        indexes = [models.Index(fields=["seller", "status"]), models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(claim_heritage=True) | Q(heritage_item__isnull=False),
                                   name="product_heritage_claim_names_item"),
            models.CheckConstraint(condition=~Q(claim_brand=True) | Q(brand__isnull=False),
                                   name="product_brand_claim_names_brand"),
            models.CheckConstraint(condition=~Q(status="delisted") | ~Q(delist_reason=""),
                                   name="product_delisting_has_reason"),
            models.CheckConstraint(condition=~Q(name=""), name="product_name_not_empty"),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("catalog:product", args=[self.pk])

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    @property
    def display_story(self) -> str:
        if self.story_en and (get_language() or "").startswith("en"):
            return self.story_en
        return self.story

    @property
    def claims(self) -> list[str]:
        """The claims the seller has made (stored flags); what shoppers see is selectors.product_claims_displayed."""
        return [name for name in ("heritage", "halal", "brand", "green", "organic")
                if getattr(self, f"claim_{name}")]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Sku(models.Model):
    """A variant a shopper buys: one list price everywhere (一物一价)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="skus")
    code = models.CharField(_("SKU code"), max_length=40)
    options = models.JSONField(_("options"), default=dict, blank=True,
                               help_text=_('Such as {"规格": "250g", "颜色": "靛蓝"}.'))
    price = models.DecimalField(_("price (CNY)"), max_digits=10, decimal_places=2)
    gtin = models.CharField(_("GTIN"), max_length=14, null=True, blank=True, unique=True)
    is_active = models.BooleanField(_("on sale"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("SKU")
        verbose_name_plural = _("SKUs")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="sku_code_unique_per_product"),
            models.CheckConstraint(condition=~Q(code=""), name="sku_code_not_empty"),
            models.CheckConstraint(condition=Q(price__gt=Decimal("0")) & Q(price__lt=Decimal("10000000")),
                                   name="sku_price_positive"),
            models.CheckConstraint(condition=Q(gtin__isnull=True) | Q(gtin__regex=r"^[0-9]{14}$"),
                                   name="sku_gtin_14_digits"),
        ]

    def __str__(self):
        label = " / ".join(str(v) for v in self.options.values()) if self.options else self.code
        return f"{self.product.name} · {label}"

    @property
    def label(self) -> str:
        return " / ".join(str(v) for v in self.options.values()) if self.options else self.code


def image_upload_to(instance, filename):
    return f"products/{instance.product_id}/{filename}"


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=image_upload_to, width_field="width",
                              height_field="height")
    thumbnail = models.ImageField(_("thumbnail"), upload_to=image_upload_to, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("description"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("product image")
        verbose_name_plural = _("product images")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.product_id}#{self.position}"

    @property
    def thumbnail_url(self) -> str:
        return (self.thumbnail or self.image).url
