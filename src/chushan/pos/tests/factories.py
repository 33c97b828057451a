"""Counter sales in a given state, made through the services as a clerk would make them."""

from chushan.pos import services


def cash_sale(*, clerk, location, items, tendered=None):
    """Scan ``items`` ([(sku, quantity)]) into the clerk's basket and take cash for it."""
    for sku, quantity in items:
        services.basket_add(actor=clerk, location=location, sku=sku, quantity=quantity)
    basket = services.basket_open(actor=clerk, location=location)
    return services.pos_sale_pay_cash(actor=clerk, sale=basket, tendered=tendered or basket.total)
