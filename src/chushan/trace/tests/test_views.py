"""Pages: scan to trace (HTML and JSON-LD), tamper banner, anchors, labels, and the seller console."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from PIL import Image

from chushan.accounts.tests.factories import UserFactory
from chushan.trace import labels
from chushan.trace.builders import SensorReading
from chushan.trace.models import ChainAnchor, ChainRecord, Lot, Serial, TraceEvent
from chushan.trace.services import (
    LotDraft,
    chain_anchor_day,
    lot_event_record,
    lot_register,
    platform_event_record,
    serials_register,
)
from chushan.trace.tests.factories import LotFactory

pytestmark = pytest.mark.django_db


def _when(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def tea_lot(tea, rival):
    """A lot of Leishan tea with its whole story, made partly from another seller's lot."""
    leaves = LotFactory(seller=rival.seller, gtin=rival.gtin, code="LEAF-01")
    lot = lot_register(actor=tea.user, draft=LotDraft(gtin=tea.gtin, code="LS2024-07", origin=tea.site,
                                                      produced_on=datetime.date(2024, 4, 20),
                                                      expires_on=datetime.date(2026, 4, 20),
                                                      ilmd={"field": "雷公山3号地", "grade": "特级"}))
    base = {"site_gln": tea.site.gln, "quantity": Decimal("120"), "uom": "KGM", "note": ""}
    lot_event_record(actor=tea.user, lot=lot, kind="harvest", data={
        **base, "when": _when(50), "harvest_date": datetime.date(2024, 4, 20), "field_name": "雷公山3号地",
        "grade": "特级", "variety": "鸠坑种"})
    lot_event_record(actor=tea.user, lot=lot, kind="transformation", data={
        **base, "when": _when(48), "inputs": [(leaves, Decimal("400"), "KGM")]})
    lot_event_record(actor=tea.user, lot=lot, kind="inspection", data={
        **base, "when": _when(40), "result": "pass", "inspector": "黔东南州农产品质量检测中心",
        "certificate_number": "QD-2024-0815", "certificate_issuer": "黔东南州市场监督管理局",
        "certificate_url": "https://example.org/reports/QD-2024-0815.pdf"})
    lot_event_record(actor=tea.user, lot=lot, kind="packing", data={
        **base, "when": _when(30), "parent": "urn:chushan:case:LS2024-07-001"})
    lot_event_record(actor=tea.user, lot=lot, kind="shipping", data={
        **base, "when": _when(20), "destination_gln": tea.shop.gln, "destination_name": "凯里门店"})
    for hours, low, high, mean in ((18, 3.1, 5.2, 4.0), (12, 3.5, 7.9, 5.1)):
        lot_event_record(actor=tea.user, lot=lot, kind="temperature", data={
            **base, "site_gln": None, "when": _when(hours), "device": "urn:chushan:logger:CC-7",
            "readings": [SensorReading(value=mean, min_value=low, max_value=high, mean_value=mean,
                                       time=_when(hours))]})
    lot_event_record(actor=tea.user, lot=lot, kind="receiving", data={
        **base, "site_gln": tea.shop.gln, "when": _when(10), "source_gln": tea.site.gln, "source_name": "茶园"})
    platform_event_record(kind="sold", seller_id=tea.seller.pk, lines=[{"gtin": tea.gtin, "lot": lot.code,
                                                                       "quantity": 1}],
                          location_gln=tea.shop.gln, reference="S-1", occurred_at=_when(2))
    return lot


def test_the_scan_page_tells_the_lots_story(client, tea_lot, tea):
    response = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-state="intact"' in page
    assert tea.seller.name in page and tea_lot.trace_code in page and "雷公山3号地" in page
    assert "QD-2024-0815" in page and "https://example.org/reports/QD-2024-0815.pdf" in page
    assert "/01/" + tea_lot.gtin[:0] in page and "LEAF-01" in page  # made from the rival's leaves, linked
    assert 'data-testid="cold-chain"' in page and "<polyline" in page and "7.9" in page and "3.1" in page
    assert "凯里门店" in page  # where it was sold
    assert page.count('<li class="') == 8  # the two cold-chain readings are one step
    assert "冷链读数 ×2" in page and "3.1–7.9°C (平均 4.5°C)" in page
    assert page.count(tea_lot.trace_code) == 1  # shown once above the timeline, not on every step
    assert response["Vary"] and "Accept" in response["Vary"]


