import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chushan.core.errors import ApplicationError, Conflict, PermissionDenied, Unprocessable
from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory, RegionalBrandFactory, region
from chushan.sellers import selectors, services, tasks
from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Membership
from chushan.sellers.tests.factories import (
    CertificateFactory,
    DraftSellerFactory,
    PendingCertificateFactory,
    SellerFactory,
    member,
    operator,
    reviewer,
)
from chushan.sellers.tests.support import credit_code, jpeg_upload, pdf_upload, png_upload, snapshot

pytestmark = pytest.mark.django_db
Action = AdmissionDecision.Action
TODAY = timezone.localdate()


def draft(**overrides) -> services.CertificateDraft:
    values = {"kind": "ich_inheritor", "number": "黔非遗传承 2023-017", "issuer": "贵州省文化和旅游厅",
              "valid_from": TODAY - datetime.timedelta(days=30), "valid_until": TODAY + datetime.timedelta(days=700),
              "document": pdf_upload(), "ich_level": ListLevel.PROVINCIAL, "heritage_item_id": None,
              "holder_name": "王阿妹"}
    values.update(overrides)
    if values["kind"] == "ich_inheritor" and values["heritage_item_id"] is None:
        values["heritage_item_id"] = HeritageItemFactory().pk
    return services.CertificateDraft(**values)


def owner_of(seller):
    return seller.memberships.get(role=Membership.Role.OWNER).user


# --- certificate_upload -------------------------------------------------------------------------------

@pytest.mark.parametrize("upload, suffix", [(pdf_upload, ".pdf"), (png_upload, ".png"), (jpeg_upload, ".jpg")])
def test_a_member_uploads_a_certificate_that_waits_for_review(upload, suffix):
    seller = DraftSellerFactory()
    cert = services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft(document=upload()))
    assert cert.status == Certificate.Status.PENDING and cert.seller == seller
    assert cert.document.name.endswith(suffix) and "licence" not in cert.document.name
    assert cert.document.storage.exists(cert.document.name)
    decision = AdmissionDecision.objects.get(certificate=cert)
    assert (decision.action, decision.actor) == (Action.CERTIFICATE_SUBMITTED, owner_of(seller))


def test_scans_are_kept_out_of_public_media(settings):
    seller = DraftSellerFactory()
    cert = services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft())
    assert not cert.document.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        cert.document.url  # noqa: B018 - no public address exists


def test_a_renamed_file_is_judged_by_its_content():
    seller = DraftSellerFactory()
    disguised = SimpleUploadedFile("scan.pdf", png_upload().read(), content_type="application/pdf")
    cert = services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft(document=disguised))
    assert cert.document.name.endswith(".png")


@pytest.mark.parametrize("document, status", [
    (SimpleUploadedFile("x.exe", b"MZ\x90\x00" + b"\x00" * 100), 415),
    (SimpleUploadedFile("x.png", b"<html><script>alert(1)</script></html>"), 415),
    (SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20), 415),  # looks like PNG, is not
    (SimpleUploadedFile("x.pdf", b""), 422),
    (None, 422),
])
def test_files_that_are_not_scans_are_refused_and_nothing_is_written(document, status):
    seller = DraftSellerFactory()
    item = HeritageItemFactory()
    before = snapshot()
    with pytest.raises(ApplicationError) as exc:
        services.certificate_upload(actor=owner_of(seller), seller=seller,
                                    draft=draft(document=document, heritage_item_id=item.pk))
    assert exc.value.status == status and "document" in exc.value.errors
    assert snapshot() == before


def test_an_oversized_scan_is_refused_with_413(settings):
    settings.CHUSHAN_MAX_DOCUMENT_BYTES = 1024
    seller = DraftSellerFactory()
    item = HeritageItemFactory()
    before = snapshot()
    with pytest.raises(ApplicationError) as exc:
        services.certificate_upload(actor=owner_of(seller), seller=seller,
                                    draft=draft(document=pdf_upload(padding=2000), heritage_item_id=item.pk))
    assert exc.value.status == 413
    assert snapshot() == before


