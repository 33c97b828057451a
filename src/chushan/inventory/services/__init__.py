"""Every write to stock: one function per use case, each owning its transaction and permission check."""

from chushan.inventory.services.batching import stock_reserve_batched
from chushan.inventory.services.counts import CountItem, stock_count_record
from chushan.inventory.services.locations import LocationData, location_create, location_update
from chushan.inventory.services.reservations import (
    StockRequest,
    reservation_commit,
    reservation_release,
    reservations_commit,
    reservations_expire,
    reservations_release,
    stock_reserve,
    stock_reserve_many,
)
from chushan.inventory.services.stock import stock_receive, stock_return, stock_sell_at_counter, stock_sell_now
from chushan.inventory.services.transfers import TransferItem, stock_transfer

__all__ = [
    "CountItem", "LocationData", "StockRequest", "TransferItem",
    "location_create", "location_update",
    "reservation_commit", "reservation_release", "reservations_commit", "reservations_expire",
    "reservations_release", "stock_count_record", "stock_receive", "stock_reserve", "stock_reserve_batched",
    "stock_reserve_many", "stock_return", "stock_sell_at_counter", "stock_sell_now", "stock_transfer",
]
