"""Payments for anything payable (a `payable_ref` such as "checkout:42"), their refunds, the provider
notifications received, and the sandbox provider's own books.

The payments app knows nothing about orders: the app that owns a payable registers a kind for its prefix
(payables.py) and listens for the events this app publishes.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 12, "decimal_places": 2}


class Payment(models.Model):
    """One attempt to collect `amount` CNY for a payable through one provider."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for payment")
        PAID = "paid", _("paid")
        REFUNDED = "refunded", _("refunded in full")
        CLOSED = "closed", _("closed unpaid")
        FAILED = "failed", _("failed")
        FLAGGED = "flagged", _("needs review")

    # At most one payment per payable may hold or take money; flagged ones (double or wrong payments) are kept
    # apart for staff to refund.
    LIVE_STATES = (State.PENDING, State.PAID, State.REFUNDED)

    reference = models.CharField(_("reference"), max_length=32, unique=True,
                                 help_text=_("Our trade number as the provider knows it (out_trade_no)."))
    payable_ref = models.CharField(_("payable"), max_length=64, db_index=True)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="payments", verbose_name=_("payer"))
    provider = models.CharField(_("provider"), max_length=20)
    amount = models.DecimalField(_("amount (CNY)"), **MONEY)
    currency = models.CharField(max_length=3, default="CNY", editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    description = models.CharField(_("description"), max_length=120, blank=True)
    pay_url = models.TextField(_("pay URL"), blank=True)
    qr_content = models.TextField(_("QR code content"), blank=True)
    return_url = models.CharField(max_length=500, blank=True)
    provider_trade_no = models.CharField(_("provider's trade number"), max_length=64, blank=True)
    paid_amount = models.DecimalField(_("amount the provider reported"), null=True, blank=True, **MONEY)
    refund_committed_amount = models.DecimalField(_("refunds requested or done"), default=0, **MONEY)
    refunded_amount = models.DecimalField(_("refunded"), default=0, **MONEY)
    flag_reason = models.CharField(_("why it needs review"), max_length=200, blank=True)
    idempotency_key = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("closes unpaid at"))
    paid_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [models.Index(fields=["state", "expires_at"], name="payment_state_expiry_idx")]
        constraints = [
            models.UniqueConstraint(fields=["payable_ref"], condition=Q(state__in=["pending", "paid", "refunded"]),
                                    name="payment_one_live_per_payable"),
            models.UniqueConstraint(fields=["provider", "provider_trade_no"], condition=~Q(provider_trade_no=""),
                                    name="payment_provider_trade_no_unique"),
            models.UniqueConstraint(fields=["payable_ref", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="payment_idempotency_key_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=Q(refunded_amount__gte=0), name="payment_refunded_not_negative"),
            models.CheckConstraint(condition=Q(refund_committed_amount__gte=F("refunded_amount")),
                                   name="payment_refunded_within_committed"),
            # Never refund more than was paid, whatever the services do.
            models.CheckConstraint(condition=Q(refund_committed_amount__lte=F("amount")),
                                   name="payment_refunds_within_amount"),
            models.CheckConstraint(condition=Q(currency="CNY"), name="payment_currency_cny"),
        ]

    def __str__(self):
        return f"{self.reference} {self.payable_ref} ¥{self.amount} {self.state}"

    @property
    def refundable_amount(self):
        return self.amount - self.refund_committed_amount


class Refund(models.Model):
    """Money sent back on a paid payment, in part or in full."""

    class State(models.TextChoices):
        PENDING = "pending", _("in progress")
        SUCCEEDED = "succeeded", _("refunded")
        FAILED = "failed", _("failed")

    reference = models.CharField(_("reference"), max_length=32, unique=True,
                                 help_text=_("Our refund number as the provider knows it (out_refund_no)."))
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds",
                                verbose_name=_("payment"))
    amount = models.DecimalField(_("amount (CNY)"), **MONEY)
    reason = models.CharField(_("reason"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    provider_refund_no = models.CharField(max_length=64, blank=True)
    failure_reason = models.CharField(max_length=200, blank=True)
    idempotency_key = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.UniqueConstraint(fields=["payment", "idempotency_key"], condition=~Q(idempotency_key=""),
                                    name="refund_idempotency_key_unique"),
        ]

    def __str__(self):
        return f"{self.reference} ¥{self.amount} {self.state}"


class PaymentNotification(models.Model):
    """A verified notification from a provider; the unique key makes every later copy a no-op."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("changed the payment")
        NO_CHANGE = "no_change", _("nothing new")
        FLAGGED = "flagged", _("flagged for review")

    provider = models.CharField(max_length=20)
    dedup_key = models.CharField(max_length=128)
    kind = models.CharField(max_length=10)  # payment / refund
    status = models.CharField(max_length=20)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="notifications")
    refund = models.ForeignKey(Refund, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    body = models.TextField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")
        constraints = [
            models.UniqueConstraint(fields=["provider", "dedup_key"], name="notification_dedup_unique"),
        ]

    def __str__(self):
        return f"{self.provider} {self.kind} {self.status} {self.dedup_key}"


class NotificationNonce(models.Model):
    """A signed delivery's nonce, so a captured request sent again is refused as a replay."""

    provider = models.CharField(max_length=20)
    nonce = models.CharField(max_length=64)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "nonce"], name="notification_nonce_unique")]

    def __str__(self):
        return f"{self.provider} {self.nonce}"


class SandboxTrade(models.Model):
    """The sandbox provider's own record of a trade, as Alipay or WeChat Pay keep theirs."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for the shopper")
        SUCCESS = "success", _("paid")
        FAILED = "failed", _("failed")
        CLOSED = "closed", _("closed")

    out_trade_no = models.CharField(max_length=32, unique=True)
    trade_no = models.CharField(max_length=32, unique=True)
    subject = models.CharField(max_length=120, blank=True)
    amount = models.DecimalField(**MONEY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    return_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sandbox trade")
        verbose_name_plural = _("sandbox trades")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="sandbox_trade_amount_positive")]

    def __str__(self):
        return f"{self.out_trade_no} ¥{self.amount} {self.status}"


class SandboxRefund(models.Model):
    class Status(models.TextChoices):
        PROCESSING = "processing", _("processing")
        SUCCESS = "success", _("refunded")
        FAILED = "failed", _("failed")

    trade = models.ForeignKey(SandboxTrade, on_delete=models.CASCADE, related_name="refunds")
    out_refund_no = models.CharField(max_length=32, unique=True)
    refund_no = models.CharField(max_length=32, unique=True)
    amount = models.DecimalField(**MONEY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROCESSING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="sandbox_refund_amount_positive")]

    def __str__(self):
        return f"{self.out_refund_no} ¥{self.amount} {self.status}"


class SandboxNotification(models.Model):
    """The sandbox's outbox: a notification to send to our notify endpoint until it is acknowledged."""

    event_id = models.CharField(max_length=40, unique=True)
    body = models.TextField()
    deliver_after = models.DateTimeField(default=timezone.now, db_index=True)
    deliveries_left = models.PositiveSmallIntegerField(default=1)
    attempts = models.PositiveSmallIntegerField(default=0)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.event_id
