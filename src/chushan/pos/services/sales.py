"""Taking payment for a basket: cash (change computed to the fen), or a QR payment that holds the stock while
the customer pays and becomes a sale when the provider says so. Stock leaves the shelf only through the
inventory services, so a web checkout racing a counter sale for the last unit ends with exactly one winner."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core import events
from chushan.core.errors import ApplicationError, Conflict, Unprocessable
from chushan.inventory import services as stock
from chushan.inventory.errors import InsufficientStock, ReservationClosed, ReservationExpired
from chushan.payments import services as payments
from chushan.payments.models import Payment
from chushan.payments.providers import available as providers_available
from chushan.payments.providers import get_provider
from chushan.pos import locks, notes, payables, rules
from chushan.pos.models import PosSale, PosSaleLine, Settlement
from chushan.pos.services._access import require_counter_staff
from chushan.pos.services.basket import quantities, require_basket, retotal, set_units

# A QR payment's hold outlives the payment itself, so the provider closes the payment before the stock is freed.
HOLD_MARGIN_SECONDS = 120
NOTE_FIELDS = ("note", "note_code", "note_params")


def _reprice(sale: PosSale) -> None:
    """Price every line again at payment time: a promotion may have ended since the item was scanned."""
    now = timezone.now()
    for sku_id, quantity in quantities(sale).items():
        line = sale.lines.select_related("sku__product").filter(sku_id=sku_id).first()
        set_units(sale, line.sku, quantity, now=now)
    retotal(sale)
    if not sale.lines.exists():
        raise Unprocessable(_("The basket is empty; scan something first."), code="empty_basket")


def _sell_off_the_shelf(actor, sale: PosSale) -> None:
    """Take every line off this counter's shelf, or nothing: every short line is reported at once."""
    short = []
    for line in locks.lines_for_update(sale.pk):
        try:
            movement = stock.stock_sell_now(actor=actor, sku=line.sku, location=sale.location,
                                            quantity=line.quantity, channel=sale.channel.code, reference=sale.number)
        except InsufficientStock as exc:
            short.extend(exc.extra["items"])
            continue
        PosSaleLine.objects.filter(pk=line.pk).update(movement=movement)
    if short:
        raise InsufficientStock(short)


def _settle_consignment(sale: PosSale) -> None:
    """A consignment sale owes the owner the total less the host's commission (寄售结算)."""
    if not sale.host_seller_id:
        return
    rate = sale.location.commission_rate
    owner_share, commission = rules.split_for_consignment(sale.total, rate)
    Settlement.objects.create(sale=sale, owner_id=sale.seller_id, host_id=sale.host_seller_id,
                              location=sale.location, gross=sale.total, commission_rate=rate,
                              commission=commission, owner_share=owner_share, created_at=sale.paid_at)


def _announce(sale: PosSale) -> None:
    lines = [{"gtin": line.gtin, "lot": None, "serial": None, "quantity": line.quantity}
             for line in sale.lines.all() if line.gtin]
    events.publish(events.SALE_RECORDED, seller_id=sale.seller_id, lines=lines, sale_ref=sale.number,
                   shopper_id=None, occurred_at=sale.paid_at, location_gln=sale.location.gln,
                   location_name=sale.location.name)


def _mark_paid(sale: PosSale, *, method: str, **fields) -> None:
    sale.state, sale.method, sale.paid_at = PosSale.State.PAID, method, timezone.now()
    sale.updated_at = sale.paid_at
    for field, value in fields.items():
        setattr(sale, field, value)
    sale.save(update_fields=["state", "method", "paid_at", "updated_at", *fields])
    _settle_consignment(sale)
    _announce(sale)


def pos_sale_pay_cash(*, actor, sale: PosSale, tendered) -> PosSale:
    """The customer pays cash: the goods leave the shelf, the change is worked out to the fen."""
    tendered = rules.money(tendered, field="tendered")
    with transaction.atomic():
        locked = locks.sale_for_update(sale.pk)
        require_counter_staff(actor, locked.location)
        require_basket(locked)
        _reprice(locked)
        change = rules.cash_change(total=locked.total, tendered=tendered)
        _sell_off_the_shelf(actor, locked)
        _mark_paid(locked, method=rules.CASH, cash_tendered=tendered, change_given=change)
    return locked


def _require_provider(provider: str) -> None:
    if not isinstance(provider, str) or get_provider(provider) is None:
        message = _("%(provider)s is not available; choose one of: %(choices)s.") % {
            "provider": provider, "choices": ", ".join(providers_available()) or "—"}
        raise Unprocessable(message, code="provider_unavailable", errors={"provider": [message]})


