"""Carts, checkouts and orders: one cart across sellers, one payment per checkout, one order per seller and
place of hand-over, each order moving through the state machine in rules.py with every step kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.core.querysets import SellerShopperScopedQuerySet, ShopperScopedQuerySet
from chushan.orders import reasons, rules

MONEY = {"max_digits": 12, "decimal_places": 2}


class Fulfilment(models.TextChoices):
    """How one line reaches the shopper."""

    DELIVER = rules.DELIVER, _("deliver to my address")
    PICKUP = rules.PICKUP, _("pick up at a shop")
    SHIP_FROM_SHOP = rules.SHIP_FROM_SHOP, _("deliver from the nearest shop that has it")


class AddressQuerySet(ShopperScopedQuerySet):
    """Shopper scoping: a shopper sees and uses their own addresses only."""


class Address(models.Model):
    """Where a shopper has goods delivered: a recipient, a mobile number and a real county (区/县)."""

    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses")
    name = models.CharField(_("recipient"), max_length=40)
    mobile = models.CharField(_("mobile number"), max_length=11)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("county"))
    detail = models.CharField(_("street address"), max_length=200)
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["-is_default", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="address_has_recipient"),
            models.CheckConstraint(condition=~Q(detail=""), name="address_has_detail"),
            models.CheckConstraint(condition=Q(mobile__regex=rules.MOBILE_PATTERN), name="address_mobile_valid"),
            models.UniqueConstraint(fields=["shopper"], condition=Q(is_default=True),
                                    name="address_one_default_per_shopper"),
        ]

    def __str__(self):
        return f"{self.name} {self.region} {self.detail}"


class Cart(models.Model):
    """A shopper's one open cart; it may hold goods of many sellers."""

    shopper = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self):
        return f"cart of {self.shopper_id}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.CASCADE, related_name="+", verbose_name=_("SKU"))
    quantity = models.IntegerField(_("quantity"))
    fulfilment = models.CharField(_("fulfilment"), max_length=20, choices=Fulfilment.choices,
                                  default=Fulfilment.DELIVER)
    pickup_location = models.ForeignKey("inventory.Location", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("pick-up shop"))
    address = models.ForeignKey(Address, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("address"))
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cart line")
        verbose_name_plural = _("cart lines")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "sku"], name="cart_line_one_per_sku"),
            models.CheckConstraint(condition=Q(quantity__gte=1, quantity__lte=rules.MAX_LINE_QUANTITY),
                                   name="cart_line_quantity_range"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sku_id}"


class Checkout(models.Model):
    """What the shopper pays for at once: one payment ("checkout:<pk>"), split into one order per seller."""

    class State(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("waiting for payment")
        PAID = "paid", _("paid")
        EXPIRED = "expired", _("not paid in time")
        CANCELLED = "cancelled", _("cancelled")

    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkouts")
    number = models.CharField(_("number"), max_length=40, unique=True)
    total = models.DecimalField(_("total (CNY)"), **MONEY)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING_PAYMENT)
    payable_ref = models.CharField(_("payable"), max_length=64, unique=True, null=True, blank=True)
    provider = models.CharField(_("payment provider"), max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("stock held until"))
    paid_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["expires_at"], condition=Q(state="pending_payment"),
                                name="checkout_pending_by_expiry")]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="checkout_total_not_negative"),
            models.CheckConstraint(condition=~Q(state="paid") | Q(paid_at__isnull=False), name="checkout_paid_at"),
        ]

    def __str__(self):
        return self.number


class OrderQuerySet(SellerShopperScopedQuerySet):
    """Seller scoping: every seller-side read goes through here; shopper scoping: the shopper's own orders."""


class Order(models.Model):
    """The part of a checkout one seller fulfils at one place: delivered to one address, or picked up at one
    shop. Its state changes only through services.order_transition."""

    class State(models.TextChoices):
        PENDING_PAYMENT = rules.PENDING_PAYMENT, _("waiting for payment")
        PAID = rules.PAID, _("paid")
        PACKED = rules.PACKED, _("packed")
        SHIPPED = rules.SHIPPED, _("shipped")
        READY_FOR_PICKUP = rules.READY_FOR_PICKUP, _("ready for pick-up")
        DELIVERED = rules.DELIVERED, _("delivered")
        PICKED_UP = rules.PICKED_UP, _("picked up")
        COMPLETED = rules.COMPLETED, _("completed")
        CANCELLED = rules.CANCELLED, _("cancelled")
        REFUNDED = rules.REFUNDED, _("refunded")

    class Kind(models.TextChoices):
        DELIVERY = rules.DELIVERY, _("delivery")
        PICKUP = rules.PICKUP, _("pick-up")

    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="orders")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="orders",
                               verbose_name=_("seller"))
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders",
                                verbose_name=_("shopper"))
    number = models.CharField(_("number"), max_length=40, unique=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING_PAYMENT)
    kind = models.CharField(_("hand-over"), max_length=10, choices=Kind.choices)
    pickup_location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="pickup_orders", verbose_name=_("pick-up shop"))
    # The delivery address as it was when the order was placed (the shopper may edit or delete theirs).
    recipient_name = models.CharField(_("recipient"), max_length=40, blank=True)
    recipient_mobile = models.CharField(_("mobile number"), max_length=11, blank=True)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("county"))
    address_detail = models.CharField(_("street address"), max_length=200, blank=True)
    subtotal = models.DecimalField(_("subtotal at list prices"), **MONEY)
    discount = models.DecimalField(_("promotions"), default=0, **MONEY)
    shipping_fee = models.DecimalField(_("shipping"), default=0, **MONEY)
    total = models.DecimalField(_("total"), **MONEY)
    refund_requested_amount = models.DecimalField(_("refunds requested"), default=0, **MONEY)
    refunded_amount = models.DecimalField(_("refunded"), default=0, **MONEY)
    channel = models.ForeignKey("inventory.SalesChannel", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("channel"))
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("completed or cancelled at"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["seller", "state", "-created_at"], name="order_seller_state_idx"),
                   models.Index(fields=["shopper", "-created_at"], name="order_shopper_recent_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(total=F("subtotal") - F("discount") + F("shipping_fee")),
                                   name="order_total_adds_up"),
            models.CheckConstraint(condition=Q(subtotal__gte=0, discount__gte=0, shipping_fee__gte=0, total__gte=0),
                                   name="order_amounts_not_negative"),
            models.CheckConstraint(condition=Q(refunded_amount__gte=0, refund_requested_amount__gte=0)
                                   & Q(refund_requested_amount__lte=F("total")),
                                   name="order_refunds_within_total"),
            models.CheckConstraint(condition=Q(kind="pickup", pickup_location__isnull=False)
                                   | Q(kind="delivery", region__isnull=False),
                                   name="order_has_its_place"),
        ]

    def __str__(self):
        return self.number

    @property
    def is_partially_refunded(self) -> bool:
        return 0 < self.refunded_amount < self.total


