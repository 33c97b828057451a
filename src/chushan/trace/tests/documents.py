"""EPCIS documents and events for tests, written the way a partner system would send them."""

import copy
import json

from chushan.trace import gs1

CONTEXT = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
           {"example": "https://ns.example.com/epcis/"}]


def lot_class(gtin: str, lot: str) -> str:
    return gs1.digital_link(gtin, lot=lot)


def place(gln: str) -> str:
    return gs1.gln_digital_link(gln)


def harvest(gtin: str, lot: str, gln: str, *, when="2024-04-20T07:30:00.000+08:00", quantity=120.5,
            **extra) -> dict:
    event = {
        "type": "ObjectEvent", "eventTime": when, "eventTimeZoneOffset": "+08:00", "action": "ADD",
        "quantityList": [{"epcClass": lot_class(gtin, lot), "quantity": quantity, "uom": "KGM"}],
        "bizStep": "commissioning", "disposition": "active",
        "readPoint": {"id": place(gln)}, "bizLocation": {"id": place(gln)},
        "ilmd": {"example:field": "雷公山3号地", "example:grade": "特级"},
    }
    event.update(extra)
    return event


def shipping(gtin: str, lot: str, gln: str, *, when="2024-04-22T09:00:00.000+08:00", **extra) -> dict:
    event = {
        "type": "ObjectEvent", "eventTime": when, "eventTimeZoneOffset": "+08:00", "action": "OBSERVE",
        "quantityList": [{"epcClass": lot_class(gtin, lot), "quantity": 10, "uom": "KGM"}],
        "bizStep": "shipping", "disposition": "in_transit", "readPoint": {"id": place(gln)},
    }
    event.update(extra)
    return event


def document(*events, context=None) -> dict:
    return {"@context": copy.deepcopy(context or CONTEXT), "type": "EPCISDocument", "schemaVersion": "2.0",
            "creationDate": "2024-05-01T08:00:00.000+08:00", "epcisBody": {"eventList": list(events)}}


def body(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()
