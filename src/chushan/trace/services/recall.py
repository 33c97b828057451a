"""Recalling a lot: find everything downstream, mark those lots recalled in their chains, tell the shoppers."""

import logging
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

log = logging.getLogger(__name__)


def lot_recall(*, actor, lot: Lot, reason: str) -> Recall:
    """The lot's seller (or an operator) recalls it: a 'recalled' event joins the chain of every seller whose lots
    it reached (made from it, packed with it), and the shoppers who got any of them are told after the commit."""
    seller = seller_of(actor)
    if not (seller is not None and seller.pk == lot.seller_id) and not actor.has_perm("trace.add_recall"):
        raise PermissionDenied(_("Only the lot's seller or a platform operator can recall it."))
    reason = (reason or "").strip()
    if not reason:
        raise Unprocessable(_("Say why the lot is recalled."), errors={"reason": [_("This field is required.")]})
    with transaction.atomic():
        reach = selectors.recall_trace(lot=lot)
        now = timezone.now()
        by_seller = defaultdict(list)
        for reached in reach.lots:
            by_seller[reached.seller_id].append(reached)
        # Each seller whose lots it reached gets the 'recalled' event in its own chain, so that the scan page
        # of a sauce made from recalled chillies says so too.
        for seller_id, lots in sorted(by_seller.items(), key=lambda item: item[0] != lot.seller_id):
            extensions = {"recallReason": reason[:300]}
            if seller_id == lot.seller_id:
                extensions["traceCode"] = lot.trace_code
            else:
                extensions["recallOrigin"] = lot_facts(lot).epc_class
            spec = builders.EventSpec(when=now, biz_step="holding", disposition="recalled",
                                      quantities=[builders.Quantity(lot_facts(x).epc_class) for x in lots],
                                      extensions=extensions)
            event_capture(actor=None, seller=lots[0].seller, event=builders.object_event(spec),
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
    # After the commit the recall stands; one shopper's failed message must not stop the others' or undo it.
    try:
        get_notifier().notify(shopper=shopper, recall=recall, lots=lots)
    except Exception:
        log.exception("recall %s: telling shopper %s failed", recall.pk, shopper.pk)
