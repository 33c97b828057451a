"""A lot's story for the scan page: its events, the cases it travelled in, the lots it was made from and
into, cold-chain readings, and whether its events and chain records still verify.  Reads only."""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import pgettext_lazy

from chushan.sellers.selectors import seller_badges
from chushan.trace import rules
from chushan.trace.models import EventEpc, Lot, Serial, TraceEvent
from chushan.trace.selectors import place_names
from chushan.trace.services.verify import EventsIntegrity, events_verify

# Short words get the "trace" context: other apps translate "Shipped", "to" or "variety" in their own sense.
TITLES = {
    "commissioning": pgettext_lazy("trace", "Harvested or made"),
    "inspecting": pgettext_lazy("trace", "Inspected"),
    "packing": pgettext_lazy("trace", "Packed"),
    "shipping": pgettext_lazy("trace", "Shipped"),
    "receiving": pgettext_lazy("trace", "Received"),
    "transporting": pgettext_lazy("trace", "In transport"),
    "retail_selling": pgettext_lazy("trace", "Sold"),
    "sensor_reporting": pgettext_lazy("trace", "Cold-chain reading"),
    "holding": pgettext_lazy("trace", "Held"),
    "storing": pgettext_lazy("trace", "Stored"),
    "sampling": pgettext_lazy("trace", "Sampled"),
    "unpacking": pgettext_lazy("trace", "Unpacked"),
}
DISPOSITIONS = {
    "conformant": pgettext_lazy("trace", "passed"),
    "non_conformant": pgettext_lazy("trace", "failed"),
    "in_transit": pgettext_lazy("trace", "in transit"),
    "retail_sold": pgettext_lazy("trace", "sold"),
    "recalled": pgettext_lazy("trace", "recalled"),
    "active": pgettext_lazy("trace", "active"),
    "in_progress": pgettext_lazy("trace", "in progress"),
}
ILMD_LABELS = {
    "harvestStartDate": pgettext_lazy("trace", "harvest date"),
    "field": pgettext_lazy("trace", "field or garden"),
    "grade": pgettext_lazy("trace", "grade"),
    "variety": pgettext_lazy("trace", "variety"),
    "traceCode": pgettext_lazy("trace", "trace code (追溯码)"),
    "creditCode": pgettext_lazy("trace", "credit code"),
    "productionDate": pgettext_lazy("trace", "made on"),
    "bestBeforeDate": pgettext_lazy("trace", "best before"),
    "itemExpirationDate": pgettext_lazy("trace", "expires"),
    "countryOfOrigin": pgettext_lazy("trace", "country of origin"),
}
EXTENSION_LABELS = {
    "inspectionResult": pgettext_lazy("trace", "result"),
    "inspector": pgettext_lazy("trace", "inspector"),
    "certificateNumber": pgettext_lazy("trace", "certificate"),
    "certificateIssuer": pgettext_lazy("trace", "issued by"),
    "destinationName": pgettext_lazy("trace", "to"),
    "sourceName": pgettext_lazy("trace", "from"),
    "note": pgettext_lazy("trace", "note"),
    "recallReason": pgettext_lazy("trace", "reason"),
    "recallOrigin": pgettext_lazy("trace", "because of the recalled lot"),
}
RESULTS = {"pass": pgettext_lazy("trace", "passed"), "fail": pgettext_lazy("trace", "failed")}
UNITS = {
    "KGM": pgettext_lazy("trace", "kg"), "GRM": pgettext_lazy("trace", "g"), "EA": pgettext_lazy("trace", "pcs"),
    "LTR": pgettext_lazy("trace", "L"), "CT": pgettext_lazy("trace", "cases"), "TNE": pgettext_lazy("trace", "t"),
}


@dataclass
class Step:
    event: TraceEvent
    data: Mapping
    kind: str
    title: str
    when: datetime
    place: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    corrected: bool = False
    origin: str = ""  # for an event of a lot this one was made from: which one ("raw material · LEAF-01")
    readings: int = 1  # consecutive cold-chain readings are shown as one step
    by_inspector: bool = False  # recorded by the inspector themselves, with the seller's access


