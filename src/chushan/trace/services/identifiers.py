"""Registering a seller's GS1 identifiers: company prefixes (operators), sites (GLNs), lots and serials."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.regions.models import Region
from chushan.sellers.models import Seller
from chushan.sellers.selectors import seller_of
from chushan.trace import gs1, selectors
from chushan.trace.gs1 import InvalidIdentifier
from chushan.trace.models import CompanyPrefix, Lot, Serial, Site
from chushan.trace.rules import Key
from chushan.trace.services.storage import lot_row


def member_seller(actor) -> Seller:
    """The admitted seller the actor works for, or PermissionDenied."""
    seller = seller_of(actor)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can manage traceability."))
    if seller.status != Seller.Status.ADMITTED:
        raise PermissionDenied(_("Only admitted sellers can manage traceability."))
    return seller


def company_prefix_add(*, actor, seller: Seller, prefix: str) -> CompanyPrefix:
    """An operator records the GS1 company prefix a seller is licensed (checked against its GS1 certificate)."""
    if not getattr(actor, "has_perm", lambda _p: False)("trace.add_companyprefix"):
        raise PermissionDenied(_("Only platform operators can record a seller's GS1 company prefix."))
    prefix = prefix.strip()
    if not (prefix.isascii() and prefix.isdecimal() and 6 <= len(prefix) <= 12):
        raise Unprocessable(_("A GS1 company prefix has 6 to 12 digits."), errors={"prefix": [
            _("A GS1 company prefix has 6 to 12 digits.")]})
    with transaction.atomic():
        overlapping = [p for p in CompanyPrefix.objects.values_list("prefix", flat=True)
                       if p.startswith(prefix) or prefix.startswith(p)]
        if overlapping:
            raise Conflict(_("Prefix %(prefix)s overlaps prefix %(other)s, already recorded.")
                           % {"prefix": prefix, "other": overlapping[0]}, errors={"prefix": [_("Already recorded.")]})
        return CompanyPrefix.objects.create(seller=seller, prefix=prefix)


@dataclass
class SiteDraft:
    gln: str
    name: str
    kind: str = Site.Kind.OTHER
    region: Region | None = None
    address: str = ""


def site_register(*, actor, draft: SiteDraft, seller: Seller | None = None) -> Site:
    """Register a GLN as one of the seller's sites; a GLN under another seller's prefix, or taken, is refused.

    The platform passes ``seller`` (and no actor) for stock locations that its own operations name.
    """
    seller = seller or member_seller(actor)
    try:
        gln = gs1.validate_gln(draft.gln.strip())
    except InvalidIdentifier as exc:
        raise Unprocessable(str(exc), errors={"gln": [str(exc)]}) from None
    if not draft.name.strip():
        raise Unprocessable(_("Give the site a name."), errors={"name": [_("This field is required.")]})
    with transaction.atomic():
        owner = selectors.identifier_owners([Key(ai="414", value=gln)]).gln_owner(gln)
        if owner is not None and owner != seller.pk:
            raise PermissionDenied(_("GLN %(gln)s belongs to another seller.") % {"gln": gln})
        if Site.objects.filter(gln=gln).exists():
            raise Conflict(_("GLN %(gln)s is registered already.") % {"gln": gln}, errors={"gln": [
                _("Registered already.")]})
        site = Site(seller=seller, gln=gln, name=draft.name.strip()[:80], kind=draft.kind, region=draft.region,
                    address=draft.address.strip()[:200])
        site.full_clean()
        site.save()
    return site


@dataclass
class LotDraft:
    gtin: str
    code: str
    produced_on: date | None = None
    expires_on: date | None = None
    origin: Site | None = None
    ilmd: Mapping = field(default_factory=dict)


def lot_register(*, actor, draft: LotDraft) -> Lot:
    """Register a lot of one of the seller's GTINs; the platform gives it a trace code (追溯码)."""
    seller = member_seller(actor)
    errors = _lot_problems(seller, draft)
    if errors:
        raise Unprocessable(_("The lot cannot be registered: %(why)s") % {"why": "; ".join(
            m for msgs in errors.values() for m in msgs)}, errors=errors)
    gtin = gs1.validate_gtin(draft.gtin.strip())
    try:
        with transaction.atomic():
            lot = lot_row(seller_id=seller.pk, gtin=gtin, code=draft.code.strip(), ilmd=draft.ilmd,
                          produced_on=draft.produced_on, expires_on=draft.expires_on, origin=draft.origin)
            lot.save()
    except IntegrityError:
        raise Conflict(_("Lot %(lot)s of GTIN %(gtin)s is registered already.") % {
            "lot": draft.code, "gtin": gtin}, errors={"code": [_("Registered already.")]}) from None
    return lot


def _lot_problems(seller: Seller, draft: LotDraft) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        gtin = gs1.validate_gtin(draft.gtin.strip())
        owner = selectors.identifier_owners([Key(ai="01", value=gtin)]).gtin_owner(gtin)
        if owner is None:
            errors["gtin"] = [_("GTIN %(gtin)s is on none of your SKUs: add it to a SKU first.") % {"gtin": gtin}]
        elif owner != seller.pk:
            errors["gtin"] = [_("GTIN %(gtin)s belongs to another seller.") % {"gtin": gtin}]
    except InvalidIdentifier as exc:
        errors["gtin"] = [str(exc)]
    problem = gs1.ai_value_problem("10", draft.code.strip())
    if problem:
        errors["code"] = [_("Lot numbers use letters, digits and - . / _ only (at most 20, no Chinese): %(why)s")
                          % {"why": problem}]
    if draft.produced_on and draft.expires_on and draft.expires_on < draft.produced_on:
        errors["expires_on"] = [_("The best-before date cannot come before the harvest or making date.")]
    if draft.origin is not None and draft.origin.seller_id != seller.pk:
        errors["origin"] = [_("Choose one of your own sites.")]
    return errors


def serials_register(*, actor, lot: Lot, serials: Sequence[str]) -> list[Serial]:
    """Register serial numbers (AI 21) for items of one of the seller's lots."""
    seller = member_seller(actor)
    if lot.seller_id != seller.pk:
        raise PermissionDenied(_("This lot belongs to another seller."))
    values = [s.strip() for s in serials if s.strip()]
    bad = [f"{s}: {gs1.ai_value_problem('21', s)}" for s in values if gs1.ai_value_problem("21", s)]
    if bad or not values:
        raise Unprocessable(_("Serial numbers use letters, digits and - . / _ only (at most 20, no Chinese)."),
                            errors={"serials": bad or [_("Give at least one serial number.")]})
    try:
        with transaction.atomic():
            return Serial.objects.bulk_create(
                [Serial(seller=seller, gtin=lot.gtin, serial=value, lot=lot) for value in dict.fromkeys(values)])
    except IntegrityError:
        raise Conflict(_("One of these serial numbers is registered already for this GTIN."),
                       errors={"serials": [_("Registered already.")]}) from None
