"""Placing a checkout: the server prices every line, splits the lines into one order per seller and place of
hand-over, holds the stock (all or nothing) and starts the one payment for the total."""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog.models import Product, Sku
from chushan.core.errors import Conflict, NotFound, Unprocessable
from chushan.inventory import rules as stock_rules
from chushan.inventory import selectors as stock_selectors
from chushan.inventory import services as stock_services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Location, Reservation, SalesChannel
from chushan.orders import locks, payables, reasons, rules
from chushan.orders.models import Address, Cart, CartLine, Checkout, Order, OrderLine, OrderTransition
from chushan.orders.services._access import require_signed_in
from chushan.payments import services as payment_services
from chushan.payments.models import Payment
from chushan.pricing import rules as price_rules
from chushan.pricing import selectors as price_selectors
from chushan.pricing import services as price_services
from chushan.sellers.models import Seller

CHANNEL = stock_rules.WEB
PICKUP_KINDS = (Location.Kind.SHOP, Location.Kind.WORKSHOP)


@dataclass(frozen=True)
class LineRequest:
    """One line the shopper wants: so many units of a SKU, and how it reaches them."""

    sku: Sku
    quantity: int
    fulfilment: str = rules.DELIVER
    pickup_location: Location | None = None
    address: Address | None = None
    cart_line_id: int | None = None


@dataclass
class _Placed:
    request: LineRequest
    location: Location
    parts: list


def sale_problem(sku: Sku) -> str | None:
    """Why this SKU cannot be bought online now, or None."""
    product = sku.product
    on_sale = product.status == Product.Status.PUBLISHED and product.seller.status == Seller.Status.ADMITTED
    if not (sku.is_active and on_sale):
        return _("%(name)s is not on sale at the moment.") % {"name": product.name}
    return None


def pickup_problem(sku: Sku, location: Location | None) -> str | None:
    """Why the shopper cannot pick this SKU up at ``location``, or None."""
    if location is None:
        return _("Choose the shop where you will pick it up.")
    if location.seller_id != sku.product.seller_id:
        return _("%(shop)s is another seller's; choose one of %(seller)s's shops.") % {
            "shop": location.name, "seller": sku.product.seller.name}
    if not location.is_active or location.kind not in PICKUP_KINDS:
        return _("%(shop)s does not hand over orders; choose another shop.") % {"shop": location.name}
    if not location.channels.filter(code=CHANNEL).exists():
        return _("%(shop)s does not take online orders; choose another shop.") % {"shop": location.name}
    return None


def _line_problems(actor, index: int, line: LineRequest) -> dict[str, list[str]]:
    prefix, errors = f"lines.{index}.", {}
    try:
        rules.check_line_quantity(line.quantity)
    except Unprocessable as exc:
        errors[prefix + "quantity"] = exc.errors["quantity"]
    if line.fulfilment not in rules.FULFILMENTS:
        errors[prefix + "fulfilment"] = [_("Choose delivery, pick-up at a shop, or delivery from a shop.")]
    elif line.fulfilment == rules.PICKUP and (problem := pickup_problem(line.sku, line.pickup_location)):
        errors[prefix + "pickup_location_id"] = [problem]
    elif line.fulfilment != rules.PICKUP and (line.address is None or line.address.shopper_id != actor.pk):
        errors[prefix + "address_id"] = [_("Choose one of your delivery addresses.")]
    if problem := sale_problem(line.sku):
        errors[prefix + "sku_id"] = [problem]
    return errors


def check_lines(*, actor, lines: list[LineRequest]) -> None:
    """Every problem of every line in one 422, before anything is written."""
    if not lines:
        raise Unprocessable(_("Your cart is empty; add something first."), code="empty_cart",
                            errors={"lines": [_("Nothing to check out.")]})
    if len(lines) > rules.MAX_CART_LINES:
        raise Unprocessable(_("Check out at most %(max)d lines at once.") % {"max": rules.MAX_CART_LINES},
                            code="too_many_lines", errors={"lines": [_("Too many lines.")]})
    errors = {}
    for index, line in enumerate(lines):
        errors.update(_line_problems(actor, index, line))
    if errors:
        raise Unprocessable(_("Some lines cannot be checked out: %(fields)s.") % {"fields": ", ".join(errors)},
                            code="invalid_checkout", errors=errors)


