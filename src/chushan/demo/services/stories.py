"""Two traceability stories told through the trace app as the seller would tell them from the phone console
(sites, lots, console events), ending with a stock receipt that names the lot, so the platform records the
arrival at the shop and, later, which sale took it.

都匀毛尖: leaves picked before Qingming are registered and commissioned with their harvest date, garden and grade,
made into tea (TransformationEvent), inspected, packed on a pallet (AggregationEvent) and shipped to the shop at
荔波小七孔. 清真酱牛肉: a lot made at the plant in 广河, inspected, packed in a cold box and driven to the shop in
临夏 with the truck's logger reporting temperatures. Each story is told once: its first site marks it done.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from chushan.demo import rules, trade_rules
from chushan.demo.data.trade import BEEF_STORY, TEA_STORY
from chushan.inventory import services as stock_services
from chushan.inventory.models import Location
from chushan.sellers.models import Seller
from chushan.trace import gs1
from chushan.trace import services as trace_services
from chushan.trace.builders import SensorReading
from chushan.trace.models import Lot, Site


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _prefix(seller_slug: str) -> str:
    return rules.company_prefix(trade_rules.SELLER_NUMBERS[seller_slug])


def _site(owner, seller: Seller, *, ref: str, name: str, address: str, kind: str) -> Site:
    return trace_services.site_register(actor=owner, draft=trace_services.SiteDraft(
        gln=gs1.gln_make(_prefix(seller.slug), ref), name=name, kind=kind, region=seller.region, address=address))


def story_marker_gln(story: dict) -> str:
    """The GLN of the site a story registers first: once it exists, the story has been told."""
    first = story.get("garden") or story["plant"]
    return gs1.gln_make(_prefix(story["seller"]), first["ref"])


def _event(owner, lot: Lot, kind: str, when: datetime.datetime, site: str | None, quantity, uom: str, note: str = "",
           **data) -> None:
    trace_services.lot_event_record(actor=owner, lot=lot, kind=kind, data={
        "when": when, "site_gln": site, "quantity": None if quantity is None else Decimal(quantity),
        "uom": uom if quantity is not None else "", "note": note, **data})


def _case(seller_slug: str, serial: int) -> str:
    return "https://id.gs1.org/00/" + trade_rules.sscc(_prefix(seller_slug), serial)


def tea_story(*, owner, seller: Seller, sku, locations: dict, today: datetime.date,
              now: datetime.datetime) -> Lot | None:
    """Leaf to cup for one spring lot of 都匀毛尖; None when it was told before."""
    story = TEA_STORY
    if Site.objects.filter(gln=story_marker_gln(story)).exists():
        return None
    harvest = trade_rules.last_harvest(today, story["harvest_day"])
    made = harvest + datetime.timedelta(days=1)
    garden = _site(owner, seller, ref=story["garden"]["ref"], name=story["garden"]["name"],
                   address=story["garden"]["address"], kind=Site.Kind.FARM)
    workshop = locations[(seller.slug, story["workshop"])]
    shop: Location = locations[(seller.slug, story["shop"])]
    picked = story["leaves"]
    facts = {"field": picked["field"], "variety": picked["variety"]}
    leaves = trace_services.lot_register(actor=owner, draft=trace_services.LotDraft(
        gtin=gs1.gtin_make(_prefix(seller.slug), picked["item"]), code=f"{picked['lot_prefix']}{harvest:%y%m%d}-3",
        produced_on=harvest, origin=garden, ilmd={**facts, "grade": picked["grade"]}))
    _event(owner, leaves, "harvest", _at(harvest, 11, 30), garden.gln, picked["kg"], "KGM",
           "清明前采摘，一芽一叶初展，当天进厂摊青。", harvest_date=harvest, field_name=picked["field"],
           grade=picked["grade"], variety=picked["variety"])
    tea = trace_services.lot_register(actor=owner, draft=trace_services.LotDraft(
        gtin=sku.gtin, code=trade_rules.story_lot(story["lot_prefix"], harvest, story["lot_suffix"]),
        produced_on=made, expires_on=made + datetime.timedelta(days=story["shelf_days"]), origin=garden,
        ilmd={"harvestStartDate": harvest.isoformat(), **facts, "grade": "特级（明前）",
              "productionDate": made.isoformat()}))
    _event(owner, tea, "transformation", _at(made, 6, 30), workshop.gln, story["tea_kg"], "KGM",
           f"摊青、杀青、揉捻、搓团提毫、烘干：{picked['kg']} 公斤鲜叶制得 {story['tea_kg']} 公斤干茶。",
           inputs=[(leaves, Decimal(picked["kg"]), "KGM")])
    check = story["inspection"]
    _event(owner, tea, "inspection", _at(made + datetime.timedelta(days=5), 15), workshop.gln, None, "",
           check["note"], result="pass", inspector=check["inspector"], certificate_number=check["number"],
           certificate_issuer=check["issuer"])
    _event(owner, tea, "packing", _at(made + datetime.timedelta(days=7), 10), workshop.gln, story["boxes"], "EA",
           f"{story['boxes']} 盒（{sku.label}）装 12 箱，码成一托。", parent=_case(seller.slug, 260001))
    _event(owner, tea, "shipping", now - datetime.timedelta(hours=6), workshop.gln, story["shipped"], "EA",
           "都匀—荔波干线配送。", destination_gln=shop.gln, destination_name=shop.name)
    stock_services.stock_receive(actor=owner, sku=sku, location=shop, quantity=story["shipped"], lot=tea.code,
                                 reference="春茶到店", note="都匀毛尖特级绿茶（明前）到店验收。")
    return tea


def beef_story(*, owner, seller: Seller, sku, locations: dict, today: datetime.date,
               now: datetime.datetime) -> Lot | None:
    """A cold chain for one lot of 清真酱牛肉; None when it was told before."""
    story = BEEF_STORY
    if Site.objects.filter(gln=story_marker_gln(story)).exists():
        return None
    made = today - datetime.timedelta(days=2)
    plant = _site(owner, seller, ref=story["plant"]["ref"], name=story["plant"]["name"],
                  address=story["plant"]["address"], kind=Site.Kind.WORKSHOP)
    shop: Location = locations[(seller.slug, story["shop"])]
    lot = trace_services.lot_register(actor=owner, draft=trace_services.LotDraft(
        gtin=sku.gtin, code=trade_rules.story_lot(story["lot_prefix"], made), produced_on=made,
        expires_on=made + datetime.timedelta(days=story["shelf_days"]), origin=plant,
        ilmd={"variety": "临夏黄牛", "productionDate": made.isoformat(),
              "bestBeforeDate": (made + datetime.timedelta(days=story["shelf_days"])).isoformat()}))
    _event(owner, lot, "harvest", _at(made, 8), plant.gln, story["made"], "EA",
           "清真屠宰、卤制出锅，冷却后真空包装，0–4℃冷藏。", grade="一级", variety="临夏黄牛")
    check = story["inspection"]
    _event(owner, lot, "inspection", _at(made, 11), plant.gln, None, "", check["note"], result="pass",
           inspector=check["inspector"], certificate_number=check["number"], certificate_issuer=check["issuer"])
    _event(owner, lot, "packing", _at(made, 16), plant.gln, story["shipped"], "EA",
           f"{story['shipped']} 盒装入保温箱，加冰板。", parent=_case(seller.slug, 261124))
    left = now - datetime.timedelta(minutes=150)
    _event(owner, lot, "shipping", left, plant.gln, story["shipped"], "EA", f"{story['truck']}，全程 0–4℃。",
           destination_gln=shop.gln, destination_name=shop.name)
    for minutes, low, high, mean in story["readings"]:
        when = left + datetime.timedelta(minutes=minutes)
        _event(owner, lot, "temperature", when, None, story["shipped"], "EA", device=story["logger"],
               readings=[SensorReading(value=mean, min_value=low, max_value=high, mean_value=mean, time=when)])
    stock_services.stock_receive(actor=owner, sku=sku, location=shop, quantity=story["shipped"], lot=lot.code,
                                 reference="冷链到店", note="冷藏车到店，箱温 3.1℃，验收合格。")
    return lot
