"""Counter sales (门店收银): the clerk's basket that becomes a paid sale with a receipt, counter returns, and the
settlement of consignment sales between the owner of the goods and the host of the counter.

Stock moves only through the inventory services (a sale off the shelf, a hold while a QR payment waits, a
return back onto this shop's shelf); money only through the payments services or the till.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.pos import notes, rules

MONEY = {"max_digits": 12, "decimal_places": 2}
PRICE = {"max_digits": 10, "decimal_places": 2}


class PosSaleQuerySet(models.QuerySet):
    def at_counter(self, location):
        """Counter scoping: the sales of one location (its clerks, owner's or host's, see them all)."""
        if location is None:
            return self.none()
        return self.filter(location=location)

    def for_seller(self, seller):
        """Seller scoping: sales of the seller's goods, or made at counters it hosts."""
        if seller is None:
            return self.none()
        return self.filter(Q(seller=seller) | Q(host_seller=seller))


class PosSale(models.Model):
    """One customer at the counter: an open basket, then (cash, or a QR payment completed) a paid sale."""

    class State(models.TextChoices):
        OPEN = rules.OPEN, _("basket")
        AWAITING_PAYMENT = rules.AWAITING_PAYMENT, _("waiting for the QR payment")
        PAID = rules.PAID, _("paid")
        CANCELLED = rules.CANCELLED, _("cancelled")

    class Method(models.TextChoices):
        CASH = rules.CASH, _("cash")
        QR = rules.QR, _("QR payment")

    number = models.CharField(_("receipt number"), max_length=40, unique=True)
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="pos_sales",
                                 verbose_name=_("counter"))
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="pos_sales",
                               verbose_name=_("owner of the goods"))
    host_seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="hosted_pos_sales", verbose_name=_("host of the counter"))
    channel = models.ForeignKey("inventory.SalesChannel", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("channel"))
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pos_sales",
                              verbose_name=_("clerk"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    subtotal = models.DecimalField(_("subtotal at list prices"), default=0, **MONEY)
    discount = models.DecimalField(_("promotions"), default=0, **MONEY)
    total = models.DecimalField(_("total"), default=0, **MONEY)
    method = models.CharField(_("paid by"), max_length=10, choices=Method.choices, blank=True)
    cash_tendered = models.DecimalField(_("cash handed over"), null=True, blank=True, **MONEY)
    change_given = models.DecimalField(_("change"), null=True, blank=True, **MONEY)
    payment = models.ForeignKey("payments.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("QR payment"))
    refunded_amount = models.DecimalField(_("given back"), default=0, **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True,
                            help_text=_("Older rows keep the platform's words here; newer ones keep a code."))
    note_code = models.CharField(_("note code"), max_length=40, blank=True,
                                 help_text=_("The platform's own note, translated when shown."))
    note_params = models.JSONField(_("note parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    objects = PosSaleQuerySet.as_manager()

    class Meta:
        verbose_name = _("counter sale")
        verbose_name_plural = _("counter sales")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["location", "state", "-created_at"], name="pos_sale_counter_recent")]
        constraints = [
            # Each clerk has one basket per counter (a second tablet shows the same one); a sale waiting for its
            # QR payment is no longer the basket, so the clerk can serve the next customer meanwhile.
            models.UniqueConstraint(fields=["location", "clerk"], condition=Q(state="open"),
                                    name="pos_sale_one_basket_per_clerk"),
            models.CheckConstraint(condition=Q(total=F("subtotal") - F("discount")), name="pos_sale_total_adds_up"),
            models.CheckConstraint(condition=Q(subtotal__gte=0, discount__gte=0, total__gte=0),
                                   name="pos_sale_amounts_not_negative"),
            models.CheckConstraint(condition=~Q(state="paid") | (Q(paid_at__isnull=False, total__gt=0)
                                                                 & Q(method__in=["cash", "qr"])),
                                   name="pos_sale_paid_has_method"),
            models.CheckConstraint(
                condition=~Q(method="cash") | Q(cash_tendered__gte=F("total"),
                                                change_given=F("cash_tendered") - F("total")),
                name="pos_sale_cash_change_adds_up"),
            models.CheckConstraint(condition=~Q(method="qr") | Q(payment__isnull=False), name="pos_sale_qr_payment"),
            models.CheckConstraint(condition=Q(refunded_amount__gte=0, refunded_amount__lte=F("total")),
                                   name="pos_sale_refunds_within_total"),
            models.CheckConstraint(condition=~Q(host_seller=F("seller")), name="pos_sale_host_is_another_seller"),
        ]

    def __str__(self):
        return self.number

    @property
    def payable_ref(self) -> str:
        return f"pos_sale:{self.pk}"

    @property
    def note_text(self) -> str:
        """The note in the reader's language: the coded note translated now, else the stored text."""
        return notes.render(self.note_code, self.note_params, self.note)

    @property
    def is_consignment(self) -> bool:
        return self.host_seller_id is not None


class PosSaleLine(models.Model):
    """So many units of one SKU at one unit price; the price is the one the web charges on this channel."""

    sale = models.ForeignKey(PosSale, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="+", verbose_name=_("SKU"))
    product_name = models.CharField(_("product"), max_length=160)
    sku_label = models.CharField(_("option"), max_length=200, blank=True)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    quantity = models.IntegerField(_("quantity"))
    list_price = models.DecimalField(_("list price"), **PRICE)
    unit_price = models.DecimalField(_("unit price"), **PRICE)
    line_total = models.DecimalField(_("line total"), **MONEY)
    promotion = models.ForeignKey("pricing.Promotion", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("promotion"))
    reservation = models.ForeignKey("inventory.Reservation", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", help_text=_("The hold while a QR payment waits."))
    movement = models.ForeignKey("inventory.StockMovement", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", help_text=_("The ledger line of a cash sale."))
    returned_quantity = models.IntegerField(_("units returned"), default=0)

    class Meta:
        verbose_name = _("counter sale line")
        verbose_name_plural = _("counter sale lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["sale", "sku", "unit_price"], name="pos_line_one_per_sku_and_price"),
            models.CheckConstraint(condition=Q(quantity__gte=1, quantity__lte=rules.MAX_LINE_QUANTITY),
                                   name="pos_line_quantity_range"),
            models.CheckConstraint(condition=Q(unit_price__gt=0) & Q(unit_price__lte=F("list_price")),
                                   name="pos_line_price_within_list"),
            models.CheckConstraint(condition=Q(line_total=F("unit_price") * F("quantity")),
                                   name="pos_line_total_adds_up"),
            models.CheckConstraint(condition=Q(returned_quantity__gte=0, returned_quantity__lte=F("quantity")),
                                   name="pos_line_returned_within_quantity"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name} {self.sku_label}"

    @property
    def returnable(self) -> int:
        return rules.returnable(quantity=self.quantity, returned=self.returned_quantity)


class PosReturn(models.Model):
    """Goods brought back to the counter they were sold at: back on this shop's shelf, money back in cash or
    to the QR payment."""

    class Method(models.TextChoices):
        CASH = rules.CASH, _("cash from the till")
        ORIGINAL = rules.ORIGINAL, _("back to the QR payment")

    number = models.CharField(_("return number"), max_length=40, unique=True)
    sale = models.ForeignKey(PosSale, on_delete=models.PROTECT, related_name="returns")
    clerk = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("clerk"))
    method = models.CharField(_("money back by"), max_length=10, choices=Method.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)
    refund = models.OneToOneField("payments.Refund", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("counter return")
        verbose_name_plural = _("counter returns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="pos_return_amount_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="pos_return_has_reason"),
            models.CheckConstraint(condition=Q(method="cash", refund__isnull=True)
                                   | Q(method="original", refund__isnull=False), name="pos_return_refund_by_method"),
        ]

    def __str__(self):
        return self.number


class PosReturnLine(models.Model):
    sale_return = models.ForeignKey(PosReturn, on_delete=models.CASCADE, related_name="lines")
    sale_line = models.ForeignKey(PosSaleLine, on_delete=models.PROTECT, related_name="return_lines")
    quantity = models.IntegerField(_("quantity"))
    amount = models.DecimalField(_("amount"), **MONEY)
    movement = models.ForeignKey("inventory.StockMovement", on_delete=models.PROTECT, related_name="+",
                                 help_text=_("The ledger line that put the units back on the shelf."))

    class Meta:
        verbose_name = _("counter return line")
        verbose_name_plural = _("counter return lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["sale_return", "sale_line"], name="pos_return_line_once_per_line"),
            models.CheckConstraint(condition=Q(quantity__gt=0, amount__gt=0), name="pos_return_line_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sale_line_id}"


class Settlement(models.Model):
    """What a consignment sale (or its return, negative) owes the owner of the goods, less the host's commission
    (寄售结算). One line per sale and one per return."""

    sale = models.ForeignKey(PosSale, on_delete=models.PROTECT, related_name="settlements")
    sale_return = models.OneToOneField(PosReturn, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="settlement")
    owner = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner of the goods"))
    host = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("host of the counter"))
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("counter"))
    gross = models.DecimalField(_("sale amount"), **MONEY)
    commission_rate = models.DecimalField(_("commission rate"), max_digits=5, decimal_places=4)
    commission = models.DecimalField(_("host's commission"), **MONEY)
    owner_share = models.DecimalField(_("owed to the owner"), **MONEY)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("consignment settlement line")
        verbose_name_plural = _("consignment settlement")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["sale"], condition=Q(sale_return__isnull=True),
                                    name="settlement_once_per_sale"),
            models.CheckConstraint(condition=Q(gross=F("commission") + F("owner_share")),
                                   name="settlement_adds_up"),
            models.CheckConstraint(condition=Q(sale_return__isnull=True, gross__gt=0)
                                   | Q(sale_return__isnull=False, gross__lt=0), name="settlement_sign"),
            models.CheckConstraint(condition=~Q(owner=F("host")), name="settlement_two_sellers"),
        ]

    def __str__(self):
        return f"{self.sale_id}: ¥{self.gross} ({self.commission} to {self.host_id})"
