"""Starting, recording and closing payments."""

import logging
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core import events
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.payments import locks, payables, rules, selectors
from chushan.payments.models import Payment
from chushan.payments.providers import available, get_provider
from chushan.payments.providers.base import PAID, WAITING, ProviderError, TradeStatus

log = logging.getLogger(__name__)


def new_reference(prefix: str) -> str:
    """26 characters, fits Alipay's out_trade_no and WeChat Pay's 6–32 [A-Za-z0-9_-]."""
    return prefix + secrets.token_hex(12).upper()


def book_of(payment: Payment) -> rules.Book:
    return rules.Book(state=payment.state, amount=payment.amount, refund_committed=payment.refund_committed_amount,
                      refunded=payment.refunded_amount)


def _terms(*, actor, payable_ref: str, amount) -> payables.PayableTerms:
    kind, ref_id = payables.kind_of(payable_ref)
    if kind is not None:
        terms = kind.terms(ref_id=ref_id, actor=actor)
        if amount is not None and rules.cny(amount) != terms.amount:
            raise Unprocessable(_("The amount due has changed; reload and pay again."), code="amount_changed")
        return terms
    if amount is None:
        raise Unprocessable(_("There is nothing to pay under %(ref)s.") % {"ref": payable_ref},
                            errors={"payable_ref": [_("Unknown payable.")]})
    return payables.PayableTerms(amount=amount)


def _money(amount) -> Decimal:
    try:
        return rules.cny(amount)
    except rules.BadAmount as exc:
        raise Unprocessable(_("Enter an amount in yuan above zero with at most two decimals."),
                            errors={"amount": [_("Not a valid amount.")]}) from exc


def payment_start(*, actor, payable_ref: str, provider: str, amount: Decimal | None = None,
                  idempotency: str | None = None) -> Payment:
    """Open a payment for `payable_ref` through `provider`, or return the one already waiting for it.

    `amount=None` asks the payable's registered kind what is due (the API path); an app that owns the payable
    may pass the amount itself.
    """
    gateway = get_provider(provider)
    if gateway is None:
        raise Unprocessable(_("%(provider)s is not available; choose one of: %(choices)s.")
                            % {"provider": provider, "choices": ", ".join(available())},
                            errors={"provider": [_("Not available.")]})
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to pay."))
    terms = _terms(actor=actor, payable_ref=payable_ref, amount=amount)
    due = _money(terms.amount)
    live = selectors.live_payment(payable_ref)
    if live is not None and live.state == Payment.State.PENDING and (
            live.provider != provider or live.amount != due or live.expires_at <= timezone.now()):
        # Replaced by a new one (another provider or amount). The payable's kind has just allowed this actor to
        # pay for it, so the close runs as the system, whoever started the stale payment.
        payment_close(actor=None, payment=live)
    with transaction.atomic():
        if idempotency and (same := Payment.objects.filter(payable_ref=payable_ref,
                                                           idempotency_key=idempotency).first()):
            return same
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    reference=new_reference("CS"), payable_ref=payable_ref, payer=actor, provider=provider,
                    amount=due, description=(terms.description or payable_ref)[:120],
                    return_url=terms.return_url[:500], idempotency_key=idempotency or "",
                    expires_at=timezone.now() + timedelta(seconds=settings.CHUSHAN_PAYMENT_TTL_SECONDS))
        except IntegrityError:
            return _existing_live(payable_ref, provider=provider, amount=due)
        # Inside the transaction, so a start the provider refuses leaves nothing behind; a concurrent start for
        # the same payable waits on the unique index and then gets this payment.
        start = gateway.create_payment(payment)
        payment.pay_url, payment.qr_content = start.pay_url, start.qr_content
        payment.save(update_fields=["pay_url", "qr_content"])
    return payment


def _existing_live(payable_ref: str, *, provider: str, amount: Decimal) -> Payment:
    live = selectors.live_payment(payable_ref)
    if live is None:
        raise Conflict(_("Another payment for this is being started; try again in a moment."))
    if live.state != Payment.State.PENDING:
        raise Conflict(_("This has already been paid."), code="already_paid")
    if live.provider != provider or live.amount != amount:
        raise Conflict(_("Another payment for this is under way; finish or cancel it first."))
    return live


