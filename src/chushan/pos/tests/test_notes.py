"""Why a QR payment did not become a sale is stored as a code and read in the clerk's language, whichever language
was active when the platform wrote it; notes stored as text before codes existed are shown as stored."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from chushan.inventory import services as stock
from chushan.inventory.models import Reservation, StockMovement
from chushan.payments.models import Payment
from chushan.pos import notes, services
from chushan.pos.models import PosSale

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(clerk, stocked, sku):
    services.basket_add(actor=clerk, location=stocked, sku=sku, quantity=2)
    return services.pos_sale_qr_start(actor=clerk, sale=services.basket_open(actor=clerk, location=stocked),
                                      provider="sandbox")


def _status(sale, language) -> str:
    """The counter's QR status fragment, where the note is shown, rendered for a reader of ``language``."""
    with translation.override(language):
        return render_to_string("pos/_qr_status.html", {"location": sale.location, "sale": sale})


def _api(client, sale, language) -> dict:
    """The sale as the counter API answers it: back in the clerk's basket once the QR payment fell through."""
    response = client.get(f"/api/v1/pos/counters/{sale.location_id}/basket", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    assert response.json()["number"] == sale.number
    return response.json()


@pytest.mark.parametrize("code", sorted(notes.MESSAGES))
def test_every_note_reads_in_english_and_in_chinese(code):
    with translation.override("en"):
        english = notes.render(code, {})
    with translation.override("zh-hans"):
        chinese = notes.render(code, {})
    assert english and chinese and english != chinese


def test_a_note_written_in_english_reads_in_chinese(client, clerk, waiting):
    with translation.override("en"):
        services.pos_sale_qr_cancel(actor=clerk, sale=waiting)
    sale = PosSale.objects.get(pk=waiting.pk)
    assert (sale.note_code, sale.note_params, sale.note) == ("qr_not_completed", {}, "")
    client.force_login(clerk)
    page = _status(sale, "zh-hans")
    assert "扫码付款未完成。" in page and "The QR payment was not completed." not in page
    basket = _api(client, sale, "zh-hans")
    assert (basket["note"], basket["note_code"]) == ("扫码付款未完成。", "qr_not_completed")
    assert _api(client, sale, "en")["note"] == "The QR payment was not completed."


def test_a_note_written_in_chinese_reads_in_english(client, clerk, stocked, sku, waiting):
    """The customer pays after the held goods lapsed and were sold to someone else: refunded, and the sale says
    why in the reader's language."""
    stock.reservations_release(actor=None, reservations=list(Reservation.objects.all()), reason="lapsed")
    stock.stock_sell_now(actor=clerk, sku=sku, location=stocked, quantity=3)
    Payment.objects.filter(pk=waiting.payment_id).update(state=Payment.State.PAID)
    with translation.override("zh-hans"):
        services.pos_sale_payment_settle(sale_id=waiting.pk, payment_id=waiting.payment_id)
    sale = PosSale.objects.get(pk=waiting.pk)
    assert (sale.state, sale.note_code, sale.note) == ("open", "paid_after_sold_elsewhere", "")
    client.force_login(clerk)
    english = "Paid after the goods were sold elsewhere; the payment was refunded."
    page = _status(sale, "en")
    assert english in page and "已售出" not in page
    assert _api(client, sale, "en")["note"] == english
    assert _api(client, sale, "zh-hans")["note"] == "付款时商品已售出；款项已退回。"


def test_a_note_stored_as_text_before_codes_is_shown_as_stored(client, clerk, waiting):
    services.pos_sale_qr_cancel(actor=clerk, sale=waiting)
    PosSale.objects.filter(pk=waiting.pk).update(note="扫码付款未完成。", note_code="")
    sale = PosSale.objects.get(pk=waiting.pk)
    client.force_login(clerk)
    assert "扫码付款未完成。" in _status(sale, "en")
    assert _api(client, sale, "en")["note"] == "扫码付款未完成。"


def test_an_unknown_note_code_is_refused():
    with pytest.raises(ValueError):
        notes.check("made_up")
    assert notes.check("") == "" and notes.check(notes.QR_NOT_COMPLETED) == notes.QR_NOT_COMPLETED


def test_the_ledger_line_that_frees_the_units_reads_in_the_clerks_language_too(clerk, waiting):
    with translation.override("en"):
        services.pos_sale_qr_cancel(actor=clerk, sale=waiting)
    release = StockMovement.objects.get(kind="release")
    assert (release.reason, release.reason_code) == ("", "pos:qr_not_completed")
    with translation.override("zh-hans"):
        assert release.reason_text == "扫码付款未完成。"
