import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.sellers import services
from chushan.sellers.models import AdmissionDecision, CreditEvent, Membership, Seller
from chushan.sellers.tests.factories import (
    CertificateFactory,
    DraftSellerFactory,
    PendingCertificateFactory,
    SellerFactory,
    member,
    operator,
    reviewer,
)
from chushan.sellers.tests.support import snapshot

pytestmark = pytest.mark.django_db
Action = AdmissionDecision.Action


def submitted_seller(**kwargs):
    seller = DraftSellerFactory(status=Seller.Status.SUBMITTED, **kwargs)
    CertificateFactory(seller=seller)  # an approved ICH certificate in force
    return seller


# --- seller_review ------------------------------------------------------------------------------------

def test_a_reviewer_admits_a_seller_and_its_credit_record_opens(changed, django_capture_on_commit_callbacks):
    seller, who = submitted_seller(), reviewer()
    with django_capture_on_commit_callbacks(execute=True):
        admitted = services.seller_review(actor=who, seller=seller, approve=True)
    assert admitted.status == Seller.Status.ADMITTED and admitted.admitted_at
    assert admitted.credit_score == 600
    event = CreditEvent.objects.get(seller=seller)
    assert (event.kind, event.points, event.reference, event.actor) == ("admission", 600, "admission", who)
    decision = AdmissionDecision.objects.get(seller=seller)
    assert (decision.action, decision.actor) == (Action.APPROVED, who)
    assert changed == [seller.pk]


def test_a_reviewer_rejects_with_a_reason_the_seller_sees():
    seller, who = submitted_seller(), reviewer()
    rejected = services.seller_review(actor=who, seller=seller, approve=False, reason="营业执照模糊，请重新拍照")
    assert rejected.status == Seller.Status.REJECTED
    decision = AdmissionDecision.objects.get(seller=seller)
    assert (decision.action, decision.reason) == (Action.REJECTED, "营业执照模糊，请重新拍照")
    assert not CreditEvent.objects.exists()


def test_a_rejection_needs_a_reason():
    seller, who = submitted_seller(), reviewer()
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.seller_review(actor=who, seller=seller, approve=False, reason="  ")
    assert "reason" in exc.value.errors
    assert snapshot() == before


def test_a_reason_over_300_characters_is_refused():
    seller, who = submitted_seller(), reviewer()
    with pytest.raises(Unprocessable):
        services.seller_review(actor=who, seller=seller, approve=False, reason="x" * 301)
    assert Seller.objects.get(pk=seller.pk).status == Seller.Status.SUBMITTED


def test_admission_waits_until_every_certificate_is_reviewed():
    seller, who = submitted_seller(), reviewer()
    pending = PendingCertificateFactory(seller=seller, kind="halal", ich_level=None, heritage_item=None)
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.seller_review(actor=who, seller=seller, approve=True)
    assert exc.value.extra["pending_certificates"] == [pending.pk]
    assert snapshot() == before


def test_admission_needs_the_required_certificates_approved_and_in_force():
    seller = DraftSellerFactory(status=Seller.Status.SUBMITTED)
    CertificateFactory(seller=seller, valid_from="2020-01-01", valid_until="2021-01-01")  # approved, expired
    before = snapshot()
    with pytest.raises(Unprocessable) as exc:
        services.seller_review(actor=reviewer(), seller=seller, approve=True)
    assert exc.value.extra["missing"] == ["an ICH inheritor certificate"]
    assert snapshot() == before


@pytest.mark.parametrize("status", [Seller.Status.DRAFT, Seller.Status.ADMITTED, Seller.Status.REJECTED])
def test_only_submitted_applications_are_reviewed(status):
    seller = submitted_seller()
    Seller.objects.filter(pk=seller.pk).update(status=status, admitted_at="2025-01-01T00:00:00Z")
    who = reviewer()
    before = snapshot()
    with pytest.raises(Conflict):
        services.seller_review(actor=who, seller=seller, approve=True)
    assert snapshot() == before


def test_sellers_and_shoppers_cannot_review():
    seller = submitted_seller()
    for actor in (seller.memberships.get().user, UserFactory(), member()):
        before = snapshot()
        with pytest.raises(PermissionDenied):
            services.seller_review(actor=actor, seller=seller, approve=True)
        assert snapshot() == before


def test_a_reviewer_cannot_review_a_seller_they_work_for():
    seller = submitted_seller()
    who = reviewer()
    Membership.objects.create(user=who, seller=seller, role=Membership.Role.STAFF)
    with pytest.raises(PermissionDenied):
        services.seller_review(actor=who, seller=seller, approve=True)
    assert Seller.objects.get(pk=seller.pk).status == Seller.Status.SUBMITTED


def test_a_rejected_seller_can_fix_and_resubmit_and_then_be_admitted_once():
    seller, who = submitted_seller(), reviewer()
    services.seller_review(actor=who, seller=seller, approve=False, reason="缺少照片")
    services.seller_submit(actor=seller.memberships.get().user, seller=seller)
    services.seller_review(actor=who, seller=seller, approve=True)
    actions = list(AdmissionDecision.objects.filter(seller=seller).order_by("pk").values_list("action", flat=True))
    assert actions == [Action.REJECTED, Action.SUBMITTED, Action.APPROVED]
    assert CreditEvent.objects.filter(seller=seller, kind="admission").count() == 1


# --- seller_suspend / seller_reinstate ----------------------------------------------------------------

def test_an_operator_suspends_and_reinstates_with_reasons(changed, django_capture_on_commit_callbacks):
    seller, who = SellerFactory(), operator()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.seller_suspend(actor=who, seller=seller, reason="售假投诉核实").status == "suspended"
        assert services.seller_reinstate(actor=who, seller=seller, reason="整改完成").status == "admitted"
    trail = list(AdmissionDecision.objects.filter(seller=seller).order_by("pk").values_list("action", "reason"))
    assert trail == [(Action.SUSPENDED, "售假投诉核实"), (Action.REINSTATED, "整改完成")]
    assert changed == [seller.pk, seller.pk]


def test_suspension_needs_a_reason_and_the_operator_role():
    seller = SellerFactory()
    the_operator, the_reviewer, the_owner = operator(), reviewer(), member(seller)
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.seller_suspend(actor=the_operator, seller=seller, reason="")
    with pytest.raises(PermissionDenied):
        services.seller_suspend(actor=the_reviewer, seller=seller, reason="no role")
    with pytest.raises(PermissionDenied):
        services.seller_suspend(actor=the_owner, seller=seller, reason="self")
    assert snapshot() == before


def test_only_admitted_sellers_are_suspended_and_only_suspended_ones_reinstated():
    draft, admitted, who = DraftSellerFactory(), SellerFactory(), operator()
    before = snapshot()
    with pytest.raises(Conflict):
        services.seller_suspend(actor=who, seller=draft, reason="x")
    with pytest.raises(Conflict):
        services.seller_reinstate(actor=who, seller=admitted, reason="x")
    assert snapshot() == before
