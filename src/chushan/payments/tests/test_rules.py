"""The payment rules read as a specification: money, the state ladder, refunds, signatures."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chushan.payments import rules
from chushan.payments.rules import CLOSED, FAILED, FLAGGED, PAID, PENDING, REFUNDED, Book

D = Decimal


class TestMoney:
    @pytest.mark.parametrize("value", ["0.01", "12", "12.5", "12.50", D("99.99"), 3])
    def test_a_positive_amount_with_at_most_two_decimals_is_money(self, value):
        assert rules.cny(value) == D(str(value)).quantize(D("0.01"))

    @pytest.mark.parametrize("value", ["0", "-1", "0.001", "1e400", "NaN", "Infinity", "abc", "", "12.345",
                                       "10000000000.00"])
    def test_anything_else_is_refused(self, value):
        with pytest.raises(rules.BadAmount):
            rules.cny(value)

    def test_yuan_and_fen_convert_exactly(self):
        assert rules.to_fen(D("12.34")) == 1234
        assert rules.from_fen(1234) == D("12.34")
        assert rules.to_fen(D("0.01")) == 1


class TestPaymentLadder:
    def test_paid_with_the_right_amount_is_paid(self):
        assert rules.observe_payment(Book(PENDING, D(10)), status=PAID, amount=D(10)).state == PAID

    def test_a_wrong_amount_is_flagged_not_paid(self):
        assert rules.observe_payment(Book(PENDING, D(10)), status=PAID, amount=D("0.01")).state == FLAGGED

    def test_paid_ignores_a_later_close(self):
        paid = rules.observe_payment(Book(PENDING, D(10)), status=PAID, amount=D(10))
        assert rules.observe_payment(paid, status=CLOSED).state == PAID

    def test_a_late_payment_after_a_close_still_counts(self):
        closed = rules.observe_payment(Book(PENDING, D(10)), status=CLOSED)
        assert rules.observe_payment(closed, status=PAID, amount=D(10)).state == PAID

    def test_a_failure_after_payment_changes_nothing(self):
        paid = Book(PAID, D(10))
        assert rules.observe_payment(paid, status=FAILED) is paid

    def test_becoming_paid_is_announced_once(self):
        assert rules.became_paid(PENDING, PAID)
        assert rules.became_paid(CLOSED, PAID)
        assert not rules.became_paid(PAID, PAID)
        assert not rules.became_paid(PAID, REFUNDED)


class TestRefunds:
    def test_a_full_refund_makes_the_payment_refunded(self):
        book = Book(PAID, D(10), refund_committed=D(10))
        after = rules.observe_refund(book, before="pending", after="succeeded", amount=D(10))
        assert (after.state, after.refunded) == (REFUNDED, D(10))

    def test_a_partial_refund_leaves_it_paid(self):
        book = Book(PAID, D(10), refund_committed=D(4))
        after = rules.observe_refund(book, before="pending", after="succeeded", amount=D(4))
        assert (after.state, after.refunded) == (PAID, D(4))

    def test_a_failed_refund_releases_its_room(self):
        book = Book(PAID, D(10), refund_committed=D(4))
        assert rules.observe_refund(book, before="pending", after="failed", amount=D(4)).refund_committed == 0

    def test_cannot_refund_more_than_is_left(self):
        assert rules.refund_problem(Book(PAID, D(10), refund_committed=D(7)), D("3.01")) == "over_limit"
        assert rules.refund_problem(Book(PAID, D(10), refund_committed=D(7)), D(3)) is None

    def test_cannot_refund_an_unpaid_or_fully_refunded_payment(self):
        assert rules.refund_problem(Book(PENDING, D(10)), D(1)) == "not_paid"
        assert rules.refund_problem(Book(REFUNDED, D(10), D(10), D(10)), D(1)) == "fully_refunded"

    def test_a_refund_only_moves_forward(self):
        assert rules.refund_transition("succeeded", "failed") == "succeeded"
        assert rules.refund_transition("failed", "succeeded") == "succeeded"
        assert rules.refund_transition("pending", "pending") == "pending"


# Any order and multiplicity of notifications ends where the sensible order ends --------------------------

AMOUNT = D("100.00")
REFUND_AMOUNTS = [D("30.00"), D("20.00"), D("50.00")]


def _apply(events: list[tuple]) -> tuple:
    """Fold notifications over a paid-for payment whose refunds were all requested (committed)."""
    book = Book(PENDING, AMOUNT, refund_committed=sum(REFUND_AMOUNTS[: _refund_count(events)], D(0)))
    refunds: dict[int, str] = {}
    for event in events:
        if event[0] == "payment":
            book = rules.observe_payment(book, status=event[1], amount=event[2])
        else:
            _kind, index, observed = event
            before = refunds.get(index, "pending")
            after = rules.refund_transition(before, observed)
            if after != before:
                book = rules.observe_refund(book, before=before, after=after, amount=REFUND_AMOUNTS[index])
            refunds[index] = after
    return book, dict(sorted(refunds.items()))


def _refund_count(events) -> int:
    return max((e[1] + 1 for e in events if e[0] == "refund"), default=0)


@st.composite
def notification_sets(draw):
    """The distinct notifications one payment gets, and the order a sensible provider would send them in."""
    sensible = [("payment", PAID, AMOUNT)]
    for index in range(draw(st.integers(0, len(REFUND_AMOUNTS)))):
        outcomes = draw(st.sampled_from([["succeeded"], ["failed"], ["failed", "succeeded"]]))
        sensible += [("refund", index, outcome) for outcome in outcomes]
    sensible += draw(st.lists(st.sampled_from([("payment", CLOSED, None), ("payment", FAILED, None)]),
                              unique=True, max_size=2))
    return sensible


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_order_and_multiplicity_of_notifications_ends_in_the_sensible_state(data):
    sensible = data.draw(notification_sets())
    copies = [event for event in sensible for _ in range(data.draw(st.integers(1, 3)))]
    shuffled = data.draw(st.permutations(copies))
    assert _apply(shuffled) == _apply(sensible)


@settings(max_examples=100, deadline=None)
@given(extra=st.lists(st.sampled_from([("payment", CLOSED, None), ("payment", FAILED, None),
                                       ("payment", PAID, AMOUNT)]), max_size=6))
def test_the_state_never_goes_down_the_ladder(extra):
    book = Book(PENDING, AMOUNT)
    for _kind, status, amount in extra:
        after = rules.observe_payment(book, status=status, amount=amount)
        assert rules.RANK[after.state] >= rules.RANK[book.state]
        book = after


class TestSandboxSignature:
    def test_the_same_inputs_sign_the_same(self):
        one = rules.sandbox_signature("s", timestamp="1", nonce="n", body=b"{}")
        assert one == rules.sandbox_signature("s", timestamp="1", nonce="n", body=b"{}")
        assert rules.signature_matches(one, one)

    @pytest.mark.parametrize("change", [{"timestamp": "2"}, {"nonce": "m"}, {"body": b"{ }"}])
    def test_any_change_breaks_the_signature(self, change):
        base = {"timestamp": "1", "nonce": "n", "body": b"{}"}
        good = rules.sandbox_signature("s", **base)
        assert not rules.signature_matches(good, rules.sandbox_signature("s", **{**base, **change}))
        assert not rules.signature_matches(good, rules.sandbox_signature("other", **base))
        assert not rules.signature_matches(good, None)

    def test_a_timestamp_outside_the_window_is_stale(self):
        now = datetime(2026, 5, 1, tzinfo=UTC)
        window = timedelta(minutes=5)
        assert rules.timestamp_is_fresh(str(int(now.timestamp()) - 299), now=now, tolerance=window)
        assert not rules.timestamp_is_fresh(str(int(now.timestamp()) - 301), now=now, tolerance=window)
        assert not rules.timestamp_is_fresh("yesterday", now=now, tolerance=window)
