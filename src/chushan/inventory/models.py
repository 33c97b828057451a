"""Locations, stock per SKU × location, and the append-only movement ledger that is the only way stock changes.

Invariant: for every (SKU, location), ``Stock.on_hand`` equals the sum of its movements' ``on_hand_delta``
and ``Stock.reserved`` the sum of their ``reserved_delta``; ``chushan check_stock`` verifies it.
"""

from biip import ParseError
from biip.gln import Gln
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from chushan.core import messages
from chushan.core.querysets import SellerScopedQuerySet
from chushan.inventory import rules


class SalesChannel(models.Model):
    """Where a sale happens: web, a shop counter, a consignment counter, a live stream, an institution.

    A table rather than choices, so a later capability adds a channel without touching the ledger.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    is_counter = models.BooleanField(_("sold in person at a counter"), default=False,
                                     help_text=_("Counter sales are made by the staff of the location."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sales channel")
        verbose_name_plural = _("sales channels")
        ordering = ["position", "code"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class LocationQuerySet(SellerScopedQuerySet):
    def hosted_by(self, seller):
        """Consignment counters another seller keeps in this seller's shop (寄售/代销)."""
        if seller is None:
            return self.none()
        return self.filter(host_seller=seller)

    def active(self):
        return self.filter(is_active=True)


