"""A shopper's delivery addresses: a recipient, a mobile number, a real county and the street address."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from chushan.core.errors import NotFound, Unprocessable
from chushan.orders import rules
from chushan.orders.models import Address
from chushan.orders.services._access import require_signed_in
from chushan.regions.models import Region

MAX_ADDRESSES = 30


@dataclass
class AddressData:
    name: str
    mobile: str
    region: Region | None
    detail: str
    is_default: bool = False


def _clean(data: AddressData) -> AddressData:
    errors = {}
    name, detail, mobile = (data.name or "").strip(), (data.detail or "").strip(), (data.mobile or "").strip()
    if not name or len(name) > 40 or "\x00" in name:
        errors["name"] = [_("Enter the recipient's name (at most 40 characters).")]
    if not re.match(rules.MOBILE_PATTERN, mobile):
        errors["mobile"] = [_("Enter an 11-digit mainland mobile number.")]
    if data.region is None or data.region.level != Region.Level.COUNTY:
        errors["region"] = [_("Choose the province, city and county (区/县).")]
    if not detail or len(detail) > 200 or "\x00" in detail:
        errors["detail"] = [_("Enter the street address (at most 200 characters).")]
    if errors:
        raise Unprocessable(_("The address is not complete: %(fields)s.") % {"fields": ", ".join(errors)},
                            code="invalid_address", errors=errors)
    return AddressData(name=name, mobile=mobile, region=data.region, detail=detail, is_default=bool(data.is_default))


def _make_default(actor, address: Address) -> None:
    Address.objects.filter(shopper_id=actor.pk, is_default=True).exclude(pk=address.pk).update(is_default=False)


def address_create(*, actor, data: AddressData) -> Address:
    require_signed_in(actor)
    data = _clean(data)
    with transaction.atomic():
        count = Address.objects.select_for_update().filter(shopper_id=actor.pk).count()
        if count >= MAX_ADDRESSES:
            raise Unprocessable(_("Keep at most %(max)d addresses; delete one first.") % {"max": MAX_ADDRESSES},
                                code="too_many_addresses")
        is_default = data.is_default or count == 0
        if is_default:
            Address.objects.filter(shopper_id=actor.pk, is_default=True).update(is_default=False)
        return Address.objects.create(shopper=actor, name=data.name, mobile=data.mobile, region=data.region,
                                      detail=data.detail, is_default=is_default)


def _own(actor, address: Address) -> Address:
    locked = Address.objects.select_for_update().filter(pk=address.pk, shopper_id=getattr(actor, "pk", None)).first()
    if locked is None:
        raise NotFound(_("You have no address with this number."))
    return locked


def address_update(*, actor, address: Address, data: AddressData) -> Address:
    """Change an address; orders placed already keep the address they were placed with."""
    require_signed_in(actor)
    data = _clean(data)
    with transaction.atomic():
        locked = _own(actor, address)
        if data.is_default:
            _make_default(actor, locked)
        locked.name, locked.mobile, locked.region, locked.detail = data.name, data.mobile, data.region, data.detail
        locked.is_default = data.is_default or locked.is_default
        locked.save()
    return locked


def address_delete(*, actor, address: Address) -> None:
    require_signed_in(actor)
    with transaction.atomic():
        locked = _own(actor, address)
        was_default = locked.is_default
        locked.delete()
        if was_default:
            following = Address.objects.filter(shopper_id=actor.pk).order_by("-created_at", "-pk").first()
            if following is not None:
                Address.objects.filter(pk=following.pk).update(is_default=True)
