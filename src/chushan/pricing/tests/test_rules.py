"""One list price everywhere; a promotion is the only difference, inside its window, on its channels, up to its
per-shopper limit. Pure rules, checked by example and by hypothesis."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from chushan.pricing import rules
from chushan.pricing.rules import PromotionTerms

NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)
LIST = Decimal("100.00")


def promo(id=1, kind="price", value="80.00", channels=(), limit=None, starts=-1, ends=1, active=True):
    return PromotionTerms(id=id, kind=kind, value=Decimal(value), starts_at=NOW + starts * HOUR,
                          ends_at=NOW + ends * HOUR, channels=frozenset(channels), per_shopper_limit=limit,
                          is_active=active)


def test_without_a_promotion_the_list_price_is_the_price_everywhere():
    for channel in ("web", "shop_counter", "live_stream"):
        assert rules.effective_price(LIST, [], channel, NOW) == rules.Price(LIST, LIST, None)


def test_a_promotion_applies_only_on_its_channels():
    live_only = promo(channels=["live_stream"])
    assert rules.effective_price(LIST, [live_only], "live_stream", NOW).amount == Decimal("80.00")
    assert rules.effective_price(LIST, [live_only], "web", NOW).amount == LIST


def test_a_promotion_applies_from_its_start_up_to_but_not_at_its_end():
    window = promo(starts=0, ends=2)
    assert rules.effective_price(LIST, [window], "web", NOW).promotion_id == 1
    assert rules.effective_price(LIST, [window], "web", NOW - datetime.timedelta(seconds=1)).promotion_id is None
    assert rules.effective_price(LIST, [window], "web", NOW + 2 * HOUR).promotion_id is None


def test_a_withdrawn_promotion_does_not_apply():
    assert rules.effective_price(LIST, [promo(active=False)], "web", NOW).amount == LIST


def test_percent_off_rounds_half_up_to_the_fen():
    assert rules.effective_price(Decimal("9.99"), [promo(kind="percent", value="15")], "web", NOW).amount == \
        Decimal("8.49")  # 8.4915


def test_the_lowest_price_wins_and_never_exceeds_the_list_price():
    found = rules.effective_price(LIST, [promo(1, value="90"), promo(2, kind="percent", value="20"),
                                         promo(3, value="120")], "web", NOW)
    assert (found.amount, found.promotion_id) == (Decimal("80.00"), 2)


def test_a_used_up_limit_means_the_list_price():
    assert rules.effective_price(LIST, [promo(limit=2)], "web", NOW, {1: 2}).amount == LIST
    assert rules.effective_price(LIST, [promo(limit=2)], "web", NOW, {1: 1}).amount == Decimal("80.00")


def test_a_line_crossing_the_limit_is_split_in_two_prices():
    parts = rules.line_prices(LIST, [promo(limit=2)], "web", NOW, 5, {1: 1})
    assert [(p.quantity, p.unit_price, p.promotion_id) for p in parts] == [(1, Decimal("80.00"), 1), (4, LIST, None)]


def test_order_totals_add_up():
    parts = rules.line_prices(LIST, [promo(limit=2)], "web", NOW, 3)
    assert rules.order_totals(parts) == {"subtotal": Decimal("300.00"), "discount": Decimal("40.00"),
                                         "shipping_fee": Decimal("0.00"), "total": Decimal("260.00")}


def test_explained_prices_are_the_list_price_and_those_in_force_there():
    terms = [promo(1, channels=["live_stream"]), promo(2, value="70", starts=5, ends=6)]
    assert rules.explained_prices(LIST, terms, "live_stream", NOW) == {LIST, Decimal("80.00")}
    assert rules.explained_prices(LIST, terms, "web", NOW) == {LIST}


def test_promotion_problems_are_named_by_field():
    assert rules.promotion_problems(kind="price", value="80.00", starts_at=NOW, ends_at=NOW + HOUR,
                                    per_shopper_limit=None) == {}
    problems = rules.promotion_problems(kind="percent", value="100", starts_at=NOW, ends_at=NOW,
                                        per_shopper_limit=0)
    assert set(problems) == {"value", "ends_at", "per_shopper_limit"}
    assert "value" in rules.promotion_problems(kind="price", value="1.005", starts_at=NOW, ends_at=NOW + HOUR,
                                               per_shopper_limit=None)
    assert "ends_at" in rules.promotion_problems(kind="price", value="1", starts_at=NOW,
                                                 ends_at=NOW + datetime.timedelta(days=400), per_shopper_limit=None)


# Properties ---------------------------------------------------------------------------------------------------

prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
channels = st.sampled_from(["web", "shop_counter", "live_stream"])


@st.composite
def promotions(draw):
    count = draw(st.integers(0, 4))
    found = []
    for index in range(count):
        kind = draw(st.sampled_from(["price", "percent"]))
        value = draw(prices) if kind == "price" else draw(st.decimals(min_value=Decimal("0.01"),
                                                                      max_value=Decimal("99.99"), places=2))
        found.append(PromotionTerms(
            id=index + 1, kind=kind, value=value, starts_at=NOW - draw(st.integers(-2, 3)) * HOUR,
            ends_at=NOW + draw(st.integers(-1, 3)) * HOUR,
            channels=frozenset(draw(st.lists(channels, max_size=2))),
            per_shopper_limit=draw(st.none() | st.integers(1, 5)), is_active=draw(st.booleans())))
    return found


@given(list_price=prices, terms=promotions(), channel=channels, used=st.dictionaries(st.integers(1, 4),
                                                                                     st.integers(0, 6)))
def test_the_effective_price_is_at_most_the_list_price_and_at_least_one_fen(list_price, terms, channel, used):
    price = rules.effective_price(list_price, terms, channel, NOW, used)
    assert Decimal("0.01") <= price.amount <= list_price
    assert price.amount == price.amount.quantize(Decimal("0.01"))
    assert (price.promotion_id is None) == (price.amount == list_price)
    assert price.amount in rules.explained_prices(list_price, terms, channel, NOW)


@given(list_price=prices, terms=promotions(), channel=channels, quantity=st.integers(1, 50),
       used=st.dictionaries(st.integers(1, 4), st.integers(0, 6)))
def test_a_line_is_priced_unit_by_unit_within_every_limit(list_price, terms, channel, quantity, used):
    parts = rules.line_prices(list_price, terms, channel, NOW, quantity, used)
    assert sum(p.quantity for p in parts) == quantity and all(p.quantity > 0 for p in parts)
    assert sum(p.total for p in parts) <= list_price * quantity
    limits = {t.id: t.per_shopper_limit for t in terms}
    for promotion_id in {p.promotion_id for p in parts} - {None}:
        taken = sum(p.quantity for p in parts if p.promotion_id == promotion_id)
        if limits[promotion_id] is not None:
            assert used.get(promotion_id, 0) + taken <= limits[promotion_id]
    assert parts[0].unit_price == rules.effective_price(list_price, terms, channel, NOW, used).amount


@given(list_price=prices, terms=promotions(), quantity=st.integers(1, 20))
def test_a_promotion_on_another_channel_never_changes_the_web_price(list_price, terms, quantity):
    elsewhere = [t for t in terms if t.channels and "web" not in t.channels]
    parts = rules.line_prices(list_price, elsewhere, "web", NOW, quantity)
    assert parts == [rules.PricePart(quantity=quantity, unit_price=list_price, list_price=list_price)]


@given(list_price=prices, terms=promotions(), channel=channels, quantity=st.integers(1, 20),
       more=st.integers(0, 5))
def test_having_used_more_of_a_limit_never_lowers_the_price(list_price, terms, channel, quantity, more):
    fresh = sum(p.total for p in rules.line_prices(list_price, terms, channel, NOW, quantity, {}))
    used = {t.id: more for t in terms}
    later = sum(p.total for p in rules.line_prices(list_price, terms, channel, NOW, quantity, used))
    assert later >= fresh
