"""Pure catalogue rules: which certificate backs which claim, prices, SKU options and codes, GTINs, images.

Values in, values out; nothing here touches the database. A refused value raises ``InvalidValue`` with a
translatable message, and the service decides which field it belongs to.
"""

import datetime
import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

MAX_PRICE = Decimal("10000000")  # exclusive: the Sku.price constraint allows up to 9,999,999.99
CENT = Decimal("0.01")
PRICE_PATTERN = r"^[0-9]{1,7}(\.[0-9]{1,2})?$"
_PRICE_RE = re.compile(r"^[0-9]{1,20}(\.[0-9]{1,2})?$")  # looser than the schema so the bound can be named

MAX_SKUS_PER_PRODUCT = 100
MAX_OPTIONS_PER_SKU = 4
MAX_OPTION_NAME = 20
MAX_OPTION_VALUE = 40
DEFAULT_OPTION_NAME = "规格"
SKU_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
_SKU_CODE_RE = re.compile(SKU_CODE_PATTERN)

MAX_ATTRIBUTES = 20
MAX_ATTRIBUTE_NAME = 30
MAX_ATTRIBUTE_VALUE = 200

MAX_IMAGES_PER_PRODUCT = 12
MAX_IMAGE_PIXELS = 40_000_000  # 8000 x 5000; a larger picture is refused before it is decoded
MAX_IMAGE_SIDE = 2000  # the stored picture is scaled down to this
THUMBNAIL_SIDE = 400
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class InvalidValue(ValueError):
    """A value the rules refuse; ``message`` says what to enter instead."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# Claims ---------------------------------------------------------------------------------------------

class Claim(enum.StrEnum):
    """What a product may claim; each maps to the Product.claim_<name> flag."""

    HERITAGE = "heritage"
    HALAL = "halal"
    BRAND = "brand"
    GREEN = "green"
    ORGANIC = "organic"

    @property
    def field(self) -> str:
        return f"claim_{self.value}"


# Which certificate kinds can back a claim. Heritage and brand also need the certificate to name the
# product's own heritage item or brand: a 蜡染 inheritor's certificate does not make a 刺绣 piece 传承人手作.
CLAIM_CERTIFICATE_KINDS: dict[Claim, tuple[str, ...]] = {
    Claim.HERITAGE: ("ich_inheritor",),
    Claim.HALAL: ("halal",),
    Claim.BRAND: ("brand_licence", "geographic_indication"),
    Claim.GREEN: ("green_food",),
    Claim.ORGANIC: ("organic",),
}


class CertificateFacts(Protocol):
    kind: str
    status: str
    valid_from: datetime.date
    valid_until: datetime.date
    heritage_item_id: int | None
    brand_id: int | None


def certificate_in_force(certificate: CertificateFacts, *, on: datetime.date) -> bool:
    return certificate.status == "approved" and certificate.valid_from <= on <= certificate.valid_until


def certificate_backs_claim(certificate: CertificateFacts, claim: Claim, *, heritage_item_id: int | None,
                            brand_id: int | None, on: datetime.date) -> bool:
    if certificate.kind not in CLAIM_CERTIFICATE_KINDS[claim] or not certificate_in_force(certificate, on=on):
        return False
    if claim is Claim.HERITAGE:
        return heritage_item_id is not None and certificate.heritage_item_id == heritage_item_id
    if claim is Claim.BRAND:
        return brand_id is not None and certificate.brand_id == brand_id
    return True


def claim_backing(claim: Claim, *, heritage_item_id: int | None, brand_id: int | None,
                  certificates: Iterable[CertificateFacts], on: datetime.date) -> list[CertificateFacts]:
    """The certificates in force on ``on`` that back ``claim`` for a product with these links."""
    return [c for c in certificates
            if certificate_backs_claim(c, claim, heritage_item_id=heritage_item_id, brand_id=brand_id, on=on)]


def claims_unbacked(claims: Iterable[Claim], *, heritage_item_id: int | None, brand_id: int | None,
                    certificates: Iterable[CertificateFacts], on: datetime.date) -> list[Claim]:
    certificates = list(certificates)
    return [claim for claim in claims
            if not claim_backing(claim, heritage_item_id=heritage_item_id, brand_id=brand_id,
                                 certificates=certificates, on=on)]


def claims_parse(values: Iterable[Any]) -> list[Claim]:
    """Claim names as sent by a form or the API, in a stable order, duplicates dropped."""
    found = set()
    for value in values:
        try:
            found.add(Claim(str(value).strip().removeprefix("claim_")))
        except ValueError:
            raise InvalidValue(_("Unknown claim “%(claim)s”; use heritage, halal, brand, green or organic.")
                               % {"claim": str(value)[:30]}) from None
    return [claim for claim in Claim if claim in found]


def claim_missing_message(claim: Claim, *, heritage_item_name: str | None = None,
                          brand_name: str | None = None) -> str:
    """What a seller must hold before the claim is accepted, naming the certificate."""
    if claim is Claim.HERITAGE:
        if not heritage_item_name:
            return str(_("Choose the heritage item this product belongs to before claiming it is made by an "
                         "inheritor."))
        return str(_("Claiming “made by a heritage inheritor” needs an approved, unexpired ICH inheritor "
                     "certificate for %(item)s. Upload it under Certificates, or remove the claim.")
                   % {"item": heritage_item_name})
    if claim is Claim.BRAND:
        if not brand_name:
            return str(_("Choose the regional public brand before claiming it."))
        return str(_("Carrying the regional public brand %(brand)s needs an approved, unexpired brand licence "
                     "or geographic indication licence for it. Upload it under Certificates, or remove the "
                     "claim.") % {"brand": brand_name})
    certificate = {Claim.HALAL: _("halal certificate"), Claim.GREEN: _("green food certificate"),
                   Claim.ORGANIC: _("organic certificate")}[claim]
    return str(_("Claiming “%(claim)s” needs an approved, unexpired %(certificate)s. Upload it under "
                 "Certificates, or remove the claim.")
               % {"claim": CLAIM_LABELS[claim], "certificate": certificate})


CLAIM_LABELS = {
    Claim.HERITAGE: _("Made by a heritage inheritor"),
    Claim.HALAL: _("Halal"),
    Claim.BRAND: _("Regional public brand"),
    Claim.GREEN: _("Green food"),
    Claim.ORGANIC: _("Organic"),
}


# Text -----------------------------------------------------------------------------------------------

def _no_control_characters(text: str, *, allow_newlines: bool) -> None:
    for ch in text:
        if unicodedata.category(ch) == "Cc" and not (allow_newlines and ch in "\n\r\t"):
            raise InvalidValue(_("Remove the control characters from this text."))


def text_clean(value: Any, *, max_length: int, required: bool = False, multiline: bool = False) -> str:
    """Trimmed text without control characters (PostgreSQL refuses NUL), within ``max_length``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidValue(_("Enter text."))
    text = value.strip()
    _no_control_characters(text, allow_newlines=multiline)
    if required and not text:
        raise InvalidValue(_("This field is required."))
    if len(text) > max_length:
        raise InvalidValue(_("Use at most %(n)d characters (this has %(m)d).") % {"n": max_length, "m": len(text)})
    return text


