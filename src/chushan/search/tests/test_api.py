"""GET /api/v1/search: the shape clients rely on, filters, and bad input as problem+json."""

import pytest

from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.search.tests.support import neutral_category, neutral_seller, product
from chushan.sellers.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/search"


def test_search_answers_items_count_and_facets(client):
    item = HeritageItemFactory(level=ListLevel.NATIONAL)
    maker = neutral_seller(name="丹寨王阿妹蜡染工作室")
    CertificateFactory(seller=maker, heritage_item=item)
    p = product("丹寨苗族蜡染手工桌旗", price="298.00", seller=maker, heritage_item=item, claim_heritage=True)
    response = client.get(URL, {"q": "laran"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["count_exact"] and body["q"] == "laran" and body["words"] == ["laran"]
    hit = body["items"][0]
    assert hit["id"] == p.pk and hit["name"] == "丹寨苗族蜡染手工桌旗" and hit["price"] == "298.00"
    assert hit["seller"] == {"slug": maker.slug, "name": "丹寨王阿妹蜡染工作室", "url": maker.get_absolute_url()}
    assert hit["url"] == f"/products/{p.pk}/" and hit["heritage_level"] == ListLevel.NATIONAL
    assert hit["badges"][0]["kind"] == "heritage"
    assert set(body["facets"]) >= {"category", "region", "certified", "heritage_level", "price"}
    assert body["facets"]["certified"]["values"][0] == {"value": "heritage", "label": "非遗传承人手作", "count": 1,
                                                       "selected": False}


def test_filters_and_paging(client):
    tea = neutral_category(name="茶叶", slug="tea")
    made = [product(f"都匀毛尖{i}号", category=tea, price=f"{50 + i}.00") for i in range(3)]
    product("都匀毛尖", price="999.00")
    body = client.get(URL, {"q": "毛尖", "category": "tea", "sort": "price_asc", "limit": 2, "offset": 1}).json()
    assert body["count"] == 3 and [i["id"] for i in body["items"]] == [made[1].pk, made[2].pk]
    body = client.get(URL, {"q": "毛尖", "price_min": "900", "price_max": "1000"}).json()
    assert body["count"] == 1


def test_an_empty_query_lists_everything(client):
    product("刺梨原汁")
    assert client.get(URL).json()["count"] == 1


def test_nothing_found_suggests_a_correction(client):
    product("丹寨蜡染桌旗")
    body = client.get(URL, {"q": "larn"}).json()
    assert body["count"] == 0 and body["items"] == []
    assert body["suggestions"] == [{"q": "蜡染", "count": 1}]


@pytest.mark.parametrize(("params", "field"), [
    ({"q": "蜡" * 101}, "q"), ({"limit": 0}, "limit"), ({"limit": 51}, "limit"), ({"offset": -1}, "offset"),
    ({"offset": 100000}, "offset"), ({"heritage_level": 5}, "heritage_level"),
    ({"heritage_level": "x"}, "heritage_level"),
    ({"certified": "kosher"}, "certified"), ({"price_min": "NaN"}, "price_min"), ({"price_min": "-1"}, "price_min"),
    ({"price_max": "1e9"}, "price_max"), ({"region": "52"}, "region"), ({"region": "999999"}, "region"),
    ({"category": "no-such"}, "category"), ({"category": "a b"}, "category"),
    ({"ethnic_group": "martian"}, "ethnic_group"),
    ({"price_min": "10", "price_max": "5"}, "price_max"), ({"sort": "sales"}, "sort"),
])
def test_bad_parameters_are_a_422_problem(client, params, field):
    response = client.get(URL, params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == 422
    assert field in body["errors"]


def test_hostile_text_is_harmless(client):
    product("丹寨蜡染桌旗")
    for q in ["\x00蜡染", "' OR 1=1 --", '"蜡染" OR *', "蜡染:*|'", "<script>", "😀🎉", "　"]:
        response = client.get(URL, {"q": q})
        assert response.status_code == 200, q
    assert client.get(URL, {"q": "\x00蜡染"}).json()["count"] == 1


def test_the_endpoint_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "category", "region", "ethnic_group", "heritage_level", "certified", "price_min", "price_max",
            "limit", "offset"} <= parameters
