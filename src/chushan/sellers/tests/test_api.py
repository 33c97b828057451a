import datetime

import pytest
from django.utils import timezone, translation

from chushan.accounts.tests.factories import UserFactory
from chushan.heritage.tests.factories import HeritageItemFactory
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
from chushan.sellers.tests.support import credit_code, pdf_upload, png_upload, snapshot

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PROBLEM = "application/problem+json"


def owner_of(seller):
    return seller.memberships.get(role="owner").user


def application_body(**overrides):
    return {"name": "卡拉蜡染合作社", "entity_type": "cooperative", "region_code": "522636",
            "address": "丹寨县龙泉镇卡拉村", "contact_name": "王阿妹", "contact_mobile": "13800138000",
            "credit_code": credit_code("93"), "ethnic_group_code": "miao", **overrides}


def certificate_form(**overrides):
    return {"kind": "ich_inheritor", "number": "QN-2023-0017", "issuer": "黔东南州文体广电旅游局",
            "valid_from": (TODAY - datetime.timedelta(days=10)).isoformat(),
            "valid_until": (TODAY + datetime.timedelta(days=900)).isoformat(),
            "ich_level": 2, "heritage_item_id": HeritageItemFactory().pk, "holder_name": "王阿妹",
            "document": pdf_upload(), **overrides}


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    return body


# --- public -------------------------------------------------------------------------------------------

def test_a_public_seller_shows_region_badges_and_credit(client):
    seller = SellerFactory(slug="kala-batik", credit_score=820)
    cert = CertificateFactory(seller=seller)
    CertificateFactory(seller=seller, status="pending")
    body = client.get("/api/v1/sellers/kala-batik").json()
    translation.activate("zh-hans")  # the level's label as the request saw it
    assert [r["code"] for r in body["region"]] == ["520000", "522600", "522636"]
    assert body["credit"] == {"score": 820, "band": "excellent", "band_label": "优秀"}
    label = f"{cert.get_ich_level_display()} · {cert.heritage_item.name}"
    assert body["badges"] == [{"kind": "ich_inheritor", "label": label}]


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_only_admitted_sellers_are_public(client, status):
    DraftSellerFactory(slug="hidden", status=status, admitted_at=timezone.now())
    assert_problem(client.get("/api/v1/sellers/hidden"), 404)


def test_odd_slugs_are_a_clean_404(client):
    assert_problem(client.get("/api/v1/sellers/%00x"), 404)
    assert_problem(client.get("/api/v1/sellers/" + "a" * 500), 404)


# --- members ------------------------------------------------------------------------------------------

