import pytest

from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Seller
from chushan.sellers.tests.factories import (
    CertificateFactory,
    DraftSellerFactory,
    PendingCertificateFactory,
    SellerFactory,
    member,
    operator,
    reviewer,
)
from chushan.sellers.tests.support import pdf_upload, snapshot

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/sellers/seller/"
CERTIFICATES = "/admin/sellers/certificate/"


def submitted(**kwargs):
    seller = DraftSellerFactory(status="submitted", **kwargs)
    CertificateFactory(seller=seller)
    return seller


def test_the_queue_lists_waiting_sellers_for_a_reviewer(client):
    waiting = submitted(name="待审合作社")
    SellerFactory(name="老字号商家")
    client.force_login(reviewer())
    page = client.get(CHANGELIST + "?queue=waiting")
    assert page.status_code == 200
    assert "待审合作社" in page.content.decode() and "老字号商家" not in page.content.decode()
    detail = client.get(f"{CHANGELIST}{waiting.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()  # read-only


def test_a_reviewer_admits_from_the_admin(client):
    seller, who = submitted(), reviewer()
    client.force_login(who)
    response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [seller.pk]}, follow=True)
    assert response.status_code == 200
    seller.refresh_from_db()
    assert seller.status == "admitted" and seller.credit_score == 600
    assert AdmissionDecision.objects.get(seller=seller).actor == who


def test_rejecting_asks_for_a_reason_first(client):
    seller = submitted()
    client.force_login(reviewer())
    page = client.post(CHANGELIST, {"action": "reject", "_selected_action": [seller.pk]})
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    assert Seller.objects.get(pk=seller.pk).status == "submitted"
    empty = client.post(CHANGELIST, {"action": "reject", "_selected_action": [seller.pk], "apply": "1", "reason": ""})
    assert empty.status_code == 200 and Seller.objects.get(pk=seller.pk).status == "submitted"
    client.post(CHANGELIST, {"action": "reject", "_selected_action": [seller.pk], "apply": "1",
                             "reason": "证书照片不清晰"}, follow=True)
    assert Seller.objects.get(pk=seller.pk).status == "rejected"
    assert AdmissionDecision.objects.get(seller=seller).reason == "证书照片不清晰"


def test_a_refused_admission_is_reported_not_applied(client):
    seller = submitted()
    PendingCertificateFactory(seller=seller, kind="halal", ich_level=None, heritage_item=None)
    client.force_login(reviewer())
    before = snapshot()
    response = client.post(CHANGELIST, {"action": "approve", "_selected_action": [seller.pk]}, follow=True)
    assert "Review every certificate" in response.content.decode() or "请先审核" in response.content.decode()
    assert snapshot() == before


def test_operators_suspend_with_a_reason_and_record_credit(client):
    seller = SellerFactory(credit_score=600)
    client.force_login(operator())
    client.post(CHANGELIST, {"action": "suspend", "_selected_action": [seller.pk], "apply": "1",
                             "reason": "假冒非遗"}, follow=True)
    assert Seller.objects.get(pk=seller.pk).status == "suspended"
    client.post(CHANGELIST, {"action": "record_credit_event", "_selected_action": [seller.pk], "apply": "1",
                             "kind": "violation", "reference": "T-1", "note": ""}, follow=True)
    assert Seller.objects.get(pk=seller.pk).credit_score == 450
    assert CreditEvent.objects.get().actor is not None


def test_reviewers_cannot_suspend_from_the_admin(client):
    seller = SellerFactory()
    client.force_login(reviewer())
    before = snapshot()
    response = client.post(CHANGELIST, {"action": "suspend", "_selected_action": [seller.pk], "apply": "1",
                                        "reason": "x"}, follow=True)
    assert response.status_code == 200
    assert snapshot() == before


def test_certificates_are_approved_and_rejected_from_their_admin(client, settings):
    ok, bad = PendingCertificateFactory(seller=SellerFactory()), PendingCertificateFactory(seller=SellerFactory())
    ok.document.save("scan.pdf", pdf_upload())
    client.force_login(reviewer())
    listing = client.get(CERTIFICATES).content.decode()
    assert f"/console/certificates/{ok.pk}/document/" in listing
    client.post(CERTIFICATES, {"action": "approve", "_selected_action": [ok.pk]}, follow=True)
    client.post(CERTIFICATES, {"action": "reject", "_selected_action": [bad.pk], "apply": "1", "reason": "过期"},
                follow=True)
    assert dict(Certificate.objects.values_list("pk", "status")) == {ok.pk: "approved", bad.pk: "rejected"}
    assert client.get(f"/console/certificates/{ok.pk}/document/").status_code == 200


def test_the_audit_trail_cannot_be_edited_or_deleted(client):
    seller = submitted()
    from chushan.sellers import services

    services.seller_review(actor=reviewer(), seller=seller, approve=False, reason="缺材料")
    decision = AdmissionDecision.objects.get()
    superuser = member()
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)
    assert client.get("/admin/sellers/admissiondecision/").status_code == 200
    page = client.get(f"/admin/sellers/admissiondecision/{decision.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert client.get(f"/admin/sellers/admissiondecision/{decision.pk}/delete/").status_code == 403
    assert client.get("/admin/sellers/admissiondecision/add/").status_code == 403
    assert client.post(f"/admin/sellers/admissiondecision/{decision.pk}/change/", {"reason": "改写"}).status_code == 403
    assert client.get("/admin/sellers/creditevent/add/").status_code == 403
    assert AdmissionDecision.objects.get().reason == "缺材料"


def test_sellers_cannot_open_the_back_office(client):
    client.force_login(member())
    assert client.get(CHANGELIST).status_code == 302  # to the admin login