def test_an_expired_certificate_is_refused_with_422():
    seller = DraftSellerFactory()
    item = HeritageItemFactory()
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft(
            valid_from=datetime.date(2019, 1, 1), valid_until=TODAY - datetime.timedelta(days=1),
            heritage_item_id=item.pk))
    assert "valid_until" in exc.value.errors and "expired" in exc.value.errors["valid_until"][0]
    assert snapshot() == before


@pytest.mark.parametrize("overrides, field", [
    ({"ich_level": None}, "ich_level"),
    ({"ich_level": 9}, "ich_level"),
    ({"heritage_item_id": 999999}, "heritage_item"),
    ({"holder_name": ""}, "holder_name"),
    ({"number": ""}, "number"),
    ({"issuer": "x" * 121}, "issuer"),
    ({"kind": "gold_medal"}, "kind"),
    ({"kind": "green_food"}, "kind"),  # an inheritor holds no food certificate
    ({"kind": "brand_licence", "brand_id": None}, "brand"),
    ({"valid_until": TODAY - datetime.timedelta(days=400)}, "valid_until"),  # before valid_from
])
def test_incomplete_certificates_name_the_field(overrides, field):
    seller = DraftSellerFactory()
    data = draft(**overrides)
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.certificate_upload(actor=owner_of(seller), seller=seller, draft=data)
    assert field in exc.value.errors
    assert snapshot() == before


def test_a_brand_licence_names_its_brand_and_drops_ich_details():
    seller = DraftSellerFactory(entity_type="household")
    brand = RegionalBrandFactory(region=region("520221"))
    cert = services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft(
        kind="brand_licence", brand_id=brand.pk, number="SCC-2024-88", issuer="水城区茶叶发展中心"))
    assert cert.brand == brand and cert.ich_level is None and cert.heritage_item is None


def test_a_business_licence_number_is_the_sellers_credit_code():
    code = credit_code("91")
    seller = DraftSellerFactory(entity_type="enterprise", credit_code=code)
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft(
            kind="business_licence", number="12345", issuer="丹寨县市场监督管理局"))
    assert "number" in exc.value.errors
    assert snapshot() == before
    cert = services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft(
        kind="business_licence", number=code.lower(), issuer="丹寨县市场监督管理局",
        valid_until=datetime.date(2099, 12, 31)))
    assert cert.number == code


def test_the_same_certificate_cannot_be_uploaded_twice():
    seller = DraftSellerFactory()
    services.certificate_upload(actor=owner_of(seller), seller=seller, draft=draft())
    other = DraftSellerFactory()
    again = draft()
    before = snapshot()
    with pytest.raises(Conflict):
        services.certificate_upload(actor=owner_of(other), seller=other, draft=again)
    assert snapshot() == before


def test_another_sellers_member_cannot_upload():
    seller, outsider = DraftSellerFactory(), member()
    data = draft()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.certificate_upload(actor=outsider, seller=seller, draft=data)
    assert snapshot() == before


# --- certificate_review -------------------------------------------------------------------------------

def test_an_approved_certificate_shows_as_a_badge_and_earns_credit_once(changed, django_capture_on_commit_callbacks):
    seller = SellerFactory(credit_score=600)
    cert = PendingCertificateFactory(seller=seller)
    assert selectors.seller_badges(seller=seller) == []
    who = reviewer()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_review(actor=who, certificate=cert, approve=True)
    assert changed == [seller.pk]
    cert.refresh_from_db()
    assert (cert.status, cert.reviewed_by) == (Certificate.Status.APPROVED, who) and cert.reviewed_at
    assert [b.certificate for b in selectors.seller_badges(seller=seller)] == [cert]
    seller.refresh_from_db()
    assert seller.credit_score == 620
    assert CreditEvent.objects.get(seller=seller).reference == f"certificate:{cert.pk}"
    assert AdmissionDecision.objects.get(certificate=cert).action == Action.CERTIFICATE_APPROVED


def test_a_business_licence_earns_no_credit():
    seller = SellerFactory(entity_type="enterprise", credit_code=credit_code("91"))
    cert = PendingCertificateFactory(seller=seller, kind="business_licence", number=seller.credit_code,
                                     ich_level=None, heritage_item=None)
    services.certificate_review(actor=reviewer(), certificate=cert, approve=True)
    assert not CreditEvent.objects.exists()


