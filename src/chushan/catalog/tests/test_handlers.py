"""Catalogue reactions to other apps' events."""

import pytest

from chushan.catalog.tests.factories import ProductFactory
from chushan.catalog.tests.helpers import capture_product_events
from chushan.core import events

pytestmark = pytest.mark.django_db


def test_a_sellers_change_is_passed_on_as_its_products_changing(product, category, monkeypatch,
                                                               django_capture_on_commit_callbacks):
    ProductFactory(category=category)  # another seller's: not included
    log = capture_product_events(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        events.publish(events.SELLER_CHANGED, seller_id=product.seller_id)
    assert log == [{"product_ids": [product.pk]}]


def test_a_seller_without_products_says_nothing(seller, monkeypatch, django_capture_on_commit_callbacks):
    log = capture_product_events(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        events.publish(events.SELLER_CHANGED, seller_id=seller.pk)
    assert log == []