def _fold(text: str) -> str:
    """Full-width forms to half-width (２５０ｇ → 250g, ： → :) and runs of spaces to one."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


# Prices ---------------------------------------------------------------------------------------------

def price_parse(value: Any) -> Decimal:
    """A CNY price from a string, int or Decimal: more than 0, under 10,000,000, at most 2 decimals.

    Floats are refused (0.1 + 0.2 is not money), and so are exponents ("1e3"), NaN and signs.
    """
    hint = _("Enter a price in yuan such as 168 or 168.50.")
    if isinstance(value, (bool, float)) or value is None:
        raise InvalidValue(hint)
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidValue(hint)
        text = format(value.normalize(), "f")  # 168.500 → "168.5", 1E+3 → "1000"
    elif isinstance(value, str):
        text = _fold(value).replace("¥", "").replace("￥", "").strip()
    else:
        raise InvalidValue(hint)
    if text.startswith("-") and len(text) > 1:
        raise InvalidValue(_("A price must be more than ¥0."))
    if not _PRICE_RE.match(text):
        raise InvalidValue(hint)
    try:
        price = Decimal(text).quantize(CENT)
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        raise InvalidValue(hint) from None
    if price <= 0:
        raise InvalidValue(_("A price must be more than ¥0."))
    if price >= MAX_PRICE:
        raise InvalidValue(_("A price must be under ¥10,000,000."))
    return price


# SKU options and codes ------------------------------------------------------------------------------

def sku_options_normalise(options: Any) -> dict[str, str]:
    """Options such as {"规格": "250g"}: names and values trimmed and folded, no empties or duplicates."""
    if options is None:
        return {}
    if not isinstance(options, Mapping):
        raise InvalidValue(_('Options are name/value pairs such as {"规格": "250g"}.'))
    normalised: dict[str, str] = {}
    seen: set[str] = set()
    for raw_name, raw_value in options.items():
        if not isinstance(raw_name, str) or isinstance(raw_value, bool) or not isinstance(raw_value, (str, int)):
            raise InvalidValue(_('Options are name/value pairs such as {"规格": "250g"}.'))
        _no_control_characters(raw_name + str(raw_value), allow_newlines=False)
        name, value = _fold(raw_name), _fold(str(raw_value))
        if not name or not value:
            raise InvalidValue(_("Option names and values cannot be empty."))
        if len(name) > MAX_OPTION_NAME or len(value) > MAX_OPTION_VALUE:
            raise InvalidValue(_("Keep option names within %(n)d and values within %(v)d characters.")
                               % {"n": MAX_OPTION_NAME, "v": MAX_OPTION_VALUE})
        if name.casefold() in seen:
            raise InvalidValue(_("The option “%(name)s” is given twice.") % {"name": name})
        seen.add(name.casefold())
        normalised[name] = value
    if len(normalised) > MAX_OPTIONS_PER_SKU:
        raise InvalidValue(_("A SKU has at most %(n)d options.") % {"n": MAX_OPTIONS_PER_SKU})
    return normalised


def sku_options_signature(options: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Two SKUs of one product with the same signature are the same variant."""
    return tuple(sorted((name.casefold(), value.casefold()) for name, value in options.items()))


