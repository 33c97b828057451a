"""The platform's reasons in an order's history are codes, translated when read; unknown codes and stored text
from before codes existed are shown as stored."""

import pytest
from django.utils import translation

from chushan.orders import reasons, services
from chushan.orders.models import OrderTransition
from chushan.orders.tests.support import line, pay, place

PARAMS = {"tracking": "SF123", "shop": "都匀店", "days": 3}


@pytest.mark.parametrize("code", sorted(reasons.MESSAGES))
def test_every_reason_reads_in_english_and_in_chinese(code):
    with translation.override("en"):
        english = reasons.render(code, PARAMS)
    with translation.override("zh-hans"):
        chinese = reasons.render(code, PARAMS)
    assert english and chinese and english != chinese and "%(" not in english + chinese


def test_an_unknown_code_or_params_that_no_longer_fit_show_the_stored_text():
    assert reasons.render("gone", {}, "已下单。") == "已下单。"
    assert reasons.render("", {}, "typed by a person") == "typed by a person"
    with translation.override("en"):
        assert reasons.render(reasons.COLLECTED_AT, {}, "stored") == "stored"
        assert reasons.render(reasons.NOT_COLLECTED, {"days": "x"}) == "Not collected within %(days)d days."


@pytest.mark.django_db
def test_an_unknown_code_is_refused_and_nothing_is_written(owner, shopper, stocked, address):
    order = place(shopper, line(stocked, 1, address=address)).orders.get()
    before = OrderTransition.objects.count()
    with pytest.raises(ValueError):
        services.order_transition(actor=None, order=order, to_state="cancelled", reason_code="made_up")
    with pytest.raises(ValueError):
        services.order_cancel(actor=shopper, order=order, reason_code="made_up")
    order.refresh_from_db()
    assert order.state == "pending_payment" and OrderTransition.objects.count() == before


@pytest.mark.django_db
def test_a_tracking_number_is_kept_as_a_parameter(owner, shopper, stocked, address, django_capture_on_commit_callbacks):
    checkout = place(shopper, line(stocked, 1, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    order = checkout.orders.get()
    services.order_pack(actor=owner, order=order)
    services.order_ship(actor=owner, order=order, tracking_number="SF123")
    shipped = order.transitions.get(to_state="shipped")
    assert (shipped.reason_code, shipped.reason_params, shipped.reason) == (
        "shipped_tracking", {"tracking": "SF123"}, "")
    with translation.override("zh-hans"):
        assert shipped.message == "已发货 SF123。"