class OrderLine(models.Model):
    """So many units of one SKU at one unit price, held at one location. A line that crossed a promotion's
    per-shopper limit was split in two, so every line has a single price."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="lines")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="+", verbose_name=_("SKU"))
    product_name = models.CharField(_("product"), max_length=160)
    sku_label = models.CharField(_("option"), max_length=200, blank=True)
    quantity = models.IntegerField(_("quantity"))
    list_price = models.DecimalField(_("list price"), max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    line_total = models.DecimalField(_("line total"), **MONEY)
    promotion = models.ForeignKey("pricing.Promotion", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("promotion"))
    fulfilment = models.CharField(_("fulfilment"), max_length=20, choices=Fulfilment.choices)
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("stock held at"))
    reservation = models.ForeignKey("inventory.Reservation", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    refunded_quantity = models.IntegerField(_("refunded units"), default=0)
    restocked_quantity = models.IntegerField(_("units put back on the shelf"), default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gt=0) & Q(unit_price__lte=F("list_price")),
                                   name="order_line_price_within_list"),
            models.CheckConstraint(condition=Q(line_total=F("unit_price") * F("quantity")),
                                   name="order_line_total_adds_up"),
            models.CheckConstraint(condition=Q(refunded_quantity__gte=0, refunded_quantity__lte=F("quantity")),
                                   name="order_line_refunded_within_quantity"),
            models.CheckConstraint(condition=Q(restocked_quantity__gte=0, restocked_quantity__lte=F("quantity")),
                                   name="order_line_restocked_within_quantity"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name} {self.sku_label}"


class OrderTransition(models.Model):
    """One step of an order's life: from, to, who, when and why. Written only by order_transition."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=Order.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", help_text=_("Empty when the platform acted on its own."))
    reason = models.CharField(_("reason"), max_length=200, blank=True,
                              help_text=_("What a person typed, as typed; older rows keep the platform's words "
                                          "here too."))
    reason_code = models.CharField(_("reason code"), max_length=40, blank=True,
                                   help_text=_("The platform's own reason, translated when shown."))
    reason_params = models.JSONField(_("reason parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("order transition")
        verbose_name_plural = _("order transitions")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(from_state=F("to_state")), name="transition_changes_state")]

    def __str__(self):
        return f"{self.order_id}: {self.from_state or '∅'} → {self.to_state}"

    @property
    def message(self) -> str:
        """Why, in the reader's language: the coded reason translated now, else the stored text."""
        return reasons.render(self.reason_code, self.reason_params, self.reason)


class PickupCode(models.Model):
    """The 8-digit code (and QR) a shopper shows at the shop; it hands over the order once."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="pickup_code")
    code = models.CharField(_("code"), max_length=8, unique=True)
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="pickup_codes",
                                 verbose_name=_("pick-up shop"))
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(_("ready since"), null=True, blank=True)
    expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    used_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("handed over by"))

    class Meta:
        verbose_name = _("pick-up code")
        verbose_name_plural = _("pick-up codes")
        indexes = [models.Index(fields=["expires_at"], condition=Q(used_at__isnull=True, expires_at__isnull=False),
                                name="pickup_uncollected_by_expiry")]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{8}$"), name="pickup_code_8_digits"),
            models.CheckConstraint(condition=Q(used_at__isnull=True, used_by__isnull=True) | Q(used_at__isnull=False),
                                   name="pickup_code_used_by_only_when_used"),
        ]

    def __str__(self):
        return f"{self.code} ({self.order_id})"


class OrderRefund(models.Model):
    """Money sent back from a checkout's payment, for one order (or for the checkout when no order owes it)."""

    class State(models.TextChoices):
        PENDING = "pending", _("in progress")
        SUCCEEDED = "succeeded", _("refunded")
        FAILED = "failed", _("failed")

    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="refunds")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, null=True, blank=True, related_name="refunds")
    refund = models.OneToOneField("payments.Refund", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)
    lines = models.JSONField(_("lines"), default=list, blank=True,
                             help_text=_("[[order line id, units], …] when the refund is for some lines."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("order refund")
        verbose_name_plural = _("order refunds")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="order_refund_amount_positive")]

    def __str__(self):
        return f"{self.refund_id} ¥{self.amount} {self.state}"
