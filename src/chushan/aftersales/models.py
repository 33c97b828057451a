"""After-sales (售后): return, refund-only and exchange requests decided by the seller within a deadline, and
customer-service tickets that always have exactly one owner (the seller, one of its locations, or the platform)
and a response deadline. Missed deadlines and upheld complaints go to the seller's credit record.

Orders are read here, never written: refunds go through orders.order_refund_lines, stock through inventory.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chushan.aftersales import notes, rules
from chushan.core.querysets import SellerShopperScopedQuerySet, ShopperScopedQuerySet


class ReturnRequestQuerySet(SellerShopperScopedQuerySet):
    """Seller scoping: requests about the seller's orders; shopper scoping: the shopper's own requests."""


class ReturnRequest(models.Model):
    """A shopper asks for money back, with or without sending the goods back, or for a replacement."""

    class Kind(models.TextChoices):
        RETURN = rules.RETURN, _("return and refund")
        REFUND_ONLY = rules.REFUND_ONLY, _("refund only")
        EXCHANGE = rules.EXCHANGE, _("exchange")

    class Reason(models.TextChoices):
        DAMAGED = rules.DAMAGED, _("arrived damaged")
        DEFECTIVE = rules.DEFECTIVE, _("quality problem")
        WRONG_ITEM = rules.WRONG_ITEM, _("wrong item sent")
        NOT_AS_DESCRIBED = rules.NOT_AS_DESCRIBED, _("not as described")
        MISSING = rules.MISSING, _("parts missing")
        NOT_RECEIVED = rules.NOT_RECEIVED, _("never arrived")
        CHANGED_MIND = rules.CHANGED_MIND, _("changed my mind")
        OTHER = rules.OTHER, _("other")

    class State(models.TextChoices):
        REQUESTED = rules.REQUESTED, _("waiting for the seller")
        ESCALATED = rules.ESCALATED, _("with the platform")
        APPROVED = rules.APPROVED, _("approved")
        REJECTED = rules.REJECTED, _("rejected")
        RECEIVED = rules.RECEIVED, _("goods received back")
        REFUNDED = rules.REFUNDED, _("refunded")
        EXCHANGED = rules.EXCHANGED, _("replacement sent")
        CANCELLED = rules.CANCELLED, _("withdrawn")

    number = models.CharField(_("number"), max_length=40, unique=True)
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="return_requests",
                              verbose_name=_("order"))
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="return_requests")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="return_requests")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    description = models.TextField(_("what happened"), max_length=1000, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.REQUESTED)
    decide_by = models.DateTimeField(_("seller decides by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", help_text=_("Empty when the platform decided."))
    decision_note = models.CharField(_("decision note"), max_length=500, blank=True,
                                     help_text=_("What the seller or operator typed, as typed; older rows keep the "
                                                 "platform's words here too."))
    decision_note_code = models.CharField(_("decision note code"), max_length=40, blank=True,
                                          help_text=_("The platform's own note, translated when shown."))
    decision_note_params = models.JSONField(_("decision note parameters"), default=dict, blank=True)
    deadline_missed = models.BooleanField(_("decision deadline missed"), default=False)
    restock_location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name=_("goods go back to"))
    refund_amount = models.DecimalField(_("refunded"), max_digits=12, decimal_places=2, default=0)
    order_refund = models.OneToOneField("orders.OrderRefund", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ReturnRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("return request")
        verbose_name_plural = _("return requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["seller", "state", "-created_at"], name="return_seller_state_idx"),
                   models.Index(fields=["decide_by"], condition=Q(state="requested"), name="return_undecided_due")]
        constraints = [
            models.CheckConstraint(condition=Q(decide_by__gt=models.F("created_at")),
                                   name="return_decide_by_after_creation"),
            models.CheckConstraint(condition=Q(refund_amount__gte=0), name="return_refund_not_negative"),
            models.CheckConstraint(condition=~Q(state="refunded") | Q(order_refund__isnull=False, refund_amount__gt=0),
                                   name="return_refunded_has_refund"),
            models.CheckConstraint(condition=Q(state__in=["requested", "escalated", "cancelled"])
                                   | Q(decided_at__isnull=False), name="return_decided_has_time"),
            models.CheckConstraint(condition=~Q(state="received") | Q(restock_location__isnull=False)
                                   | Q(kind="refund_only"), name="return_received_has_location"),
        ]

    def __str__(self):
        return self.number

    @property
    def decision_note_text(self) -> str:
        """The decision note in the reader's language: the platform's coded note translated now, else as stored."""
        return notes.render(self.decision_note_code, self.decision_note_params, self.decision_note)


class ReturnLine(models.Model):
    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey("orders.OrderLine", on_delete=models.PROTECT, related_name="+")
    quantity = models.IntegerField(_("units"))
    restocked_quantity = models.IntegerField(_("units back on a shelf"), default=0)
    restock_movement = models.ForeignKey("inventory.StockMovement", on_delete=models.PROTECT, null=True,
                                         blank=True, related_name="+")

    class Meta:
        verbose_name = _("return line")
        verbose_name_plural = _("return lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "order_line"], name="return_line_once_per_order_line"),
            models.CheckConstraint(condition=Q(quantity__gte=1, quantity__lte=999), name="return_line_quantity"),
            models.CheckConstraint(condition=Q(restocked_quantity__gte=0, restocked_quantity__lte=models.F("quantity")),
                                   name="return_line_restocked_within_quantity"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line_id}"


def photo_upload_to(instance, filename):
    return f"aftersales/{instance.request_id}/{filename}"


class ReturnPhoto(models.Model):
    """A picture of the problem, decoded and re-encoded without its metadata (as product pictures are)."""

    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_upload_to, width_field="width", height_field="height")
    thumbnail = models.ImageField(_("thumbnail"), upload_to=photo_upload_to)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("return photo")
        verbose_name_plural = _("return photos")
        ordering = ["pk"]

    def __str__(self):
        return self.image.name


class ExchangeShipment(models.Model):
    """The replacement sent for an exchange: a new shipment line out of the chosen location."""

    request = models.OneToOneField(ReturnRequest, on_delete=models.PROTECT, related_name="exchange_shipment")
    location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("sent from"))
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shipped_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("exchange shipment")
        verbose_name_plural = _("exchange shipments")

    def __str__(self):
        return f"{self.request_id} {self.tracking_number}"


class ExchangeLine(models.Model):
    shipment = models.ForeignKey(ExchangeShipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey("orders.OrderLine", on_delete=models.PROTECT, related_name="+")
    sku = models.ForeignKey("catalog.Sku", on_delete=models.PROTECT, related_name="+")
    quantity = models.IntegerField(_("units"))
    movement = models.ForeignKey("inventory.StockMovement", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("exchange line")
        verbose_name_plural = _("exchange lines")
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=1), name="exchange_line_quantity")]

    def __str__(self):
        return f"{self.quantity} × {self.sku_id}"


class TicketQuerySet(ShopperScopedQuerySet):
    def for_seller(self, seller):
        """Seller scoping: tickets about the seller's orders, or owned by a counter it hosts."""
        if seller is None:
            return self.none()
        return self.filter(Q(seller=seller) | Q(owner_location__host_seller=seller))

    def owned_by_seller(self, seller):
        """Tickets the seller's side must answer: owned by the seller or one of its (or its hosted) locations."""
        if seller is None:
            return self.none()
        return self.filter(Q(owner_seller=seller) | Q(owner_location__seller=seller)
                           | Q(owner_location__host_seller=seller))

    def open(self):
        return self.filter(state=Ticket.State.OPEN)


