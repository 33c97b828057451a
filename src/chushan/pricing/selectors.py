"""Reads about prices: the effective price of a SKU for a shopper on a channel, promotions, and the
price-consistency report. The server computes every price a shopper pays from here."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from chushan.catalog.models import Sku
from chushan.inventory.models import SalesChannel
from chushan.pricing import rules, sources
from chushan.pricing.models import ChannelPrice, Promotion, PromotionUsage

REPORT_DAYS = 30


def promotion_terms_for(sku_ids: Iterable[int], *, at: datetime.datetime | None = None
                        ) -> dict[int, list[rules.PromotionTerms]]:
    """The promotions of each SKU (only those in force at ``at`` when given), as the rules see them."""
    sku_ids = list(set(sku_ids))
    links = Promotion.skus.through.objects.filter(sku_id__in=sku_ids)
    promotions = Promotion.objects.filter(pk__in=links.values("promotion_id")).prefetch_related("channels")
    if at is not None:
        promotions = promotions.in_force(at)
    terms = {p.pk: p.terms([c.code for c in p.channels.all()]) for p in promotions}
    found: dict[int, list[rules.PromotionTerms]] = defaultdict(list)
    for sku_id, promotion_id in links.filter(promotion_id__in=list(terms)).values_list("sku_id", "promotion_id"):
        found[sku_id].append(terms[promotion_id])
    return dict(found)


def shopper_usage(*, shopper, promotion_ids: Iterable[int]) -> dict[int, int]:
    """Units this shopper holds at each promotion's price (nothing for an anonymous visitor)."""
    if not getattr(shopper, "is_authenticated", False):
        return {}
    return dict(PromotionUsage.objects.filter(shopper_id=shopper.pk, promotion_id__in=list(promotion_ids))
                .values_list("promotion_id", "used"))


def _terms_and_usage(skus, *, at, shopper):
    terms = promotion_terms_for([s.pk for s in skus], at=at)
    usage = shopper_usage(shopper=shopper, promotion_ids={t.id for ts in terms.values() for t in ts})
    return terms, usage


def effective_price(*, sku: Sku, channel: str, at: datetime.datetime | None = None, shopper=None) -> rules.Price:
    """What ``shopper`` pays per unit of ``sku`` on ``channel`` at ``at`` (now by default)."""
    return effective_prices(skus=[sku], channel=channel, at=at, shopper=shopper)[sku.pk]


def effective_prices(*, skus: Iterable[Sku], channel: str, at: datetime.datetime | None = None,
                     shopper=None) -> dict[int, rules.Price]:
    """Effective prices of several SKUs in three queries (a cart, a product page)."""
    skus = list(skus)
    at = at or timezone.now()
    terms, usage = _terms_and_usage(skus, at=at, shopper=shopper)
    return {sku.pk: rules.effective_price(sku.price, terms.get(sku.pk, []), channel, at, usage) for sku in skus}


def line_prices(*, sku: Sku, channel: str, quantity: int, at: datetime.datetime | None = None, shopper=None
                ) -> list[rules.PricePart]:
    """``quantity`` units priced for ``shopper``: promotional units while the per-shopper limit lasts."""
    at = at or timezone.now()
    terms, usage = _terms_and_usage([sku], at=at, shopper=shopper)
    return rules.line_prices(sku.price, terms.get(sku.pk, []), channel, at, quantity, usage)


# Sellers -----------------------------------------------------------------------------------------------------

def promotion_list_for_seller(*, seller) -> QuerySet[Promotion]:
    return (Promotion.objects.for_seller(seller).prefetch_related("skus__product", "channels")
            .order_by("-starts_at", "-pk"))


def promotion_get_for_seller(*, seller, promotion_id: int) -> Promotion | None:
    return promotion_list_for_seller(seller=seller).filter(pk=promotion_id).first()


def promotion_list(*, seller=None, staff: bool = False) -> QuerySet[Promotion]:
    """Every promotion for staff; a seller's own otherwise."""
    promotions = Promotion.objects.all() if staff and seller is None else Promotion.objects.for_seller(seller)
    return promotions.prefetch_related("skus__product", "channels").order_by("-starts_at", "-pk")


def channel_price_list(*, seller=None, staff: bool = False) -> QuerySet[ChannelPrice]:
    prices = ChannelPrice.objects.all()
    if not (staff and seller is None):
        prices = prices.filter(sku__product__seller=seller) if seller is not None else prices.none()
    return prices.select_related("sku__product", "channel", "location").order_by("sku_id", "channel_id", "pk")


def sku_get(*, sku_id: int) -> Sku | None:
    return Sku.objects.select_related("product").filter(pk=sku_id).first()


