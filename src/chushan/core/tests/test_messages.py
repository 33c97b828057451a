"""The shared rendering of the platform's coded messages: translated at read time, parameters filled in (a
parameter may be a coded message itself), the stored text when the code is unknown or its parameters no longer
fit."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from chushan.core import messages

CATALOGUE = {
    "cancelled": _("Cancelled."),
    "given_to": _("Given to %(owner)s: %(reason)s"),
    "days": _("Not collected within %(days)d days."),
}


def test_a_code_is_translated_when_read():
    with translation.override("en"):
        assert messages.render(CATALOGUE, "cancelled", {}) == "Cancelled."
    with translation.override("zh-hans"):
        assert messages.render(CATALOGUE, "cancelled", None) == "已取消。"


def test_a_parameter_may_be_a_coded_message_and_is_translated_too():
    params = {"owner": "丹寨蜡染", "reason": {"code": "cancelled", "params": {}}}
    with translation.override("en"):
        assert messages.render(CATALOGUE, "given_to", params) == "Given to 丹寨蜡染: Cancelled."


@pytest.mark.parametrize("code,params,expected", [
    ("", {}, "stored"),  # typed by a person, or written before codes existed
    ("gone", {}, "stored"),  # a code no longer in the catalogue
    ("days", {}, "stored"),  # a parameter missing
    ("days", {"days": "x"}, "stored"),  # a parameter of the wrong kind
    ("days", ["not", "a", "dict"], "stored"),
])
def test_the_stored_text_is_shown_when_the_code_cannot_be(code, params, expected):
    with translation.override("en"):
        assert messages.render(CATALOGUE, code, params, "stored") == expected


def test_an_unknown_code_is_a_programming_error():
    assert messages.check(CATALOGUE, "") == "" and messages.check(CATALOGUE, "days") == "days"
    with pytest.raises(ValueError, match="unknown ticket note code 'made_up'"):
        messages.check(CATALOGUE, "made_up", what="ticket note")


def test_a_record_of_another_app_names_a_registered_message_and_reads_it_in_the_readers_language():
    messages.register("test_orders", CATALOGUE)
    name = messages.named("test_orders", "cancelled")
    assert name == "test_orders:cancelled"
    assert messages.named("test_orders", "") == ""  # no code: the record keeps typed text instead
    with translation.override("zh-hans"):
        assert messages.render_named(name, None, "stored") == "已取消。"
    with translation.override("en"):
        assert messages.render_named("test_orders:days", {"days": 7}) == "Not collected within 7 days."


@pytest.mark.parametrize("name", ["", "typed", "nobody:cancelled", "test_orders:gone"])
def test_a_name_no_catalogue_knows_shows_the_stored_text(name):
    messages.register("test_orders", CATALOGUE)
    assert messages.render_named(name, {}, "stored") == "stored"


@pytest.mark.parametrize("name", ["nobody:cancelled", "test_orders:gone", "cancelled"])
def test_writing_an_unknown_name_is_a_programming_error(name):
    messages.register("test_orders", CATALOGUE)
    with pytest.raises(ValueError, match="unknown message"):
        messages.check_named(name)