def _stock_location(line: LineRequest) -> Location | None:
    """Where the units come from: the chosen shop for a pick-up; otherwise the seller's location nearest the
    address that has them all (warehouses first for a delivery, shops only for delivery from a shop)."""
    if line.fulfilment == rules.PICKUP:
        return line.pickup_location
    stocks = stock_selectors.stocks_for_sale_nearest(sku=line.sku, channel_code=CHANNEL, near=line.address.region)
    stocks = [s for s in stocks if s.location.seller_id == line.sku.product.seller_id and s.available >= line.quantity]
    if line.fulfilment == rules.SHIP_FROM_SHOP:
        stocks = [s for s in stocks if s.location.kind in PICKUP_KINDS]
    else:
        stocks.sort(key=lambda s: s.location.kind != Location.Kind.WAREHOUSE)  # stable: nearness kept
    return stocks[0].location if stocks else None


def _locate(lines: list[LineRequest]) -> list[Location]:
    found, short = [], []
    for line in lines:
        location = _stock_location(line)
        found.append(location)
        if location is None:
            short.append({"sku": line.sku.pk, "location": None, "requested": line.quantity, "available": 0,
                          "sku_name": str(line.sku), "location_name": _("any shop that delivers")})
    if short:
        raise InsufficientStock(short)
    return found


def _price(actor, lines: list[LineRequest], now) -> list[list[price_rules.PricePart]]:
    """Every line priced by the server, a promotion's per-shopper allowance shared across the lines."""
    terms = price_selectors.promotion_terms_for([line.sku.pk for line in lines], at=now)
    used = price_selectors.shopper_usage(shopper=actor, promotion_ids={t.id for ts in terms.values() for t in ts})
    priced = []
    for line in lines:
        parts = price_rules.line_prices(line.sku.price, terms.get(line.sku.pk, []), CHANNEL, now, line.quantity, used)
        for part in parts:
            if part.promotion_id is not None:
                used[part.promotion_id] = used.get(part.promotion_id, 0) + part.quantity
        priced.append(parts)
    return priced


def _new_order(*, checkout: Checkout, key: tuple, placed: list[_Placed], channel: SalesChannel, now) -> Order:
    seller_id, kind, _place = key
    first = placed[0].request
    address = first.address if kind == rules.DELIVERY else None
    totals = price_rules.order_totals([part for item in placed for part in item.parts])
    totals["shipping_fee"] = rules.shipping_fee(kind=kind, subtotal=totals["subtotal"])
    totals["total"] = totals["subtotal"] - totals["discount"] + totals["shipping_fee"]
    order = Order.objects.create(
        checkout=checkout, seller_id=seller_id, shopper=checkout.shopper, number=f"new-{uuid.uuid4().hex}",
        kind=kind, pickup_location=first.pickup_location if kind == rules.PICKUP else None,
        recipient_name=address.name if address else "", recipient_mobile=address.mobile if address else "",
        region=address.region if address else None, address_detail=address.detail if address else "",
        channel=channel, created_at=now, updated_at=now, **totals)
    order.number = rules.number("CS", timezone.localdate(now), order.pk)
    order.save(update_fields=["number"])
    for item in placed:
        for part in item.parts:
            OrderLine.objects.create(
                order=order, sku=item.request.sku, product_name=item.request.sku.product.name[:160],
                sku_label=item.request.sku.label[:200], quantity=part.quantity, list_price=part.list_price,
                unit_price=part.unit_price, line_total=part.total, promotion_id=part.promotion_id,
                fulfilment=item.request.fulfilment, location=item.location)
    OrderTransition.objects.create(order=order, from_state="", to_state=rules.PENDING_PAYMENT,
                                   actor=checkout.shopper, reason_code=reasons.ORDER_PLACED, created_at=now)
    return order


def _redeem(actor, orders: list[Order]) -> None:
    for line in OrderLine.objects.filter(order__in=orders, promotion__isnull=False).select_related("promotion"):
        price_services.promotion_redeem(actor=actor, shopper=actor, promotion=line.promotion,
                                        quantity=line.quantity, reference=f"order_line:{line.pk}")


def hold_lines(*, actor, lines: list[OrderLine]) -> list[Reservation]:
    """Hold the stock of these lines for the TTL, all or none (InsufficientStock lists every short line)."""
    requests = [stock_services.StockRequest(sku=line.sku, location=line.location, quantity=line.quantity,
                                            reference=f"order_line:{line.pk}") for line in lines]
    held = stock_services.stock_reserve_many(actor=actor, requests=requests, channel=CHANNEL)
    for line, reservation in zip(lines, held, strict=True):
        line.reservation = reservation
    OrderLine.objects.bulk_update(lines, ["reservation"])
    return held


def _hold_until(held: list[Reservation], now) -> datetime.datetime:
    ttl = datetime.timedelta(seconds=settings.CHUSHAN_RESERVATION_TTL_SECONDS)
    return min((r.expires_at for r in held), default=now + ttl)