def test_the_scan_page_tells_where_the_raw_material_came_from(client, tea_lot, rival):
    from chushan.trace.services import event_capture
    from chushan.trace.tests.documents import body, harvest

    event_capture(actor=rival.user, event=body(harvest(rival.gtin, "LEAF-01", rival.site.gln,
                                                       when="2024-04-18T06:00:00.000+08:00")))
    page = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="commissioning upstream"' in page and "raw material" in page and "LEAF-01" in page
    assert "all 10 events checked" in page  # the raw material's harvest is verified too
    assert "原料 · " in client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}").content.decode()
    events = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}", HTTP_ACCEPT="application/ld+json").json()
    assert len(events["epcisBody"]["queryResults"]["resultsBody"]["eventList"]) == 9  # the lot's own events


def test_the_scan_page_is_chinese_with_an_english_switch(client, tea_lot):
    page = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}").content.decode()
    assert 'lang="zh-Hans"' in page and "它的旅程" in page and 'data-testid="lang-switch"' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}").content.decode()
    assert 'lang="en"' in english and "Its journey" in english


def test_the_same_uri_gives_json_ld_events(client, tea_lot):
    response = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"] == "application/ld+json"
    data = json.loads(response.content)
    events = data["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert data["type"] == "EPCISQueryDocument"
    assert {e["type"] for e in events} == {"ObjectEvent", "TransformationEvent", "AggregationEvent"}
    assert all(e["eventID"].startswith("ni:///sha-256;") for e in events)


def test_a_serial_resolves_to_its_lots_story(client, tea_lot, tea):
    serials_register(actor=tea.user, lot=tea_lot, serials=["P-0001", "P-0002"])
    for path in (f"/01/{tea_lot.gtin}/21/P-0001", f"/01/{tea_lot.gtin}/10/{tea_lot.code}/21/P-0002"):
        page = client.get(path).content.decode()
        assert "P-000" in page and tea_lot.trace_code in page
    assert client.get(f"/01/{tea_lot.gtin}/10/OTHER/21/P-0001").status_code == 404


@pytest.mark.parametrize("path, status", [
    ("/01/09521234000014/10/LS1", 400),  # wrong check digit
    ("/01/09521234000013/10/%E9%93%B6%E7%90%83", 400),  # Chinese lot
    ("/01/9521234000013/10/LS1", 400),  # a GTIN in a Digital Link has 14 digits
    ("/01/09521234000013/10/NO-SUCH-LOT", 404),
    ("/01/09521234000013/21/NO-SUCH-SERIAL", 404),
])
def test_malformed_codes_are_400_and_unknown_ones_404(client, tea, path, status):
    response = client.get(path)
    assert response.status_code == status
    page = response.content.decode()
    assert 'data-testid="scan-error"' in page
    if status == 400:  # a sentence the shopper reads in Chinese, the GS1 detail below it
        assert "请核对包装上的码" in page and 'data-testid="scan-error-detail"' in page
    problem = client.get(path, HTTP_ACCEPT="application/ld+json")
    assert problem.status_code == status and problem["Content-Type"] == "application/problem+json"
    if status == 400:
        assert any(word in problem.json()["detail"] for word in ("check digit", "character set 82", "14 digits"))


def test_the_scan_page_shows_tampering(client, tea_lot, tea):
    record = ChainRecord.objects.filter(seller=tea.seller).order_by("seq")[2]
    data = json.loads(record.event.body)
    data["chushan:certificateNumber"] = "QD-2024-9999"  # point the inspection at another report
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trace_traceevent SET body = %s WHERE id = %s", [json.dumps(data), record.event_id])
    page = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}").content.decode()
    assert 'data-state="tampered"' in page
    assert f"{record.seq}" in page and record.event.event_id in page and tea.seller.name in page


def test_the_anchors_page_publishes_roots(client, tea, monkeypatch):
    from chushan.trace.services import document_capture, storage
    from chushan.trace.tests.documents import body, document, harvest

    earlier = timezone.now() - datetime.timedelta(days=1)
    monkeypatch.setattr(storage, "record_time_now", lambda: earlier.replace(microsecond=0))
    document_capture(actor=tea.user, body=body(document(harvest(tea.gtin, "L1", tea.site.gln))))
    anchor = chain_anchor_day(seller_id=tea.seller.pk, day=timezone.localdate(earlier))
    page = client.get("/trace/anchors/").content.decode()
    assert anchor.root in page and tea.seller.name in page
    data = client.get("/trace/anchors/?format=json").json()
    assert data["anchors"][0]["merkleRoot"] == anchor.root
    assert ChainAnchor.objects.count() == 1


# Labels ---------------------------------------------------------------------------------------------------