class Ticket(models.Model):
    """A problem with an order (客服工单). Exactly one owner answers it by its deadline; moving it to another
    owner is explicit, with a reason, and kept."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")

    class OwnerKind(models.TextChoices):
        SELLER = rules.OWNER_SELLER, _("the seller")
        LOCATION = rules.OWNER_LOCATION, _("a shop of the seller")
        PLATFORM = rules.OWNER_PLATFORM, _("the platform")

    class Category(models.TextChoices):
        DELIVERY = "delivery", _("delivery")
        QUALITY = "quality", _("quality")
        RETURN = "return", _("return or refund")
        PICKUP = "pickup", _("pick-up")
        PAYMENT = "payment", _("payment")
        OTHER = "other", _("other")

    class Outcome(models.TextChoices):
        UPHELD = rules.UPHELD, _("complaint upheld")
        NOT_UPHELD = rules.NOT_UPHELD, _("complaint not upheld")
        RESOLVED = rules.RESOLVED, _("resolved")
        WITHDRAWN = rules.WITHDRAWN, _("withdrawn by the shopper")

    number = models.CharField(_("number"), max_length=40, unique=True)
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="tickets",
                              verbose_name=_("order"))
    return_request = models.ForeignKey(ReturnRequest, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="tickets")
    shopper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tickets")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="tickets",
                               help_text=_("The seller of the order: its credit record answers for the ticket."))
    category = models.CharField(_("about"), max_length=20, choices=Category.choices, default=Category.OTHER)
    subject = models.CharField(_("subject"), max_length=120, blank=True,
                               help_text=_("What the shopper typed, as typed; older rows keep the platform's words "
                                           "here too."))
    subject_code = models.CharField(_("subject code"), max_length=40, blank=True,
                                    help_text=_("The subject of a ticket the platform opened, translated when shown."))
    subject_params = models.JSONField(_("subject parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    owner_kind = models.CharField(pgettext_lazy("ticket", "owner"), max_length=10, choices=OwnerKind.choices)
    owner_seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="owned_tickets", verbose_name=_("owning seller"))
    owner_location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="owned_tickets", verbose_name=_("owning shop"))
    respond_by = models.DateTimeField(_("respond by"))
    waiting_on_owner = models.BooleanField(_("waiting for the owner"), default=True)
    deadline_missed_at = models.DateTimeField(_("last deadline missed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", help_text=_("Empty when the platform opened it."))
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["respond_by"], condition=Q(state="open", waiting_on_owner=True),
                                name="ticket_open_by_deadline")]
        constraints = [
            # Exactly one owner, always: the seller, one location, or the platform.
            models.CheckConstraint(
                condition=(Q(owner_kind="seller", owner_seller__isnull=False, owner_location__isnull=True)
                           | Q(owner_kind="location", owner_seller__isnull=True, owner_location__isnull=False)
                           | Q(owner_kind="platform", owner_seller__isnull=True, owner_location__isnull=True)),
                name="ticket_exactly_one_owner"),
            models.CheckConstraint(condition=Q(state="open", outcome="", resolved_at__isnull=True)
                                   | (Q(state="resolved", resolved_at__isnull=False) & ~Q(outcome="")),
                                   name="ticket_resolved_has_outcome"),
            models.CheckConstraint(condition=~Q(subject="") | ~Q(subject_code=""), name="ticket_has_subject"),
        ]

    def __str__(self):
        return self.number

    @property
    def subject_text(self) -> str:
        """The subject in the reader's language (a typed subject as typed)."""
        return notes.render(self.subject_code, self.subject_params, self.subject)

    @property
    def owner(self):
        """The seller, the location, or None for the platform."""
        return {"seller": self.owner_seller, "location": self.owner_location}.get(self.owner_kind)

    @property
    def overdue(self) -> bool:
        return self.state == self.State.OPEN and self.waiting_on_owner and rules.is_missed(self.respond_by,
                                                                                            timezone.now())


