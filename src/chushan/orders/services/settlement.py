"""What happens once money moves or time runs out: a payment received sells the held stock and makes the
orders paid, exactly once; a late payment holds the stock again or is refunded; an unpaid checkout expires
and gives its stock back; a sweep settles any payment whose event was lost."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import ApplicationError, Conflict
from chushan.inventory import services as stock_services
from chushan.inventory.errors import ReservationClosed, ReservationExpired
from chushan.inventory.models import Reservation
from chushan.orders import locks, payables, reasons, rules
from chushan.orders.models import Checkout, Order, PickupCode
from chushan.orders.services.checkout import rehold_lapsed
from chushan.orders.services.refunds import refund_remainder
from chushan.orders.services.transitions import order_transition
from chushan.payments import selectors as payment_selectors
from chushan.payments import services as payment_services
from chushan.payments.models import Payment
from chushan.payments.providers.base import ProviderError
from chushan.pricing import services as price_services

log = logging.getLogger(__name__)
MONEY_IN = (Payment.State.PAID, Payment.State.REFUNDED)


def issue_pickup_code(order: Order) -> PickupCode:
    """A fresh 8-digit code for a paid pick-up order (drawn again on the rare clash with another)."""
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return PickupCode.objects.create(order=order, code=rules.new_pickup_code(),
                                                 location_id=order.pickup_location_id)
        except IntegrityError:
            existing = PickupCode.objects.filter(order=order).first()
            if existing is not None:
                return existing
    raise Conflict(_("Could not issue a pick-up code; try again."), code="pickup_code_unavailable")


def _sell_lines(order: Order) -> None:
    """Turn the order's holds into sales; holds that lapsed are taken again first (a late payment)."""
    lines = list(order.lines.select_related("reservation", "sku", "location").order_by("pk"))
    for attempt in range(2):
        rehold_lapsed(actor=None, lines=lines, now=timezone.now())
        try:
            with transaction.atomic():
                stock_services.reservations_commit(actor=None, reservations=[ln.reservation for ln in lines],
                                                   reference=order.number)
            return
        except (ReservationClosed, ReservationExpired):
            if attempt:
                raise
            for line in lines:  # the sweep closed one between our read and the commit: read them again
                line.reservation.refresh_from_db()


def release_lines(*, order: Order, reason: str = "", reason_code: str = "", reason_params: dict | None = None
                  ) -> None:
    """Give back what an unpaid order holds: its stock holds and the promotion units it counted. The ledger
    gets what a person typed (``reason``), or else the order's reason code, shown in its reader's language."""
    held = list(Reservation.objects.filter(pk__in=order.lines.exclude(reservation=None).values("reservation_id"),
                                           state=Reservation.State.HELD))
    if held:
        stock_services.reservations_release(actor=None, reservations=held, reason=reason[:200],
                                            reason_code=reasons.named(reason_code),
                                            reason_params=reason_params)
    line_refs = [f"order_line:{pk}" for pk in order.lines.values_list("pk", flat=True)]
    price_services.promotion_redemptions_release(actor=None, references=line_refs)


def _settle_order(order: Order) -> bool:
    try:
        with transaction.atomic():
            _sell_lines(order)
    except ApplicationError as exc:
        log.warning("order %s paid late and could not be sold: %s", order.number, exc)
        release_lines(order=order, reason_code=reasons.HOLD_LAPSED_SOLD_OUT)
        order_transition(actor=None, order=order, to_state=rules.CANCELLED, reason_code=reasons.SOLD_OUT_AFTER_LAPSE)
        return False
    order_transition(actor=None, order=order, to_state=rules.PAID, reason_code=reasons.PAYMENT_RECEIVED)
    if order.kind == rules.PICKUP:
        issue_pickup_code(order)
    return True


