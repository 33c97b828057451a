"""Reads: who owns a GS1 key, a seller's lots and sites, a lot's events, anchors, and a recall's reach."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from chushan.accounts.rules import mask_mobile
from chushan.catalog.models import Sku
from chushan.trace import rules
from chushan.trace.models import (
    CaptureJob,
    ChainAnchor,
    ChainCheck,
    CompanyPrefix,
    EventEpc,
    InspectorAccess,
    Lot,
    LotSale,
    Serial,
    Site,
    TraceEvent,
)
from chushan.trace.rules import Key

# Owners -------------------------------------------------------------------------------------------------


@dataclass
class Owners:
    """Which seller each GS1 key of a capture belongs to, loaded in a handful of queries."""

    prefixes: list[tuple[str, int]] = field(default_factory=list)  # longest first
    skus: dict[str, tuple[int, int]] = field(default_factory=dict)  # gtin -> (seller id, sku id)
    sites: dict[str, int] = field(default_factory=dict)  # gln -> seller id
    lots: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (gtin, code) -> (seller, lot)
    serials: dict[tuple[str, str], tuple[int, int | None]] = field(default_factory=dict)  # -> (seller, lot)

    def prefix_owner(self, digits: str) -> int | None:
        return next((seller for prefix, seller in self.prefixes if digits.startswith(prefix)), None)

    def gtin_owner(self, gtin: str) -> int | None:
        """The seller whose SKU carries the GTIN, else whose company prefix it is under (after the indicator)."""
        if gtin in self.skus:
            return self.skus[gtin][0]
        return self.prefix_owner(gtin[1:])

    def gln_owner(self, gln: str) -> int | None:
        return self.sites.get(gln) or self.prefix_owner(gln)

    def sscc_owner(self, sscc: str) -> int | None:
        return self.prefix_owner(sscc[1:])  # the extension digit comes before the company prefix


def identifier_owners(keys: Iterable[Key]) -> Owners:
    keys = list(keys)
    gtins = {k.value for k in keys if k.ai == "01"}
    glns = {k.value for k in keys if k.ai == "414"}
    lot_pairs = {(k.value, k.lot) for k in keys if k.ai == "01" and k.lot}
    serial_pairs = {(k.value, k.serial) for k in keys if k.ai == "01" and k.serial}
    owners = Owners()
    owners.prefixes = sorted(CompanyPrefix.objects.values_list("prefix", "seller_id"), key=lambda p: -len(p[0]))
    if gtins:
        owners.skus = {gtin: (seller, sku) for gtin, seller, sku in
                       Sku.objects.filter(gtin__in=gtins).values_list("gtin", "product__seller_id", "pk")}
    if glns:
        owners.sites = dict(Site.objects.filter(gln__in=glns).values_list("gln", "seller_id"))
    owners.lots = lots_by_key(lot_pairs)
    if serial_pairs:
        rows = Serial.objects.filter(gtin__in={g for g, _ in serial_pairs}, serial__in={s for _, s in serial_pairs})
        owners.serials = {(g, s): (seller, lot) for g, s, seller, lot in
                          rows.values_list("gtin", "serial", "seller_id", "lot_id") if (g, s) in serial_pairs}
    return owners


def lots_by_key(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, int]]:
    """(gtin, lot code) -> (seller id, lot id) for the registered ones among ``pairs``."""
    if not pairs:
        return {}
    rows = Lot.objects.filter(gtin__in={g for g, _ in pairs}, code__in={c for _, c in pairs})
    return {(g, c): (seller, pk) for g, c, seller, pk in rows.values_list("gtin", "code", "seller_id", "pk")
            if (g, c) in pairs}


# Seller console -------------------------------------------------------------------------------------------


def lots_for_seller(*, seller, query: str = "") -> QuerySet[Lot]:
    lots = Lot.objects.for_seller(seller).select_related("sku__product", "origin")
    if query:
        lots = lots.filter(Q(code__icontains=query) | Q(gtin__startswith=query) | Q(trace_code__iexact=query))
    return lots


def lot_for_seller(*, seller, lot_id: int) -> Lot | None:
    return Lot.objects.for_seller(seller).select_related("sku__product", "origin", "seller").filter(
        pk=lot_id).first()


def inspector_accesses_for_seller(*, seller) -> QuerySet[InspectorAccess]:
    """The inspectors a seller has let record inspections, still active."""
    return InspectorAccess.objects.for_seller(seller).filter(revoked_at__isnull=True).select_related("inspector")


def inspector_accesses_of(*, user) -> QuerySet[InspectorAccess]:
    """The sellers that let this account record inspections of their lots."""
    if not getattr(user, "is_authenticated", False):
        return InspectorAccess.objects.none()
    return InspectorAccess.objects.filter(inspector=user, revoked_at__isnull=True).select_related("seller")


def lots_for_inspector(*, user, query: str = "") -> QuerySet[Lot]:
    """Lots of the sellers that let this inspector in; ``query`` is a lot number, trace code or a scanned URI."""
    sellers = inspector_accesses_of(user=user).values("seller_id")
    lots = Lot.objects.filter(seller_id__in=sellers).select_related("sku__product", "seller").order_by("-pk")
    query = query.strip()
    if "/01/" in query and "/10/" in query:  # the QR code's Digital Link, pasted or scanned
        try:
            key = rules.identify(query)
        except rules.InvalidIdentifier:
            return lots.none()
        return lots.filter(gtin=key.value, code=key.lot)
    if query:
        lots = lots.filter(Q(code__icontains=query) | Q(gtin__startswith=query) | Q(trace_code__iexact=query))
    return lots


def lot_for_inspector(*, user, lot_id: int) -> Lot | None:
    return lots_for_inspector(user=user).filter(pk=lot_id).first()


def sites_for_seller(*, seller) -> QuerySet[Site]:
    return Site.objects.for_seller(seller).select_related("region")


def prefixes_for_seller(*, seller) -> QuerySet[CompanyPrefix]:
    return CompanyPrefix.objects.for_seller(seller)


def seller_gtins(*, seller) -> list[tuple[str, str]]:
    """(GTIN, label) of the seller's SKUs that carry a GTIN, for the lot form."""
    skus = Sku.objects.filter(product__seller=seller, gtin__isnull=False).select_related("product")
    return [(sku.gtin, f"{sku.product.name} · {sku.label} ({sku.gtin})") for sku in skus.order_by("gtin")]