def test_the_whole_admission_flow_through_the_api(client):
    user = UserFactory()
    client.force_login(user)
    created = client.post("/api/v1/admission/application", application_body(), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and "营业执照" in body["missing"]

    patched = client.patch("/api/v1/admission/application", {"contact_name": "王阿妹（理事长）"},
                           content_type="application/json")
    assert patched.status_code == 200 and patched.json()["contact_name"] == "王阿妹（理事长）"
    assert patched.json()["credit_code"] == body["credit_code"]

    licence = client.post("/api/v1/admission/certificates", certificate_form(
        kind="business_licence", number=body["credit_code"], issuer="丹寨县市场监督管理局",
        valid_until="2099-12-31", ich_level="", heritage_item_id="", holder_name=""))
    assert licence.status_code == 201, licence.content
    ich = client.post("/api/v1/admission/certificates", certificate_form(document=png_upload()))
    assert ich.status_code == 201, ich.content
    assert ich.json()["status"] == "pending" and ich.json()["document_url"].startswith("/console/certificates/")

    listed = client.get("/api/v1/admission/certificates").json()
    assert listed["count"] == 2 and {c["kind"] for c in listed["items"]} == {"business_licence", "ich_inheritor"}

    submitted = client.post("/api/v1/admission/application/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"

    client.force_login(reviewer())
    seller_id = body["id"]
    queue = client.get("/api/v1/admission/queue").json()
    assert queue["count"] == 1 and queue["items"][0]["pending_certificates"] == 2
    certs = client.get(f"/api/v1/admission/applications/{seller_id}/certificates").json()["items"]
    early = client.post(f"/api/v1/admission/applications/{seller_id}/decision", {"decision": "approve"},
                        content_type="application/json")
    assert assert_problem(early, 422)["pending_certificates"]
    for cert in certs:
        decided = client.post(f"/api/v1/admission/certificates/{cert['id']}/decision", {"decision": "approve"},
                              content_type="application/json")
        assert decided.status_code == 200 and decided.json()["in_force"] is True
    admitted = client.post(f"/api/v1/admission/applications/{seller_id}/decision", {"decision": "approve"},
                           content_type="application/json")
    assert admitted.status_code == 200 and admitted.json()["status"] == "admitted"
    assert admitted.json()["credit"]["score"] == 620  # admission 600 + one verified ICH certificate


def test_a_second_application_is_a_conflict(client):
    client.force_login(member())
    assert_problem(client.post("/api/v1/admission/application", application_body(),
                               content_type="application/json"), 409)


def test_a_wrong_check_character_is_refused_with_the_field(client):
    client.force_login(UserFactory())
    code = credit_code("93")
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    body = assert_problem(client.post("/api/v1/admission/application", application_body(credit_code=wrong),
                                      content_type="application/json"), 422)
    assert "credit_code" in body["errors"]
    assert not Seller.objects.exists()


@pytest.mark.parametrize("overrides", [
    {"entity_type": "bank"}, {"contact_mobile": "110"}, {"region_code": "52"}, {"name": ""},
    {"name": "x" * 101}, {"name": 42}, {"address": None},
])
def test_schema_violations_are_422_and_write_nothing(client, overrides):
    client.force_login(UserFactory())
    assert_problem(client.post("/api/v1/admission/application", application_body(**overrides),
                               content_type="application/json"), 422)
    assert not Seller.objects.exists()


def test_nul_characters_are_refused_not_crashed_on(client):
    client.force_login(UserFactory())
    assert_problem(client.post("/api/v1/admission/application", application_body(name="蜡\x00染"),
                               content_type="application/json"), 422)


def test_applying_needs_a_signed_in_user(client):
    assert_problem(client.post("/api/v1/admission/application", application_body(),
                               content_type="application/json"), 401)
    assert_problem(client.get("/api/v1/admission/application"), 401)


def test_a_shopper_without_an_application_gets_404(client):
    client.force_login(UserFactory())
    assert_problem(client.get("/api/v1/admission/application"), 404)
    assert_problem(client.post("/api/v1/admission/application/submit"), 404)


def test_a_patch_after_submission_is_a_conflict(client):
    seller = DraftSellerFactory(status="submitted")
    client.force_login(owner_of(seller))
    assert_problem(client.patch("/api/v1/admission/application", {"name": "改名"},
                                content_type="application/json"), 409)
    assert Seller.objects.get().name == seller.name


def test_an_expired_certificate_upload_is_422(client):
    seller = DraftSellerFactory()
    client.force_login(owner_of(seller))
    body = assert_problem(client.post("/api/v1/admission/certificates", certificate_form(
        valid_from="2019-01-01", valid_until=(TODAY - datetime.timedelta(days=1)).isoformat())), 422)
    assert "valid_until" in body["errors"]
    assert not Certificate.objects.exists()


def test_an_oversized_or_non_image_upload_is_refused(client, settings):
    seller = DraftSellerFactory()
    client.force_login(owner_of(seller))
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("scan.png", b"<svg onload=alert(1)>", content_type="image/png")
    assert_problem(client.post("/api/v1/admission/certificates", certificate_form(document=html)), 415)
    settings.CHUSHAN_MAX_DOCUMENT_BYTES = 100
    assert_problem(client.post("/api/v1/admission/certificates", certificate_form(document=pdf_upload(padding=500))),
                   413)
    missing = certificate_form()
    del missing["document"]
    assert_problem(client.post("/api/v1/admission/certificates", missing), 422)
    assert not Certificate.objects.exists()


# --- reviewers and operators --------------------------------------------------------------------------

def test_a_rejection_through_the_api_reaches_the_seller(client):
    seller = DraftSellerFactory(status="submitted", submitted_at=timezone.now())
    CertificateFactory(seller=seller)
    client.force_login(reviewer())
    assert_problem(client.post(f"/api/v1/admission/applications/{seller.pk}/decision", {"decision": "reject"},
                               content_type="application/json"), 422)
    rejected = client.post(f"/api/v1/admission/applications/{seller.pk}/decision",
                           {"decision": "reject", "reason": "请补充传承人证书原件照片"},
                           content_type="application/json")
    assert rejected.json()["status"] == "rejected"
    client.force_login(owner_of(seller))
    assert client.get("/api/v1/admission/application").json()["rejection_reason"] == "请补充传承人证书原件照片"


def test_the_queue_and_decisions_are_for_reviewers_only(client):
    seller = DraftSellerFactory(status="submitted")
    cert = PendingCertificateFactory(seller=seller)
    client.force_login(owner_of(seller))
    before = snapshot()
    assert_problem(client.get("/api/v1/admission/queue"), 403)
    assert_problem(client.get(f"/api/v1/admission/applications/{seller.pk}"), 403)
    assert_problem(client.get(f"/api/v1/admission/applications/{seller.pk}/certificates"), 403)
    assert_problem(client.post(f"/api/v1/admission/applications/{seller.pk}/decision", {"decision": "approve"},
                               content_type="application/json"), 403)
    assert_problem(client.post(f"/api/v1/admission/certificates/{cert.pk}/decision", {"decision": "approve"},
                               content_type="application/json"), 403)
    assert_problem(client.post(f"/api/v1/admission/certificates/{cert.pk}/revoke", {"reason": "x"},
                               content_type="application/json"), 403)
    assert snapshot() == before


def test_unknown_and_absurd_ids_are_404_or_422(client):
    client.force_login(reviewer())
    assert_problem(client.post("/api/v1/admission/applications/999999/decision", {"decision": "approve"},
                               content_type="application/json"), 404)
    assert_problem(client.post(f"/api/v1/admission/certificates/{2**70}/decision", {"decision": "approve"},
                               content_type="application/json"), 422)
    assert_problem(client.get("/api/v1/admission/applications/abc"), 422)


def test_operators_suspend_reinstate_and_record_credit(client):
    seller = SellerFactory(credit_score=600)
    client.force_login(operator())
    assert_problem(client.post(f"/api/v1/operator/sellers/{seller.pk}/suspend", {"reason": ""},
                               content_type="application/json"), 422)
    suspended = client.post(f"/api/v1/operator/sellers/{seller.pk}/suspend", {"reason": "假冒非遗产品"},
                            content_type="application/json")
    assert suspended.json()["status"] == "suspended"
    assert client.get(f"/api/v1/sellers/{seller.slug}").status_code == 404
    reinstated = client.post(f"/api/v1/operator/sellers/{seller.pk}/reinstate", {"reason": "整改完成"},
                             content_type="application/json")
    assert reinstated.json()["status"] == "admitted"
    for _retry in range(2):
        event = client.post(f"/api/v1/operator/sellers/{seller.pk}/credit-events",
                            {"kind": "complaint_upheld", "reference": "T-88"}, content_type="application/json")
        assert event.status_code == 201
    assert event.json()["points"] == -50 and event.json()["credit"]["score"] == 550
    assert_problem(client.post(f"/api/v1/operator/sellers/{seller.pk}/credit-events", {"kind": "admission"},
                               content_type="application/json"), 422)
    assert CreditEvent.objects.count() == 1
    actions = set(AdmissionDecision.objects.values_list("action", flat=True))
    assert actions == {"suspended", "reinstated"}


def test_sellers_and_reviewers_cannot_use_operator_endpoints(client):
    seller = SellerFactory()
    for user in (member(seller), member(), reviewer()):
        client.force_login(user)
        before = snapshot()
        assert_problem(client.post(f"/api/v1/operator/sellers/{seller.pk}/suspend", {"reason": "x"},
                                   content_type="application/json"), 403)
        assert_problem(client.post(f"/api/v1/operator/sellers/{seller.pk}/credit-events", {"kind": "violation"},
                                   content_type="application/json"), 403)
        assert snapshot() == before


# --- seller scoping: another seller's staff gets nothing ----------------------------------------------

def test_another_sellers_staff_see_and_change_only_their_own(client):
    mine, theirs = DraftSellerFactory(), DraftSellerFactory(name="别家合作社")
    PendingCertificateFactory(seller=theirs)
    client.force_login(owner_of(mine))
    before = snapshot()
    assert client.get("/api/v1/admission/application").json()["id"] == mine.pk
    assert client.get("/api/v1/admission/certificates").json()["count"] == 0
    # Every member endpoint works on the caller's own seller; there is no way to name another one.
    client.patch("/api/v1/admission/application", {"name": "改名"}, content_type="application/json")
    assert Seller.objects.get(pk=theirs.pk).name == "别家合作社"
    assert_problem(client.get(f"/api/v1/admission/applications/{theirs.pk}"), 403)
    assert_problem(client.post(f"/api/v1/admission/applications/{theirs.pk}/decision", {"decision": "approve"},
                               content_type="application/json"), 403)
    after = snapshot()
    assert after["certificates"] == before["certificates"] and after["decisions"] == before["decisions"]