def payment_record(*, payment_id: int, status: str, amount: Decimal | None = None,
                   provider_trade_no: str = "") -> tuple[Payment, bool]:
    """Record what the provider said about a payment (paid / closed / failed); returns (payment, changed)."""
    with transaction.atomic():
        payment = locks.payment_for_update(payment_id)
        changed = observe(payment, status=status, amount=amount, provider_trade_no=provider_trade_no)
    return payment, changed


def observe(payment: Payment, *, status: str, amount: Decimal | None, provider_trade_no: str = "") -> bool:
    """Apply one provider observation to a payment locked by the caller; publish on the real transitions."""
    before = payment.state
    book = rules.observe_payment(book_of(payment), status=status, amount=amount)
    now = timezone.now()
    if book.state == rules.PAID and before in (rules.CLOSED, rules.FAILED) and Payment.objects.filter(
            payable_ref=payment.payable_ref, state__in=Payment.LIVE_STATES).exclude(pk=payment.pk).exists():
        # Paid late, after the shopper had started another payment: hold it for staff to refund.
        book = rules.Book(state=rules.FLAGGED, amount=book.amount)
        payment.flag_reason = _("Paid after it was closed, while another payment for the same payable was live.")
    if book.state == before:
        return False
    if status == PAID:
        payment.paid_at = payment.paid_at or now
        payment.paid_amount = amount
        payment.provider_trade_no = payment.provider_trade_no or provider_trade_no
    if book.state == rules.FLAGGED and not payment.flag_reason:
        payment.flag_reason = _("The provider reported %(reported)s, not %(due)s.") % {
            "reported": amount, "due": payment.amount}
    if book.state in (rules.CLOSED, rules.FAILED):
        payment.closed_at = now
    payment.state = book.state
    payment.save(update_fields=["state", "paid_at", "paid_amount", "provider_trade_no", "flag_reason",
                                "closed_at"])
    if rules.became_paid(before, payment.state):
        events.publish(events.PAYMENT_SUCCEEDED, payable_ref=payment.payable_ref, payment_id=payment.pk)
    elif before == rules.PENDING and payment.state in (rules.CLOSED, rules.FAILED):
        events.publish(events.PAYMENT_CLOSED, payable_ref=payment.payable_ref, payment_id=payment.pk)
    return True


def _may_close(actor, payment: Payment) -> bool:
    return actor is None or actor.is_staff or payment.payer_id == actor.pk


def payment_close(*, actor, payment: Payment) -> Payment:
    """Close an unpaid payment at the provider and here; if the provider says it was paid, record that.

    `actor=None` is the timeout sweep. Provider calls happen outside our transaction.
    """
    if not _may_close(actor, payment):
        raise PermissionDenied(_("Only the payer may cancel this payment."))
    if payment.state != Payment.State.PENDING:
        return payment
    gateway = get_provider(payment.provider)
    if gateway is None:
        raise ProviderError(_("%(provider)s is switched off; the payment cannot be closed now.")
                            % {"provider": payment.provider})
    found = gateway.query(payment)
    if found.status == WAITING and not gateway.close(payment):
        found = gateway.query(payment)  # paid while we were closing it
    status = found.status if found.status != WAITING else rules.CLOSED
    payment, _changed = payment_record(payment_id=payment.pk, status=status, amount=found.amount,
                                       provider_trade_no=found.provider_trade_no)
    return payment


def payments_expire(*, now=None) -> int:
    """Close every payment past its time limit (the periodic task); returns how many were settled."""
    settled = 0
    for payment in selectors.payments_due_to_close(now=now or timezone.now()):
        try:
            payment_close(actor=None, payment=payment)
            settled += 1
        except ProviderError:
            log.warning("could not close payment %s at %s; will retry", payment.reference, payment.provider)
    return settled


def payment_sync(*, actor, payment: Payment) -> Payment:
    """Ask the provider about a waiting payment (when a notification is slow or lost) and record the answer."""
    if not _may_close(actor, payment):
        raise PermissionDenied(_("Only the payer may refresh this payment."))
    gateway = get_provider(payment.provider)
    if payment.state != Payment.State.PENDING or gateway is None:
        return payment
    found: TradeStatus = gateway.query(payment)
    if found.status == WAITING:
        return payment
    payment, _changed = payment_record(payment_id=payment.pk, status=found.status, amount=found.amount,
                                       provider_trade_no=found.provider_trade_no)
    return payment
