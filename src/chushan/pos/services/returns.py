"""Returns at the counter: the goods go back on this shop's shelf (the ledger's return line), the money back in
cash or to the QR payment the sale was paid with. Two clerks taking the same return at once refund it once:
the sale row is locked and each line's returned units are bounded by a database constraint."""

import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, Unprocessable
from chushan.inventory import services as stock
from chushan.payments import services as payments
from chushan.pos import locks, payables, rules
from chushan.pos.models import PosReturn, PosReturnLine, PosSale, PosSaleLine, Settlement
from chushan.pos.services._access import require_counter_staff


def _reason(value) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > 200 or "\x00" in text:
        message = _("Say why the goods came back, in at most 200 characters.")
        raise Unprocessable(message, code="invalid_reason", errors={"reason": [message]})
    return text


def _picked(sale: PosSale, lines) -> list[tuple[PosSaleLine, int]]:
    """The sale lines and units to take back; every bad line is reported at once."""
    found = {line.pk: line for line in locks.lines_for_update(sale.pk)}
    errors, picked = {}, []
    lines = list(lines or [])
    for index, item in enumerate(lines):
        line_id, units = item if isinstance(item, tuple | list) and len(item) == 2 else (None, None)
        line = found.get(line_id) if isinstance(line_id, int) else None
        if line is None:
            errors[f"lines.{index}.line_id"] = [_("This line is not on the receipt.")]
            continue
        try:
            units = rules.check_quantity(units, field=f"lines.{index}.quantity")
        except Unprocessable as exc:
            errors.update(exc.errors)
            continue
        if units > line.returnable:
            errors[f"lines.{index}.quantity"] = [_("At most %(n)d units of this line can still come back.") % {
                "n": line.returnable}]
            continue
        picked.append((line, units))
    if len({item[0] for item in lines if isinstance(item, tuple | list) and item}) != len(lines):
        errors["lines"] = [_("Name each line once.")]
    if errors or not picked:
        raise Unprocessable(_("The lines to take back are not valid."), code="invalid_return_lines",
                            errors=errors or {"lines": [_("Name at least one line.")]})
    return picked


def _refund_to_payment(sale: PosSale, *, actor, amount, reason: str, token: str):
    """Ask the provider to send the money back to the customer's QR payment (before any stock row is locked)."""
    with payables.refund_authorised(str(sale.pk)):
        return payments.refund_request(actor=actor, payment=sale.payment, amount=amount, reason=reason,
                                       idempotency=f"pos_return:{token}")


def _settle_return(sale: PosSale, sale_return: PosReturn) -> None:
    if not sale.host_seller_id:
        return
    rate = sale.location.commission_rate
    owner_share, commission = rules.split_for_consignment(-sale_return.amount, rate)
    Settlement.objects.create(sale=sale, sale_return=sale_return, owner_id=sale.seller_id,
                              host_id=sale.host_seller_id, location=sale.location, gross=-sale_return.amount,
                              commission_rate=rate, commission=commission, owner_share=owner_share,
                              created_at=sale_return.created_at)


def pos_return_take(*, actor, sale: PosSale, lines: list[tuple[int, int]], method: str, reason: str) -> PosReturn:
    """Take back ``units`` of some lines of a paid counter sale at the counter that sold them."""
    reason = _reason(reason)
    if method not in rules.REFUND_METHODS:
        message = _("Give the money back in cash or to the original QR payment.")
        raise Unprocessable(message, code="invalid_method", errors={"method": [message]})
    with transaction.atomic():
        locked = locks.sale_for_update(sale.pk)
        require_counter_staff(actor, locked.location)
        if locked.state != PosSale.State.PAID:
            raise Conflict(_("Only a paid sale can be returned."), code="sale_not_paid")
        if method == rules.ORIGINAL and locked.method != rules.QR:
            message = _("This sale was paid in cash; give the money back in cash.")
            raise Unprocessable(message, code="not_paid_by_qr", errors={"method": [message]})
        picked = _picked(locked, lines)
        amount = sum((rules.return_amount(unit_price=line.unit_price, units=units) for line, units in picked),
                     rules.ZERO)
        now, token = timezone.now(), uuid.uuid4().hex
        refund = (_refund_to_payment(locked, actor=actor, amount=amount, reason=reason, token=token)
                  if method == rules.ORIGINAL else None)
        sale_return = PosReturn.objects.create(number=f"tmp-{token}", sale=locked, clerk=actor, method=method,
                                               amount=amount, reason=reason, refund=refund, created_at=now)
        sale_return.number = rules.number("T", timezone.localdate(now), sale_return.pk)
        sale_return.save(update_fields=["number"])
        _restock(actor, locked, sale_return, picked)
        PosSale.objects.filter(pk=locked.pk).update(refunded_amount=F("refunded_amount") + amount, updated_at=now)
        _settle_return(locked, sale_return)
    return sale_return


def _restock(actor, sale: PosSale, sale_return: PosReturn, picked: list[tuple[PosSaleLine, int]]) -> None:
    for line, units in picked:
        if not PosSaleLine.objects.filter(pk=line.pk, returned_quantity__lte=line.quantity - units).update(
                returned_quantity=F("returned_quantity") + units):
            raise Conflict(_("These units have been returned already."), code="already_returned")
        movement = stock.stock_return(actor=actor, sku=line.sku, location=sale.location, quantity=units,
                                      reference=sale_return.number, reason=sale_return.reason[:200],
                                      channel=sale.channel.code, sold_ref=sale.number)
        PosReturnLine.objects.create(sale_return=sale_return, sale_line=line, quantity=units,
                                     amount=rules.return_amount(unit_price=line.unit_price, units=units),
                                     movement=movement)

