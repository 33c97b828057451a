"""The header's account links: the seller console only for people who work for a seller, the back office for
operators, and a way to open a shop for a shopper."""

import pytest
from django.test import Client

from chushan.accounts.tests.factories import UserFactory
from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import MembershipFactory, operator

pytestmark = pytest.mark.django_db


def _header(user) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    page = client.get("/")
    assert page.status_code == 200
    return page.content.decode().split('<nav class="sitenav"')[0]


def test_a_shopper_is_offered_to_open_a_shop_not_the_console():
    header = _header(UserFactory())
    assert 'href="/console/application/"' in header and "Open a shop" in header
    assert "Seller console" not in header and 'href="/console/"' not in header and "/admin/" not in header


@pytest.mark.parametrize("role", [Membership.Role.OWNER, Membership.Role.STAFF])
def test_a_sellers_people_see_their_console_and_counter(role):
    header = _header(MembershipFactory(role=role).user)
    assert 'href="/console/"' in header and "Seller console" in header and 'href="/pos/"' in header
    assert "Open a shop" not in header


def test_an_operator_sees_the_back_office():
    header = _header(operator())
    assert 'href="/admin/"' in header and "Back office" in header
    assert "Open a shop" not in header and "Seller console" not in header


def test_the_shopper_link_is_in_chinese():
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(UserFactory())
    assert "开店申请" in client.get("/").content.decode()


def test_signed_out_visitors_see_neither():
    header = Client(HTTP_ACCEPT_LANGUAGE="en").get("/").content.decode().split('<nav class="sitenav"')[0]
    assert "Seller console" not in header and "Open a shop" not in header
