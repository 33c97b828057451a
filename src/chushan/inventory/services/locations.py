"""A seller's locations: warehouse, shop, workshop, or a consignment counter in another seller's shop."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.inventory import locks, rules
from chushan.inventory.models import Location, SalesChannel
from chushan.inventory.services._access import member_seller_id, require_owner_staff
from chushan.regions.models import Region
from chushan.sellers.models import Seller


@dataclass
class LocationData:
    kind: str
    name: str
    region: Region
    address: str
    host_seller: Seller | None = None
    commission_rate: Decimal | None = None
    gln: str | None = None
    channels: list[str] | None = None  # channel codes; None: the defaults for the kind
    is_active: bool = True


def _channels(codes: list[str] | None, kind: str) -> list[SalesChannel]:
    wanted = list(dict.fromkeys(rules.DEFAULT_CHANNELS.get(kind, []) if codes is None else codes))
    found = list(SalesChannel.objects.filter(code__in=wanted))
    unknown = sorted(set(wanted) - {c.code for c in found})
    if unknown:
        message = _("Unknown sales channels: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise Unprocessable(message, code="unknown_channel", errors={"channels": [message]})
    return found


def _save(location: Location, data: LocationData) -> Location:
    try:
        location.full_clean()
    except ValidationError as exc:
        errors = {name: [str(m) for m in msgs] for name, msgs in exc.message_dict.items()}
        summary = "; ".join(m for msgs in errors.values() for m in msgs)
        raise Unprocessable(summary, code="invalid_location", errors=errors) from None
    if location.host_seller_id and location.host_seller.status != Seller.Status.ADMITTED:
        message = _("The host must be a seller admitted to the platform.")
        raise Unprocessable(message, code="host_not_admitted", errors={"host_seller": [message]})
    channels = _channels(data.channels, location.kind)
    location.save()
    location.channels.set(channels)
    return location


def location_create(*, actor, data: LocationData) -> Location:
    """Add a location to the actor's seller."""
    with transaction.atomic():
        seller_id = member_seller_id(actor)
        if seller_id is None:
            raise PermissionDenied(_("Only a seller's staff may add its locations."), code="not_a_seller")
        location = Location(seller_id=seller_id, kind=data.kind, name=(data.name or "").strip(),
                            region=data.region, address=(data.address or "").strip(),
                            host_seller=data.host_seller, commission_rate=data.commission_rate,
                            gln=data.gln or None, is_active=data.is_active)
        return _save(location, data)


def location_update(*, actor, location: Location, data: LocationData) -> Location:
    """Change a location's name, address, channels, commission or GLN; its kind and host stay."""
    with transaction.atomic():
        location = locks.location_for_update(location.pk)
        require_owner_staff(actor, location)
        if data.kind != location.kind or getattr(data.host_seller, "pk", None) != location.host_seller_id:
            message = _("A location keeps its kind and host; add a new location instead.")
            raise Unprocessable(message, code="immutable", errors={"kind": [message]})
        location.name = (data.name or "").strip()
        location.region = data.region
        location.address = (data.address or "").strip()
        location.commission_rate = data.commission_rate
        location.gln = data.gln or None
        location.is_active = data.is_active
        return _save(location, data)