def test_a_rejected_certificate_keeps_its_reason_and_shows_no_badge():
    seller = SellerFactory()
    cert = PendingCertificateFactory(seller=seller)
    services.certificate_review(actor=reviewer(), certificate=cert, approve=False, reason="证书编号与名录不符")
    cert.refresh_from_db()
    assert (cert.status, cert.review_reason) == ("rejected", "证书编号与名录不符")
    assert selectors.seller_badges(seller=seller) == []
    assert AdmissionDecision.objects.get(certificate=cert).reason == "证书编号与名录不符"


def test_refused_reviews_write_nothing():
    cert = PendingCertificateFactory(seller=SellerFactory())
    done = CertificateFactory(seller=cert.seller)
    expired = PendingCertificateFactory(seller=cert.seller, valid_from="2020-01-01", valid_until="2021-01-01")
    who, owner = reviewer(), member(cert.seller)
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.certificate_review(actor=who, certificate=cert, approve=False, reason="")
    with pytest.raises(Conflict):
        services.certificate_review(actor=who, certificate=done, approve=True)
    with pytest.raises(Unprocessable):
        services.certificate_review(actor=who, certificate=expired, approve=True)
    with pytest.raises(PermissionDenied):
        services.certificate_review(actor=owner, certificate=cert, approve=True)
    assert snapshot() == before


# --- certificate_revoke -------------------------------------------------------------------------------

def test_revoking_removes_the_badge_at_once(changed, django_capture_on_commit_callbacks):
    cert = CertificateFactory(seller=SellerFactory())
    assert selectors.seller_badges(seller=cert.seller)
    who = operator()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(actor=who, certificate=cert, reason="发证机关撤销")
    assert changed == [cert.seller_id]
    assert selectors.seller_badges(seller=cert.seller) == []
    decision = AdmissionDecision.objects.get(certificate=cert)
    assert (decision.action, decision.reason) == (Action.CERTIFICATE_REVOKED, "发证机关撤销")


def test_revocation_needs_a_reason_and_a_reviewer():
    cert = CertificateFactory(seller=SellerFactory())
    who, owner = reviewer(), member(cert.seller)
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.certificate_revoke(actor=who, certificate=cert, reason="")
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(actor=owner, certificate=cert, reason="mine")
    rejected = CertificateFactory(seller=cert.seller, status="rejected")
    before = snapshot()
    with pytest.raises(Conflict):
        services.certificate_revoke(actor=who, certificate=rejected, reason="x")
    assert snapshot() == before


# --- certificates_expire ------------------------------------------------------------------------------

def test_the_daily_task_expires_approved_certificates_once(changed, django_capture_on_commit_callbacks):
    seller = SellerFactory()
    old = CertificateFactory(seller=seller, valid_from="2020-01-01", valid_until=TODAY - datetime.timedelta(days=1))
    last_day = CertificateFactory(seller=seller, valid_until=TODAY)
    pending = PendingCertificateFactory(seller=seller, valid_from="2020-01-01", valid_until="2021-01-01")
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.certificates_expire.delay().get() == 1
        assert tasks.certificates_expire.delay().get() == 0
    assert changed == [seller.pk]  # search drops the badge; a second run announces nothing
    statuses = dict(Certificate.objects.values_list("pk", "status"))
    assert statuses == {old.pk: "expired", last_day.pk: "approved", pending.pk: "pending"}
    decision = AdmissionDecision.objects.get()
    assert (decision.certificate, decision.action, decision.actor) == (old, Action.CERTIFICATE_EXPIRED, None)


def test_expiry_removes_badges_the_day_after_the_last_valid_day():
    seller = SellerFactory()
    CertificateFactory(seller=seller, valid_until=TODAY)
    assert len(selectors.seller_badges(seller=seller)) == 1
    assert selectors.seller_badges(seller=seller, on=TODAY + datetime.timedelta(days=1)) == []
    services.certificates_expire(today=TODAY + datetime.timedelta(days=1))
    assert selectors.seller_badges(seller=seller) == []


def test_only_reviewers_may_run_expiry_by_hand():
    CertificateFactory(seller=SellerFactory(), valid_from="2020-01-01", valid_until="2021-01-01")
    with pytest.raises(PermissionDenied):
        services.certificates_expire(actor=member())
    assert Certificate.objects.get().status == "approved"
    assert services.certificates_expire(actor=reviewer()) == 1
