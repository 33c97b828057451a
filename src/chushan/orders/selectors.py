"""Reads about carts, checkouts and orders. Shopper reads are scoped to the shopper, seller reads go through
Order.objects.for_seller; anything outside the scope is None (the endpoint answers 404)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from chushan.catalog.models import Sku
from chushan.inventory import rules as stock_rules
from chushan.inventory import selectors as stock_selectors
from chushan.inventory.models import Location
from chushan.orders import rules
from chushan.orders.models import Address, Cart, CartLine, Checkout, Order, OrderLine, OrderTransition, PickupCode
from chushan.pricing import selectors as price_selectors
from chushan.pricing.sources import PriceObservation

MAX_ID = 2**63 - 1


def _id(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID else None


# Cart ---------------------------------------------------------------------------------------------------------

@dataclass
class CartEntry:
    line: CartLine
    unit_price: Decimal
    list_price: Decimal
    promotion_id: int | None

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.line.quantity

    @property
    def list_total(self) -> Decimal:
        return self.list_price * self.line.quantity


@dataclass
class CartView:
    """The cart as the shopper sees it: lines by seller, priced by the server now (checkout prices again)."""

    cart: Cart | None
    groups: dict = field(default_factory=dict)  # seller → [CartEntry]

    @property
    def entries(self) -> list[CartEntry]:
        return [entry for entries in self.groups.values() for entry in entries]

    @property
    def total(self) -> Decimal:
        return sum((e.line_total for e in self.entries), Decimal("0.00"))

    @property
    def count(self) -> int:
        return sum(e.line.quantity for e in self.entries)


def cart_lines(*, shopper) -> QuerySet[CartLine]:
    if not getattr(shopper, "is_authenticated", False):
        return CartLine.objects.none()
    return (CartLine.objects.filter(cart__shopper_id=shopper.pk)
            .select_related("sku__product__seller", "pickup_location", "address__region").order_by("added_at", "pk"))


def cart_view(*, shopper) -> CartView:
    lines = list(cart_lines(shopper=shopper))
    view = CartView(cart=lines[0].cart if lines else None)
    prices = price_selectors.effective_prices(skus=[ln.sku for ln in lines], channel=stock_rules.WEB,
                                              shopper=shopper)
    groups = defaultdict(list)
    for line in lines:
        price = prices[line.sku.pk]
        groups[line.sku.product.seller].append(CartEntry(line=line, unit_price=price.amount,
                                                         list_price=price.list_price,
                                                         promotion_id=price.promotion_id))
    view.groups = dict(groups)
    return view


def cart_line_get(*, shopper, line_id) -> CartLine | None:
    line_id = _id(line_id)
    return cart_lines(shopper=shopper).filter(pk=line_id).first() if line_id else None


def cart_count(*, shopper) -> int:
    return sum(cart_lines(shopper=shopper).values_list("quantity", flat=True))


def sku_for_cart(*, sku_id) -> Sku | None:
    sku_id = _id(sku_id)
    return Sku.objects.select_related("product__seller").filter(pk=sku_id).first() if sku_id else None


def pickup_location_get(*, location_id) -> Location | None:
    location_id = _id(location_id)
    return Location.objects.select_related("seller").filter(pk=location_id).first() if location_id else None


@dataclass(frozen=True)
class PickupChoice:
    location: Location
    available: int


def pickup_choices(*, sku: Sku, quantity: int = 1, near=None) -> list[PickupChoice]:
    """The seller's shops that take online orders and have the units now, nearest first."""
    stocks = stock_selectors.stocks_for_sale_nearest(sku=sku, channel_code=stock_rules.WEB, near=near)
    return [PickupChoice(location=s.location, available=s.available) for s in stocks
            if s.location.kind in (Location.Kind.SHOP, Location.Kind.WORKSHOP)
            and s.location.seller_id == sku.product.seller_id and s.available >= quantity]


# Addresses ----------------------------------------------------------------------------------------------------

