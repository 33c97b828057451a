import datetime

import pytest
from django.utils import timezone

from chushan.accounts.tests.factories import UserFactory
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.sellers.models import Certificate, Membership, Seller
from chushan.sellers.tests.factories import (
    CertificateFactory,
    DraftSellerFactory,
    PendingCertificateFactory,
    SellerFactory,
    member,
    reviewer,
)
from chushan.sellers.tests.support import credit_code, pdf_upload, png_upload, snapshot

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def owner_of(seller):
    return seller.memberships.get(role="owner").user


def application_post(**overrides):
    return {"name": "雷山银饰工坊", "entity_type": "inheritor", "credit_code": "", "province": "520000",
            "prefecture": "522600", "region": "522634", "address": "雷山县西江镇", "contact_name": "杨师傅",
            "contact_mobile": "13885512345", "ethnic_group": "miao", "story": "", **overrides}


def test_the_console_needs_a_signed_in_user(client):
    for path in ("/console/", "/console/application/", "/console/certificates/", "/console/staff/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_shopper_is_invited_to_apply(client):
    client.force_login(UserFactory())
    page = client.get("/console/")
    assert page.status_code == 200 and "/console/application/" in page.content.decode()
    assert client.get("/console/certificates/").status_code == 302


def test_applying_from_the_console(client):
    user = UserFactory()
    client.force_login(user)
    form = client.get("/console/application/")
    assert form.status_code == 200 and 'hx-get="/console/regions/prefectures/"' in form.content.decode()
    response = client.post("/console/application/", application_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    seller = Seller.objects.get()
    assert (seller.name, seller.region_id, seller.status) == ("雷山银饰工坊", "522634", "draft")
    assert Membership.objects.get(user=user).role == "owner"
    dashboard = client.get("/console/").content.decode()
    assert "雷山银饰工坊" in dashboard and 'data-testid="missing"' in dashboard


def test_a_wrong_credit_code_is_shown_on_the_form(client):
    client.force_login(UserFactory())
    code = credit_code("91")
    wrong = code[:17] + ("1" if code[17] != "1" else "2")
    page = client.post("/console/application/", application_post(entity_type="enterprise", credit_code=wrong))
    assert page.status_code == 200
    assert page.context["form"].errors["credit_code"]
    assert not Seller.objects.exists()


def test_a_county_from_another_prefecture_is_refused(client):
    client.force_login(UserFactory())
    page = client.post("/console/application/", application_post(region="622926"))  # 东乡 is not under 黔东南
    assert page.status_code == 200 and "region" in page.context["form"].errors
    assert not Seller.objects.exists()


def test_the_region_lists_refresh_without_javascript(client):
    client.force_login(UserFactory())
    page = client.post("/console/application/", application_post(prefecture="", region="", _refresh="1"))
    assert page.status_code == 200 and not Seller.objects.exists()
    assert ("522600", "黔东南苗族侗族自治州") in page.context["form"].fields["prefecture"].choices


def test_htmx_region_options(client):
    client.force_login(UserFactory())
    prefectures = client.get("/console/regions/prefectures/?province=520000").content.decode()
    assert '<option value="522600">' in prefectures and 'hx-swap-oob' in prefectures
    counties = client.get("/console/regions/counties/?prefecture=522600").content.decode()
    assert '<option value="522636">' in counties and "丹寨县" in counties
    municipality = client.get("/console/regions/prefectures/?province=110000").content.decode()
    assert '<option value="110000">' in municipality  # districts hang directly under Beijing
    for odd in ("%00", "52%0000", "abcdef", "1" * 400):
        response = client.get(f"/console/regions/counties/?prefecture={odd}")
        assert response.status_code == 200 and "<option value=\"\">" in response.content.decode()
    refreshed = client.post("/console/application/", application_post(province="52\x000000", _refresh="1"))
    assert refreshed.status_code == 200


def test_editing_is_closed_once_submitted(client):
    seller = DraftSellerFactory(status="submitted")
    client.force_login(owner_of(seller))
    page = client.get("/console/application/")
    assert page.context["editable"] is False
    client.post("/console/application/", application_post(name="改名"))
    assert Seller.objects.get().name == seller.name


def test_uploading_a_certificate_from_a_phone(client):
    seller = DraftSellerFactory()
    client.force_login(owner_of(seller))
    page = client.get("/console/certificates/new/").content.decode()
    assert 'accept="application/pdf,image/jpeg,image/png' in page and 'enctype="multipart/form-data"' in page
    response = client.post("/console/certificates/new/", {
        "kind": "ich_inheritor", "number": "黔非遗 2023-001", "issuer": "贵州省文化和旅游厅",
        "valid_from": (TODAY - datetime.timedelta(days=5)).isoformat(), "long_term": "on",
        "ich_level": "3", "heritage_item": HeritageItemFactory().pk, "holder_name": "杨师傅",
        "document": png_upload()})
    assert response.status_code == 302, response.content.decode()[:3000]
    cert = Certificate.objects.get()
    assert cert.status == "pending" and cert.valid_until == datetime.date(2099, 12, 31)
    listing = client.get("/console/certificates/").content.decode()
    assert "黔非遗 2023-001" in listing and f"/console/certificates/{cert.pk}/document/" in listing
    scan = client.get(f"/console/certificates/{cert.pk}/document/")
    assert scan.status_code == 200 and scan["Content-Type"] == "image/png"


def test_an_expired_certificate_is_a_form_error(client):
    seller = DraftSellerFactory()
    client.force_login(owner_of(seller))
    page = client.post("/console/certificates/new/", {
        "kind": "ich_inheritor", "number": "X-1", "issuer": "贵州省文化和旅游厅", "valid_from": "2019-01-01",
        "valid_until": "2020-01-01", "ich_level": "3", "heritage_item": HeritageItemFactory().pk,
        "holder_name": "杨师傅", "document": pdf_upload()})
    assert page.status_code == 200 and "valid_until" in page.context["form"].errors
    assert not Certificate.objects.exists()


def test_a_non_image_upload_is_a_form_error(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    seller = DraftSellerFactory()
    client.force_login(owner_of(seller))
    page = client.post("/console/certificates/new/", {
        "kind": "ich_inheritor", "number": "X-1", "issuer": "厅", "valid_from": "2024-01-01", "long_term": "on",
        "ich_level": "3", "heritage_item": HeritageItemFactory().pk, "holder_name": "杨",
        "document": SimpleUploadedFile("a.png", b"#!/bin/sh\nrm -rf /")})
    assert page.status_code == 200 and "document" in page.context["form"].errors
    assert not Certificate.objects.exists()


def test_the_kind_fields_fragment_shows_only_what_the_kind_needs(client):
    seller = DraftSellerFactory(entity_type="household")
    client.force_login(owner_of(seller))
    brand = client.get("/console/certificates/fields/?kind=brand_licence").content.decode()
    assert 'name="brand"' in brand and 'name="heritage_item"' not in brand
    halal = client.get("/console/certificates/fields/?kind=halal").content.decode()
    assert 'name="brand"' not in halal and 'name="heritage_item"' not in halal


def test_submitting_from_the_dashboard(client):
    seller = DraftSellerFactory()
    client.force_login(owner_of(seller))
    client.post("/console/application/submit/")
    assert Seller.objects.get().status == "draft"  # nothing to show yet: refused with a message
    PendingCertificateFactory(seller=seller)
    response = client.post("/console/application/submit/", follow=True)
    assert Seller.objects.get().status == "submitted"
    assert response.status_code == 200


def test_the_dashboard_shows_credit_badges_and_the_rejection_reason(client):
    seller = SellerFactory(credit_score=650)
    CertificateFactory(seller=seller)
    client.force_login(member(seller))
    page = client.get("/console/").content.decode()
    assert "650" in page and 'data-testid="badge"' in page
    rejected = DraftSellerFactory(status="rejected")
    from chushan.sellers.models import AdmissionDecision

    AdmissionDecision.objects.create(seller=rejected, action="rejected", reason="请上传营业执照")
    client.force_login(owner_of(rejected))
    assert "请上传营业执照" in client.get("/console/").content.decode()


def test_the_owner_manages_staff(client):
    seller = SellerFactory()
    owner = member(seller)
    clerk = UserFactory(mobile="13600001111")
    client.force_login(owner)
    client.post("/console/staff/", {"mobile": "13600001111"})
    membership = Membership.objects.get(user=clerk)
    assert membership.seller == seller and membership.role == "staff"
    unknown = client.post("/console/staff/", {"mobile": "13600009999"})
    assert unknown.status_code == 200 and unknown.context["form"].errors["mobile"]
    client.post(f"/console/staff/{membership.pk}/remove/")
    assert not Membership.objects.filter(user=clerk).exists()


def test_staff_see_the_team_but_cannot_change_it(client):
    seller = SellerFactory()
    owner = member(seller)
    clerk = member(seller, role="staff")
    client.force_login(clerk)
    page = client.get("/console/staff/")
    assert page.context["is_owner"] is False
    before = snapshot()
    client.post("/console/staff/", {"mobile": UserFactory().mobile})
    client.post(f"/console/staff/{owner.membership.pk}/remove/")
    after = snapshot()
    assert after["memberships"] == before["memberships"]


# --- seller scoping -----------------------------------------------------------------------------------

def test_another_sellers_staff_cannot_see_scans_or_touch_staff(client):
    seller = SellerFactory()
    cert = CertificateFactory(seller=seller)
    cert.document.save("scan.pdf", pdf_upload())
    clerk = member(seller, role="staff")
    intruder = member()  # owner of another seller
    client.force_login(intruder)
    before = snapshot()
    assert client.get(f"/console/certificates/{cert.pk}/document/").status_code == 404
    assert client.post(f"/console/staff/{clerk.membership.pk}/remove/").status_code == 404
    listing = client.get("/console/certificates/").content.decode()
    assert cert.number not in listing
    assert snapshot() == before
    client.force_login(reviewer())
    assert client.get(f"/console/certificates/{cert.pk}/document/").status_code == 200