# Public ---------------------------------------------------------------------------------------------------


def lot_get(*, gtin: str, code: str) -> Lot | None:
    """A lot by its GS1 keys, with what the scan page shows about its maker."""
    return (Lot.objects.select_related("seller__region__parent", "sku__product", "origin__region")
            .filter(gtin=gtin, code=code).first())


def serial_get(*, gtin: str, serial: str) -> Serial | None:
    return (Serial.objects.select_related("lot__seller__region__parent", "lot__sku__product", "lot__origin",
                                          "seller__region__parent").filter(gtin=gtin, serial=serial).first())


def product_for_gtin(*, gtin: str):
    """The catalogue product whose SKU carries this GTIN, if any."""
    sku = Sku.objects.filter(gtin=gtin).select_related("product").first()
    return sku.product if sku else None


def anchors_published(*, seller_id: int | None = None) -> QuerySet[ChainAnchor]:
    anchors = ChainAnchor.objects.select_related("seller")
    return anchors.filter(seller_id=seller_id) if seller_id else anchors


def chain_checks_published() -> list[ChainCheck]:
    """Each seller's latest full verification, broken chains first."""
    return list(ChainCheck.objects.select_related("seller").order_by("intact", "seller__name", "seller_id"))


def anchors_suspect(*, anchors: Iterable[ChainAnchor], checks: Iterable[ChainCheck]) -> set[int]:
    """Anchors (ids) covering a record at or after its chain's first broken record: their roots no longer hold."""
    broken = {c.seller_id: c.broken_seq for c in checks if not c.intact}
    return {a.pk for a in anchors if a.seller_id in broken
            and (broken[a.seller_id] is None or a.last_seq >= broken[a.seller_id])}


def event_get(*, event_id: str) -> list[TraceEvent]:
    """The event with this Event Hash ID and its error declaration, if any (declaration last)."""
    return list(TraceEvent.objects.filter(event_id=event_id).order_by("declares_error", "pk"))


# Recall ---------------------------------------------------------------------------------------------------

_INPUTS = ("input", "input_class")
_OUTPUTS = ("output", "output_class")
_CHILDREN = ("child", "child_class")