def checkout_place(*, actor, provider: str, lines: list[LineRequest]) -> Checkout:
    """Price, split, hold and start paying for ``lines`` (see cart_checkout_lines for the cart's). Everything else
    is written before the stock is held, so the hot stock rows stay locked only for the hold and the commit."""
    require_signed_in(actor)
    check_lines(actor=actor, lines=lines)
    with transaction.atomic():
        now = timezone.now()
        channel = SalesChannel.objects.get(code=CHANNEL)
        placed = [_Placed(request=line, location=location, parts=parts)
                  for line, location, parts in zip(lines, _locate(lines), _price(actor, lines, now), strict=True)]
        ttl = datetime.timedelta(seconds=settings.CHUSHAN_RESERVATION_TTL_SECONDS)
        checkout = Checkout.objects.create(shopper=actor, number=f"new-{uuid.uuid4().hex}", total=0,
                                           provider=provider, created_at=now, expires_at=now + ttl)
        groups = defaultdict(list)
        for item in placed:
            groups[rules.group_key(seller_id=item.request.sku.product.seller_id, fulfilment=item.request.fulfilment,
                                   pickup_location_id=getattr(item.request.pickup_location, "pk", None),
                                   address_id=getattr(item.request.address, "pk", None))].append(item)
        orders = [_new_order(checkout=checkout, key=key, placed=items, channel=channel, now=now)
                  for key, items in groups.items()]
        checkout.number = rules.number("CK", timezone.localdate(now), checkout.pk)
        checkout.payable_ref = payables.payable_ref(checkout.pk)
        checkout.total = sum((o.total for o in orders), rules.ZERO)
        checkout.save(update_fields=["number", "payable_ref", "total"])
        _redeem(actor, orders)
        checkout.payment = payment_services.payment_start(actor=actor, payable_ref=checkout.payable_ref,
                                                          provider=provider)
        CartLine.objects.filter(cart__shopper=actor, pk__in=[ln.cart_line_id for ln in lines if ln.cart_line_id]
                                ).delete()
        # Last, so that a hot stock row stays locked only for the hold, the lines' link to it and the commit.
        # The checkout lapses at now + TTL, no later than the holds taken after ``now``.
        hold_lines(actor=actor, lines=list(OrderLine.objects.filter(order__in=orders)
                                           .select_related("sku", "location").order_by("pk")))
    return checkout


def cart_lines_to_check_out(*, actor) -> list[LineRequest]:
    """The shopper's cart as line requests."""
    cart = Cart.objects.filter(shopper_id=actor.pk).first()
    if cart is None:
        return []
    return [LineRequest(sku=line.sku, quantity=line.quantity, fulfilment=line.fulfilment,
                        pickup_location=line.pickup_location, address=line.address, cart_line_id=line.pk)
            for line in cart.lines.select_related("sku__product__seller", "pickup_location", "address__region")]


def _lapsed(lines: list[OrderLine], now) -> list[OrderLine]:
    return [line for line in lines if line.reservation is None or line.reservation.state != Reservation.State.HELD
            or line.reservation.expires_at <= now]


def rehold_lapsed(*, actor, lines: list[OrderLine], now) -> list[OrderLine]:
    """Hold again the lines whose hold lapsed or was released (a late payment, a payment restarted)."""
    lapsed = _lapsed(lines, now)
    if not lapsed:
        return []
    due = [line.reservation for line in lapsed
           if line.reservation is not None and line.reservation.state == Reservation.State.HELD]
    if due:
        stock_services.reservations_release(actor=None, reservations=due,
                                            reason_code=reasons.named(reasons.HOLD_LAPSED))
    hold_lines(actor=actor, lines=lapsed)
    return lapsed


def checkout_pay(*, actor, checkout: Checkout, provider: str) -> Payment:
    """Start (or resume) paying a checkout still waiting: stock whose hold lapsed is held again first."""
    require_signed_in(actor)
    with transaction.atomic():
        locked = locks.checkout_for_update(checkout.pk)
        if locked.shopper_id != actor.pk:
            raise NotFound(_("There is no such checkout."))
        if locked.state != Checkout.State.PENDING_PAYMENT:
            raise Conflict(_("This checkout is no longer waiting for payment."), code="checkout_not_payable")
        now = timezone.now()
        lines = list(OrderLine.objects.filter(order__checkout=locked, order__state=rules.PENDING_PAYMENT)
                     .select_related("reservation", "sku", "location").order_by("pk"))
        if rehold_lapsed(actor=actor, lines=lines, now=now):
            locked.expires_at = _hold_until([line.reservation for line in lines], now)
        locked.provider = provider
        locked.save(update_fields=["expires_at", "provider"])
        payment = payment_services.payment_start(actor=actor, payable_ref=locked.payable_ref, provider=provider)
    return payment
