"""In and Out schemas of the after-sales API. Units are strict whole numbers; amounts are never taken from the
client (a refund is worked out from the order's prices) and are answered as Decimal strings."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, ConfigDict

from chushan.aftersales import rules

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
Units = Annotated[int, Field(ge=1, le=999, strict=True)]
ReturnStateName = Literal["requested", "escalated", "approved", "rejected", "received", "refunded", "exchanged",
                          "cancelled"]
TicketStateName = Literal["open", "resolved"]
Number = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z]{2}[0-9]{8}-[0-9]{6,}$")]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _text(max_length: int, min_length: int = 0):
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_no_nul)]


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid")


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


# Return requests ---------------------------------------------------------------------------------------------

class ReturnLineIn(StrictIn):
    order_line_id: Id
    quantity: Units


class ReturnIn(StrictIn):
    order_number: Annotated[str, Field(min_length=1, max_length=40)]
    kind: Literal[rules.KINDS]
    reason: Literal[rules.REASONS]
    description: _text(1000) = ""
    lines: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=100)]


class ReturnLineOut(Schema):
    order_line_id: int
    product_name: str
    sku_label: str
    quantity: int
    unit_price: Decimal
    restocked_quantity: int

    @staticmethod
    def resolve_product_name(obj) -> str:
        return obj.order_line.product_name

    @staticmethod
    def resolve_sku_label(obj) -> str:
        return obj.order_line.sku_label

    @staticmethod
    def resolve_unit_price(obj) -> Decimal:
        return obj.order_line.unit_price


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.image.url

    @staticmethod
    def resolve_thumbnail_url(obj) -> str:
        return obj.thumbnail.url


class ReturnOut(Schema):
    number: str
    order_number: str
    kind: str
    reason: str
    description: str
    state: str
    decide_by: datetime.datetime
    decided_at: datetime.datetime | None
    decision_note: str = Field(..., description="The decision's note, in the request's language (or as typed).")
    decision_note_code: str = Field(..., description="The platform's note as a stable code; empty for typed notes.")
    deadline_missed: bool
    restock_location_id: int | None
    refund_amount: Decimal
    refund_state: str | None
    lines: list[ReturnLineOut]
    photos: list[PhotoOut]
    created_at: datetime.datetime

    @staticmethod
    def resolve_order_number(obj) -> str:
        return obj.order.number

    @staticmethod
    def resolve_decision_note(obj) -> str:
        return obj.decision_note_text

    @staticmethod
    def resolve_refund_state(obj) -> str | None:
        return obj.order_refund.state if obj.order_refund_id else None


class DecisionIn(StrictIn):
    approve: bool
    note: _text(500) = ""
    restock_location_id: Id | None = None


class ReceiveIn(StrictIn):
    location_id: Id


class ExchangeIn(StrictIn):
    location_id: Id
    tracking_number: _text(60) = ""


# Tickets -----------------------------------------------------------------------------------------------------

class TicketIn(StrictIn):
    order_number: Annotated[str, Field(min_length=1, max_length=40)]
    subject: _text(120, 1)
    body: _text(rules.MAX_MESSAGE, 1)
    category: Literal[rules.CATEGORIES] = "other"
    return_number: Annotated[str, Field(max_length=40)] | None = None


class MessageIn(StrictIn):
    body: _text(rules.MAX_MESSAGE, 1)


class EscalateIn(StrictIn):
    reason: _text(300, 1)


class ReassignIn(StrictIn):
    to: Literal[rules.OWNER_KINDS]
    location_id: Id | None = None
    reason: _text(300, 1)


class ResolveIn(StrictIn):
    outcome: Literal["resolved", "withdrawn"] = "resolved"
    note: _text(rules.MAX_MESSAGE, 1)


class MessageOut(Schema):
    role: str
    author: str | None
    body: str = Field(..., description="The message as written, or the platform's note in the request's language.")
    body_code: str = Field(..., description="The platform's note as a stable code; empty for written messages.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body_text

    @staticmethod
    def resolve_author(obj) -> str | None:
        return str(obj.author) if obj.author_id else None


class AssignmentOut(Schema):
    from_kind: str
    to_kind: str
    to_location_id: int | None
    reason: str = Field(..., description="Why, in the request's language (or as the person typed it).")
    reason_code: str = Field(..., description="The platform's reason as a stable code; empty for typed reasons.")
    by: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_reason(obj) -> str:
        return obj.reason_text

    @staticmethod
    def resolve_by(obj) -> str | None:
        return str(obj.actor) if obj.actor_id else None


class OwnerOut(Schema):
    kind: str
    seller_id: int | None
    location_id: int | None
    name: str


class TicketOut(Schema):
    number: str
    order_number: str
    return_number: str | None
    category: str
    subject: str = Field(..., description="As the shopper typed it, or the platform's subject in the request's "
                                          "language.")
    subject_code: str = Field(..., description="The platform's subject as a stable code; empty for typed ones.")
    state: str
    owner: OwnerOut
    respond_by: datetime.datetime
    waiting_on_owner: bool
    overdue: bool
    outcome: str
    created_at: datetime.datetime
    resolved_at: datetime.datetime | None
    messages: list[MessageOut]
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_order_number(obj) -> str:
        return obj.order.number

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.subject_text

    @staticmethod
    def resolve_return_number(obj) -> str | None:
        return obj.return_request.number if obj.return_request_id else None

    @staticmethod
    def resolve_owner(obj) -> dict:
        owner = obj.owner
        return {"kind": obj.owner_kind, "seller_id": obj.owner_seller_id, "location_id": obj.owner_location_id,
                "name": owner.name if owner is not None else "platform"}