@dataclass
class RecallReach:
    """Everything downstream of a lot: lots made from it, cases it was packed in, places, orders, shoppers."""

    lot: Lot
    lots: list[Lot] = field(default_factory=list)  # the lot itself first, then what was made from it
    containers: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    sales: list = field(default_factory=list)
    event_count: int = 0
    place_names: dict[str, str] = field(default_factory=dict)  # location URI -> site name, where registered

    @property
    def places(self) -> list[tuple[str, str]]:
        """(URI, readable name) of every place reached, named where the site is registered."""
        return [(uri, self.place_names.get(uri, "")) for uri in self.locations]

    @property
    def orders(self) -> list[str]:
        return sorted({s.reference for s in self.sales if s.kind != "sold"})

    @property
    def sale_references(self) -> list[tuple[str, str]]:
        """(reference, kind label) of every order, pick-up or shop sale that took some of these lots."""
        return sorted({(s.reference, str(s.get_kind_display())) for s in self.sales})

    @property
    def shoppers_masked(self) -> list[str]:
        return [mask_mobile(shopper.mobile) for shopper in self.shoppers]

    @property
    def shoppers(self) -> list:
        seen = {}
        for sale in self.sales:
            if sale.shopper_id and sale.shopper_id not in seen:
                seen[sale.shopper_id] = sale.shopper
        return list(seen.values())


def _lot_identifiers(lot_ids: Iterable[int]) -> set[str]:
    from chushan.trace.builders import lot_class

    ids = set()
    for gtin, code in Lot.objects.filter(pk__in=list(lot_ids)).values_list("gtin", "code"):
        ids.add(lot_class(gtin, code))
    ids.update(EventEpc.objects.filter(lot_id__in=list(lot_ids), role__in=("epc", "child", "input", "output"))
               .values_list("epc", flat=True))
    return ids


def recall_trace(*, lot: Lot) -> RecallReach:
    """Follow a lot forward through transformations (inputs → outputs) and aggregations (children → parent)."""
    reach = RecallReach(lot=lot)
    lot_ids, seen, events = {lot.pk}, set(), set()
    frontier = _lot_identifiers([lot.pk])
    while frontier:
        seen |= frontier
        naming = list(EventEpc.objects.filter(epc__in=frontier).values_list("event_id", "role"))
        events |= {event for event, _role in naming}
        made = {event for event, role in naming if role in _INPUTS}
        packed = {event for event, role in naming if role in _CHILDREN}
        onward = EventEpc.objects.filter(Q(event_id__in=made, role__in=_OUTPUTS)
                                         | Q(event_id__in=packed, role="parent"))
        new_lots = {lot_id for lot_id in onward.values_list("lot_id", flat=True) if lot_id}
        next_ids = set(onward.values_list("epc", flat=True)) | _lot_identifiers(new_lots - lot_ids)
        reach.containers += [epc for epc, role in onward.values_list("epc", "role") if role == "parent"]
        lot_ids |= new_lots
        frontier = next_ids - seen
    reach.lots = [lot] + list(Lot.objects.filter(pk__in=lot_ids - {lot.pk}).select_related("seller", "sku__product"))
    reach.locations = _places(events)
    reach.place_names = place_names(uris=reach.locations)
    reach.sales = list(LotSale.objects.filter(lot_id__in=lot_ids).select_related("shopper", "lot"))
    reach.containers = sorted(set(reach.containers))
    reach.event_count = len(events)
    return reach


def place_names(*, uris: Iterable[str]) -> dict[str, str]:
    """Names of the registered sites among these location URIs (GLN Digital Links): "name · county"."""
    glns = {uri.split("/414/", 1)[1][:13] for uri in uris if "/414/" in uri}
    return {Key(ai="414", value=site.gln).canonical: site.name + (f" · {site.region.name}" if site.region_id else "")
            for site in Site.objects.filter(gln__in=glns).select_related("region")}


def _places(event_ids: set[int]) -> list[str]:
    import json

    places = set()
    for read_point, biz_location, body in TraceEvent.objects.filter(pk__in=event_ids).values_list(
            "read_point", "biz_location", "body"):
        places.update(p for p in (read_point, biz_location) if p)
        for entry in json.loads(body).get("destinationList") or ():
            if isinstance(entry, dict) and isinstance(entry.get("destination"), str):
                places.add(entry["destination"])
    return sorted(places)


def capture_job_get(*, seller, job_id) -> CaptureJob | None:
    """A capture job of the member's own seller (another seller's jobs do not exist for them)."""
    return CaptureJob.objects.for_seller(seller).filter(pk=job_id).first()
