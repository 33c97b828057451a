"""Pure counter rules: what a scan means, quantities, cash and change, receipt numbers, basket totals and
what a counter return gives back. Values in, values out, no database."""

import datetime
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import biip
from django.utils.translation import gettext as _

from chushan.catalog import rules as catalog_rules
from chushan.core.errors import Unprocessable
from chushan.inventory import rules as stock_rules

# States of a counter sale. A sale starts as the clerk's open basket; a QR payment holds its stock while the
# customer pays; cash or a completed QR payment makes it paid, with a receipt.
OPEN = "open"
AWAITING_PAYMENT = "awaiting_payment"
PAID = "paid"
CANCELLED = "cancelled"

CASH = "cash"
QR = "qr"
# A counter return gives money back in cash, or to the QR payment the sale was paid with.
ORIGINAL = "original"
REFUND_METHODS = (CASH, ORIGINAL)

COUNTER_KINDS = frozenset({"shop", "workshop", "consignment"})
MAX_LINE_QUANTITY = 999
MAX_BASKET_LINES = 60
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# No till holds more than this in one payment; a larger figure is a typo.
MAX_CASH = Decimal("100000.00")


def counter_channel(location_kind: str) -> str:
    """The channel a counter sells on: the host's counter for consignment goods, else the shop's own."""
    return stock_rules.CONSIGNMENT_COUNTER if location_kind == "consignment" else stock_rules.SHOP_COUNTER


def check_quantity(value, *, field: str = "quantity", allow_zero: bool = False) -> int:
    """A whole number of units, 1 (or 0 to remove a line) to MAX_LINE_QUANTITY; fractions are refused."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= MAX_LINE_QUANTITY:
        message = _("Enter a whole number of units from %(low)d to %(max)d.") % {"low": low, "max": MAX_LINE_QUANTITY}
        raise Unprocessable(message, code="invalid_quantity", errors={field: [message]})
    return value


def scanned_gtin(raw) -> str:
    """The 14-digit GTIN in what a scanner or camera read: a bare EAN-13/UPC/GTIN, a GS1 element string
    ((01)… or ]C1 01…), or a GS1 Digital Link URL. A wrong check digit is refused, not guessed."""
    text = unicodedata.normalize("NFKC", raw if isinstance(raw, str) else "").strip()
    message = _("This is not a barcode we can read; scan it again or type the digits under it.")
    if not text or len(text) > 400 or "\x00" in text:
        raise Unprocessable(message, code="invalid_barcode", errors={"code": [message]})
    digits = text.replace(" ", "")
    if digits.isascii() and digits.isdigit() and len(digits) in (8, 12, 13, 14):
        try:
            return catalog_rules.gtin_normalise(digits)
        except catalog_rules.InvalidValue as exc:
            raise Unprocessable(str(exc), code="invalid_barcode", errors={"code": [str(exc)]}) from exc
    try:
        if text.startswith("("):
            from biip.gs1_messages import GS1Message

            element = GS1Message.parse_hri(text).element_strings.get(ai="01")
            gtin = element.gtin if element is not None else None
        else:
            gtin = biip.parse(text).gtin
    except (biip.ParseError, ValueError):
        gtin = None
    if gtin is None:
        raise Unprocessable(message, code="invalid_barcode", errors={"code": [message]})
    return gtin.as_gtin_14()


def money(value, *, field: str, maximum: Decimal = MAX_CASH) -> Decimal:
    """An amount of yuan given at the till: at most two decimals, from 0.01 up to ``maximum``."""
    message = _("Enter an amount in yuan, such as 100 or 88.50.")
    if isinstance(value, bool | float):
        raise Unprocessable(message, code="invalid_amount", errors={field: [message]})
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise Unprocessable(message, code="invalid_amount", errors={field: [message]}) from None
    if not amount.is_finite() or amount <= 0 or amount > maximum or amount != amount.quantize(CENT):
        raise Unprocessable(message, code="invalid_amount", errors={field: [message]})
    return amount.quantize(CENT)


def cash_change(*, total: Decimal, tendered: Decimal) -> Decimal:
    """The change due when the customer hands over ``tendered`` for ``total``; too little is refused."""
    if tendered < total:
        message = _("¥%(tendered)s is less than the ¥%(total)s due.") % {"tendered": tendered, "total": total}
        raise Unprocessable(message, code="not_enough_cash", errors={"tendered": [message]})
    return (tendered - total).quantize(CENT)


@dataclass(frozen=True)
class PricedUnits:
    """Some units of a basket line at one unit price (a per-sale promotion limit makes two of them)."""

    quantity: int
    unit_price: Decimal
    list_price: Decimal
    promotion_id: int | None = None

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


def basket_totals(lines: list[PricedUnits]) -> dict[str, Decimal]:
    """subtotal at list prices, what promotions took off, and the total due."""
    subtotal = sum((line.list_price * line.quantity for line in lines), ZERO)
    total = sum((line.total for line in lines), ZERO)
    return {"subtotal": subtotal.quantize(CENT), "discount": (subtotal - total).quantize(CENT),
            "total": total.quantize(CENT)}


def number(prefix: str, day: datetime.date, pk: int) -> str:
    """A receipt or return number such as R20261126-000123 (unique because the primary key is)."""
    return f"{prefix}{day:%Y%m%d}-{pk:06d}"


def return_amount(*, unit_price: Decimal, units: int) -> Decimal:
    """What ``units`` returned units of a line bring back: each line has one unit price."""
    return (unit_price * units).quantize(CENT)


def returnable(*, quantity: int, returned: int) -> int:
    return max(quantity - returned, 0)


def split_for_consignment(amount: Decimal, commission_rate: Decimal) -> tuple[Decimal, Decimal]:
    """(owner's share, host's commission) of a consignment sale or return; signs follow ``amount``."""
    if amount < 0:
        owner, commission = stock_rules.consignment_split(-amount, commission_rate)
        return -owner, -commission
    return stock_rules.consignment_split(amount, commission_rate)
