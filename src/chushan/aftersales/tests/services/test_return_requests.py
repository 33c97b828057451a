"""Return, refund-only and exchange requests: asked by the shopper within what was delivered, decided by the
seller, goods restocked where the seller chooses, money back through the order's payment."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from chushan.aftersales import services
from chushan.aftersales.models import ReturnRequest
from chushan.aftersales.tests.support import ask, media_files, not_a_photo, photo, snapshot
from chushan.core.errors import Conflict, NotFound, PermissionDenied, Unprocessable
from chushan.inventory.models import Stock
from chushan.orders.models import OrderLine
from chushan.payments.models import Payment
from chushan.payments.services.sandbox import sandbox_notifications_deliver

pytestmark = pytest.mark.django_db


def test_a_shopper_asks_to_return_part_of_a_delivered_order(shopper, delivered):
    request = ask(shopper, delivered, units=1, description="太大了")
    assert (request.state, request.kind, request.seller_id) == ("requested", "return", delivered.seller_id)
    assert request.number.startswith("RR")
    hours = (request.decide_by - request.created_at).total_seconds() / 3600
    assert hours == settings.CHUSHAN_RETURN_DECISION_HOURS
    assert request.lines.get().quantity == 1


def test_a_damaged_item_needs_a_photo_which_is_re_encoded(shopper, delivered):
    with pytest.raises(Unprocessable) as refused:
        ask(shopper, delivered, reason="damaged")
    assert "photos" in refused.value.errors
    request = ask(shopper, delivered, reason="damaged", photos=[photo(), photo("b.jpg")])
    assert request.photos.count() == 2
    assert all(p.image.name.endswith(".jpg") and p.width == 320 for p in request.photos.all())


def test_a_file_that_is_not_a_picture_refuses_the_whole_request(shopper, delivered):
    before = snapshot()
    with pytest.raises(Unprocessable) as refused:
        ask(shopper, delivered, reason="damaged", photos=[photo(), not_a_photo()])
    assert refused.value.code == "not_an_image" and "photos" in refused.value.errors
    assert snapshot() == before
    assert media_files(settings.MEDIA_ROOT) == []


def test_too_many_photos_are_refused(shopper, delivered):
    with pytest.raises(Unprocessable):
        ask(shopper, delivered, reason="damaged", photos=[photo() for _ in range(7)])
    assert not ReturnRequest.objects.exists()


@pytest.mark.parametrize("units", [0, -1, 3, 1.5, "1", True, None])
def test_units_are_whole_and_within_what_was_delivered(shopper, delivered, units):
    before = snapshot()
    with pytest.raises(Unprocessable) as refused:
        ask(shopper, delivered, units=units)
    assert "lines.0.quantity" in refused.value.errors
    assert snapshot() == before


def test_units_already_asked_for_cannot_be_asked_again(shopper, delivered):
    ask(shopper, delivered, units=2)
    with pytest.raises(Unprocessable):
        ask(shopper, delivered, units=1)
    assert ReturnRequest.objects.count() == 1


def test_a_withdrawn_request_gives_its_units_back(shopper, delivered):
    first = ask(shopper, delivered, units=2)
    services.return_request_cancel(actor=shopper, request=first)
    assert ask(shopper, delivered, units=2).state == "requested"


@pytest.mark.parametrize("lines", [[], [(999999, 1)], [("x", 1)], "bad", [(1, 1, 1)]])
def test_lines_of_another_order_or_nonsense_are_refused(shopper, delivered, lines):
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.return_request_create(actor=shopper, order=delivered,
                                       data=services.ReturnRequestData(kind="return", reason="other", lines=lines))
    assert snapshot() == before


def test_a_bad_kind_or_reason_is_refused(shopper, delivered):
    line = delivered.lines.get().pk
    for kind, reason in (("steal", "other"), ("return", "because")):
        with pytest.raises(Unprocessable):
            services.return_request_create(actor=shopper, order=delivered, data=services.ReturnRequestData(
                kind=kind, reason=reason, lines=[(line, 1)]))
    assert not ReturnRequest.objects.exists()


def test_another_shoppers_order_cannot_be_returned(stranger, rival, delivered):
    before = snapshot()
    with pytest.raises(NotFound):
        ask(stranger, delivered)
    with pytest.raises(NotFound):
        ask(rival, delivered)
    assert snapshot() == before


def test_goods_not_yet_handed_over_are_cancelled_not_returned(shopper, address, stocked,
                                                              django_capture_on_commit_callbacks):
    from chushan.orders.tests.support import line, pay, place

    checkout = place(shopper, line(stocked, 1, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    with pytest.raises(Conflict) as refused:
        ask(shopper, checkout.orders.get())
    assert refused.value.code == "order_not_returnable"


def test_a_return_is_approved_received_into_a_chosen_shop_and_refunded(shopper, owner, clerk, delivered, shop,
                                                                       warehouse, django_capture_on_commit_callbacks):
    request = ask(shopper, delivered, units=2)
    request = services.return_request_decide(actor=owner, request=request, approve=True, restock_location=shop)
    assert request.state == "approved" and request.decided_by == owner
    request = services.return_request_receive(actor=clerk, request=request, location=shop)
    assert Stock.objects.get(location=shop).on_hand == 5  # 3 + the 2 sent back, not the warehouse they left
    assert Stock.objects.get(location=warehouse).on_hand == 8
    back = request.lines.get().restock_movement
    assert (back.kind, back.reason_code) == ("return", "aftersales:returned_by_shopper")
    with translation.override("en"):
        assert back.reason_text == "Returned by the shopper"
    with django_capture_on_commit_callbacks(execute=True):
        request = services.return_request_refund(actor=clerk, request=request)
        sandbox_notifications_deliver()
    assert (request.state, request.refund_amount) == ("refunded", Decimal("200.00"))
    assert OrderLine.objects.get(order=delivered).refunded_quantity == 2
    assert Payment.objects.get(payable_ref=delivered.checkout.payable_ref).refunded_amount == Decimal("200.00")
    delivered.refresh_from_db()
    assert delivered.state == "refunded"


def test_refunding_twice_is_refused_and_pays_once(shopper, owner, delivered, shop):
    request = ask(shopper, delivered, units=1)
    services.return_request_decide(actor=owner, request=request, approve=True)
    services.return_request_receive(actor=owner, request=request, location=shop)
    services.return_request_refund(actor=owner, request=request)
    before = snapshot()
    with pytest.raises(Conflict):
        services.return_request_refund(actor=owner, request=request)
    assert snapshot() == before


def test_refund_only_sends_the_money_on_approval(shopper, owner, delivered):
    request = ask(shopper, delivered, kind="refund_only", reason="missing_parts", units=1)
    request = services.return_request_decide(actor=owner, request=request, approve=True, note="少发了配件")
    assert (request.state, request.refund_amount) == ("refunded", Decimal("100.00"))
    assert request.order_refund.amount == Decimal("100.00")


def test_a_rejection_says_why(shopper, owner, delivered):
    request = ask(shopper, delivered)
    with pytest.raises(Unprocessable):
        services.return_request_decide(actor=owner, request=request, approve=False, note=" ")
    request = services.return_request_decide(actor=owner, request=request, approve=False, note="已超过七天")
    assert request.state == "rejected" and request.decision_note == "已超过七天"


def test_an_exchange_sends_the_same_item_out_of_a_chosen_location(shopper, owner, delivered, shop, warehouse):
    request = ask(shopper, delivered, kind="exchange", reason="defective", photos=[photo()])
    services.return_request_decide(actor=owner, request=request, approve=True)
    services.return_request_receive(actor=owner, request=request, location=shop)
    request = services.return_request_exchange_ship(actor=owner, request=request, location=warehouse,
                                                    tracking_number="SF999")
    assert request.state == "exchanged"
    shipment = request.exchange_shipment
    assert (shipment.tracking_number, shipment.lines.get().quantity) == ("SF999", 1)
    assert Stock.objects.get(location=warehouse).on_hand == 7 and Stock.objects.get(location=shop).on_hand == 4
    with pytest.raises(Conflict):
        services.return_request_refund(actor=owner, request=request)


def test_the_shopper_and_other_sellers_cannot_decide(shopper, rival, delivered):
    request = ask(shopper, delivered)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.return_request_decide(actor=shopper, request=request, approve=True)
    with pytest.raises(NotFound):
        services.return_request_decide(actor=rival, request=request, approve=True)
    assert snapshot() == before


def test_restocking_into_another_sellers_location_is_refused(shopper, owner, delivered):
    from chushan.inventory.tests.factories import ShopFactory

    request = ask(shopper, delivered)
    services.return_request_decide(actor=owner, request=request, approve=True)
    before = snapshot()
    with pytest.raises(Unprocessable):
        services.return_request_receive(actor=owner, request=request, location=ShopFactory())
    assert snapshot() == before


def test_a_collected_pickup_can_be_returned_to_the_shop(shopper, owner, collected, shop):
    request = ask(shopper, collected)
    services.return_request_decide(actor=owner, request=request, approve=True, restock_location=shop)
    request = services.return_request_receive(actor=owner, request=request, location=shop)
    assert request.state == "received"