def address_list(*, shopper) -> QuerySet[Address]:
    return Address.objects.for_shopper(shopper).select_related("region__parent__parent")


def address_get(*, shopper, address_id) -> Address | None:
    address_id = _id(address_id)
    return address_list(shopper=shopper).filter(pk=address_id).first() if address_id else None


# Orders -------------------------------------------------------------------------------------------------------

def _with_lines(orders: QuerySet[Order]) -> QuerySet[Order]:
    return (orders.select_related("seller", "pickup_location", "region", "checkout", "pickup_code")
            .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("sku", "location"))))


def order_list_for_shopper(*, shopper, state: str | None = None) -> QuerySet[Order]:
    orders = Order.objects.for_shopper(shopper)
    if state:
        orders = orders.filter(state=state)
    return _with_lines(orders).order_by("-created_at", "-pk")


def order_get_for_shopper(*, shopper, number: str) -> Order | None:
    if not isinstance(number, str) or len(number) > 40:
        return None
    return order_list_for_shopper(shopper=shopper).filter(number=number).first()


def order_timeline(*, order: Order) -> QuerySet[OrderTransition]:
    return order.transitions.select_related("actor").order_by("created_at", "pk")


def checkout_get_for_shopper(*, shopper, number: str) -> Checkout | None:
    if not getattr(shopper, "is_authenticated", False) or not isinstance(number, str) or len(number) > 40:
        return None
    return (Checkout.objects.filter(shopper_id=shopper.pk, number=number)
            .prefetch_related(Prefetch("orders", queryset=_with_lines(Order.objects.all()))).first())


def order_list_for_seller(*, seller, states: list[str] | None = None) -> QuerySet[Order]:
    orders = Order.objects.for_seller(seller)
    if states:
        orders = orders.filter(state__in=states)
    return _with_lines(orders).order_by("created_at", "pk")


def order_get_for_seller(*, seller, number: str) -> Order | None:
    if not isinstance(number, str) or len(number) > 40:
        return None
    return _with_lines(Order.objects.for_seller(seller)).filter(number=number).first()


def pickup_list_for_seller(*, seller, location: Location | None = None) -> QuerySet[Order]:
    """Orders waiting at the seller's shops to be collected, oldest first."""
    orders = Order.objects.for_seller(seller).filter(state=rules.READY_FOR_PICKUP)
    if location is not None:
        orders = orders.filter(pickup_location=location)
    return _with_lines(orders).order_by("pickup_code__expires_at", "pk")


def counter_locations(*, seller) -> QuerySet[Location]:
    """Where the seller's staff hand over pick-ups: its own active shops and workshops."""
    if seller is None:
        return Location.objects.none()
    return Location.objects.for_seller(seller).active().filter(
        kind__in=[Location.Kind.SHOP, Location.Kind.WORKSHOP]).order_by("name", "pk")


def counter_location_get(*, seller, location_id) -> Location | None:
    location_id = _id(location_id)
    return counter_locations(seller=seller).filter(pk=location_id).first() if location_id else None


def pickup_code_of(*, order: Order) -> PickupCode | None:
    return PickupCode.objects.filter(order=order).select_related("location").first()


# The pricing report's source ----------------------------------------------------------------------------------

def order_line_prices(*, since: datetime.datetime, seller_id: int | None) -> list[PriceObservation]:
    """Every unit price charged on order lines since ``since`` (of one seller, or all when None)."""
    lines = OrderLine.objects.filter(order__created_at__gte=since, order__paid_at__isnull=False)
    if seller_id is not None:
        lines = lines.filter(order__seller_id=seller_id)
    rows = lines.values_list("sku_id", "order__channel__code", "unit_price", "list_price", "order__created_at",
                             "promotion_id", "order__number", "location_id")
    return [PriceObservation(sku_id=sku_id, channel_code=code, price=price, list_price=list_price, at=at,
                             promotion_id=promotion_id, reference=number, location_id=location_id)
            for sku_id, code, price, list_price, at, promotion_id, number, location_id in rows.iterator()]
