"""Operators delist a product with a reason, and can lift it."""

import pytest

from chushan.catalog import services
from chushan.catalog.models import Product
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable

pytestmark = pytest.mark.django_db


def test_an_operator_delists_with_a_reason(platform_operator, product):
    services.product_delist(actor=platform_operator, product_id=product.pk, reason="  仿冒他人非遗作品  ")
    product.refresh_from_db()
    assert product.status == Product.Status.DELISTED
    assert (product.delist_reason, product.delisted_by) == ("仿冒他人非遗作品", platform_operator)
    assert product.delisted_at is not None
    assert not Product.objects.published().filter(pk=product.pk).exists()


@pytest.mark.parametrize("reason", ["", "   ", None, "x" * 301, "原因\x00"])
def test_a_reason_is_required(platform_operator, product, reason):
    with pytest.raises(Unprocessable) as refused:
        services.product_delist(actor=platform_operator, product_id=product.pk, reason=reason)
    assert "reason" in refused.value.errors
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_sellers_and_shoppers_cannot_delist(owner, rival, product):
    for actor in (owner, rival):
        with pytest.raises(PermissionDenied):
            services.product_delist(actor=actor, product_id=product.pk, reason="不喜欢")
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_delisting_twice_or_an_unknown_product_is_refused(platform_operator, product):
    services.product_delist(actor=platform_operator, product_id=product.pk, reason="假冒")
    with pytest.raises(Conflict):
        services.product_delist(actor=platform_operator, product_id=product.pk, reason="again")
    with pytest.raises(NotFound):
        services.product_delist(actor=platform_operator, product_id=987654, reason="假冒")


def test_relisting_returns_the_product_to_its_seller_as_a_draft(platform_operator, owner, product):
    services.product_delist(actor=platform_operator, product_id=product.pk, reason="待核实")
    services.product_relist(actor=platform_operator, product_id=product.pk)
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT and product.delist_reason == ""
    services.product_publish(actor=owner, product_id=product.pk)
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED


def test_only_operators_relist_and_only_delisted_products(platform_operator, owner, product):
    with pytest.raises(Conflict):
        services.product_relist(actor=platform_operator, product_id=product.pk)
    services.product_delist(actor=platform_operator, product_id=product.pk, reason="待核实")
    with pytest.raises(PermissionDenied):
        services.product_relist(actor=owner, product_id=product.pk)
    assert Product.objects.get(pk=product.pk).status == Product.Status.DELISTED
