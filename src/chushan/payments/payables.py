"""What can be paid for. A higher app registers a kind for its prefix ("checkout" for "checkout:42") that says
how much is due and who may pay or refund it, so the API never takes an amount from the client and this app
never imports the app above it.

    # in orders/apps.py ready():
    payables.register("checkout", CheckoutPayable())
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from chushan.core.errors import Unprocessable

REF_PATTERN = re.compile(r"^(?P<kind>[a-z][a-z0-9_]{0,19}):(?P<id>[A-Za-z0-9_-]{1,40})$")


@dataclass(frozen=True)
class PayableTerms:
    amount: Decimal
    description: str = ""
    return_url: str = ""


class PayableKind(Protocol):
    def terms(self, *, ref_id: str, actor) -> PayableTerms:
        """What `actor` owes for it; raise NotFound / PermissionDenied / Unprocessable when they may not pay."""

    def may_refund(self, *, ref_id: str, actor) -> bool:
        """Whether `actor` (not staff) may refund a payment for it, e.g. the seller who sold it."""


_kinds: dict[str, PayableKind] = {}


def register(prefix: str, kind: PayableKind) -> None:
    _kinds[prefix] = kind


def unregister(prefix: str) -> None:
    _kinds.pop(prefix, None)


def split(payable_ref: str) -> tuple[str, str]:
    match = REF_PATTERN.match(payable_ref or "")
    if not match:
        raise Unprocessable(_("A payable reference looks like \"checkout:42\"."),
                            errors={"payable_ref": [_("Use kind:id, such as checkout:42.")]})
    return match["kind"], match["id"]


def kind_of(payable_ref: str) -> tuple[PayableKind | None, str]:
    prefix, ref_id = split(payable_ref)
    return _kinds.get(prefix), ref_id
