"""EPCIS 2.0 JSON-LD events the platform writes itself: from the seller console and from its own operations.

Pure functions: values in, an event dict out (bare CBV words, canonical Digital Link URIs, Chushan extensions
under the ``chushan:`` prefix declared in the event's own @context so the event hashes alike anywhere).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from chushan.trace import gs1
from chushan.trace.rules import CONTEXT

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Quantity:
    epc_class: str
    quantity: Decimal | int | float | None = None
    uom: str | None = None

    def as_json(self) -> dict:
        element: dict = {"epcClass": self.epc_class}
        if self.quantity is not None:
            number = Decimal(str(self.quantity))
            element["quantity"] = int(number) if number == number.to_integral_value() else float(number)
            if self.uom:
                element["uom"] = self.uom
        return element


@dataclass(frozen=True)
class SensorReading:
    """One sensor report: a value, or min/max/mean over a period (e.g. a cold-chain logger's summary)."""

    kind: str = "Temperature"
    value: float | None = None
    min_value: float | None = None
    max_value: float | None = None
    mean_value: float | None = None
    uom: str = "CEL"
    time: datetime | None = None

    def as_json(self) -> dict:
        report: dict = {"type": f"gs1:{self.kind}"}
        for key, number in (("value", self.value), ("minValue", self.min_value), ("maxValue", self.max_value),
                            ("meanValue", self.mean_value)):
            if number is not None:
                report[key] = float(number)
        report["uom"] = self.uom
        if self.time is not None:
            report["time"] = event_timestamp(self.time)
        return report


@dataclass
class EventSpec:
    """Everything an event built here may carry; empty fields are left out."""

    when: datetime
    biz_step: str
    disposition: str = ""
    action: str = "OBSERVE"
    epcs: Sequence[str] = ()
    quantities: Sequence[Quantity] = ()
    read_point: str | None = None
    biz_location: str | None = None
    ilmd: Mapping | None = None
    certification: Sequence[str] = ()
    sensor: Sequence[SensorReading] = ()
    sensor_device: str | None = None
    transactions: Sequence[tuple[str, str]] = ()  # (CBV business transaction type, URI)
    sources: Sequence[tuple[str, str]] = ()  # (CBV source/destination type, URI)
    destinations: Sequence[tuple[str, str]] = ()
    extensions: Mapping = field(default_factory=dict)


def event_timestamp(moment: datetime) -> str:
    """eventTime in China time with milliseconds, e.g. 2024-05-01T08:00:00.000+08:00."""
    local = moment.astimezone(SHANGHAI)
    return f"{local:%Y-%m-%dT%H:%M:%S}.{local.microsecond // 1000:03d}{_offset(local)}"


def _offset(local: datetime) -> str:
    minutes = int(local.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _head(event_type: str, when: datetime) -> dict:
    return {"@context": CONTEXT, "type": event_type, "eventTime": event_timestamp(when),
            "eventTimeZoneOffset": _offset(when.astimezone(SHANGHAI))}


def _why_where(spec: EventSpec) -> dict:
    event: dict = {}
    if spec.biz_step:
        event["bizStep"] = spec.biz_step
    if spec.disposition:
        event["disposition"] = spec.disposition
    if spec.read_point:
        event["readPoint"] = {"id": spec.read_point}
    if spec.biz_location:
        event["bizLocation"] = {"id": spec.biz_location}
    if spec.transactions:
        event["bizTransactionList"] = [{"type": kind, "bizTransaction": uri} for kind, uri in spec.transactions]
    if spec.sources:
        event["sourceList"] = [{"type": kind, "source": uri} for kind, uri in spec.sources]
    if spec.destinations:
        event["destinationList"] = [{"type": kind, "destination": uri} for kind, uri in spec.destinations]
    if spec.sensor:
        element: dict = {"sensorReport": [reading.as_json() for reading in spec.sensor]}
        if spec.sensor_device:
            element["sensorMetadata"] = {"deviceID": spec.sensor_device}
        event["sensorElementList"] = [element]
    if spec.certification:
        event["certificationInfo"] = list(spec.certification) if len(spec.certification) > 1 else spec.certification[0]
    return event


def _extensions(extensions: Mapping) -> dict:
    """Chushan's own fields get the ``chushan:`` prefix; keys with a prefix already (``cbvmda:...``) are kept."""
    return {key if ":" in key else f"chushan:{key}": value for key, value in extensions.items()
            if value not in (None, "", [], {})}


def object_event(spec: EventSpec) -> dict:
    """An ObjectEvent: commissioning (ADD, with ILMD), inspecting, shipping, receiving, selling, sensing."""
    event = _head("ObjectEvent", spec.when)
    if spec.epcs:
        event["epcList"] = list(spec.epcs)
    if spec.quantities:
        event["quantityList"] = [q.as_json() for q in spec.quantities]
    event["action"] = spec.action
    event.update(_why_where(spec))
    if spec.ilmd and spec.action == "ADD":
        event["ilmd"] = _extensions(spec.ilmd)
    event.update(_extensions(spec.extensions))
    return event


def aggregation_event(spec: EventSpec, *, parent: str) -> dict:
    """An AggregationEvent: the children (``epcs``/``quantities``) packed into ``parent`` (a case)."""
    event = _head("AggregationEvent", spec.when)
    event["parentID"] = parent
    if spec.epcs:
        event["childEPCs"] = list(spec.epcs)
    if spec.quantities:
        event["childQuantityList"] = [q.as_json() for q in spec.quantities]
    event["action"] = spec.action
    event.update(_why_where(spec))
    event.update(_extensions(spec.extensions))
    return event


def transformation_event(spec: EventSpec, *, inputs: Iterable[Quantity], outputs: Iterable[Quantity]) -> dict:
    """A TransformationEvent: input lots consumed, output lots made (fresh leaves → tea, chillies → sauce)."""
    event = _head("TransformationEvent", spec.when)
    event["inputQuantityList"] = [q.as_json() for q in inputs]
    event["outputQuantityList"] = [q.as_json() for q in outputs]
    event.update(_why_where(spec))
    if spec.ilmd:
        event["ilmd"] = _extensions(spec.ilmd)
    event.update(_extensions(spec.extensions))
    return event


def lot_class(gtin: str, lot: str) -> str:
    """The EPC class URI of a lot, canonical Digital Link form."""
    return gs1.digital_link(gtin, lot=lot)


def place(gln: str) -> str:
    return gs1.gln_digital_link(gln)


# Events the seller console records on a lot's page --------------------------------------------------------


@dataclass(frozen=True)
class LotFacts:
    """What an event about a lot needs to know of it."""

    gtin: str
    code: str
    trace_code: str
    credit_code: str | None = None

    @property
    def epc_class(self) -> str:
        return lot_class(self.gtin, self.code)


CONSOLE_KINDS = ("harvest", "inspection", "packing", "shipping", "receiving", "temperature", "transformation")
INSPECTION_RESULTS = {"pass": "conformant", "fail": "non_conformant"}


def _lot_quantity(lot: LotFacts, data: Mapping) -> Quantity:
    return Quantity(lot.epc_class, data.get("quantity"), data.get("uom") or None)


def _marks(lot: LotFacts, data: Mapping) -> dict:
    return {"traceCode": lot.trace_code, "creditCode": lot.credit_code, "note": data.get("note")}


def console_event(kind: str, lot: LotFacts, data: Mapping) -> dict:
    """The EPCIS event for one console form: ``data`` holds the form's cleaned values (``when`` always)."""
    site = place(data["site_gln"]) if data.get("site_gln") else None
    common = {"when": data["when"], "read_point": site, "biz_location": site, "quantities": [_lot_quantity(lot, data)],
              "extensions": _marks(lot, data)}
    if kind == "harvest":
        ilmd = {"cbvmda:harvestStartDate": _date_text(data.get("harvest_date")), "field": data.get("field_name"),
                "grade": data.get("grade"), "variety": data.get("variety"), "traceCode": lot.trace_code,
                "creditCode": lot.credit_code}
        return object_event(EventSpec(biz_step="commissioning", disposition="active", action="ADD", ilmd=ilmd,
                                      **common))
    if kind == "inspection":
        extensions = {**common.pop("extensions"), "inspectionResult": data.get("result"),
                      "inspector": data.get("inspector"), "certificateNumber": data.get("certificate_number"),
                      "certificateIssuer": data.get("certificate_issuer")}
        certification = [data["certificate_url"]] if data.get("certificate_url") else []
        return object_event(EventSpec(biz_step="inspecting", disposition=INSPECTION_RESULTS[data["result"]],
                                      certification=certification, extensions=extensions, **common))
    if kind == "packing":
        return aggregation_event(EventSpec(biz_step="packing", disposition="in_progress", action="ADD", **common),
                                 parent=data["parent"])
    if kind == "shipping":
        destinations = [("location", place(data["destination_gln"]))] if data.get("destination_gln") else []
        common["extensions"]["destinationName"] = data.get("destination_name")
        return object_event(EventSpec(biz_step="shipping", disposition="in_transit", destinations=destinations,
                                      **common))
    if kind == "receiving":
        sources = [("location", place(data["source_gln"]))] if data.get("source_gln") else []
        common["extensions"]["sourceName"] = data.get("source_name")
        return object_event(EventSpec(biz_step="receiving", disposition="in_progress", sources=sources, **common))
    if kind == "temperature":
        return object_event(EventSpec(biz_step="sensor_reporting", sensor=data["readings"],
                                      sensor_device=data.get("device"), **common))
    if kind == "transformation":
        inputs = [Quantity(facts.epc_class, quantity, uom) for facts, quantity, uom in data["inputs"]]
        ilmd = {"traceCode": lot.trace_code, "creditCode": lot.credit_code}
        return transformation_event(EventSpec(biz_step="commissioning", disposition="active", ilmd=ilmd,
                                              **{**common, "quantities": ()}),
                                    inputs=inputs, outputs=[_lot_quantity(lot, data)])
    raise ValueError(f"unknown console event kind {kind!r}")


def _date_text(value) -> str | None:
    return value.isoformat() if value is not None else None
