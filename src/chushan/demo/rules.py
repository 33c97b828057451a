"""Pure rules of the demo market: turn the data modules into plans for the loader.

Values in, values out; nothing here touches the database. Everything is deterministic (hashes of natural
keys, never ``random`` without a seed), so two runs plan the same market.
"""

import datetime
import functools
import hashlib
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from chushan.catalog import rules as catalog_rules
from chushan.demo.data.categories import CATEGORIES
from chushan.demo.data.heritage import BRANDS, HERITAGE_ITEMS
from chushan.demo.data.products import LINES
from chushan.demo.data.sellers import ICH_ISSUERS, SELLERS, SHORT_PLACES, SHORT_PLACES_EN
from chushan.demo.data.trade import SHOPPER_ADDRESS, SITES
from chushan.sellers import rules as seller_rules
from chushan.trace import gs1

OWNER_MOBILE_PREFIX = "1990000"
# GS1 reserves prefix 952 for demonstrations: demo seller n holds company prefix 952 + n (7 digits), so each has
# 100,000 item references for its GTINs and as many location references for its GLNs.
DEMO_GS1_PREFIX = "952"
SYNTHETIC_SKU_PREFIX = "SYN-"
CLAIMS = ("heritage", "halal", "brand", "green", "organic")
ENTITY_PREFIX = {"enterprise": "91", "cooperative": "93"}
# Characters an organisation code may use inside a credit code (the code's alphabet).
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def stable_int(*parts: object) -> int:
    """A stable integer for a natural key (Python's hash() changes between processes)."""
    digest = hashlib.blake2b("|".join(str(p) for p in parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


# --- 统一社会信用代码 -------------------------------------------------------------------------------

def credit_code_make(*, prefix: str, division: str, seed: str) -> str:
    """A valid 18-character code: registration prefix, division, organisation code (GB 11714) and check.

    Newer registrations carry organisation codes starting with ``MA``; the rest comes from ``seed``.
    """
    n = stable_int("credit-code", seed)
    body = "MA"
    for _ in range(6):
        n, r = divmod(n, len(_ORG_CHARS))
        body += _ORG_CHARS[r]
    organisation = body + seller_rules.organisation_code_check_character(body)
    first17 = prefix + division + organisation
    return first17 + seller_rules.credit_code_check_character(first17)


# --- prices ------------------------------------------------------------------------------------------

def nice_price(value: Decimal) -> Decimal:
    """Round to a price a Chinese shop would print: 168, 1280, 39.9, 12.9."""
    if value >= 1000:
        return (value / 100).quantize(Decimal(1), ROUND_HALF_UP) * 100 - 20
    if value >= 100:
        return (value / 10).quantize(Decimal(1), ROUND_HALF_UP) * 10 - 2
    if value >= 1:
        return value.quantize(Decimal(1), ROUND_HALF_UP) - Decimal("0.1")
    return Decimal("0.9")


def price_for(base: str, *, level: float, seed: str) -> Decimal:
    """The list price: the template's base, the maker's price level and a small per-product spread."""
    spread = Decimal(90 + stable_int("price", seed) % 21) / 100  # 0.90 … 1.10
    value = Decimal(base) * Decimal(str(level)) * spread
    return max(nice_price(value), Decimal("0.9")).quantize(Decimal("0.01"))


# --- plans -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CertificatePlan:
    kind: str
    number: str
    issuer: str
    valid_from: datetime.date
    valid_until: datetime.date
    status: str
    submitted_days_ago: int
    ich_level: int | None = None
    heritage_item: str | None = None
    brand: str | None = None
    holder_name: str = ""
    reason: str = ""

    def in_force(self, today: datetime.date) -> bool:
        return seller_rules.in_force(status=self.status, valid_from=self.valid_from,
                                     valid_until=self.valid_until, today=today)


@dataclass(frozen=True)
class CreditPlan:
    kind: str
    points: int
    reference: str
    days_ago: int
    note: str = ""


@dataclass(frozen=True)
class SkuPlan:
    code: str
    options: dict
    price: Decimal
    position: int
    gtin: str | None = None


@dataclass(frozen=True)
class ProductPlan:
    seller: str
    name: str
    name_en: str
    subtitle: str
    story: str
    story_en: str
    unit: str
    kind: str
    category: str
    heritage_item: str | None
    brand: str | None
    ethnic_group: str | None
    region: str
    attributes: dict
    claims: frozenset
    skus: tuple
    style: str
    published_days_ago: int


@dataclass(frozen=True)
class SellerPlan:
    slug: str
    name: str
    entity_type: str
    credit_code: str | None
    region: str
    ethnic_group: str | None
    address: str
    contact_name: str
    mobile: str
    story: str
    story_en: str
    status: str
    days: int
    certificates: tuple
    credit: tuple = field(default=())
    products: tuple = field(default=())

    @property
    def credit_score(self) -> int:
        ordered = sorted(self.credit, key=lambda c: -c.days_ago)
        return seller_rules.credit_score(c.points for c in ordered)


def owner_mobile(n: int) -> str:
    return f"{OWNER_MOBILE_PREFIX}{n:04d}"


def company_prefix(n: int) -> str:
    """Demo seller n's GS1 company prefix (厂商识别代码): 952 and the seller's number, 7 digits."""
    return f"{DEMO_GS1_PREFIX}{n:04d}"


def sku_gtin(n: int, product: int, position: int) -> str:
    """The GTIN-13 (kept as GTIN-14) of a demo SKU: item reference = product number (3) + SKU position (2)."""
    return gs1.gtin_make(company_prefix(n), f"{product:03d}{position:02d}")


@functools.lru_cache(maxsize=512)
def name_in_pinyin(name: str) -> str:
    """杨秀梅 → Yang Xiumei (surname first, as on a passport)."""
    from pypinyin import lazy_pinyin  # a large dictionary: load it only when a plan needs a name

    syllables = lazy_pinyin(name)
    if not syllables:
        return name
    return " ".join(part.capitalize() for part in (syllables[0], "".join(syllables[1:])) if part)


def _ich_issuer(region: str, level: int) -> str:
    return ICH_ISSUERS.get((region[:4], level)) or ICH_ISSUERS[(region[:2], level)]


def certificate_plans(seller: dict, *, today: datetime.date, region_names: dict, credit_code: str | None,
                      brand_owners: dict) -> tuple:
    plans = []
    for c in seller["certs"]:
        issuer = c["issuer"]
        if issuer is None and c["kind"] == "ich_inheritor":
            issuer = _ich_issuer(seller["region"], c["ich_level"])
        elif issuer is None:
            issuer = brand_owners[c["brand"]]
        submitted = min(seller["days"] + 10, -c["since"]) if seller["days"] else max(min(3, -c["since"]), 0)
        plans.append(CertificatePlan(
            kind=c["kind"], number=c["number"], issuer=issuer, status=c["status"],
            valid_from=today + datetime.timedelta(days=c["since"]),
            valid_until=today + datetime.timedelta(days=c["until"]),
            submitted_days_ago=max(submitted, 0), ich_level=c.get("ich_level"),
            heritage_item=c.get("heritage_item"), brand=c.get("brand"), holder_name=c.get("holder_name", ""),
            reason=c.get("reason", ""),
        ))
    if credit_code:
        reviewed = seller.get("status", "admitted") == "admitted"
        plans.insert(0, CertificatePlan(
            kind="business_licence", number=credit_code, issuer=f"{region_names[seller['region']]}市场监督管理局",
            valid_from=today - datetime.timedelta(days=seller["days"] + 400),
            valid_until=seller_rules.LONG_TERM_UNTIL, status="approved" if reviewed else "pending",
            submitted_days_ago=seller["days"] + 10 if reviewed else 3,
        ))
    return tuple(plans)


def credit_plans(seller: dict, certificates: tuple) -> tuple:
    """Admission, each verified certificate that backs a claim, good quarters and the seller's lapses."""
    days, points = seller["days"], seller_rules.CREDIT_POINTS
    events = [CreditPlan("admission", points["admission"], "demo:admission", days)]
    for cert in certificates:
        if cert.status in ("approved", "expired") and cert.kind in seller_rules.CLAIM_BACKING_KINDS:
            ago = max(cert.submitted_days_ago - 2, 0)
            events.append(CreditPlan("certificate", points["certificate"], f"demo:certificate:{cert.number}", ago))
    for quarter in range(min(days // 91, 8)):
        events.append(CreditPlan("good_standing", points["good_standing"], f"demo:good_standing:{quarter}",
                                  days - 91 * (quarter + 1)))
    for kind, count in seller.get("extra", ()):
        for i in range(count):
            events.append(CreditPlan(kind, points[kind], f"demo:{kind}:{i}", max(days // 3 - 17 * i, 1),
                                     note=EXTRA_NOTES.get(kind, "")))
    return tuple(events)


EXTRA_NOTES = {
    "late_shipment": "订单超过承诺时限48小时发货。",
    "complaint_upheld": "买家投诉商品与描述不符，经核实成立。",
}


def claims_backed(candidates, *, certificates, heritage_item: str | None, brand: str | None,
                  today: datetime.date) -> frozenset:
    """The candidate claims some in-force certificate backs; heritage and brand must name this item/brand."""
    backed = set()
    for claim in candidates:
        kinds = seller_rules.kinds_backing(claim)
        for cert in certificates:
            if cert.kind not in kinds or not cert.in_force(today):
                continue
            if claim == "heritage" and (heritage_item is None or cert.heritage_item != heritage_item):
                continue
            if claim == "brand" and (brand is None or cert.brand != brand):
                continue
            backed.add(claim)
            break
    return frozenset(backed)


def _motif_level(motif: tuple) -> float:
    """A grade or variety may carry its own price level (明前 above 一级)."""
    return motif[2] if len(motif) > 2 else 1.0


def _fill(text: str, *, motif: tuple, place: tuple) -> str:
    return text.replace("{m}", motif[0]).replace("{me}", motif[1]).replace("{place}", place[0])


def _fill_en(text: str, *, motif: tuple, place: tuple) -> str:
    filled = text.replace("{me}", motif[1]).replace("{m}", motif[0]).replace("{place}", place[1])
    return filled[:1].upper() + filled[1:]


def _picks(line: dict, count: int, seed: str) -> list[tuple[dict, tuple]]:
    """``count`` distinct (template, motif) pairs, walking templates first so a maker shows its range."""
    entries, motifs = line["entries"], line["motifs"]
    start, shift = stable_int("entries", seed) % len(entries), stable_int("motifs", seed) % len(motifs)
    # Round r gives template i the motif (i + r + shift): every template meets every motif once.
    pairs = [(entries[(start + i) % len(entries)], motifs[(i + r + shift) % len(motifs)])
             for r in range(len(motifs)) for i in range(len(entries))]
    return pairs[:count]


def _product_plan(seller: dict, line_key: str, entry: dict, motif: tuple, *, number: str, context: dict,
                  suffix: tuple = ("", ""), item: int | None = None) -> ProductPlan:
    """One product of ``seller`` from a line's template; ``number`` makes its SKU codes and ``item`` (the
    product's number at its seller, none for synthetic products) its GTINs."""
    line = LINES[line_key]
    place = (SHORT_PLACES[seller["region"]], SHORT_PLACES_EN[seller["region"]])
    maker = (seller.get("maker") or seller["contact"], seller.get("maker_en") or name_in_pinyin(seller["contact"]))
    heritage, brand = line.get("heritage"), line.get("brand")
    if heritage:
        ethnic = context["ethnic_of_item"].get(heritage) or seller["ethnic"]
    else:
        ethnic = seller["ethnic"] if line["claims"] else None  # a lookalike is no one's ethnic craft
    name = _fill(entry["name"], motif=motif, place=place) + suffix[0]
    key = f"{seller['slug']}:{name}:{number}"
    skus = tuple(
        SkuPlan(code=f"{number}{chr(65 + i)}",
                options=catalog_rules.sku_options_normalise(
                    {k: _fill(v, motif=motif, place=place) for k, v in options.items()}),
                price=price_for(base, level=seller["price"] * _motif_level(motif), seed=f"{key}:{i}"), position=i,
                gtin=sku_gtin(seller["n"], item, i) if item else None)
        for i, (options, base) in enumerate(entry["skus"])
    )
    return ProductPlan(
        seller=seller["slug"], name=name, name_en=_fill_en(entry["name_en"], motif=motif, place=place) + suffix[1],
        subtitle=_fill(entry["subtitle"], motif=motif, place=place),
        story=line["story"].format(maker=maker[0], place=place[0]),
        story_en=line["story_en"].format(maker=maker[1], place=place[1]),
        unit=entry["unit"], kind=line["kind"], category=line["category"], heritage_item=heritage, brand=brand,
        ethnic_group=ethnic, region=seller["region"],
        attributes={k: _fill(v, motif=motif, place=place) for k, v in entry["attributes"].items()},
        claims=claims_backed(line["claims"], certificates=context["certificates"], heritage_item=heritage,
                             brand=brand, today=context["today"]),
        skus=skus, style=line["style"],
        published_days_ago=stable_int("published", key) % max(min(seller["days"], 365), 1),
    )


def product_plans(seller: dict, *, certificates: tuple, today: datetime.date, ethnic_of_item: dict) -> tuple:
    """The seller's demo products: for each of its lines, that many distinct templates and motifs."""
    context = {"certificates": certificates, "today": today, "ethnic_of_item": ethnic_of_item}
    plans, names = [], set()
    for line_key, count in seller["lines"]:
        for entry, motif in _picks(LINES[line_key], count, f"{seller['slug']}:{line_key}"):
            plan = _product_plan(seller, line_key, entry, motif, number=f"{seller['code']}-{len(plans) + 1:02d}",
                                 context=context, item=len(plans) + 1)
            if plan.name not in names:
                names.add(plan.name)
                plans.append(plan)
    return tuple(plans)


SYNTHETIC_SERIES = [("", ""), ("·经典款", " (classic)"), ("·礼盒装", " (gift box)"), ("·新品", " (new)"),
                    ("·家用装", " (family pack)"), ("·伴手礼", " (souvenir)"), ("·限量款", " (limited)"),
                    ("·精选", " (select)")]


def synthetic_product_plan(n: int, *, seller: dict, certificates: tuple, today: datetime.date,
                           ethnic_of_item: dict) -> ProductPlan:
    """Synthetic product number ``n`` (for benchmarks): a random template of one of the seller's lines."""
    rng = random.Random(stable_int("synthetic", n))
    line_key = rng.choice([k for k, _count in seller["lines"]])
    line = LINES[line_key]
    context = {"certificates": certificates, "today": today, "ethnic_of_item": ethnic_of_item}
    return _product_plan(seller, line_key, rng.choice(line["entries"]), rng.choice(line["motifs"]),
                         number=f"{SYNTHETIC_SKU_PREFIX}{n:07d}-", context=context,
                         suffix=rng.choice(SYNTHETIC_SERIES))


def ethnic_of_items() -> dict:
    return {h[0]: h[7] for h in HERITAGE_ITEMS}


def seller_plans(*, today: datetime.date, region_names: dict) -> tuple:
    """Every demo seller with its certificates, credit record and products."""
    brand_owners = {b[0]: b[4] for b in BRANDS}
    ethnic_of_item = ethnic_of_items()
    plans = []
    for s in SELLERS:
        prefix = ENTITY_PREFIX.get(s["entity"]) or s.get("code_prefix")
        code = credit_code_make(prefix=prefix, division=s["region"], seed=s["slug"]) if prefix else None
        certs = certificate_plans(s, today=today, region_names=region_names, credit_code=code,
                                  brand_owners=brand_owners)
        status = s.get("status", "admitted")
        admitted = status == "admitted"
        plans.append(SellerPlan(
            slug=s["slug"], name=s["name"], entity_type=s["entity"], credit_code=code, region=s["region"],
            ethnic_group=s["ethnic"], address=s["address"], contact_name=s["contact"], mobile=owner_mobile(s["n"]),
            story=s["story"], story_en=s["story_en"], status=status, days=s["days"], certificates=certs,
            credit=credit_plans(s, certs) if admitted else (),
            products=product_plans(s, certificates=certs, today=today, ethnic_of_item=ethnic_of_item)
            if admitted else (),
        ))
    return tuple(plans)


def category_rows() -> list[tuple]:
    """(slug, name, name_en, parent slug or None, position), parents first."""
    rows = []
    for i, (slug, name, name_en, children) in enumerate(CATEGORIES):
        rows.append((slug, name, name_en, None, i))
        rows.extend((c_slug, c_name, c_en, slug, j) for j, (c_slug, c_name, c_en) in enumerate(children))
    return rows


def region_codes() -> set[str]:
    """Every division the demo data names."""
    codes = {h[6] for h in HERITAGE_ITEMS} | {b[3] for b in BRANDS} | {s["region"] for s in SELLERS}
    codes |= {region for sites in SITES.values() for _kind, _name, region, _address in sites}
    return codes | {SHOPPER_ADDRESS["region"]}