@dataclass
class ColdChain:
    points: list[tuple[datetime, float]]
    low: float
    high: float
    mean: float
    unit: str

    def chart(self, width: int = 300, height: int = 110, pad: int = 8) -> dict:
        """Coordinates for a small inline SVG line chart: the values, the min/max lines with their labels, and
        the first and last reading times under the plot."""
        times = [t.timestamp() for t, _v in self.points]
        t0, t1 = min(times), max(times)
        span_t = (t1 - t0) or 1.0
        span_v = (self.high - self.low) or 1.0
        left, right, bottom = 40, width - pad, height - 22  # room for value labels left, time labels below

        def y(v: float) -> float:
            return round(bottom - (v - self.low) / span_v * (bottom - pad - 6), 1)

        xs = [round(left + (t - t0) / span_t * (right - left), 1) for t in times]
        first, last = (timezone.localtime(self.points[i][0]) for i in (0, -1))
        same_day = first.date() == last.date()
        return {"width": width, "height": height, "left": left, "right": right, "label_x": left - 4,
                "axis_y": bottom + 6,
                "y_high": y(self.high), "y_low": y(self.low), "y_mean": y(self.mean),
                "points": " ".join(f"{x},{y(v)}" for x, (_t, v) in zip(xs, self.points, strict=True)),
                "dots": [(x, y(v)) for x, (_t, v) in zip(xs, self.points, strict=True)],
                "first": f"{first:%m-%d %H:%M}", "last": f"{last:%H:%M}" if same_day else f"{last:%m-%d %H:%M}",
                "time_y": height - 6, "high": f"{self.high:g}{self.unit}", "low": f"{self.low:g}{self.unit}"}


@dataclass
class LotStory:
    lot: Lot | None  # None for a serialised item registered without its lot
    serial: Serial | None
    steps: list[Step]
    integrity: EventsIntegrity
    badges: list
    cold_chain: ColdChain | None
    sold_at: list[str]
    recalled: bool
    events: list[TraceEvent]  # the lot's own events and its cases' (the JSON-LD answer)
    upstream: list[TraceEvent] = field(default_factory=list)  # events of the lots it was made from

    @property
    def lot_facts(self) -> list[tuple[str, str]]:
        """The lot's master data (ILMD) with readable labels."""
        ilmd = self.lot.ilmd if self.lot else {}
        return [(str(ILMD_LABELS.get(_local(key), _local(key))), str(value)) for key, value in ilmd.items()
                if value not in (None, "")]


def scan_url(gtin: str, lot: str) -> str:
    return f"/01/{gtin}/10/{quote(lot, safe='')}"


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].rsplit("}", 1)[-1]


def _lot_events(lot: Lot | None, serial: Serial | None) -> tuple[list[TraceEvent], set[int], set[int]]:
    """Events naming the lot (or the one serial), and the ones naming cases it was packed into."""
    own = EventEpc.objects.filter(lot=lot)
    if serial is not None:
        item = Q(epc=rules.Key(ai="01", value=serial.gtin, serial=serial.serial).canonical)
        classes = Q(lot=lot, role__in=("class", "child_class", "input_class", "output_class")) if lot else Q()
        own = EventEpc.objects.filter(item | classes if lot else item)
    own_ids = set(own.values_list("event_id", flat=True))
    packed = EventEpc.objects.filter(event_id__in=own_ids, role="parent", event__event_type="AggregationEvent")
    cases = set(packed.values_list("epc", flat=True))
    case_ids = set(EventEpc.objects.filter(epc__in=cases).values_list("event_id", flat=True)) - own_ids
    events = list(TraceEvent.objects.filter(pk__in=own_ids | case_ids).order_by("event_time", "pk"))
    return events, own_ids, case_ids


def _site_names(events: Iterable[TraceEvent]) -> dict[str, str]:
    return place_names(uris={link for event in events for link in (event.read_point, event.biz_location) if link})


def _links(event: TraceEvent, lot: Lot) -> list[tuple[str, str]]:
    """Other lots an event connects: inputs of a transformation that made this lot, outputs of one that used it."""
    if event.event_type != "TransformationEvent":
        return []
    roles = EventEpc.objects.filter(event=event, lot__isnull=False).exclude(lot=lot).select_related("lot__sku__product")
    links = []
    for index in roles:
        made_from = index.role in ("input", "input_class")
        verb = pgettext_lazy("trace", "made from") if made_from else pgettext_lazy("trace", "made into")
        links.append((f"{verb} {_lot_name(index.lot)} · {index.lot.code}", scan_url(index.lot.gtin, index.lot.code)))
    return links


