"""Events the stock app publishes through chushan.core.events; higher apps (orders) subscribe."""

# payload: reservation_ids, references. Published after the sweep or a stock read expired holds.
RESERVATIONS_EXPIRED = "inventory.reservations_expired"
