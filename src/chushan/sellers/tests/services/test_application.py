import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.heritage.tests.factories import RegionalBrandFactory, region
from chushan.sellers import services
from chushan.sellers.models import AdmissionDecision, Membership, Seller
from chushan.sellers.tests.factories import (
    CertificateFactory,
    DraftSellerFactory,
    PendingCertificateFactory,
    SellerFactory,
    member,
)
from chushan.sellers.tests.support import credit_code, snapshot

pytestmark = pytest.mark.django_db


def application(**overrides) -> services.SellerApplication:
    values = {"name": "丹寨县卡拉蜡染有限公司", "entity_type": "enterprise", "region_code": "522636",
              "address": "丹寨县龙泉镇卡拉村 1 号", "contact_name": "王阿妹", "contact_mobile": "13800138000",
              "credit_code": credit_code("91"), "story": "蜡染世家", "ethnic_group_code": "miao"}
    return services.SellerApplication(**{**values, **overrides})


def owner_of(seller):
    return seller.memberships.get(role=Membership.Role.OWNER).user


# --- seller_apply -------------------------------------------------------------------------------------

def test_applying_creates_a_draft_seller_owned_by_the_applicant():
    user = UserFactory()
    seller = services.seller_apply(actor=user, data=application())
    assert seller.status == Seller.Status.DRAFT and seller.credit_score == 0
    assert seller.region_id == "522636" and seller.ethnic_group.code == "miao"
    assert seller.slug.startswith("dan-zhai-xian")
    assert Membership.objects.get(user=user).seller == seller
    assert Membership.objects.get(user=user).role == Membership.Role.OWNER


def test_credit_codes_are_stored_normalised():
    code = credit_code("91")
    seller = services.seller_apply(actor=UserFactory(), data=application(credit_code=f" {code[:6]} {code[6:].lower()}"))
    assert seller.credit_code == code


def test_an_inheritor_may_apply_without_a_credit_code():
    seller = services.seller_apply(actor=UserFactory(), data=application(entity_type="inheritor", credit_code=""))
    assert seller.credit_code is None


def test_same_names_get_distinct_slugs():
    first = services.seller_apply(actor=UserFactory(), data=application(credit_code="", entity_type="household"))
    second = services.seller_apply(actor=UserFactory(), data=application(credit_code="", entity_type="household"))
    assert first.slug != second.slug


@pytest.mark.parametrize("overrides, field", [
    ({"credit_code": "91350100M000100Y44"}, "credit_code"),  # wrong check character
    ({"credit_code": ""}, "credit_code"),  # an enterprise must give one
    ({"credit_code": credit_code("93")}, "credit_code"),  # a cooperative's code for an enterprise
    ({"credit_code": credit_code("91", area="999900")}, "credit_code"),  # no such division
    ({"region_code": "522600"}, "region"),  # a prefecture, not a county
    ({"region_code": "000000"}, "region"),
    ({"contact_mobile": "12345"}, "contact_mobile"),
    ({"name": "   "}, "name"),
    ({"name": "蜡" * 101}, "name"),
    ({"entity_type": "bank"}, "entity_type"),
    ({"ethnic_group_code": "atlantean"}, "ethnic_group"),
])
def test_bad_applications_are_refused_with_the_field_and_nothing_is_written(overrides, field):
    user = UserFactory()
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.seller_apply(actor=user, data=application(**overrides))
    assert field in exc.value.errors
    assert snapshot() == before


def test_every_wrong_field_is_reported_at_once():
    with pytest.raises(Unprocessable) as exc:
        services.seller_apply(actor=UserFactory(), data=application(contact_mobile="1", region_code="1", name=""))
    assert {"contact_mobile", "region", "name"} <= set(exc.value.errors)


def test_a_credit_code_used_by_another_seller_is_a_conflict():
    code = credit_code("91")
    SellerFactory(entity_type="enterprise", credit_code=code)
    before = snapshot()
    with pytest.raises(Conflict) as exc:
        services.seller_apply(actor=UserFactory(), data=application(credit_code=code))
    assert "credit_code" in exc.value.errors
    assert snapshot() == before


def test_one_account_works_for_one_seller_only():
    user = member()
    before = snapshot()
    with pytest.raises(Conflict):
        services.seller_apply(actor=user, data=application())
    assert snapshot() == before


def test_anonymous_visitors_cannot_apply():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.seller_apply(actor=AnonymousUser(), data=application())
    assert not Seller.objects.exists()


# --- seller_update_application ------------------------------------------------------------------------

def test_a_draft_can_be_changed_by_its_members():
    seller = DraftSellerFactory()
    staff = member(seller, role=Membership.Role.STAFF)
    data = application(name="卡拉蜡染坊", credit_code="", entity_type="inheritor")
    updated = services.seller_update_application(actor=staff, seller=seller, data=data)
    assert updated.name == "卡拉蜡染坊" and updated.entity_type == "inheritor"
    seller.refresh_from_db()
    assert seller.name == "卡拉蜡染坊"


