"""Units bought at a promotion's price, counted per shopper under the promotion's limit. The guarded UPDATE
takes the usage row's lock, so two checkouts by one shopper can never both pass the limit."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, PermissionDenied
from chushan.pricing.models import Promotion, PromotionRedemption, PromotionUsage
from chushan.pricing.services._access import member_seller_id


class PromotionLimitReached(Conflict):
    code = "promotion_limit_reached"


def promotion_redeem(*, actor, shopper, promotion: Promotion, quantity: int, reference: str) -> PromotionRedemption:
    """Count ``quantity`` units of ``reference`` (an order line) against the shopper's limit; the same reference
    again returns the first redemption. The platform (actor None) or the shopper may redeem."""
    if actor is not None and actor.pk != shopper.pk:
        raise PermissionDenied(_("Only the shopper's own checkout uses their promotions."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                redemption = PromotionRedemption.objects.create(promotion=promotion, shopper=shopper,
                                                                quantity=quantity, reference=reference)
        except IntegrityError:
            return PromotionRedemption.objects.get(promotion=promotion, reference=reference)
        PromotionUsage.objects.bulk_create([PromotionUsage(promotion=promotion, shopper=shopper)],
                                           ignore_conflicts=True)
        usage = PromotionUsage.objects.filter(promotion=promotion, shopper=shopper)
        if promotion.per_shopper_limit is not None:
            usage = usage.filter(used__lte=promotion.per_shopper_limit - quantity)
        if not usage.update(used=F("used") + quantity):
            raise PromotionLimitReached(
                _("%(name)s is limited to %(limit)d units per shopper, and you have used them; the price has "
                  "changed, so check your cart again.") % {"name": promotion.name,
                                                            "limit": promotion.per_shopper_limit})
    return redemption


def promotion_redemptions_release(*, actor, references: list[str]) -> int:
    """Give the units of cancelled order lines back to their shoppers' limits, each exactly once.
    The platform (actor None), the shopper, the seller's staff or an operator may."""
    released = 0
    with transaction.atomic():
        rows = list(PromotionRedemption.objects.filter(reference__in=references, released_at__isnull=True)
                    .select_related("promotion").order_by("pk"))
        seller_id = member_seller_id(actor)
        for row in rows:
            if not (actor is None or actor.pk == row.shopper_id or actor.is_staff
                    or seller_id == row.promotion.seller_id):
                raise PermissionDenied(_("Only the shopper, the seller or the platform may give back promotion "
                                         "units."))
        now = timezone.now()
        for row in rows:
            if PromotionRedemption.objects.filter(pk=row.pk, released_at__isnull=True).update(released_at=now):
                PromotionUsage.objects.filter(promotion_id=row.promotion_id, shopper_id=row.shopper_id).update(
                    used=F("used") - row.quantity)
                released += 1
    return released