def skus_of_seller(*, seller_id: int | None, sku_ids: Iterable[int]) -> list[Sku]:
    if seller_id is None:
        return []
    return list(Sku.objects.filter(pk__in=list(sku_ids), product__seller_id=seller_id))


def channels_by_code(codes: Iterable[str]) -> dict[str, SalesChannel]:
    return {c.code: c for c in SalesChannel.objects.filter(code__in=list(codes))}


# The price-consistency report ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Inconsistency:
    """A price a channel showed or charged that no promotion explains."""

    channel_code: str
    price: Decimal
    expected: Decimal
    explained: tuple[Decimal, ...]
    source: str
    observed_at: datetime.datetime
    reference: str = ""
    location_id: int | None = None


@dataclass
class SkuPriceReport:
    sku: Sku
    prices_now: dict[str, Decimal] = field(default_factory=dict)
    inconsistencies: list[Inconsistency] = field(default_factory=list)


def _scoped_skus(seller, staff: bool) -> QuerySet[Sku]:
    skus = Sku.objects.select_related("product__seller")
    if staff and seller is None:
        return skus
    return skus.filter(product__seller=seller) if seller is not None else skus.none()


def _stored(prices: Iterable[ChannelPrice], terms, now) -> list[tuple[int, Inconsistency]]:
    found = []
    for stored in prices:
        sku_terms = terms.get(stored.sku_id, [])
        code = stored.channel.code
        explained = rules.explained_prices(stored.sku.price, sku_terms, code, now)
        if stored.price not in explained:
            expected = rules.effective_price(stored.sku.price, sku_terms, code, now).amount
            found.append((stored.sku_id, Inconsistency(
                channel_code=code, price=stored.price, expected=expected, explained=tuple(sorted(explained)),
                source=stored.source, observed_at=stored.recorded_at, reference=stored.note,
                location_id=stored.location_id)))
    return found


def _charged(observations: Iterable[sources.PriceObservation], terms, source: str
             ) -> list[tuple[int, Inconsistency]]:
    found = []
    for seen in observations:
        sku_terms = terms.get(seen.sku_id, [])
        explained = rules.explained_prices(seen.list_price, sku_terms, seen.channel_code, seen.at)
        if seen.price not in explained:
            expected = rules.effective_price(seen.list_price, sku_terms, seen.channel_code, seen.at).amount
            found.append((seen.sku_id, Inconsistency(
                channel_code=seen.channel_code, price=seen.price, expected=expected,
                explained=tuple(sorted(explained)), source=source, observed_at=seen.at, reference=seen.reference,
                location_id=seen.location_id)))
    return found


def price_consistency_report(*, seller=None, staff: bool = False, since: datetime.datetime | None = None,
                             now: datetime.datetime | None = None) -> list[SkuPriceReport]:
    """Every SKU whose price differs between channels without a promotion that explains it: prices kept on a
    channel (labels, POS lists, price cards) that the rules do not give now, and prices charged since ``since``
    (30 days by default) that no promotion in force at that moment explains. Staff see every seller."""
    now = now or timezone.now()
    since = since or now - datetime.timedelta(days=REPORT_DAYS)
    skus = _scoped_skus(seller, staff)
    seller_id = None if (staff and seller is None) else getattr(seller, "pk", -1)
    stored = list(ChannelPrice.objects.filter(sku__in=skus).select_related("sku", "channel"))
    charged = {name: list(source(since=since, seller_id=seller_id))
               for name, source in sorted(sources.all_sources().items())}
    sku_ids = {p.sku_id for p in stored} | {o.sku_id for seen in charged.values() for o in seen}
    terms = promotion_terms_for(sku_ids)
    found = _stored(stored, terms, now)
    for name, observations in charged.items():
        found += _charged(observations, terms, name)
    if not found:
        return []
    by_sku = {s.pk: SkuPriceReport(sku=s) for s in skus.filter(pk__in={sku_id for sku_id, _i in found})}
    for sku_id, inconsistency in found:
        if sku_id in by_sku:
            by_sku[sku_id].inconsistencies.append(inconsistency)
    codes = list(SalesChannel.objects.values_list("code", flat=True))
    for report in by_sku.values():
        sku_terms = terms.get(report.sku.pk, [])
        report.prices_now = {code: rules.effective_price(report.sku.price, sku_terms, code, now).amount
                             for code in codes}
        report.inconsistencies.sort(key=lambda i: (i.observed_at, i.channel_code), reverse=True)
    return sorted(by_sku.values(), key=lambda r: r.sku.pk)
