"""Back office: operators delist through an admin action that asks for a reason and calls the service."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from chushan.catalog.models import Product
from chushan.catalog.tests.factories import ProductFactory, SkuFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:catalog_product_changelist")


def test_operators_see_products_read_only(client, platform_operator, product):
    client.force_login(platform_operator)
    assert client.get(CHANGELIST).status_code == 200
    page = client.get(reverse("admin:catalog_product_change", args=[product.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text


def test_delist_action_asks_for_a_reason_then_delists(client, platform_operator, product):
    other = ProductFactory(category=product.category)
    SkuFactory(product=other)
    client.force_login(platform_operator)
    ids = [product.pk, other.pk]
    ask = client.post(CHANGELIST, {"action": "delist", ACTION_CHECKBOX_NAME: ids})
    assert ask.status_code == 200 and 'name="reason"' in ask.text
    assert Product.objects.filter(status=Product.Status.DELISTED).count() == 0

    done = client.post(CHANGELIST, {"action": "delist", ACTION_CHECKBOX_NAME: ids, "reason": "仿冒他人非遗作品"})
    assert done.status_code == 302
    assert set(Product.objects.filter(status=Product.Status.DELISTED).values_list("delist_reason", flat=True)) == {
        "仿冒他人非遗作品"}


def test_relist_action(client, platform_operator, product):
    Product.objects.filter(pk=product.pk).update(status=Product.Status.DELISTED, delist_reason="x")
    client.force_login(platform_operator)
    client.post(CHANGELIST, {"action": "relist", ACTION_CHECKBOX_NAME: [product.pk]})
    assert Product.objects.get(pk=product.pk).status == Product.Status.DRAFT


def test_staff_without_the_delist_permission_have_no_such_action(client, product):
    from chushan.sellers.tests.factories import reviewer

    user = reviewer()
    client.force_login(user)
    response = client.post(CHANGELIST, {"action": "delist", ACTION_CHECKBOX_NAME: [product.pk], "reason": "x"})
    assert response.status_code in (302, 403)
    assert Product.objects.get(pk=product.pk).status == Product.Status.PUBLISHED