def sku_options_from_text(text: str, *, default_name: str = DEFAULT_OPTION_NAME) -> dict[str, str]:
    """Parse what a seller types on a phone: "250g", or "颜色:靛蓝; 尺寸:大" (full-width marks work too)."""
    text = _fold(text or "")
    if not text:
        return {}
    pairs: dict[str, str] = {}
    for part in re.split(r"[;,\n/]", text):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition(":") if ":" in part else part.partition("=")
        if not sep:
            name, value = default_name, part
        name = name.strip()
        if name in pairs:
            raise InvalidValue(_("The option “%(name)s” is given twice.") % {"name": name})
        pairs[name] = value.strip()
    return sku_options_normalise(pairs)


def sku_options_to_text(options: Mapping[str, str], *, default_name: str = DEFAULT_OPTION_NAME) -> str:
    if list(options) == [default_name]:
        return options[default_name]
    return "; ".join(f"{name}: {value}" for name, value in options.items())


def sku_code_normalise(code: Any) -> str:
    if not isinstance(code, str):
        raise InvalidValue(_("Enter a SKU code of letters, digits, dots, dashes or underscores."))
    code = unicodedata.normalize("NFKC", code).strip()
    if not _SKU_CODE_RE.match(code):
        raise InvalidValue(_("Enter a SKU code of up to 40 letters, digits, dots, dashes or underscores, "
                             "starting with a letter or digit."))
    return code


def sku_code_next(existing: Iterable[str]) -> str:
    """The first free code of the form SKU-1, SKU-2, … for a seller who leaves the code empty."""
    taken = {code.upper() for code in existing}
    n = 1
    while f"SKU-{n}" in taken:
        n += 1
    return f"SKU-{n}"


def gtin_normalise(value: Any) -> str | None:
    """A GTIN-8/12/13/14 (barcode) with a valid GS1 check digit, padded to 14 digits; empty means none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValue(_("Enter the barcode number (GTIN) as digits."))
    digits = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    if not digits:
        return None
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise InvalidValue(_("A GTIN (barcode number) has 8, 12, 13 or 14 digits."))
    digits = digits.zfill(14)
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body))
    if (10 - total % 10) % 10 != check:
        raise InvalidValue(_("This GTIN's check digit is wrong; copy the number under the barcode again."))
    return digits


def attributes_normalise(attributes: Any) -> dict[str, str]:
    """Free attributes (variety, grade, size …): a small flat map of short texts."""
    if attributes is None:
        return {}
    if not isinstance(attributes, Mapping):
        raise InvalidValue(_('Attributes are name/value pairs such as {"产地": "丹寨"}.'))
    if len(attributes) > MAX_ATTRIBUTES:
        raise InvalidValue(_("A product has at most %(n)d attributes.") % {"n": MAX_ATTRIBUTES})
    cleaned = {}
    for name, value in attributes.items():
        if not isinstance(name, str) or isinstance(value, bool) or not isinstance(value, (str, int)):
            raise InvalidValue(_('Attributes are name/value pairs such as {"产地": "丹寨"}.'))
        name = text_clean(name, max_length=MAX_ATTRIBUTE_NAME, required=True)
        cleaned[name] = text_clean(str(value), max_length=MAX_ATTRIBUTE_VALUE, required=True)
    return cleaned


# Images ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImageBox:
    width: int
    height: int


def image_pixels_allowed(width: int, height: int, *, max_pixels: int = MAX_IMAGE_PIXELS) -> bool:
    """Refuse decompression bombs: a small file that claims a huge canvas."""
    return width > 0 and height > 0 and width * height <= max_pixels


def image_fit(width: int, height: int, *, longest: int) -> ImageBox:
    """The size that fits within ``longest`` on both sides, keeping the aspect ratio; never enlarges."""
    scale = min(1.0, longest / max(width, height))
    return ImageBox(max(1, round(width * scale)), max(1, round(height * scale)))
