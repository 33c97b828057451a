"""What every catalogue write shares: who may act, the locked product, validation errors, the change event."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from chushan.catalog import locks
from chushan.catalog.models import Product
from chushan.catalog.rules import InvalidValue
from chushan.core import events
from chushan.core.errors import NotFound, PermissionDenied, Unprocessable
from chushan.sellers.models import Seller
from chushan.sellers.selectors import seller_of


def member_seller(actor) -> Seller:
    """The seller the actor works for; anyone else may not manage products."""
    seller = seller_of(actor)
    if seller is None:
        raise PermissionDenied(_("Only members of a seller can manage products. Apply to sell first."))
    return seller


def product_locked_for(actor, product_id: int) -> Product:
    """The actor's own product, locked. Another seller's product is reported as absent, not forbidden."""
    seller = member_seller(actor)
    product = locks.product_lock_for_seller(seller=seller, product_id=product_id)
    if product is None:
        raise NotFound(_("You have no product with this number."))
    product.seller = seller
    return product


def operator_required(actor, perm: str = "catalog.delist_product") -> None:
    if not (getattr(actor, "is_authenticated", False) and actor.has_perm(perm)):
        raise PermissionDenied(_("Only platform operators may do this."))


class Errors(dict):
    """Field errors collected before anything is written, raised once."""

    def add(self, field: str, message) -> None:
        self.setdefault(field, []).append(str(message))

    def check(self, field: str, fn, *args, **kwargs):
        """Run a rule; on ``InvalidValue`` note the message under ``field`` and return None."""
        try:
            return fn(*args, **kwargs)
        except InvalidValue as exc:
            self.add(field, exc.message)
            return None

    def raise_if_any(self) -> None:
        if self:
            summary = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in self.items())
            raise Unprocessable(_("Please correct the following: %(summary)s") % {"summary": summary},
                                code="validation", errors=dict(self))


def full_clean_or_422(obj, *, exclude: Iterable[str] = (), prefix: str = "", rename: dict | None = None) -> None:
    """Model.full_clean, with its errors turned into a 422 whose field names the client knows."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        errors = Errors()
        for field, messages in exc.message_dict.items():
            name = (rename or {}).get(field, field)
            for message in messages:
                errors.add(f"{prefix}{name}" if field != "__all__" else (prefix.rstrip(".") or "__all__"), message)
        errors.raise_if_any()


def product_touched(product: Product) -> None:
    """Record the change and tell the search index once the transaction commits."""
    Product.objects.filter(pk=product.pk).update(updated_at=timezone.now())
    events.publish(events.PRODUCT_CHANGED, product_ids=[product.pk])


def product_changed(product: Product) -> None:
    events.publish(events.PRODUCT_CHANGED, product_ids=[product.pk])
