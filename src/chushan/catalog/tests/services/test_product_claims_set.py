"""product_claims_set: a claim is accepted only while a matching certificate is in force."""

import datetime

import pytest
from django.utils import timezone, translation

from chushan.catalog import services
from chushan.catalog.tests.helpers import capture_product_events, certificate, inheritor_certificate, regional_brand
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.sellers.models import Certificate

pytestmark = pytest.mark.django_db


def flags(product):
    product.refresh_from_db()
    return product.claims


def test_sets_backed_claims_and_tells_search(owner, seller, product, monkeypatch, django_capture_on_commit_callbacks):
    item, brand = HeritageItemFactory(), regional_brand()
    product.heritage_item, product.brand = item, brand
    product.save()
    inheritor_certificate(seller, item)
    certificate(seller, Certificate.Kind.HALAL)
    certificate(seller, Certificate.Kind.GEOGRAPHIC_INDICATION, brand=brand)
    log = capture_product_events(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        services.product_claims_set(actor=owner, product_id=product.pk, claims=["heritage", "halal", "brand"])
    assert flags(product) == ["heritage", "halal", "brand"]
    assert log == [{"product_ids": [product.pk]}]


def test_setting_fewer_claims_removes_the_others(owner, seller, product):
    certificate(seller, Certificate.Kind.HALAL)
    services.product_claims_set(actor=owner, product_id=product.pk, claims=["halal"])
    services.product_claims_set(actor=owner, product_id=product.pk, claims=[])
    assert flags(product) == []


def test_refuses_an_unbacked_claim_with_422_naming_the_certificate_and_changes_nothing(owner, seller, product):
    certificate(seller, Certificate.Kind.HALAL)
    with pytest.raises(Unprocessable) as refused, translation.override("en"):
        services.product_claims_set(actor=owner, product_id=product.pk, claims=["halal", "organic"])
    assert refused.value.status == 422
    assert refused.value.code == "claim_not_backed"
    assert refused.value.extra["missing"] == ["organic"]
    assert "organic certificate" in str(refused.value.message)
    assert flags(product) == []


def test_an_inheritor_certificate_for_another_item_does_not_back_the_heritage_claim(owner, seller, product):
    product.heritage_item = HeritageItemFactory(name="苗族刺绣")
    product.save()
    inheritor_certificate(seller, HeritageItemFactory(name="苗族蜡染技艺"))
    with pytest.raises(Unprocessable) as refused:
        services.product_claims_set(actor=owner, product_id=product.pk, claims=["heritage"])
    assert "苗族刺绣" in str(refused.value.message)
    assert flags(product) == []


@pytest.mark.parametrize("status, days_left", [
    (Certificate.Status.APPROVED, -1),  # past its end date, not yet marked expired by the daily task
    (Certificate.Status.EXPIRED, 100),
    (Certificate.Status.REVOKED, 100),
    (Certificate.Status.PENDING, 100),
])
def test_a_certificate_not_in_force_backs_nothing(owner, seller, product, status, days_left):
    today = timezone.localdate()
    certificate(seller, Certificate.Kind.HALAL, status=status, valid_from=today - datetime.timedelta(days=400),
                valid_until=today + datetime.timedelta(days=days_left))
    with pytest.raises(Unprocessable):
        services.product_claims_set(actor=owner, product_id=product.pk, claims=["halal"])
    assert flags(product) == []


def test_another_sellers_certificate_backs_nothing(owner, product):
    from chushan.sellers.tests.factories import SellerFactory

    certificate(SellerFactory(), Certificate.Kind.HALAL)
    with pytest.raises(Unprocessable):
        services.product_claims_set(actor=owner, product_id=product.pk, claims=["halal"])
    assert flags(product) == []


def test_unknown_claims_are_refused(owner, product):
    with pytest.raises(Unprocessable) as refused:
        services.product_claims_set(actor=owner, product_id=product.pk, claims=["fair_trade"])
    assert "claims" in refused.value.errors
    assert flags(product) == []


def test_another_sellers_staff_cannot_set_claims(rival, product):
    certificate(product.seller, Certificate.Kind.HALAL)
    with pytest.raises(NotFound):
        services.product_claims_set(actor=rival, product_id=product.pk, claims=["halal"])
    assert flags(product) == []


def test_a_shopper_cannot_set_claims(product):
    from chushan.accounts.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        services.product_claims_set(actor=UserFactory(), product_id=product.pk, claims=[])
