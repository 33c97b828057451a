"""The seller's credit record (信用), fed by after-sales: one event per cause, whatever retries."""

from chushan.sellers.models import Seller
from chushan.sellers.services import credit_event_record


def record(*, seller_id: int, kind: str, reference: str, note: str = "") -> None:
    """A missed deadline or an upheld complaint; the unique (seller, kind, reference) keeps it to one event."""
    credit_event_record(actor=None, seller=Seller.objects.get(pk=seller_id), kind=kind, reference=reference[:80],
                        note=note[:300])
