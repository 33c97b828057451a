"""Opening stock (期初库存) through the inventory services: receipts at each warehouse (food with its lot number),
then transfers from there to the seller's shops, workshops and consignment counters. A location that already
holds stock is left as it is, so a second run receives nothing."""

import logging

from chushan.inventory import services as stock_services
from chushan.inventory.errors import InsufficientStock
from chushan.inventory.models import Stock

log = logging.getLogger(__name__)


def opening_stock(receipts, moves, *, owners: dict, locations: dict, skus: dict) -> tuple[int, int]:
    """Receive and move the planned opening stock at the locations that hold none yet; (receipts, transfers)."""
    planned = {locations[(r.seller, r.location)].pk for r in receipts}
    planned |= {locations[(m.seller, m.target)].pk for m in moves}
    stocked = set(Stock.objects.filter(location_id__in=planned).values_list("location_id", flat=True).distinct())
    received = moved = 0
    for receipt in receipts:
        location = locations[(receipt.seller, receipt.location)]
        if location.pk in stocked:
            continue
        stock_services.stock_receive(actor=owners[receipt.seller], sku=skus[receipt.sku], location=location,
                                     quantity=receipt.quantity, lot=receipt.lot, reference="期初入库",
                                     note="开业期初库存")
        received += 1
    for move in moves:
        target = locations[(move.seller, move.target)]
        if target.pk in stocked:
            continue
        items = [stock_services.TransferItem(sku=skus[code], quantity=quantity) for code, quantity in move.items]
        source = locations[(move.seller, move.source)]
        try:
            stock_services.stock_transfer(actor=owners[move.seller], from_location=source, to_location=target,
                                          items=items, note="开业铺货：从仓库调往门店")
        except InsufficientStock:
            # The warehouse was stocked by an earlier run and has sold since: this place starts empty.
            log.warning("demo: %s could not be stocked from %s", move.target, move.source)
            continue
        moved += 1
    return received, moved