class Location(models.Model):
    """A place that holds a seller's stock. A consignment counter stands in another seller's shop;
    the goods stay the owner's and each sale settles to the owner less the host's commission."""

    class Kind(models.TextChoices):
        WAREHOUSE = "warehouse", _("warehouse")
        SHOP = "shop", _("shop")
        WORKSHOP = "workshop", _("workshop")
        CONSIGNMENT = "consignment", _("consignment counter (寄售)")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="locations",
                               verbose_name=_("owner of the goods"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="stock_locations",
                               verbose_name=_("county"))
    address = models.CharField(_("address"), max_length=200)
    host_seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="hosted_locations", verbose_name=_("host shop's seller"),
                                    help_text=_("Only for a consignment counter: the seller whose shop it is in."))
    commission_rate = models.DecimalField(_("host's commission rate"), max_digits=5, decimal_places=4,
                                          null=True, blank=True,
                                          help_text=_("Share of each sale the host keeps, e.g. 0.1500 for 15%."))
    gln = models.CharField(_("GLN"), max_length=13, null=True, blank=True, unique=True,
                           help_text=_("GS1 Global Location Number, 13 digits, for traceability."))
    channels = models.ManyToManyField(SalesChannel, related_name="locations", blank=True,
                                      verbose_name=_("sells on"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock location")
        verbose_name_plural = _("stock locations")
        ordering = ["seller_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "name"], name="location_name_unique_per_seller",
                                    violation_error_message=_("You already have a location with this name.")),
            models.CheckConstraint(
                condition=(Q(kind="consignment", host_seller__isnull=False, commission_rate__isnull=False)
                           | (~Q(kind="consignment") & Q(host_seller__isnull=True, commission_rate__isnull=True))),
                name="location_consignment_has_host_and_rate"),
            models.CheckConstraint(condition=~Q(host_seller=F("seller")), name="location_host_is_another_seller"),
            models.CheckConstraint(
                condition=Q(commission_rate__isnull=True) | Q(commission_rate__gte=0, commission_rate__lt=1),
                name="location_commission_rate_range"),
            models.CheckConstraint(condition=Q(gln__isnull=True) | Q(gln__regex=r"^[0-9]{13}$"),
                                   name="location_gln_13_digits"),
            models.CheckConstraint(condition=~Q(name=""), name="location_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.gln:
            try:
                Gln.parse(self.gln)
            except ParseError:
                errors["gln"] = [_("Enter a 13-digit GLN with a correct check digit.")]
        if self.region_id and self.region.level != self.region.Level.COUNTY:
            errors["region"] = [_("Choose the county (区/县) the location is in.")]
        if self.kind == self.Kind.CONSIGNMENT and not (self.host_seller_id and self.commission_rate is not None):
            errors["host_seller"] = [_("A consignment counter names the host seller and its commission rate.")]
        if self.kind != self.Kind.CONSIGNMENT and (self.host_seller_id or self.commission_rate is not None):
            errors["kind"] = [_("Only a consignment counter has a host seller and a commission rate.")]
        if self.host_seller_id and self.host_seller_id == self.seller_id:
            errors["host_seller"] = [_("A consignment counter stands in another seller's shop.")]
        if self.commission_rate is not None and not (0 <= self.commission_rate < 1):
            errors["commission_rate"] = [_("Enter a rate from 0 up to (not including) 1, e.g. 0.15 for 15%.")]
        if errors:
            raise ValidationError(errors)

    @property
    def is_consignment(self) -> bool:
        return self.kind == self.Kind.CONSIGNMENT


class StockQuerySet(models.QuerySet):
    def for_seller(self, seller):
        if seller is None:
            return self.none()
        return self.filter(location__seller=seller)


class Stock(models.Model):
    """How many units of one SKU one location holds, and how many of those wait for payment."""

    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="stocks", verbose_name=_("SKU"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="stocks",
                                 verbose_name=_("location"))
    on_hand = models.IntegerField(_("on hand"), default=0)
    reserved = models.IntegerField(_("held for checkouts"), default=0)

    objects = StockQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        ordering = ["location_id", "sku_id"]
        constraints = [
            models.UniqueConstraint(fields=["sku", "location"], name="stock_one_row_per_sku_and_location"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="stock_on_hand_not_negative"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="stock_reserved_not_negative"),
            models.CheckConstraint(condition=Q(reserved__lte=F("on_hand")), name="stock_reserved_within_on_hand"),
            models.CheckConstraint(condition=Q(on_hand__lte=rules.MAX_ON_HAND), name="stock_on_hand_bounded"),
        ]

    def __str__(self):
        return f"{self.sku} @ {self.location}"

    @property
    def available(self) -> int:
        return rules.available(self.on_hand, self.reserved)


class Reservation(models.Model):
    """A hold on stock while a shopper pays; it becomes a sale, is released, or expires. Exactly one."""

    class State(models.TextChoices):
        HELD = "held", _("held")
        COMMITTED = "committed", _("sold")
        RELEASED = "released", _("released")
        EXPIRED = "expired", _("expired")

    # No database foreign keys on the hot path's references (see StockMovement); rows are never deleted.
    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="reservations", db_index=False,
                              db_constraint=False)
    quantity = models.IntegerField(_("quantity"))
    channel = models.ForeignKey(SalesChannel, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("channel"), db_index=False, db_constraint=False)
    reference = models.CharField(_("reference"), max_length=80, blank=True,
                                 help_text=_("What holds it, e.g. an order line."))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.HELD)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", db_index=False, db_constraint=False)
    created_at = models.DateTimeField(_("held at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        ordering = ["-pk"]
        indexes = [
            # The expiry sweep reads only live holds; partial indexes keep it small. The periodic sweep takes the
            # oldest anywhere; the lazy sweep of one stock read takes only that read's rows, without walking past
            # every other row's lapsed holds. Holds are looked up by stock only while held.
            models.Index(fields=["expires_at"], condition=Q(state="held"), name="reservation_held_by_expiry"),
            models.Index(fields=["stock", "expires_at"], condition=Q(state="held"), name="reservation_held_by_stock"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="reservation_quantity_positive"),
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")),
                                   name="reservation_expires_after_creation"),
            models.CheckConstraint(condition=Q(state="held", closed_at__isnull=True)
                                   | (~Q(state="held") & Q(closed_at__isnull=False)),
                                   name="reservation_closed_unless_held"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.quantity} × {self.stock_id} ({self.state})"


class Transfer(models.Model):
    """Goods moved between two locations of one seller, e.g. from the warehouse to a consignment counter."""

    from_location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="transfers_out",
                                      verbose_name=_("from"))
    to_location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="transfers_in",
                                    verbose_name=_("to"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_location=F("to_location")), name="transfer_between_two_places"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.from_location} → {self.to_location}"


class TransferLine(models.Model):
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="lines")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="+", verbose_name=_("SKU"))
    quantity = models.IntegerField(_("quantity"))

    class Meta:
        verbose_name = _("transfer line")
        verbose_name_plural = _("transfer lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "sku"], name="transfer_line_one_per_sku"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="transfer_line_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sku_id}"


class StockCount(models.Model):
    """A physical count (盘点) at one location; each line adjusts the books to what was counted."""

    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="counts",
                                 verbose_name=_("location"))
    reason = models.CharField(_("reason"), max_length=200)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("stock count")
        verbose_name_plural = _("stock counts")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="stock_count_has_reason")]

    def __str__(self):
        return f"#{self.pk} {self.location}"


class StockCountLine(models.Model):
    count = models.ForeignKey(StockCount, on_delete=models.PROTECT, related_name="lines")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="+", verbose_name=_("SKU"))
    expected = models.IntegerField(_("on the books"))
    counted = models.IntegerField(_("counted"))

    class Meta:
        verbose_name = _("count line")
        verbose_name_plural = _("count lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["count", "sku"], name="count_line_one_per_sku"),
            models.CheckConstraint(condition=Q(expected__gte=0, counted__gte=0), name="count_line_not_negative"),
        ]

    def __str__(self):
        return f"{self.sku_id}: {self.expected} → {self.counted}"

    @property
    def difference(self) -> int:
        return rules.count_delta(expected=self.expected, counted=self.counted)


