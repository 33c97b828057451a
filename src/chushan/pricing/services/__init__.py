"""Every write of the pricing app, one function per use case (grep `def promotion_`, `def channel_price_`)."""

from chushan.pricing.services.channel_prices import channel_price_record
from chushan.pricing.services.promotions import PromotionData, promotion_create, promotion_end, promotion_update
from chushan.pricing.services.redemptions import (
    PromotionLimitReached,
    promotion_redeem,
    promotion_redemptions_release,
)

__all__ = [
    "PromotionData", "PromotionLimitReached",
    "channel_price_record", "promotion_create", "promotion_end", "promotion_redeem",
    "promotion_redemptions_release", "promotion_update",
]