def pos_sale_qr_start(*, actor, sale: PosSale, provider: str) -> PosSale:
    """Show a QR code for the basket's total: its stock is held until the customer has paid or the payment
    closes, so the web cannot sell it meanwhile (nor can this counter twice)."""
    _require_provider(provider)
    with transaction.atomic():
        locked = locks.sale_for_update(sale.pk)
        require_counter_staff(actor, locked.location)
        require_basket(locked)
        _reprice(locked)
        lines = locks.lines_for_update(locked.pk)
        holds = stock.stock_reserve_many(
            actor=actor, channel=locked.channel.code, ttl=settings.CHUSHAN_PAYMENT_TTL_SECONDS + HOLD_MARGIN_SECONDS,
            requests=[stock.StockRequest(sku=line.sku, location=locked.location, quantity=line.quantity,
                                         reference=locked.payable_ref) for line in lines])
        for line, hold in zip(lines, holds, strict=True):
            PosSaleLine.objects.filter(pk=line.pk).update(reservation=hold)
        locked.state, locked.updated_at = PosSale.State.AWAITING_PAYMENT, timezone.now()
        locked.save(update_fields=["state", "updated_at"])
    # The provider is asked outside the transaction, so no stock row stays locked while it answers.
    try:
        payment = payments.payment_start(actor=actor, payable_ref=locked.payable_ref, provider=provider,
                                         amount=locked.total)
    except ApplicationError:
        pos_sale_payment_closed(sale_id=locked.pk, payment_id=None)
        raise
    PosSale.objects.filter(pk=locked.pk).update(payment=payment)
    locked.payment = payment
    return locked


def _release_holds(sale: PosSale) -> None:
    lines = list(sale.lines.select_related("reservation").filter(reservation__isnull=False))
    held = [line.reservation for line in lines]
    if held:
        stock.reservations_release(actor=None, reservations=held,
                                   reason_code=notes.named(notes.QR_NOT_COMPLETED))
    PosSaleLine.objects.filter(pk__in=[line.pk for line in lines]).update(reservation=None)


def _back_to_basket(sale: PosSale, note_code: str) -> None:
    """The QR payment did not happen: the sale is the clerk's basket again, or, if the clerk has started
    another basket since, cancelled (its lines stay on record). ``note_code`` says why (see notes.py)."""
    sale.note, sale.note_code, sale.note_params = "", notes.check(note_code), {}
    sale.updated_at = timezone.now()
    fresh = (PosSale.objects.select_for_update(of=("self",))
             .filter(location_id=sale.location_id, clerk_id=sale.clerk_id, state=PosSale.State.OPEN)
             .exclude(pk=sale.pk).first())
    if fresh is not None and not fresh.lines.exists():
        # The counter page opened an empty basket meanwhile; this one, with its goods, takes its place.
        PosSale.objects.filter(pk=fresh.pk).update(state=PosSale.State.CANCELLED, updated_at=sale.updated_at)
    try:
        with transaction.atomic():
            sale.state = PosSale.State.OPEN
            sale.save(update_fields=["state", *NOTE_FIELDS, "updated_at"])
    except IntegrityError:
        sale.state = PosSale.State.CANCELLED
        sale.save(update_fields=["state", *NOTE_FIELDS, "updated_at"])


def pos_sale_payment_closed(*, sale_id: int, payment_id: int | None) -> PosSale | None:
    """The QR payment closed unpaid (timed out, cancelled, failed): free the held stock (the platform acts)."""
    with transaction.atomic():
        sale = locks.sale_for_update(sale_id)
        if sale.state != PosSale.State.AWAITING_PAYMENT:
            return sale
        if payment_id is not None and sale.payment_id not in (None, payment_id):
            return sale  # an older payment of this sale; the current one decides
        if sale.payment_id and Payment.objects.filter(pk=sale.payment_id, state=Payment.State.PAID).exists():
            return sale  # paid after all: the success settles it
        _release_holds(sale)
        _back_to_basket(sale, notes.QR_NOT_COMPLETED)
    return sale


