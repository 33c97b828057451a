"""Every write of the sellers app, one function per use case (see each module)."""

from chushan.sellers.services.applications import (
    SellerApplication,
    seller_apply,
    seller_reinstate,
    seller_review,
    seller_submit,
    seller_suspend,
    seller_update_application,
)
from chushan.sellers.services.certificates import (
    CertificateDraft,
    certificate_review,
    certificate_revoke,
    certificate_upload,
    certificates_expire,
)
from chushan.sellers.services.credit import credit_event_record
from chushan.sellers.services.staff import staff_add, staff_remove

__all__ = [
    "CertificateDraft", "SellerApplication", "certificate_review", "certificate_revoke", "certificate_upload",
    "certificates_expire", "credit_event_record", "seller_apply", "seller_reinstate", "seller_review",
    "seller_submit", "seller_suspend", "seller_update_application", "staff_add", "staff_remove",
]
