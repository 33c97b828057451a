"""The after-sales panel on the shopper's order page: requests and tickets about the order, and the links to ask
for a return, a refund or an exchange, or to report a problem."""

from django import template

from chushan.aftersales import rules, selectors

register = template.Library()


@register.inclusion_tag("aftersales/_order_panel.html", takes_context=True)
def order_aftersales(context):
    request, order = context.get("request"), context.get("order")
    if request is None or order is None or getattr(order, "shopper_id", None) != getattr(request.user, "pk", -1):
        return {"panel": None}
    can_return = any(order.state in states for states in rules.ALLOWED_ORDER_STATES.values()) and any(
        left > 0 for _line, left in selectors.returnable_lines(order=order))
    return {"panel": {"order": order, "requests": list(selectors.returns_for_order(order=order)),
                      "tickets": list(selectors.tickets_for_order(order=order)), "can_return": can_return},
            "request": request}