def _shape_constraints() -> list[models.CheckConstraint]:
    """Each kind of movement has fixed signs (rules.MOVEMENT_SHAPES); the database refuses any other."""
    def sign(field: str, shape: str) -> Q:
        return {"+": Q(**{f"{field}__gt": 0}), "0": Q(**{field: 0}), "-": Q(**{f"{field}__lt": 0}),
                "-0": Q(**{f"{field}__lte": 0}), "±": ~Q(**{field: 0})}[shape]

    condition = Q()
    for kind, (on_hand, reserved) in rules.MOVEMENT_SHAPES.items():
        condition |= Q(kind=kind) & sign("on_hand_delta", on_hand) & sign("reserved_delta", reserved)
    return [models.CheckConstraint(condition=condition, name="movement_shape_matches_kind")]


class StockMovement(models.Model):
    """One line of the ledger. Never updated or deleted: corrections are new movements."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("receipt")
        SALE = "sale", _("sale")
        RESERVATION = "reservation", _("held for checkout")
        RELEASE = "release", _("hold released")
        TRANSFER_OUT = "transfer_out", _("transferred out")
        TRANSFER_IN = "transfer_in", _("transferred in")
        ADJUSTMENT = "adjustment", _("count adjustment")
        RETURN = "return", _("return")

    # Every line written on the hot path is written while the stock row is locked. So only the indexes reads
    # need exist ((stock, time) for the ledger pages, partial ones for the rest), and the references it writes
    # carry no database foreign key: checking one at commit locks the referenced row (the hot stock row, the
    # one 'web' channel row every checkout shares), which halved throughput on one hot SKU. Instead the
    # database refuses any UPDATE or DELETE of ledger lines and any DELETE of stock or reservations
    # (migration 0003), and `chushan check_stock` reports a line that points at nothing.
    stock = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="movements", db_index=False,
                              db_constraint=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on_hand_delta = models.IntegerField(_("on-hand change"))
    reserved_delta = models.IntegerField(_("held change"), default=0)
    channel = models.ForeignKey(SalesChannel, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("channel"), db_index=False, db_constraint=False)
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="movements", db_index=False, db_constraint=False)
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="movements", db_index=False)
    count = models.ForeignKey(StockCount, on_delete=models.PROTECT, null=True, blank=True, related_name="movements",
                              db_index=False)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # The platform's own reason, named as "app:code" (core.messages) and translated when shown, so the seller
    # reads it in their language whoever's was active when it was written; ``reason`` keeps what a person typed.
    # The code has a database default, like the lot below, and the parameters may be NULL: raw INSERTs omit both.
    reason_code = models.CharField(_("reason code"), max_length=60, blank=True, db_default="")
    reason_params = models.JSONField(_("reason parameters"), null=True, blank=True)
    # A database default, because the hot path's raw INSERTs (services/reservations.py) leave it out.
    lot = models.CharField(_("lot number"), max_length=20, blank=True, db_default="",
                           help_text=_("The batch received (GS1 AI 10), when the receiving staff named it."))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", help_text=_("Empty when the platform acted on its own."),
                              db_index=False, db_constraint=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock ledger")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["stock", "-created_at"], name="movement_stock_recent"),
            models.Index(fields=["transfer"], condition=Q(transfer__isnull=False), name="movement_by_transfer"),
            models.Index(fields=["count"], condition=Q(count__isnull=False), name="movement_by_count"),
        ]
        constraints = [
            *_shape_constraints(),
            models.CheckConstraint(condition=~Q(kind="adjustment") | ~Q(reason=""),
                                   name="movement_adjustment_has_reason"),
            # Only a receipt names its lot; which lot a sale took is traceability's business (trace app).
            models.CheckConstraint(condition=Q(lot="") | Q(kind="receipt"), name="movement_lot_only_on_receipt"),
            # A hold is opened once and closed once (sold or released), so stock returns exactly once.
            models.UniqueConstraint(fields=["reservation"], condition=Q(kind="reservation"),
                                    name="movement_reservation_opened_once"),
            models.UniqueConstraint(fields=["reservation"], condition=Q(kind__in=["sale", "release"]),
                                    name="movement_reservation_closed_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on_hand_delta:+d}/{self.reserved_delta:+d} @ {self.stock_id}"

    @property
    def reason_text(self) -> str:
        """Why, in the reader's language: the platform's named reason translated now, else as typed."""
        return messages.render_named(self.reason_code, self.reason_params, self.reason)