def _details(data: Mapping, hidden: set[str]) -> list[tuple[str, str]]:
    """Readable facts of one event; values in ``hidden`` (the lot's trace code, its maker's credit code, shown
    once above the timeline) are left out."""
    details = []
    for key, value in (data.get("ilmd") or {}).items():
        if str(value) not in hidden:
            details.append((str(ILMD_LABELS.get(_local(key), _local(key))), str(value)))
    for key, value in data.items():
        if ":" in key and _local(key) in EXTENSION_LABELS:
            shown = RESULTS.get(value, value) if _local(key) == "inspectionResult" else value
            details.append((str(EXTENSION_LABELS[_local(key)]), str(shown)))
    for element in () if data.get("sensorElementList") else (
            data.get("quantityList") or data.get("outputQuantityList") or ()):
        if isinstance(element, Mapping) and "quantity" in element:
            unit = element.get("uom", "")
            amount = f"{element['quantity']} {UNITS.get(unit, unit)}".strip()
            details.append((str(pgettext_lazy("trace", "quantity")), amount))
            break
    if isinstance(data.get("parentID"), str):
        details.append((str(pgettext_lazy("trace", "case")), data["parentID"]))
    for _when, value, low, high, unit in _temperatures(data, None):
        details.append((str(pgettext_lazy("trace", "temperature")), _range(low, high, value, unit)))
    return details


def _range(low: float, high: float, mean: float, unit: str) -> str:
    unit = {"CEL": "°C", "FAH": "°F"}.get(unit, unit)
    if low == high == mean:
        return f"{mean:g}{unit}"
    label = pgettext_lazy("trace", "mean")  # outside the f-string, where makemessages finds it
    return f"{low:g}–{high:g}{unit} ({label} {mean:g}{unit})"


def _step(event: TraceEvent, data: Mapping, lot: Lot, places: dict, corrected: set, hidden: set[str]) -> Step:
    step_word = rules.cbv_word(event.biz_step) if event.biz_step else ""
    kind = "transformation" if event.event_type == "TransformationEvent" else (
        "packing" if event.event_type == "AggregationEvent" else step_word or "other")
    if data.get("sensorElementList") and kind not in ("shipping", "receiving"):
        kind = "sensor_reporting"
    if kind == "transformation":
        title = str(pgettext_lazy("trace", "Transformed"))
    else:
        title = str(TITLES.get(kind, step_word or pgettext_lazy("trace", "Event")))
    disposition = rules.cbv_word(event.disposition) if event.disposition else ""
    if disposition in DISPOSITIONS and kind in ("inspecting", "holding"):
        title += f" · {DISPOSITIONS[disposition]}"
    certificates = data.get("certificationInfo") or []
    place_id = event.biz_location or event.read_point
    return Step(event=event, data=data, kind=kind, title=title, when=event.event_time,
                place=places.get(place_id, place_id), details=_details(data, hidden), links=_links(event, lot),
                certificates=certificates if isinstance(certificates, list) else [certificates],
                corrected=event.event_id in corrected, by_inspector=event.source == TraceEvent.Source.INSPECTOR)


def _merged_readings(steps: list[Step]) -> list[Step]:
    """Consecutive cold-chain readings as one step: when they start and end, how many, the range."""
    merged: list[Step] = []
    for step in steps:
        last = merged[-1] if merged else None
        if step.kind != "sensor_reporting" or last is None or last.kind != "sensor_reporting" \
                or last.origin != step.origin:
            merged.append(step)
            continue
        if last.readings == 1:  # a copy: the first reading's own event data stays as it was
            last.data = {"sensorElementList": list(last.data.get("sensorElementList") or ())}
        last.data["sensorElementList"] += list(step.data.get("sensorElementList") or ())
        readings = sorted(_temperatures(last.data, last.when), key=lambda r: r[0])
        last.readings += 1
        last.place = last.place or step.place
        last.title = f"{TITLES['sensor_reporting']} ×{last.readings}"
        if not readings:  # humidity or other readings only: the count is all we show
            continue
        first_time, last_time = (timezone.localtime(t) for t in (readings[0][0], readings[-1][0]))
        shown = f"{first_time:%H:%M}–{last_time:%H:%M}" if first_time.date() == last_time.date() else \
            f"{first_time:%m-%d %H:%M}–{last_time:%m-%d %H:%M}"
        mean = round(sum(r[1] for r in readings) / len(readings), 1)
        last.details = [(str(pgettext_lazy("trace", "time")), shown),
                        (str(pgettext_lazy("trace", "temperature")),
                         _range(min(r[2] for r in readings), max(r[3] for r in readings), mean, readings[0][4]))]
    return merged