def _take_stock_for(sale: PosSale) -> bool:
    """Turn the holds into sales; if they lapsed, sell off the shelf again. False when the goods are gone."""
    held = [line.reservation for line in sale.lines.select_related("reservation") if line.reservation_id]
    try:
        with transaction.atomic():
            if len(held) != sale.lines.count():
                raise ReservationClosed(_("Some lines were never held."))
            stock.reservations_commit(actor=None, reservations=held, reference=sale.number)
        return True
    except (ReservationClosed, ReservationExpired):
        pass
    try:
        with transaction.atomic():
            _release_holds(sale)
            _sell_off_the_shelf(sale.clerk, sale)
        return True
    except ApplicationError:
        return False


def _refund_in_full(sale: PosSale, payment: Payment, reason: str) -> None:
    with payables.refund_authorised(str(sale.pk)):
        payments.refund_request(actor=sale.clerk, payment=payment, amount=payment.amount, reason=reason,
                                idempotency=f"pos_sale:{sale.pk}:unwanted:{payment.pk}")


def pos_sale_payment_settle(*, sale_id: int, payment_id: int) -> PosSale:
    """The provider says the customer paid (PAYMENT_SUCCEEDED): the held goods are sold and the receipt is
    issued. Applying it twice changes nothing; a payment that arrives after the sale was given up is refunded."""
    with transaction.atomic():
        sale = locks.sale_for_update(sale_id)
        payment = Payment.objects.get(pk=payment_id)
        if payment.payable_ref != sale.payable_ref or payment.state != Payment.State.PAID:
            return sale
        if sale.state == PosSale.State.PAID:
            if sale.payment_id != payment.pk:
                _refund_in_full(sale, payment, _("A second payment for receipt %(n)s.") % {"n": sale.number})
            return sale
        if sale.state == PosSale.State.AWAITING_PAYMENT and _take_stock_for(sale):
            _mark_paid(sale, method=rules.QR, payment=payment)
            return sale
        if sale.state == PosSale.State.AWAITING_PAYMENT:
            _back_to_basket(sale, notes.PAID_AFTER_SOLD_ELSEWHERE)
        _refund_in_full(sale, payment, _("Paid after the counter sale %(n)s was given up.") % {"n": sale.number})
    return sale


def _follow(sale: PosSale, payment: Payment) -> PosSale:
    """Settle the sale by what we now know of its payment (the event handlers do the same, once)."""
    if payment.state == Payment.State.PAID:
        return pos_sale_payment_settle(sale_id=sale.pk, payment_id=payment.pk)
    if payment.state in (Payment.State.CLOSED, Payment.State.FAILED):
        return pos_sale_payment_closed(sale_id=sale.pk, payment_id=payment.pk)
    return PosSale.objects.get(pk=sale.pk)


def pos_sale_qr_cancel(*, actor, sale: PosSale) -> PosSale:
    """The customer will not pay by QR after all: close the payment at the provider and free the stock."""
    require_counter_staff(actor, sale.location)
    sale = PosSale.objects.select_related("payment").get(pk=sale.pk)
    if sale.state != PosSale.State.AWAITING_PAYMENT:
        raise Conflict(_("This sale is not waiting for a QR payment."), code="not_awaiting_payment")
    if sale.payment is None:
        return pos_sale_payment_closed(sale_id=sale.pk, payment_id=None)
    # The clerk was allowed above; the payment is closed as the platform, whoever of the staff started it.
    return _follow(sale, payments.payment_close(actor=None, payment=sale.payment))


def pos_sale_refresh(*, actor, sale: PosSale) -> PosSale:
    """Ask the provider how the QR payment stands (when its notification is slow) and settle by the answer."""
    require_counter_staff(actor, sale.location)
    sale = PosSale.objects.select_related("payment").get(pk=sale.pk)
    if sale.state != PosSale.State.AWAITING_PAYMENT or sale.payment is None:
        return sale
    payment = sale.payment
    if payment.state == Payment.State.PENDING:
        payment = payments.payment_sync(actor=None, payment=payment)
    return _follow(sale, payment)


def pos_sales_reconcile(*, older_than_seconds: int = 300) -> int:
    """Settle counter sales still waiting although their payment has an outcome (a lost event), or that never
    got a payment (the provider failed mid-start). The periodic task; returns how many it settled."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    settled = 0
    for sale in (PosSale.objects.filter(state=PosSale.State.AWAITING_PAYMENT, updated_at__lte=cutoff)
                 .select_related("payment").order_by("pk")[:200]):
        payment = sale.payment
        if payment is None:
            pos_sale_payment_closed(sale_id=sale.pk, payment_id=None)
        elif payment.state != Payment.State.PENDING:
            _follow(sale, payment)
        else:
            continue
        settled += 1
    return settled
