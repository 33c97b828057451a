"""Events a seller records from the phone console on a lot's page (harvest, inspection, packing, shipping,
receiving, cold-chain readings, transformation): built here as EPCIS events and captured like any other."""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.trace import builders
from chushan.trace.models import Lot, TraceEvent
from chushan.trace.services.capture import event_capture
from chushan.trace.services.identifiers import member_seller


def lot_facts(lot: Lot) -> builders.LotFacts:
    return builders.LotFacts(gtin=lot.gtin, code=lot.code, trace_code=lot.trace_code,
                             credit_code=lot.seller.credit_code if lot.seller_id else None)


def lot_event_record(*, actor, lot: Lot, kind: str, data: Mapping) -> TraceEvent:
    """Record one console event about the seller's lot; ``data`` is the form's cleaned data."""
    seller = member_seller(actor)
    if lot.seller_id != seller.pk:
        raise PermissionDenied(_("This lot belongs to another seller."))
    if kind not in builders.CONSOLE_KINDS:
        raise Unprocessable(_("Choose what happened to the lot."), errors={"kind": [_("Unknown kind of event.")]})
    if kind == "transformation":
        data = {**data, "inputs": [(lot_facts(source), quantity, uom) for source, quantity, uom in data["inputs"]]}
    event = builders.console_event(kind, lot_facts(lot), data)
    return event_capture(actor=actor, event=event, source=TraceEvent.Source.CONSOLE)