def _temperatures(data: Mapping, event_time: datetime) -> Iterable[tuple[datetime, float, float, float, str]]:
    for element in data.get("sensorElementList") or ():
        meta_time = (element.get("sensorMetadata") or {}).get("time")
        for report in element.get("sensorReport") or ():
            if _local(str(report.get("type", ""))) != "Temperature":
                continue
            value = report.get("value", report.get("meanValue"))
            if not isinstance(value, int | float):
                continue
            when = parse_datetime(str(report.get("time") or meta_time or "")) or event_time
            low, high = report.get("minValue", value), report.get("maxValue", value)
            yield when, float(value), float(low), float(high), str(report.get("uom", "CEL"))


def cold_chain(steps: list[Step]) -> ColdChain | None:
    readings = [r for step in steps for r in _temperatures(step.data, step.when)]
    if not readings:
        return None
    readings.sort(key=lambda r: r[0])
    points = [(when, value) for when, value, _lo, _hi, _u in readings]
    unit = {"CEL": "°C", "FAH": "°F"}.get(readings[0][4], readings[0][4])
    return ColdChain(points=points, low=min(r[2] for r in readings), high=max(r[3] for r in readings),
                     mean=round(sum(v for _w, v in points) / len(points), 1), unit=unit)


def _lot_name(lot: Lot) -> str:
    return lot.sku.product.name if lot.sku_id else str(lot.ilmd.get("variety") or lot.gtin)


def _upstream(lot: Lot | None, own_ids: set[int], depth: int = 3, limit: int = 200) -> list[tuple[TraceEvent, Lot]]:
    """Events of the lots this lot was made from (their harvest, inspections...), a few transformations back."""
    found: dict[int, tuple[TraceEvent, Lot]] = {}
    frontier, seen = ({lot.pk}, {lot.pk}) if lot else (set(), set())
    for _level in range(depth):
        made = EventEpc.objects.filter(lot_id__in=frontier, role__in=("output", "output_class"),
                                       event__event_type="TransformationEvent").values("event_id")
        inputs = list(Lot.objects.filter(pk__in=EventEpc.objects.filter(
            event_id__in=made, role__in=("input", "input_class")).values("lot_id")).exclude(pk__in=seen)
            .select_related("sku__product"))
        if not inputs:
            break
        by_lot = {x.pk: x for x in inputs}
        rows = (EventEpc.objects.filter(lot_id__in=by_lot).exclude(event_id__in=own_ids | set(found))
                .order_by("event_id").values_list("event_id", "lot_id")[:limit])
        events = TraceEvent.objects.in_bulk({event_id for event_id, _l in rows})
        for event_id, lot_id in rows:
            found.setdefault(event_id, (events[event_id], by_lot[lot_id]))
        frontier = set(by_lot)
        seen |= frontier
    return sorted(found.values(), key=lambda pair: (pair[0].event_time, pair[0].pk))


def lot_story(lot: Lot | None, serial: Serial | None = None) -> LotStory:
    events, own, cases = _lot_events(lot, serial)
    upstream = _upstream(lot, own | cases)
    seller = lot.seller if lot else serial.seller
    shown = events + [event for event, _source in upstream]
    declared = {e.event_id for e in shown if e.declares_error}
    places = _site_names(shown)
    hidden = {value for value in (lot.trace_code if lot else None, seller.credit_code) if value}
    steps = [_step(e, json.loads(e.body), lot, places, declared, hidden) for e in events if not e.declares_error]
    chain = cold_chain(steps)
    for event, source in upstream:
        if not event.declares_error:
            step = _step(event, json.loads(event.body), source, places, declared, hidden)
            raw = pgettext_lazy("trace", "raw material")
            step.origin = f"{raw} · {_lot_name(source)} · {source.code}"
            steps.append(step)
    steps.sort(key=lambda step: (step.when, step.event.pk))
    sold_at = sorted({s.place for s in steps if s.kind == "retail_selling" and s.place and not s.origin})
    return LotStory(lot=lot, serial=serial, steps=_merged_readings(steps), integrity=events_verify(shown),
                    badges=seller_badges(seller=seller), cold_chain=chain, sold_at=sold_at,
                    recalled=any(rules.cbv_word(s.event.disposition) == "recalled" for s in steps if not s.origin),
                    events=events, upstream=[event for event, _source in upstream])
