"""Which identifiers a seller may name in an event: its own GTINs, lots, serials, SSCCs and locations.

A GS1 key is the seller's when it is on one of its SKUs, under one of its company prefixes, or (lots,
serials, locations) registered by it.  Another seller's key is refused (403); a GTIN or location the
platform cannot attribute to anyone is refused as unknown (422) until the seller registers it.  Exception:
a TransformationEvent may consume another seller's registered lot (chillies bought from a cooperative).
Sources and destinations name the other party of a transfer, so only their check digits count.
"""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from chushan.trace.rules import Key
from chushan.trace.selectors import Owners

FOREIGN, UNKNOWN = "foreign", "unknown"
_INPUT_ROLES = {"input", "input_class"}


def _registered_owner(key: Key, owners: Owners) -> int | None:
    if key.serial and (key.value, key.serial) in owners.serials:
        return owners.serials[(key.value, key.serial)][0]
    if key.lot and (key.value, key.lot) in owners.lots:
        return owners.lots[(key.value, key.lot)][0]
    return None


def _product_problem(seller_id: int, role: str, key: Key, owners: Owners) -> tuple[str, str] | None:
    registered = _registered_owner(key, owners)
    if registered is not None:
        if registered == seller_id or role in _INPUT_ROLES:
            return None
        what = _("serial %(serial)s") % {"serial": key.serial} if key.serial else _("lot %(lot)s") % {"lot": key.lot}
        return FOREIGN, _("%(what)s of GTIN %(gtin)s belongs to another seller") % {"what": what, "gtin": key.value}
    owner = owners.gtin_owner(key.value)
    if owner is None:
        return UNKNOWN, _("GTIN %(gtin)s is not on any of your SKUs nor under your GS1 company prefix: add it to "
                          "a SKU in the console first") % {"gtin": key.value}
    if owner != seller_id:
        return FOREIGN, _("GTIN %(gtin)s belongs to another seller") % {"gtin": key.value}
    return None


def _place_problem(seller_id: int, key: Key, owners: Owners) -> tuple[str, str] | None:
    owner = owners.gln_owner(key.value)
    if owner is None:
        return UNKNOWN, _("location GLN %(gln)s is not registered: add it to your sites in the console first") % {
            "gln": key.value}
    if owner != seller_id:
        return FOREIGN, _("location GLN %(gln)s belongs to another seller") % {"gln": key.value}
    return None


def ownership_problems(seller_id: int, keys: Iterable[tuple[str, str, Key]],
                       places: Iterable[tuple[str, str, Key]], owners: Owners) -> Iterator[tuple[str, str, str]]:
    """(JSON path, 'foreign' or 'unknown', message) for every identifier the seller may not use."""
    for role, path, key in keys:
        problem = None
        if key.ai == "01":
            problem = _product_problem(seller_id, role, key, owners)
        elif key.ai == "00":
            owner = owners.sscc_owner(key.value)
            if owner is not None and owner != seller_id:
                problem = FOREIGN, _("SSCC %(sscc)s is under another seller's company prefix") % {"sscc": key.value}
        elif key.ai == "414":
            problem = _place_problem(seller_id, key, owners)
        if problem:
            yield path, *problem
    for role, path, key in places:
        if role in ("readPoint", "bizLocation") and key.ai == "414":
            problem = _place_problem(seller_id, key, owners)
            if problem:
                yield path, *problem
