"""Promotions, what each shopper has used of them, and prices kept outside the server (shelf labels, a POS
terminal's offline list, a live-stream price card) that the consistency report checks.

The list price is catalog.Sku.price, the same on every channel; these tables only ever explain a difference.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.core.querysets import SellerScopedQuerySet
from chushan.pricing import rules


class PromotionQuerySet(SellerScopedQuerySet):
    def in_force(self, at):
        return self.filter(is_active=True, starts_at__lte=at, ends_at__gt=at)


class Promotion(models.Model):
    """A time-boxed price for some SKUs on some channels (none chosen: every channel), with an optional limit
    of units per shopper. The only way a SKU sells below its list price."""

    class Kind(models.TextChoices):
        PRICE = rules.PRICE, _("fixed promotional price")
        PERCENT = rules.PERCENT, _("percentage off")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="promotions",
                               verbose_name=_("seller"))
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    price = models.DecimalField(_("promotional price (CNY)"), max_digits=10, decimal_places=2, null=True,
                                blank=True)
    percent_off = models.DecimalField(_("percentage off"), max_digits=5, decimal_places=2, null=True, blank=True,
                                      help_text=_("15 means fifteen percent off the list price."))
    skus = models.ManyToManyField("catalog.Sku", related_name="promotions", verbose_name=_("SKUs"))
    channels = models.ManyToManyField("inventory.SalesChannel", related_name="+", blank=True,
                                      verbose_name=_("channels"),
                                      help_text=_("Leave empty for every channel."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    per_shopper_limit = models.PositiveIntegerField(_("units per shopper"), null=True, blank=True,
                                                    help_text=_("Leave empty for no limit."))
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PromotionQuerySet.as_manager()

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["is_active", "ends_at"], name="promotion_live_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="promotion_ends_after_start"),
            models.CheckConstraint(
                condition=(Q(kind="price", price__gt=0, percent_off__isnull=True)
                           | Q(kind="percent", price__isnull=True, percent_off__gt=0, percent_off__lt=100)),
                name="promotion_kind_has_its_value"),
            models.CheckConstraint(condition=Q(per_shopper_limit__isnull=True) | Q(per_shopper_limit__gte=1),
                                   name="promotion_limit_positive"),
            models.CheckConstraint(condition=~Q(name=""), name="promotion_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    @property
    def value(self):
        return self.price if self.kind == self.Kind.PRICE else self.percent_off

    def terms(self, channel_codes=None) -> rules.PromotionTerms:
        """The rules' view; pass the channel codes when they were fetched already."""
        codes = channel_codes if channel_codes is not None else [c.code for c in self.channels.all()]
        return rules.PromotionTerms(id=self.pk, kind=self.kind, value=self.value, starts_at=self.starts_at,
                                    ends_at=self.ends_at, channels=frozenset(codes),
                                    per_shopper_limit=self.per_shopper_limit, is_active=self.is_active)


class PromotionUsage(models.Model):
    """How many units one shopper holds at a promotion's price: the counter a per-shopper limit guards."""

    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="usages")
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    used = models.IntegerField(_("units used"), default=0)

    class Meta:
        verbose_name = _("promotion usage")
        verbose_name_plural = _("promotion usages")
        constraints = [
            models.UniqueConstraint(fields=["promotion", "shopper"], name="promotion_usage_one_per_shopper"),
            models.CheckConstraint(condition=Q(used__gte=0), name="promotion_usage_not_negative"),
        ]

    def __str__(self):
        return f"{self.promotion_id}/{self.shopper_id}: {self.used}"


class PromotionRedemption(models.Model):
    """Units of one order line bought at a promotion's price; released (once) when the line is cancelled."""

    promotion = models.ForeignKey(Promotion, on_delete=models.PROTECT, related_name="redemptions")
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    quantity = models.IntegerField(_("quantity"))
    reference = models.CharField(_("reference"), max_length=80, help_text=_("The order line, e.g. order_line:42."))
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("promotion redemption")
        verbose_name_plural = _("promotion redemptions")
        constraints = [
            models.UniqueConstraint(fields=["promotion", "reference"], name="redemption_once_per_reference"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="redemption_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.quantity} × {self.promotion_id}"


class ChannelPrice(models.Model):
    """A price shown or charged somewhere the server does not compute it: a printed shelf label, a POS
    terminal's offline list, a live-stream price card. The report flags any that the rules do not explain."""

    class Source(models.TextChoices):
        SHELF_LABEL = "shelf_label", _("shelf label")
        POS_TERMINAL = "pos_terminal", _("POS terminal price list")
        LIVE_STREAM = "live_stream", _("live-stream price card")
        OTHER = "other", _("other")

    sku = models.ForeignKey("catalog.Sku", on_delete=models.CASCADE, related_name="channel_prices",
                            verbose_name=_("SKU"))
    channel = models.ForeignKey("inventory.SalesChannel", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("channel"))
    location = models.ForeignKey("inventory.Location", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+", verbose_name=_("location"))
    price = models.DecimalField(_("price shown (CNY)"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("price kept on a channel")
        verbose_name_plural = _("prices kept on channels")
        ordering = ["sku_id", "channel_id", "location_id"]
        constraints = [
            models.UniqueConstraint(fields=["sku", "channel", "location"], name="channel_price_one_per_place"),
            models.UniqueConstraint(fields=["sku", "channel"], condition=Q(location__isnull=True),
                                    name="channel_price_one_per_channel"),
            models.CheckConstraint(condition=Q(price__gt=0), name="channel_price_positive"),
        ]

    def __str__(self):
        return f"{self.sku_id} @ {self.channel_id}: ¥{self.price}"