def _qr_modules(image: Image.Image, uri: str, top_offset: int = 0) -> list[list[bool]]:
    """Read the QR modules back from the label image at the layout the label was drawn with."""
    left, top, scale = labels.qr_layout(uri)
    size = len(labels.qr_matrix(uri))
    pixels = image.convert("L").load()
    return [[pixels[left + x * scale + scale // 2, top_offset + top + y * scale + scale // 2] < 128
             for x in range(size)] for y in range(size)]


def test_a_lot_label_png_carries_the_digital_link_qr(client, tea_lot, tea):
    client.force_login(tea.user)
    response = client.get(f"/console/trace/lots/{tea_lot.pk}/label.png")
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (labels.WIDTH, labels.HEIGHT)
    uri = f"{settings.CHUSHAN_PUBLIC_BASE_URL}/01/{tea_lot.gtin}/10/{tea_lot.code}"
    assert _qr_modules(image, uri) == labels.qr_matrix(uri)


def test_serial_labels_are_one_pdf_page_each(client, tea_lot, tea):
    serials_register(actor=tea.user, lot=tea_lot, serials=["P-0001", "P-0002", "P-0003"])
    client.force_login(tea.user)
    response = client.get(f"/console/trace/lots/{tea_lot.pk}/label.pdf?serials=P-0001,P-0003")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert response.content.count(b"/Type /Page\n") + response.content.count(b"/Type /Page\r") == 2 or \
        response.content.count(b"/Type /Page") - response.content.count(b"/Type /Pages") == 2
    sheet = Image.open(io.BytesIO(client.get(f"/console/trace/lots/{tea_lot.pk}/label.png?serials=all").content))
    assert sheet.size == (labels.WIDTH, labels.HEIGHT * 3)
    uri = f"{settings.CHUSHAN_PUBLIC_BASE_URL}/01/{tea_lot.gtin}/10/{tea_lot.code}/21/P-0002"
    assert _qr_modules(sheet, uri, top_offset=labels.HEIGHT) == labels.qr_matrix(uri)


def test_the_pdf_label_opens_as_an_image(client, tea_lot, tea):
    client.force_login(tea.user)
    pdf = client.get(f"/console/trace/lots/{tea_lot.pk}/label.pdf").content
    assert b"/MediaBox" in pdf and pdf.rstrip().endswith(b"%%EOF")


# Console --------------------------------------------------------------------------------------------------


def test_registering_a_lot_from_the_console(client, tea):
    client.force_login(tea.user)
    assert client.get("/console/trace/lots/new/").status_code == 200
    response = client.post("/console/trace/lots/new/", {
        "gtin": tea.gtin, "code": "LS2024-09", "produced_on": "2024-05-01", "expires_on": "2026-05-01",
        "origin": tea.site.pk, "field_name": "雷公山5号地", "grade": "一级"})
    lot = Lot.objects.get(code="LS2024-09")
    assert response.status_code == 302 and response["Location"] == f"/console/trace/lots/{lot.pk}/"
    assert lot.ilmd == {"field": "雷公山5号地", "grade": "一级"} and lot.origin == tea.site


def test_a_chinese_lot_number_is_a_form_error(client, tea):
    client.force_login(tea.user)
    response = client.post("/console/trace/lots/new/", {"gtin": tea.gtin, "code": "雷山一号"})
    assert response.status_code == 422 and "GS1" in response.content.decode()
    assert Lot.objects.count() == 0


def test_recording_an_event_from_the_console(client, tea):
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    client.force_login(tea.user)
    assert client.get(f"/console/trace/lots/{lot.pk}/events/inspection/").status_code == 200
    response = client.post(f"/console/trace/lots/{lot.pk}/events/inspection/", {
        "when": "2024-05-02T10:30", "site": tea.site.pk, "quantity": "5", "uom": "KGM", "result": "fail",
        "inspector": "州检测中心"})
    assert response.status_code == 302
    event = TraceEvent.objects.get()
    assert event.source == "console" and event.disposition.endswith("non_conformant")
    assert json.loads(event.body)["chushan:traceCode"] == lot.trace_code
    again = client.post(f"/console/trace/lots/{lot.pk}/events/inspection/", {
        "when": "2024-05-02T10:30", "site": tea.site.pk, "quantity": "5", "uom": "KGM", "result": "fail",
        "inspector": "州检测中心"})
    assert again.status_code == 422 and TraceEvent.objects.count() == 1  # the same event twice is refused


def test_the_console_lot_page_and_recall_page(client, tea_lot, tea):
    client.force_login(tea.user)
    page = client.get(f"/console/trace/lots/{tea_lot.pk}/").content.decode()
    assert tea_lot.trace_code in page and 'data-state="intact"' in page
    recall = client.get(f"/console/trace/lots/{tea_lot.pk}/recall/").content.decode()
    assert 'data-testid="recall-reach"' in recall
    assert tea.shop.name in recall and "https://id.gs1.org/414/" + tea.shop.gln not in recall  # places by name
    assert "S-1" in recall  # the shop sale that took some of the lot
    assert client.get("/console/trace/").status_code == 200
    assert client.get("/console/trace/sites/").status_code == 200


def test_registering_a_site_and_serials(client, tea):
    from chushan.trace.tests.factories import gln

    client.force_login(tea.user)
    response = client.post("/console/trace/sites/", {"name": "丹寨仓库", "gln": gln(location="00042"),
                                                     "kind": "warehouse", "address": ""})
    assert response.status_code == 302
    wrong = client.post("/console/trace/sites/", {"name": "x", "gln": "9521234000420", "kind": "farm"})
    assert wrong.status_code == 422
    lot = LotFactory(seller=tea.seller, gtin=tea.gtin)
    client.post(f"/console/trace/lots/{lot.pk}/serials/", {"serials": "A-1\nA-2\n"})
    assert sorted(Serial.objects.values_list("serial", flat=True)) == ["A-1", "A-2"]


def test_another_sellers_staff_cannot_see_or_change_a_lot(client, tea_lot, rival_staff):
    client.force_login(rival_staff)
    events_before = TraceEvent.objects.count()
    for url in (f"/console/trace/lots/{tea_lot.pk}/", f"/console/trace/lots/{tea_lot.pk}/label.png",
                f"/console/trace/lots/{tea_lot.pk}/events/harvest/", f"/console/trace/lots/{tea_lot.pk}/recall/"):
        assert client.get(url).status_code == 404
    response = client.post(f"/console/trace/lots/{tea_lot.pk}/events/harvest/", {"when": "2024-05-02T10:30"})
    assert response.status_code == 404
    assert client.post(f"/console/trace/lots/{tea_lot.pk}/recall/", {"reason": "x"}).status_code == 404
    assert TraceEvent.objects.count() == events_before


def test_a_shopper_cannot_use_the_console(client, db):
    client.force_login(UserFactory())
    assert client.get("/console/trace/").status_code == 403


def test_a_serial_captured_without_its_lot_still_has_a_page(client, tea):
    from chushan.trace.services import event_capture
    from chushan.trace.tests.documents import body

    event_capture(actor=tea.user, event=body({
        "type": "ObjectEvent", "eventTime": "2024-05-02T10:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
        "action": "ADD", "epcList": [f"https://id.gs1.org/01/{tea.gtin}/21/EMB-7"], "bizStep": "commissioning",
        "readPoint": {"id": f"https://id.gs1.org/414/{tea.site.gln}"}}))
    response = client.get(f"/01/{tea.gtin}/21/EMB-7")
    assert response.status_code == 200
    page = response.content.decode()
    assert "EMB-7" in page and 'data-state="intact"' in page and tea.seller.name in page


# Inspectors on the phone console --------------------------------------------------------------------------


def test_an_inspector_finds_the_lot_by_its_qr_link_and_records_from_the_phone(client, tea_lot, tea):
    lab = UserFactory()
    client.force_login(tea.user)
    response = client.post("/console/trace/inspectors/", {"mobile": lab.mobile, "organisation": "黔东南州检测中心"})
    assert response.status_code == 302
    assert "黔东南州检测中心" in client.get("/console/trace/inspectors/").content.decode()

    client.force_login(lab)
    found = client.get("/inspect/", {"q": f"https://chushan.example.cn/01/{tea_lot.gtin}/10/{tea_lot.code}"})
    assert found.status_code == 302 and found["Location"] == f"/inspect/lots/{tea_lot.pk}/"
    page = client.get(found["Location"]).content.decode()
    assert 'data-testid="inspect-form"' in page and 'name="site"' not in page
    before = TraceEvent.objects.count()
    done = client.post(found["Location"], {"when": "2026-04-10T10:00", "result": "fail", "quantity": "2",
                                           "uom": "KGM", "certificate_number": "QD-9"})
    assert done.status_code == 302 and TraceEvent.objects.count() == before + 1
    scan = client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}").content.decode()
    assert f'href="/inspect/lots/{tea_lot.pk}/" data-testid="inspect-this"' in scan  # scanned with the phone
    assert 'data-testid="by-inspector"' in scan and "黔东南州检测中心" in scan and "QD-9" in scan


def test_an_inspector_without_access_sees_no_lots(client, tea_lot):
    client.force_login(UserFactory())
    page = client.get("/inspect/", {"q": tea_lot.code}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="inspect-lots"' not in page and "No seller has let you" in page
    assert 'data-testid="inspect-this"' not in client.get(f"/01/{tea_lot.gtin}/10/{tea_lot.code}").content.decode()
    assert client.get(f"/inspect/lots/{tea_lot.pk}/").status_code == 404
    response = client.post(f"/inspect/lots/{tea_lot.pk}/", {"when": "2026-04-10T10:00", "result": "pass"})
    assert response.status_code == 404
