"""Test helpers: uploaded files made on the spot, and a snapshot proving nothing was written."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Membership, Seller


def png_upload(name="licence.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg_upload(name="licence.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 30, 200)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name="licence.pdf", padding=0) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\n" + b"0" * padding + b"\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def snapshot() -> dict:
    """Every row the sellers app owns, as comparable values."""
    return {
        "sellers": list(Seller.objects.order_by("pk").values_list(
            "pk", "name", "status", "credit_score", "credit_code", "region_id", "entity_type", "contact_mobile")),
        "memberships": list(Membership.objects.order_by("pk").values_list("pk", "user_id", "seller_id", "role")),
        "certificates": list(Certificate.objects.order_by("pk").values_list("pk", "status", "number", "review_reason")),
        "decisions": AdmissionDecision.objects.count(),
        "credit_events": CreditEvent.objects.count(),
    }


def credit_code(prefix: str = "91", area: str = "522636", org_body: str = "MA6DJ001") -> str:
    """A well-formed 统一社会信用代码 with both check characters computed (GB 11714 and GB 32100)."""
    from chushan.sellers.rules import credit_code_check_character, organisation_code_check_character

    body = prefix + area + org_body + organisation_code_check_character(org_body)
    return body + credit_code_check_character(body)