class TicketMessage(models.Model):
    """One entry of a ticket's timeline: a message from the shopper, the seller or the platform, or a note the
    system wrote (opened, reassigned, deadline missed, resolved)."""

    class Role(models.TextChoices):
        SHOPPER = rules.SHOPPER, _("shopper")
        SELLER = rules.SELLER, _("seller")
        PLATFORM = rules.PLATFORM, _("platform")
        SYSTEM = rules.SYSTEM, _("system")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    role = models.CharField(pgettext_lazy("message", "from"), max_length=10, choices=Role.choices)
    body = models.TextField(_("message"), max_length=rules.MAX_MESSAGE, blank=True,
                            help_text=_("What a person wrote, as written; older rows keep the platform's notes here "
                                        "too."))
    body_code = models.CharField(_("note code"), max_length=40, blank=True,
                                 help_text=_("A note the platform wrote, translated when shown."))
    body_params = models.JSONField(_("note parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(body="") | ~Q(body_code=""),
                                              name="ticket_message_not_empty")]

    def __str__(self):
        return f"{self.ticket_id} {self.role}"

    @property
    def body_text(self) -> str:
        """The message in the reader's language: the platform's coded note translated now, else as written."""
        return notes.render(self.body_code, self.body_params, self.body)


class TicketAssignment(models.Model):
    """A ticket moved from one owner to another: who moved it, when, and why."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="assignments")
    from_kind = models.CharField(max_length=10, choices=Ticket.OwnerKind.choices)
    from_seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    from_location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    to_kind = models.CharField(max_length=10, choices=Ticket.OwnerKind.choices)
    to_seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    to_location = models.ForeignKey("inventory.Location", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True,
                              help_text=_("What a person typed, as typed; older rows keep the platform's words "
                                          "here too."))
    reason_code = models.CharField(_("reason code"), max_length=40, blank=True,
                                   help_text=_("The platform's own reason, translated when shown."))
    reason_params = models.JSONField(_("reason parameters"), default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", help_text=_("Empty when the platform moved it (a missed deadline)."))
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket reassignment")
        verbose_name_plural = _("ticket reassignments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason="") | ~Q(reason_code=""), name="assignment_has_reason"),
            models.CheckConstraint(
                condition=(Q(to_kind="seller", to_seller__isnull=False, to_location__isnull=True)
                           | Q(to_kind="location", to_seller__isnull=True, to_location__isnull=False)
                           | Q(to_kind="platform", to_seller__isnull=True, to_location__isnull=True)),
                name="assignment_exactly_one_new_owner"),
        ]

    def __str__(self):
        return f"{self.ticket_id}: {self.from_kind} → {self.to_kind}"

    @property
    def reason_text(self) -> str:
        """Why, in the reader's language: the platform's coded reason translated now, else as typed."""
        return notes.render(self.reason_code, self.reason_params, self.reason)
