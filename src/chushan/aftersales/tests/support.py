"""Helpers for the after-sales tests: a request made as the shopper would, photos, snapshots of every row."""

from django.core.files.uploadedfile import SimpleUploadedFile

from chushan.aftersales import services
from chushan.aftersales.models import ReturnLine, ReturnPhoto, ReturnRequest, Ticket, TicketAssignment, TicketMessage
from chushan.catalog.tests.factories import png_bytes
from chushan.inventory.models import Stock, StockMovement
from chushan.orders.models import OrderLine, OrderRefund
from chushan.payments.models import Refund
from chushan.sellers.models import CreditEvent


def photo(name="broken.png"):
    return SimpleUploadedFile(name, png_bytes(320, 240), content_type="image/png")


def not_a_photo(name="broken.png"):
    return SimpleUploadedFile(name, b"%PDF-1.4 not a picture" + b"\0" * 100, content_type="image/png")


def ask(shopper, order, *, kind="return", reason="changed_mind", units=1, photos=(), description=""):
    line = order.lines.first()
    return services.return_request_create(
        actor=shopper, order=order, photos=list(photos),
        data=services.ReturnRequestData(kind=kind, reason=reason, lines=[(line.pk, units)], description=description))


def snapshot() -> dict:
    return {
        "requests": list(ReturnRequest.objects.order_by("pk").values_list("pk", "state", "refund_amount")),
        "lines": list(ReturnLine.objects.order_by("pk").values_list("pk", "quantity", "restocked_quantity")),
        "photos": ReturnPhoto.objects.count(),
        "tickets": list(Ticket.objects.order_by("pk").values_list("pk", "state", "owner_kind", "owner_seller_id",
                                                                  "owner_location_id", "outcome")),
        "messages": TicketMessage.objects.count(),
        "assignments": TicketAssignment.objects.count(),
        "order_lines": list(OrderLine.objects.order_by("pk").values_list("pk", "refunded_quantity")),
        "order_refunds": OrderRefund.objects.count(),
        "refunds": Refund.objects.count(),
        "stock": list(Stock.objects.order_by("pk").values_list("on_hand", "reserved")),
        "movements": StockMovement.objects.count(),
        "credit": list(CreditEvent.objects.order_by("pk").values_list("kind", "reference")),
    }


def media_files(root) -> list:
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []

