"""Recalling a lot: find everything downstream, mark the lot recalled in its chain, tell the shoppers."""

from collections import defaultdict
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.sellers.selectors import seller_of
from chushan.trace import builders, selectors
from chushan.trace.models import Lot, Recall, TraceEvent
from chushan.trace.notifiers import get_notifier
from chushan.trace.services.capture import event_capture
from chushan.trace.services.console import lot_facts


def lot_recall(*, actor, lot: Lot, reason: str) -> Recall:
    """The lot's seller (or an operator) recalls it: a 'recalled' event joins the chain, shoppers are told."""
    seller = seller_of(actor)
    if not (seller is not None and seller.pk == lot.seller_id) and not actor.has_perm("trace.add_recall"):
        raise PermissionDenied(_("Only the lot's seller or a platform operator can recall it."))
    reason = (reason or "").strip()
    if not reason:
        raise Unprocessable(_("Say why the lot is recalled."), errors={"reason": [_("This field is required.")]})
    with transaction.atomic():
        reach = selectors.recall_trace(lot=lot)
        spec = builders.EventSpec(when=timezone.now(), biz_step="holding", disposition="recalled",
                                  quantities=[builders.Quantity(lot_facts(x).epc_class) for x in reach.lots
                                              if x.seller_id == lot.seller_id],
                                  extensions={"recallReason": reason[:300], "traceCode": lot.trace_code})
        event_capture(actor=None, seller=lot.seller, event=builders.object_event(spec),
                      source=TraceEvent.Source.PLATFORM)
        by_shopper = defaultdict(list)
        for sale in reach.sales:
            if sale.shopper_id and sale.lot not in by_shopper[sale.shopper]:
                by_shopper[sale.shopper].append(sale.lot)
        recall = Recall.objects.create(lot=lot, reason=reason[:300], started_by=actor, lots_reached=len(reach.lots),
                                       shoppers_notified=len(by_shopper))
        for shopper, lots in by_shopper.items():
            transaction.on_commit(partial(_notify, shopper, recall, lots))
    return recall


def _notify(shopper, recall: Recall, lots: list) -> None:
    get_notifier().notify(shopper=shopper, recall=recall, lots=lots)
