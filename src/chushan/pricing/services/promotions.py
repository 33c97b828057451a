"""A seller's promotions: created, changed before they start, ended early. History stays explainable: a
promotion that has started is never rewritten, only ended, so past prices keep their explanation."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, Unprocessable
from chushan.pricing import rules
from chushan.pricing.models import Promotion
from chushan.pricing.services._access import member_seller_id, require_seller_staff

MAX_SKUS = 500


@dataclass
class PromotionData:
    name: str
    kind: str
    value: Decimal
    sku_ids: list[int]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    channels: list[str] = field(default_factory=list)  # channel codes; empty: every channel
    per_shopper_limit: int | None = None


def _aware(moment):
    if isinstance(moment, datetime.datetime) and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _checked(data: PromotionData, seller_id: int):
    """(skus, channels) after every field is checked; one 422 lists every problem."""
    from chushan.pricing import selectors

    data.starts_at, data.ends_at = _aware(data.starts_at), _aware(data.ends_at)
    errors = rules.promotion_problems(kind=data.kind, value=data.value, starts_at=data.starts_at,
                                      ends_at=data.ends_at, per_shopper_limit=data.per_shopper_limit)
    name = (data.name or "").strip()
    if not name or len(name) > 80:
        errors["name"] = [_("Give the promotion a name of at most 80 characters.")]
    sku_ids = list(dict.fromkeys(data.sku_ids or []))
    skus = selectors.skus_of_seller(seller_id=seller_id, sku_ids=sku_ids) if sku_ids else []
    if not sku_ids or len(sku_ids) > MAX_SKUS:
        errors["sku_ids"] = [_("Choose from 1 to %(max)d of your SKUs.") % {"max": MAX_SKUS}]
    elif len(skus) != len(sku_ids):
        errors["sku_ids"] = [_("Choose only SKUs you sell.")]
    codes = list(dict.fromkeys(data.channels or []))
    channels = selectors.channels_by_code(codes)
    if len(channels) != len(codes):
        errors["channels"] = [_("Unknown sales channels: %(codes)s.") % {
            "codes": ", ".join(sorted(set(codes) - set(channels)))}]
    if not errors and data.kind == rules.PRICE and any(Decimal(data.value) >= s.price for s in skus):
        lowest = min(s.price for s in skus)
        errors["value"] = [_("A promotional price is below the list price of every SKU chosen (the lowest is "
                             "¥%(price)s).") % {"price": lowest}]
    if errors:
        raise Unprocessable(_("The promotion is not valid: %(fields)s.") % {"fields": ", ".join(sorted(errors))},
                            code="invalid_promotion", errors=errors)
    return name, skus, list(channels.values())


def _write(promotion: Promotion, data: PromotionData, name: str, skus, channels) -> Promotion:
    promotion.name, promotion.kind = name, data.kind
    promotion.price = Decimal(data.value) if data.kind == rules.PRICE else None
    promotion.percent_off = Decimal(data.value) if data.kind == rules.PERCENT else None
    promotion.starts_at, promotion.ends_at = data.starts_at, data.ends_at
    promotion.per_shopper_limit = data.per_shopper_limit
    promotion.save()
    promotion.skus.set(skus)
    promotion.channels.set(channels)
    return promotion


def promotion_create(*, actor, data: PromotionData) -> Promotion:
    """A promotion for some of the actor's seller's SKUs."""
    with transaction.atomic():
        seller_id = member_seller_id(actor)
        require_seller_staff(actor, seller_id or -1)
        name, skus, channels = _checked(data, seller_id)
        return _write(Promotion(seller_id=seller_id, created_by=actor), data, name, skus, channels)


def promotion_update(*, actor, promotion: Promotion, data: PromotionData) -> Promotion:
    """Change a promotion that has not started yet; one that has started can only be ended."""
    with transaction.atomic():
        locked = Promotion.objects.select_for_update().get(pk=promotion.pk)
        require_seller_staff(actor, locked.seller_id)
        if locked.starts_at <= timezone.now() or not locked.is_active:
            raise Conflict(_("This promotion has started or was withdrawn; end it and create a new one."),
                           code="promotion_started")
        name, skus, channels = _checked(data, locked.seller_id)
        return _write(locked, data, name, skus, channels)


def promotion_end(*, actor, promotion: Promotion) -> Promotion:
    """End a promotion now. One not started yet is withdrawn; one already over stays as it was."""
    with transaction.atomic():
        locked = Promotion.objects.select_for_update().get(pk=promotion.pk)
        require_seller_staff(actor, locked.seller_id)
        now = timezone.now()
        if locked.is_active and locked.starts_at >= now:
            locked.is_active = False
            locked.save(update_fields=["is_active"])
        elif locked.is_active and locked.ends_at > now:
            locked.ends_at = now
            locked.save(update_fields=["ends_at"])
    return locked
