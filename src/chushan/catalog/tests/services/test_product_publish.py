"""Putting a product on and off sale."""

import datetime

import pytest
from django.utils import timezone

from chushan.catalog import services
from chushan.catalog.models import Product
from chushan.catalog.tests.factories import DraftProductFactory, SkuFactory
from chushan.catalog.tests.helpers import certificate
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import SellerFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(seller, category):
    product = DraftProductFactory(seller=seller, category=category)
    SkuFactory(product=product)
    return product


def status(product):
    product.refresh_from_db()
    return product.status


def test_an_admitted_sellers_draft_goes_on_sale(owner, draft):
    services.product_publish(actor=owner, product_id=draft.pk)
    draft.refresh_from_db()
    assert draft.status == Product.Status.PUBLISHED and draft.published_at


def test_publishing_twice_changes_nothing(owner, product):
    when = Product.objects.get(pk=product.pk).published_at
    services.product_publish(actor=owner, product_id=product.pk)
    assert Product.objects.get(pk=product.pk).published_at == when


@pytest.mark.parametrize("seller_status", [Seller.Status.SUBMITTED, Seller.Status.SUSPENDED, Seller.Status.REJECTED])
def test_only_admitted_sellers_publish(category, seller_status):
    seller = SellerFactory(status=seller_status)
    product = DraftProductFactory(seller=seller, category=category)
    SkuFactory(product=product)
    with pytest.raises(PermissionDenied):
        services.product_publish(actor=member(seller), product_id=product.pk)
    assert status(product) == Product.Status.DRAFT


def test_a_product_without_a_sku_on_sale_stays_a_draft(owner, draft):
    draft.skus.update(is_active=False)
    with pytest.raises(Unprocessable):
        services.product_publish(actor=owner, product_id=draft.pk)
    assert status(draft) == Product.Status.DRAFT


def test_a_claim_whose_certificate_expired_must_go_before_publishing(owner, seller, draft):
    today = timezone.localdate()
    certificate(seller, Certificate.Kind.HALAL, valid_from=today - datetime.timedelta(days=400),
                valid_until=today - datetime.timedelta(days=1))
    Product.objects.filter(pk=draft.pk).update(claim_halal=True)
    with pytest.raises(Unprocessable) as refused:
        services.product_publish(actor=owner, product_id=draft.pk)
    assert refused.value.extra["missing"] == ["halal"]
    assert status(draft) == Product.Status.DRAFT


def test_a_delisted_product_cannot_be_put_back_by_its_seller(owner, product, platform_operator):
    services.product_delist(actor=platform_operator, product_id=product.pk, reason="假冒非遗")
    with pytest.raises(Conflict):
        services.product_publish(actor=owner, product_id=product.pk)
    with pytest.raises(Conflict):
        services.product_unpublish(actor=owner, product_id=product.pk)
    assert status(product) == Product.Status.DELISTED


def test_unpublish_returns_it_to_draft_and_is_idempotent(owner, product):
    services.product_unpublish(actor=owner, product_id=product.pk)
    services.product_unpublish(actor=owner, product_id=product.pk)
    assert status(product) == Product.Status.DRAFT


def test_another_sellers_staff_cannot_publish_or_unpublish(rival, product, draft):
    with pytest.raises(NotFound):
        services.product_unpublish(actor=rival, product_id=product.pk)
    with pytest.raises(NotFound):
        services.product_publish(actor=rival, product_id=draft.pk)
    assert (status(product), status(draft)) == (Product.Status.PUBLISHED, Product.Status.DRAFT)
