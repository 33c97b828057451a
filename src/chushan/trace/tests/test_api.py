"""The EPCIS 2.0 REST interface over HTTP: capture, capture jobs, queries, paging, problem+json."""

import json
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from chushan.accounts.services import api_token_create
from chushan.trace.models import CaptureJob, ChainRecord, TraceEvent
from chushan.trace.tests.documents import CONTEXT, body, document, harvest, lot_class, place, shipping

pytestmark = pytest.mark.django_db
LD = "application/ld+json"


def _capture(client, doc, **headers):
    return client.post("/epcis/capture", body(doc), content_type=LD, **headers)


def _results(response) -> list[dict]:
    data = json.loads(response.content)
    assert data["type"] == "EPCISQueryDocument"
    return data["epcisBody"]["queryResults"]["resultsBody"]["eventList"]


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return json.loads(response.content)


# Capture --------------------------------------------------------------------------------------------------


def test_capture_answers_202_with_the_job_location(client, tea):
    client.force_login(tea.user)
    response = _capture(client, document(harvest(tea.gtin, "L1", tea.site.gln), shipping(tea.gtin, "L1",
                                                                                          tea.site.gln)))
    assert response.status_code == 202
    assert response["Location"].startswith("/epcis/capture/")
    assert response["GS1-EPCIS-Capture-Limit"] == "10000"
    job = client.get(response["Location"])
    assert job.status_code == 200
    data = job.json()
    assert (data["success"], data["running"], data["capturedCount"]) == (True, False, 2)
    assert TraceEvent.objects.count() == 2


