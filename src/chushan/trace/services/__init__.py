"""Every write of the trace app, one function per use case (see each module)."""

from chushan.trace.services.anchors import chain_anchor_day, chain_anchor_pending
from chushan.trace.services.capture import CaptureTooLarge, capture_limits, document_capture, event_capture
from chushan.trace.services.console import lot_event_record
from chushan.trace.services.identifiers import (
    LotDraft,
    SiteDraft,
    company_prefix_add,
    lot_register,
    serials_register,
    site_register,
)
from chushan.trace.services.inspectors import inspector_access_grant, inspector_access_revoke, lot_inspection_record
from chushan.trace.services.platform import platform_event_record, platform_return_record, platform_transfer_record
from chushan.trace.services.recall import lot_recall
from chushan.trace.services.verify import BrokenRecord, TraceVerification, chain_checks_record, verify_trace

__all__ = [
    "BrokenRecord", "CaptureTooLarge", "LotDraft", "SiteDraft", "TraceVerification", "capture_limits",
    "chain_anchor_day", "chain_anchor_pending", "chain_checks_record", "company_prefix_add", "document_capture",
    "event_capture", "inspector_access_grant", "inspector_access_revoke", "lot_event_record",
    "lot_inspection_record", "lot_recall", "lot_register", "platform_event_record", "platform_return_record",
    "platform_transfer_record", "serials_register",
    "site_register", "verify_trace",
]
