"""The demo's promotions, created by each seller's owner through the pricing services: the only way a SKU sells
below its list price, each with its time window, its channel and a limit per shopper."""

from decimal import Decimal

from django.utils import timezone

from chushan.catalog.models import Sku
from chushan.demo import trade_rules
from chushan.demo.data.trade import PROMOTIONS
from chushan.pricing import services as pricing_services
from chushan.pricing.models import Promotion


def promotions_create(*, owners: dict, sellers: dict, today) -> int:
    """The PROMOTIONS a seller lacks (by name); returns how many were created."""
    have = set(Promotion.objects.filter(seller__in=sellers.values()).values_list("seller_id", "name"))
    made = 0
    for plan in PROMOTIONS:
        seller = sellers[plan["seller"]]
        if (seller.pk, plan["name"]) in have:
            continue
        starts_at, ends_at = (timezone.make_aware(moment) for moment in trade_rules.promotion_window(plan, today))
        sku_ids = list(Sku.objects.filter(product__seller=seller, product__name__in=plan["products"])
                       .order_by("pk").values_list("pk", flat=True))
        pricing_services.promotion_create(actor=owners[plan["seller"]], data=pricing_services.PromotionData(
            name=plan["name"], kind=plan["kind"], value=Decimal(plan["value"]), sku_ids=sku_ids,
            starts_at=starts_at, ends_at=ends_at, channels=plan["channels"], per_shopper_limit=plan["limit"]))
        made += 1
    return made
