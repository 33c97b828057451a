"""API schemas for search. Prices travel as strings ("168.00"), never as JSON numbers.

The Out schemas are plain pydantic models: the endpoint hands them dicts, and pydantic validates those
without ninja's attribute resolver, which matters for a response of twenty items and six facets.
"""

from decimal import Decimal
from typing import Literal

from ninja import Field, Schema
from pydantic import BaseModel

from chushan.search import query, selectors

KEY = r"^[A-Za-z0-9_-]{1,80}$"
Certification = Literal["heritage", "halal", "brand", "green", "organic"]
Sort = Literal["relevance", "price_asc", "price_desc"]


class SearchIn(Schema):
    q: str = Field("", max_length=query.MAX_QUERY_CHARS,
                   description="Chinese, pinyin (laran) or initials (lr); empty lists everything")
    category: str | None = Field(None, pattern=KEY, description="Category number or slug (a top category "
                                 "includes its subcategories)")
    region: str | None = Field(None, pattern=r"^[1-9][0-9]{5}$", description="Province, prefecture or county code")
    ethnic_group: str | None = Field(None, pattern=KEY, description="Ethnic group number or code (miao, hui …)")
    heritage_level: int | None = Field(None, ge=1, le=4, description="1 county … 4 national")
    certified: Certification | None = Field(None, description="Only products with this claim backed today")
    price_min: Decimal | None = Field(None, ge=0, lt=10_000_000, max_digits=10, decimal_places=2)
    price_max: Decimal | None = Field(None, ge=0, lt=10_000_000, max_digits=10, decimal_places=2)
    sort: Sort = "relevance"
    limit: int = Field(selectors.PAGE_SIZE, ge=1, le=selectors.MAX_LIMIT)
    offset: int = Field(0, ge=0, le=selectors.MAX_OFFSET)


class SellerRefOut(BaseModel):
    slug: str
    name: str
    url: str


class CategoryRefOut(BaseModel):
    id: int
    slug: str
    name: str


class BadgeOut(BaseModel):
    kind: Certification
    label: str


class SearchItemOut(BaseModel):
    id: int
    name: str
    display_name: str
    url: str
    price: str = Field(..., description="Lowest price on sale, CNY", examples=["168.00"])
    currency: Literal["CNY"] = "CNY"
    seller: SellerRefOut
    category: CategoryRefOut
    image: str | None
    heritage_level: int | None
    badges: list[BadgeOut]
    score: float = Field(..., description="Text relevance × authenticity, credit and quality boost")


class FacetValueOut(BaseModel):
    value: str = Field(..., description="What to send back as the filter parameter")
    label: str
    count: int
    selected: bool


class FacetOut(BaseModel):
    label: str
    values: list[FacetValueOut]


class SuggestionOut(BaseModel):
    q: str
    count: int


class SearchOut(BaseModel):
    items: list[SearchItemOut]
    count: int = Field(..., description="Products matching the query and filters, at most 500")
    count_exact: bool = Field(..., description="False when more than 500 match: show “500+”; the page and "
                              "facets are then worked out among the 500 best-lifted matches")
    limit: int
    offset: int
    q: str
    words: list[str] = Field(..., description="The words the query was understood as")
    relaxed: bool = Field(..., description="Nothing matched as typed; these are close matches")
    facets: dict[str, FacetOut] = Field(..., description="category, region (prefecture), ethnic_group, "
                                        "heritage_level, certified, price: counts over all matches")
    suggestions: list[SuggestionOut] = Field(..., description="“Did you mean”, when nothing matched")