def checkout_payment_settle(*, payable_ref: str, payment_id: int) -> Checkout | None:
    """The checkout's payment is in: sell and mark paid every order still waiting, once; refund whatever no
    paid order keeps (orders sold out meanwhile, or cancelled before the money came)."""
    checkout_pk = payables.checkout_pk(payable_ref)
    if checkout_pk is None:
        return None
    with transaction.atomic():
        if not Checkout.objects.filter(pk=checkout_pk).exists():
            return None
        checkout = locks.checkout_for_update(checkout_pk)
        payment = Payment.objects.filter(pk=payment_id, payable_ref=payable_ref).first()
        if payment is None or payment.state not in MONEY_IN:
            return checkout
        orders = locks.checkout_orders_for_update(checkout_pk)
        if checkout.state == Checkout.State.PENDING_PAYMENT:
            for order in orders:
                if order.state == rules.PENDING_PAYMENT:
                    _settle_order(order)
            now = timezone.now()
            paid = any(o.paid_at is not None for o in orders)
            checkout.state = Checkout.State.PAID if paid else Checkout.State.CANCELLED
            checkout.paid_at = now if paid else None
            checkout.closed_at = None if paid else now
            checkout.save(update_fields=["state", "paid_at", "closed_at"])
        refund_remainder(checkout=checkout, payment=payment,
                         reason=_("Paid for goods that could not be sold (sold out or cancelled); refunded."))
    return checkout


def _close_payment_if_due(checkout_pk: int, payable_ref: str, now) -> Payment | None:
    """Close the checkout's waiting payment at the provider once its own time is up; returns the live payment
    as it stands (None if there is none, or it is still open)."""
    live = payment_selectors.live_payment(payable_ref)
    if live is None or live.state != Payment.State.PENDING:
        return live
    if live.expires_at > now:
        return None
    return payment_services.payment_close(actor=None, payment=live)


def _expire_one(checkout_pk: int) -> bool:
    with transaction.atomic():
        checkout = locks.checkout_for_update(checkout_pk)
        if checkout.state != Checkout.State.PENDING_PAYMENT:
            return False
        if Payment.objects.filter(payable_ref=checkout.payable_ref, state=Payment.State.PENDING).exists():
            return False  # a payment was started meanwhile
        for order in locks.checkout_orders_for_update(checkout_pk):
            if order.state == rules.PENDING_PAYMENT:
                release_lines(order=order, reason_code=reasons.NOT_PAID_IN_TIME)
                order_transition(actor=None, order=order, to_state=rules.CANCELLED,
                                 reason_code=reasons.NOT_PAID_IN_TIME)
        checkout.state, checkout.closed_at = Checkout.State.EXPIRED, timezone.now()
        checkout.save(update_fields=["state", "closed_at"])
    return True


def checkouts_expire(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Checkouts whose stock hold has lapsed and whose payment is closed: their orders are cancelled and the
    stock goes back. A payment found paid on closing is settled instead. Returns how many expired."""
    now = now or timezone.now()
    due = list(Checkout.objects.filter(state=Checkout.State.PENDING_PAYMENT, expires_at__lte=now)
               .order_by("expires_at", "pk").values_list("pk", "payable_ref")[:limit])
    expired = 0
    for checkout_pk, payable_ref in due:
        try:
            live = _close_payment_if_due(checkout_pk, payable_ref, now)
        except ProviderError:
            log.warning("checkout %s: could not close its payment yet; will retry", checkout_pk)
            continue
        if live is not None and live.state in MONEY_IN:
            checkout_payment_settle(payable_ref=payable_ref, payment_id=live.pk)
        elif live is None and payment_selectors.live_payment(payable_ref) is not None:
            continue  # its payment is still open; wait for it
        elif _expire_one(checkout_pk):
            expired += 1
    return expired


def checkouts_reconcile(*, since: datetime.datetime | None = None, limit: int = 200) -> int:
    """Settle checkouts whose payment is in but which were not settled (an event lost to a crash or a failed
    handler). Returns how many were looked at again."""
    since = since or timezone.now() - datetime.timedelta(days=3)
    paid = dict(Payment.objects.filter(payable_ref__startswith=f"{payables.PREFIX}:", state=Payment.State.PAID,
                                       paid_at__gte=since).values_list("payable_ref", "pk"))
    stale = list(Checkout.objects.filter(payable_ref__in=list(paid)).exclude(state=Checkout.State.PAID)
                 .values_list("payable_ref", flat=True)[:limit])
    stale += list(Checkout.objects.filter(payable_ref__in=list(paid), state=Checkout.State.PAID,
                                          orders__state=rules.PENDING_PAYMENT)
                  .values_list("payable_ref", flat=True).distinct()[:limit])
    for payable_ref in dict.fromkeys(stale):
        checkout_payment_settle(payable_ref=payable_ref, payment_id=paid[payable_ref])
    return len(set(stale))

