"""The only place counter rows are locked. Order: a sale before its lines, then (inside the inventory and
payments services) reservations, stock rows and the payment; every writer takes them in this order."""

from chushan.pos.models import PosSale, PosSaleLine


def sale_for_update(pk: int) -> PosSale:
    return PosSale.objects.select_for_update(of=("self",)).select_related("location", "channel").get(pk=pk)


def lines_for_update(sale_id: int) -> list[PosSaleLine]:
    return list(PosSaleLine.objects.filter(sale_id=sale_id).order_by("pk").select_for_update(of=("self",))
                .select_related("sku__product"))