def test_capture_works_with_a_bearer_token(client, tea):
    token = api_token_create(actor=tea.user, name="farm app").raw
    response = _capture(client, document(harvest(tea.gtin, "L1", tea.site.gln)),
                        HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 202


def test_capture_needs_a_signed_in_seller_member(client, tea):
    assert _problem(_capture(client, document(harvest(tea.gtin, "L1", tea.site.gln))), 401)
    assert TraceEvent.objects.count() == 0


def test_a_capture_job_is_visible_to_its_seller_only(client, tea, rival_staff):
    client.force_login(tea.user)
    location = _capture(client, document(harvest(tea.gtin, "L1", tea.site.gln)))["Location"]
    client.force_login(rival_staff)
    _problem(client.get(location), 404)
    _problem(client.get("/epcis/capture/not-a-uuid"), 404)


def test_a_bad_event_rolls_back_the_capture_with_problem_json(client, tea):
    client.force_login(tea.user)
    bad = shipping(tea.gtin, "L1", tea.site.gln, bizStep="harvesting")
    problem = _problem(_capture(client, document(harvest(tea.gtin, "L1", tea.site.gln), bad)), 400)
    assert "epcisBody.eventList[1].bizStep" in problem["errors"]
    assert problem["type"].endswith("epcis-validation")
    assert TraceEvent.objects.count() == 0 and CaptureJob.objects.count() == 0


def test_proceed_mode_is_chosen_by_header(client, tea):
    client.force_login(tea.user)
    bad = shipping(tea.gtin, "L1", tea.site.gln, bizStep="harvesting")
    response = _capture(client, document(harvest(tea.gtin, "L1", tea.site.gln), bad),
                        HTTP_GS1_CAPTURE_ERROR_BEHAVIOUR="proceed")
    assert response.status_code == 202
    job = client.get(response["Location"]).json()
    assert (job["success"], job["capturedCount"], job["captureErrorBehaviour"]) == (False, 1, "proceed")
    assert job["errors"][0]["path"] == "epcisBody.eventList[1].bizStep"


def test_too_many_events_is_413_with_the_limit_headers(client, tea, settings):
    settings.CHUSHAN_EPCIS_CAPTURE_LIMIT = 1
    client.force_login(tea.user)
    response = _capture(client, document(harvest(tea.gtin, "L1", tea.site.gln), harvest(tea.gtin, "L2",
                                                                                         tea.site.gln)))
    problem = _problem(response, 413)
    assert response["GS1-EPCIS-Capture-Limit"] == "1"
    assert "GS1-EPCIS-Capture-Limit" in problem["detail"]
    assert TraceEvent.objects.count() == 0


def test_too_many_bytes_is_413(client, tea, settings):
    settings.CHUSHAN_EPCIS_CAPTURE_FILE_SIZE_LIMIT = 200
    client.force_login(tea.user)
    response = _capture(client, document(harvest(tea.gtin, "L1", tea.site.gln)))
    _problem(response, 413)
    assert response["GS1-EPCIS-Capture-File-Size-Limit"] == "200"
    assert TraceEvent.objects.count() == 0


def test_a_big_document_passes_djangos_form_size_limit(client, tea, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000  # capture reads the stream under its own, larger limit
    client.force_login(tea.user)
    response = _capture(client, document(*[harvest(tea.gtin, f"L{i}", tea.site.gln) for i in range(10)]))
    assert response.status_code == 202 and TraceEvent.objects.count() == 10


def test_other_media_types_are_415(client, tea):
    client.force_login(tea.user)
    response = client.post("/epcis/capture", "<epcis/>", content_type="application/xml")
    _problem(response, 415)


def test_malformed_json_is_400(client, tea):
    client.force_login(tea.user)
    problem = _problem(client.post("/epcis/capture", b"{nope", content_type=LD, HTTP_ACCEPT_LANGUAGE="en"), 400)
    assert "not valid JSON" in problem["detail"] and problem["type"].endswith("epcis-validation")
    chinese = _problem(client.post("/epcis/capture", b"{nope", content_type=LD), 400)
    assert "不是有效的 JSON" in chinese["detail"]


def test_another_sellers_identifiers_are_403_and_nothing_is_stored(client, tea, rival):
    client.force_login(tea.user)
    problem = _problem(_capture(client, document(harvest(rival.gtin, "B1", tea.site.gln))), 403)
    assert "epcisBody.eventList[0].quantityList[0].epcClass" in problem["errors"]
    assert TraceEvent.objects.count() == 0


def test_post_events_captures_one_event_and_409s_the_second_time(client, tea):
    client.force_login(tea.user)
    event = {"@context": CONTEXT, **harvest(tea.gtin, "L1", tea.site.gln)}
    response = client.post("/epcis/events", body(event), content_type=LD)
    assert response.status_code == 201
    stored = TraceEvent.objects.get()
    assert response["Location"] == "/epcis/events/" + quote(stored.event_id, safe="")
    assert json.loads(response.content)["eventID"] == stored.event_id
    problem = _problem(client.post("/epcis/events", body(event), content_type="application/json"), 409)
    assert stored.event_id in problem["detail"]
    assert TraceEvent.objects.count() == 1 and ChainRecord.objects.count() == 1


def test_chinese_lot_and_wrong_check_digit_are_refused(client, tea):
    client.force_login(tea.user)
    event = harvest(tea.gtin, "L1", tea.site.gln)
    event["quantityList"][0]["epcClass"] = f"https://id.gs1.org/01/{tea.gtin}/10/银球茶"
    problem = _problem(client.post("/epcis/events", body(event), content_type=LD), 400)
    assert "character set 82" in json.dumps(problem, ensure_ascii=False)
    event["quantityList"][0]["epcClass"] = f"https://id.gs1.org/01/{tea.gtin[:-1]}0/10/L1"
    problem = _problem(client.post("/epcis/events", body(event), content_type=LD), 400)
    assert "check digit" in json.dumps(problem)
    assert TraceEvent.objects.count() == 0


# Query ----------------------------------------------------------------------------------------------------


@pytest.fixture
def history(client, tea, rival):
    """Tea: harvests of L1 and L2 in April, shipments in May, a case packed; rival: one harvest."""
    client.force_login(tea.user)
    aggregation = {"type": "AggregationEvent", "eventTime": "2024-05-03T08:00:00.000+08:00",
                   "eventTimeZoneOffset": "+08:00", "parentID": "https://id.gs1.org/00/095212340000000013",
                   "childQuantityList": [{"epcClass": lot_class(tea.gtin, "L2"), "quantity": 20}], "action": "ADD",
                   "bizStep": "packing", "readPoint": {"id": place(tea.shop.gln)}}
    transformation = {"type": "TransformationEvent", "eventTime": "2024-05-04T08:00:00.000+08:00",
                      "eventTimeZoneOffset": "+08:00",
                      "inputQuantityList": [{"epcClass": lot_class(tea.gtin, "L1"), "quantity": 5}],
                      "outputQuantityList": [{"epcClass": lot_class(tea.gtin2, "BLEND-1"), "quantity": 5}]}
    doc = document(harvest(tea.gtin, "L1", tea.site.gln, when="2024-04-20T07:00:00.000+08:00"),
                   harvest(tea.gtin, "L2", tea.site.gln, when="2024-04-25T07:00:00.000+08:00"),
                   shipping(tea.gtin, "L1", tea.shop.gln, when="2024-05-01T09:00:00.000+08:00"),
                   shipping(tea.gtin, "L2", tea.shop.gln, when="2024-05-02T09:00:00.000+08:00",
                            disposition="urn:epcglobal:cbv:disp:in_transit"),
                   aggregation, transformation)
    from chushan.trace.tests.factories import sku_with_gtin

    sku_with_gtin(tea.seller, tea.gtin2, name="银球茶拼配")
    response = _capture(client, doc)
    assert response.status_code == 202, response.content.decode()
    client.force_login(rival.user)
    assert _capture(client, document(harvest(rival.gtin, "B1", rival.site.gln))).status_code == 202
    client.logout()
    return list(TraceEvent.objects.order_by("pk"))


def _query(client, **params) -> list[dict]:
    response = client.get("/epcis/events", params)
    assert response.status_code == 200, response.content
    return _results(response)


def test_reads_are_public_and_return_a_query_document(client, history):
    response = client.get("/epcis/events", HTTP_ACCEPT=LD)
    assert response["Content-Type"] == LD
    assert len(_results(response)) == 7
    assert client.get("/epcis/events", HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"


def test_filters_by_event_type_action_and_cbv_words_or_uris(client, history):
    assert len(_query(client, eventType="AggregationEvent|TransformationEvent")) == 2
    assert len(_query(client, EQ_action="ADD")) == 4
    assert len(_query(client, EQ_bizStep="shipping")) == 2
    assert len(_query(client, EQ_bizStep="https://ref.gs1.org/cbv/BizStep-shipping|packing")) == 3
    assert len(_query(client, EQ_bizStep="urn:epcglobal:cbv:bizstep:commissioning")) == 3
    assert len(_query(client, EQ_disposition="in_transit")) == 2


def test_filters_by_time(client, history):
    assert len(_query(client, GE_eventTime="2024-05-01T00:00:00.000+08:00")) == 4
    assert len(_query(client, GE_eventTime="2024-05-01T00:00:00+08:00", LT_eventTime="2024-05-02T00:00:00Z")) == 1
    assert len(_query(client, LT_recordTime="2000-01-01T00:00:00Z")) == 0
    # An unencoded '+' arrives as a space and is still understood.
    assert len(client.get("/epcis/events?GE_eventTime=2024-05-03T00:00:00.000+08:00").json()[
        "epcisBody"]["queryResults"]["resultsBody"]["eventList"]) == 2


def test_filters_by_location_in_either_form(client, history, tea):
    assert len(_query(client, EQ_readPoint=place(tea.shop.gln))) == 3
    sgln = f"urn:epc:id:sgln:{tea.shop.gln[:7]}.{tea.shop.gln[7:12]}.0"
    assert len(_query(client, EQ_readPoint=sgln)) == 3
    assert len(_query(client, EQ_bizLocation=place(tea.site.gln))) == 2


def test_match_parameters(client, history, tea):
    assert len(_query(client, MATCH_epcClass=lot_class(tea.gtin, "L1"))) == 2
    assert len(_query(client, MATCH_anyEPCClass=lot_class(tea.gtin, "L1"))) == 3
    assert len(_query(client, MATCH_epcClass=f"https://id.gs1.org/01/{tea.gtin}/10/*")) == 5  # incl. childQuantityList
    assert len(_query(client, MATCH_anyEPC="https://id.gs1.org/00/095212340000000013")) == 1
    assert len(_query(client, MATCH_epc="https://id.gs1.org/00/095212340000000013")) == 0
    assert len(_query(client, MATCH_anyEPCClass=f"{lot_class(tea.gtin2, 'BLEND-1')}|{lot_class(tea.gtin, 'L2')}")) == 4


def test_eq_event_id_and_get_by_id(client, history):
    target = history[2]
    assert [e["eventID"] for e in _query(client, EQ_eventID=target.event_id)] == [target.event_id]
    response = client.get("/epcis/events/" + quote(target.event_id, safe=""))
    assert [e["eventID"] for e in _results(response)] == [target.event_id]
    # A client that forgets to encode '?ver=CBV2.0' still finds it.
    unencoded = client.get("/epcis/events/" + quote(target.event_id.split("?")[0], safe="") + "?ver=CBV2.0")
    assert [e["eventID"] for e in _results(unencoded)] == [target.event_id]
    _problem(client.get("/epcis/events/" + quote("ni:///sha-256;" + "0" * 64 + "?ver=CBV2.0", safe="")), 404)


def test_paging_with_signed_tokens_and_link_header(client, history):
    response = client.get("/epcis/events", {"perPage": 3, "EQ_bizStep": "commissioning|shipping|packing"})
    first = _results(response)
    assert len(first) == 3
    link = response["Link"]
    assert link.endswith('>; rel="next"')
    next_url = link[1:link.index(">")]
    token = parse_qs(urlsplit(next_url).query)["nextPageToken"][0]
    second = _results(client.get(next_url))
    assert len(second) == 3 and not {e["eventID"] for e in first} & {e["eventID"] for e in second}
    # The token belongs to that query: other filters or a forged token are refused.
    _problem(client.get("/epcis/events", {"perPage": 3, "nextPageToken": token}), 400)
    _problem(client.get("/epcis/events", {"perPage": 3, "EQ_bizStep": "commissioning|shipping|packing",
                                          "nextPageToken": token[:-2] + "xx"}), 400)


def test_unknown_or_bad_parameters_are_400(client, history):
    _problem(client.get("/epcis/events", {"EQ_colour": "red"}), 400)
    _problem(client.get("/epcis/events", {"perPage": 0}), 400)
    _problem(client.get("/epcis/events", {"GE_eventTime": "yesterday"}), 400)
    _problem(client.get("/epcis/events", {"eventType": "BirthdayEvent"}), 400)
    _problem(client.get("/epcis/events", {"EQ_action": "UPSERT"}), 400)


def test_openapi_document_of_the_epcis_interface(client):
    schema = client.get("/epcis/openapi.json").json()
    assert {"/epcis/capture", "/epcis/events", "/epcis/capture/{capture_id}"} <= set(schema["paths"])


def test_unknown_epcis_paths_are_problem_json(client):
    _problem(client.get("/epcis/queries"), 404)


# The issue's bad-input list, over HTTP: each answer is problem+json and nothing at all is stored ------------


def _stored() -> tuple:
    from chushan.trace.models import EventEpc, Lot, Serial

    return (TraceEvent.objects.count(), ChainRecord.objects.count(), EventEpc.objects.count(),
            CaptureJob.objects.count(), Lot.objects.count(), Serial.objects.count())


def _bad_inputs(tea, rival) -> dict:
    """name -> (path, body bytes, expected status, words the problem must contain)."""
    good = harvest(tea.gtin, "L1", tea.site.gln)

    def doc(*events):
        return body(document(*events))

    no_time = {k: v for k, v in good.items() if k != "eventTime"}
    chinese = harvest(tea.gtin, "L1", tea.site.gln)
    chinese["quantityList"][0]["epcClass"] = f"https://id.gs1.org/01/{tea.gtin}/10/明前茶"
    wrong_digit = harvest(tea.gtin, "L1", tea.site.gln)
    wrong_digit["quantityList"][0]["epcClass"] = (f"https://id.gs1.org/01/{tea.gtin[:-1]}"
                                                  f"{(int(tea.gtin[-1]) + 1) % 10}/10/L1")
    return {
        "malformed-json": ("/epcis/capture", b'{"type": "EPCISDocument", "epcisBody": {', 400, "JSON"),
        "malformed-json-event": ("/epcis/events", b"{nope", 400, "JSON"),
        "schema-invalid": ("/epcis/capture", doc(good, no_time), 400, "eventList[1].eventTime"),
        "schema-invalid-action": ("/epcis/events", body({**good, "action": "UPSERT"}), 400, "action"),
        "unknown-vocabulary": ("/epcis/capture", doc(good, {**good, "bizStep": "harvesting"}), 400, "harvesting"),
        "unknown-disposition": ("/epcis/events", body({**good, "disposition": "fresh"}), 400, "fresh"),
        "other-sellers-gtin": ("/epcis/capture", doc(good, harvest(rival.gtin, "B1", tea.site.gln)), 403,
                               "another seller"),
        "other-sellers-gln": ("/epcis/events", body(harvest(tea.gtin, "L1", rival.site.gln)), 403,
                              "another seller"),
        "wrong-check-digit": ("/epcis/capture", doc(good, wrong_digit), 400, "check digit"),
        "chinese-lot": ("/epcis/capture", doc(good, chinese), 400, "character set 82"),
        "duplicate-in-document": ("/epcis/capture", doc(good, dict(good)), 409, "eventList[1]"),
        "too-many-events": ("/epcis/capture", doc(*[harvest(tea.gtin, f"L{i}", tea.site.gln) for i in range(4)]),
                            413, "GS1-EPCIS-Capture-Limit"),
        "too-many-bytes": ("/epcis/capture", doc(good, harvest(tea.gtin, "L2", tea.site.gln, note="x" * 3000)),
                           413, "GS1-EPCIS-Capture-File-Size-Limit"),
    }


BAD_INPUTS = ["malformed-json", "malformed-json-event", "schema-invalid", "schema-invalid-action",
              "unknown-vocabulary", "unknown-disposition", "other-sellers-gtin", "other-sellers-gln",
              "wrong-check-digit", "chinese-lot", "duplicate-in-document", "too-many-events", "too-many-bytes"]


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_problem_json_and_stores_nothing(client, tea, rival, settings, case):
    settings.CHUSHAN_EPCIS_CAPTURE_LIMIT = 3
    settings.CHUSHAN_EPCIS_CAPTURE_FILE_SIZE_LIMIT = 3000
    client.force_login(tea.user)
    path, data, status, words = _bad_inputs(tea, rival)[case]
    response = client.post(path, data, content_type=LD, HTTP_ACCEPT_LANGUAGE="en")
    problem = _problem(response, status)
    assert {"type", "title", "status", "detail"} <= set(problem) and problem["status"] == status
    assert words in json.dumps(problem, ensure_ascii=False), problem
    assert _stored() == (0, 0, 0, 0, 0, 0)


def test_an_event_captured_before_is_409_and_the_document_stores_nothing_more(client, tea):
    client.force_login(tea.user)
    first = harvest(tea.gtin, "L1", tea.site.gln)
    assert _capture(client, document(first)).status_code == 202
    before = _stored()
    problem = _problem(_capture(client, document(shipping(tea.gtin, "L1", tea.site.gln), dict(first))), 409)
    assert "eventList[1]" in json.dumps(problem)
    assert _stored() == before


def test_record_time_bounds_and_pipes_in_every_kind_of_parameter(client, history, tea):
    first, last = history[0], history[-1]
    assert len(_query(client, GE_recordTime=first.record_time.isoformat())) == 7
    assert len(_query(client, GE_recordTime=last.record_time.isoformat())) == 1  # the rival's capture came last
    assert len(_query(client, LT_recordTime=last.record_time.isoformat())) == 6
    ids = f"{history[0].event_id}|{history[3].event_id}"
    assert {e["eventID"] for e in _query(client, EQ_eventID=ids)} == {history[0].event_id, history[3].event_id}
    assert len(_query(client, EQ_readPoint=f"{place(tea.shop.gln)}|{place(tea.site.gln)}")) == 5
    assert len(_query(client, EQ_bizLocation=f"{place(tea.site.gln)}|{place(tea.shop.gln)}")) == 2
    assert len(_query(client, EQ_action="ADD|OBSERVE")) == 6
    assert len(_query(client, EQ_disposition="in_transit|active")) == 5  # three harvests, two shipments
    case = "https://id.gs1.org/00/095212340000000013"
    assert len(_query(client, MATCH_anyEPC=f"{case}|https://id.gs1.org/00/095212340000000020")) == 1
    assert len(_query(client, MATCH_epc=f"{case}|https://id.gs1.org/00/095212340000000020")) == 0


def test_every_query_parameter_the_issue_names_is_supported():
    from chushan.trace.query import SUPPORTED

    named = {"eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime", "EQ_action", "EQ_bizStep",
             "EQ_disposition", "EQ_readPoint", "EQ_bizLocation", "MATCH_epc", "MATCH_anyEPC", "MATCH_epcClass",
             "MATCH_anyEPCClass", "EQ_eventID", "perPage", "nextPageToken"}
    assert named <= SUPPORTED