def test_a_seller_keeps_its_own_credit_code_when_editing():
    seller = services.seller_apply(actor=UserFactory(), data=application())
    updated = services.seller_update_application(actor=owner_of(seller), seller=seller,
                                                 data=application(credit_code=seller.credit_code, name="新名"))
    assert updated.name == "新名"


@pytest.mark.parametrize("status", [Seller.Status.SUBMITTED, Seller.Status.ADMITTED, Seller.Status.SUSPENDED])
def test_an_application_under_review_or_decided_cannot_be_changed(status):
    seller = DraftSellerFactory(status=status, admitted_at="2025-01-01T00:00:00Z")
    before = snapshot()
    with pytest.raises(Conflict):
        services.seller_update_application(actor=owner_of(seller), seller=seller, data=application(name="X"))
    assert snapshot() == before


def test_a_rejected_application_can_be_changed():
    seller = DraftSellerFactory(status=Seller.Status.REJECTED)
    services.seller_update_application(actor=owner_of(seller), seller=seller,
                                       data=application(credit_code="", entity_type="household"))
    seller.refresh_from_db()
    assert seller.entity_type == "household" and seller.status == Seller.Status.REJECTED


def test_another_sellers_member_cannot_change_an_application():
    seller = DraftSellerFactory()
    outsider = member()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.seller_update_application(actor=outsider, seller=seller, data=application(name="Hijacked"))
    assert snapshot() == before


# --- seller_submit ------------------------------------------------------------------------------------

def test_an_inheritor_with_an_ich_certificate_can_submit():
    seller = DraftSellerFactory()
    PendingCertificateFactory(seller=seller)
    submitted = services.seller_submit(actor=owner_of(seller), seller=seller)
    assert submitted.status == Seller.Status.SUBMITTED and submitted.submitted_at
    decision = AdmissionDecision.objects.get(seller=seller)
    assert decision.action == AdmissionDecision.Action.SUBMITTED and decision.actor == owner_of(seller)


def test_an_enterprise_needs_its_business_licence_to_submit():
    seller = DraftSellerFactory(entity_type="enterprise", credit_code=credit_code("91"))
    PendingCertificateFactory(seller=seller, kind="halal", ich_level=None, heritage_item=None)
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.seller_submit(actor=owner_of(seller), seller=seller)
    assert exc.value.extra["missing"] == ["a business licence"]
    assert snapshot() == before
    PendingCertificateFactory(seller=seller, kind="business_licence", number=seller.credit_code,
                              ich_level=None, heritage_item=None)
    assert services.seller_submit(actor=owner_of(seller), seller=seller).status == Seller.Status.SUBMITTED


def test_expired_rejected_or_revoked_certificates_do_not_count():
    seller = DraftSellerFactory()
    PendingCertificateFactory(seller=seller, valid_from="2020-01-01", valid_until="2021-01-01")
    CertificateFactory(seller=seller, status="rejected")
    CertificateFactory(seller=seller, status="revoked")
    with pytest.raises(Unprocessable) as exc:
        services.seller_submit(actor=owner_of(seller), seller=seller)
    assert exc.value.extra["missing"] == ["an ICH inheritor certificate"]
    assert not AdmissionDecision.objects.exists()


def test_certificates_that_do_not_fit_the_entity_stop_the_submission():
    seller = DraftSellerFactory(entity_type="household")
    PendingCertificateFactory(seller=seller, kind="green_food", ich_level=None, heritage_item=None)
    PendingCertificateFactory(seller=seller)  # an ICH certificate on a household
    with pytest.raises(Unprocessable):
        services.seller_submit(actor=owner_of(seller), seller=seller)
    assert Seller.objects.get(pk=seller.pk).status == Seller.Status.DRAFT


def test_a_submitted_application_cannot_be_submitted_again():
    seller = DraftSellerFactory(status=Seller.Status.SUBMITTED)
    PendingCertificateFactory(seller=seller)
    with pytest.raises(Conflict):
        services.seller_submit(actor=owner_of(seller), seller=seller)
    assert not AdmissionDecision.objects.exists()


def test_another_sellers_member_cannot_submit():
    seller = DraftSellerFactory()
    PendingCertificateFactory(seller=seller)
    outsider = member()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.seller_submit(actor=outsider, seller=seller)
    assert snapshot() == before


def test_a_brand_licence_counts_for_a_household():
    seller = DraftSellerFactory(entity_type="household")
    PendingCertificateFactory(seller=seller, kind="brand_licence", brand=RegionalBrandFactory(region=region("520221")),
                              ich_level=None, heritage_item=None)
    assert services.seller_submit(actor=owner_of(seller), seller=seller).status == Seller.Status.SUBMITTED
