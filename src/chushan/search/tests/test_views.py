"""The /search page: full page without JavaScript, the results fragment for htmx, facets as links."""

import pytest

from chushan.heritage.tests.factories import HeritageItemFactory
from chushan.search.tests.support import neutral_category, neutral_seller, product
from chushan.sellers.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_results_with_price_maker_and_badges(client):
    item = HeritageItemFactory()
    maker = neutral_seller(name="王阿妹蜡染工作室")
    CertificateFactory(seller=maker, heritage_item=item)
    p = product("丹寨苗族蜡染桌旗", price="298.00", seller=maker, heritage_item=item, claim_heritage=True)
    response = client.get("/search", {"q": "laran"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and 'data-testid="search-hit"' in html
    assert f'href="/products/{p.pk}/"' in html and "¥298.00" in html and "王阿妹蜡染工作室" in html
    assert 'class="badge heritage"' in html and "非遗传承人手作" in html
    assert 'value="laran"' in html  # the box keeps the query
    assert 'role="status"' in html


def test_cards_show_the_first_picture(client):
    from chushan.catalog.models import ProductImage

    p = product("丹寨苗族蜡染桌旗")
    ProductImage.objects.create(product=p, image=f"products/{p.pk}/b.jpg", width=10, height=10, position=2)
    ProductImage.objects.create(product=p, image=f"products/{p.pk}/a.jpg", thumbnail=f"products/{p.pk}/a_t.jpg",
                                width=10, height=10, position=1)
    html = client.get("/search", {"q": "蜡染"}).content.decode()
    assert f'src="/media/products/{p.pk}/a_t.jpg"' in html
    assert client.get("/api/v1/search", {"q": "蜡染"}).json()["items"][0]["image"] == f"/media/products/{p.pk}/a_t.jpg"


def test_facets_are_plain_links_that_htmx_also_follows(client):
    tea = neutral_category(name="茶叶", slug="tea")
    product("都匀毛尖", category=tea)
    html = client.get("/search", {"q": "毛尖"}).content.decode()
    assert 'href="/search?q=%E6%AF%9B%E5%B0%96&amp;category=tea"' in html
    assert 'hx-get="/search?q=%E6%AF%9B%E5%B0%96&amp;category=tea"' in html
    assert 'hx-push-url="true"' in html and 'hx-target="this"' in html


def test_htmx_gets_only_the_results_fragment_from_the_same_template(client):
    product("都匀毛尖")
    response = client.get("/search", {"q": "毛尖"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'data-testid="search-hit"' in html and "<title>" in html
    assert "HX-Request" in response["Vary"]
    restore = client.get("/search", {"q": "毛尖"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restore.content.decode()


def test_a_selected_facet_shows_as_a_removable_filter(client):
    tea = neutral_category(name="茶叶", slug="tea")
    product("都匀毛尖", category=tea)
    html = client.get("/search", {"q": "毛尖", "category": "tea"}).content.decode()
    assert 'aria-current="true"' in html
    assert "Remove the filter 茶叶" in html or "移除筛选" in html


def test_nothing_found_offers_did_you_mean(client):
    product("丹寨蜡染桌旗")
    html = client.get("/search", {"q": "larn"}).content.decode()
    assert 'data-testid="search-empty"' in html
    assert 'data-testid="did-you-mean"' in html and "蜡染" in html


def test_bad_filters_are_shown_as_a_message_not_an_error_page(client):
    product("丹寨蜡染桌旗")
    response = client.get("/search", {"q": "蜡染", "category": "no-such", "price_min": "abc", "page": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and 'data-testid="search-hit"' in html


def test_long_and_empty_queries(client):
    product("丹寨蜡染桌旗")
    assert client.get("/search", {"q": "蜡染" * 500}).status_code == 200
    assert 'data-testid="search-hit"' in client.get("/search").content.decode()


def test_pages_link_to_each_other(client):
    for i in range(25):
        product(f"刺梨原汁{i}号")
    html = client.get("/search", {"q": "刺梨"}).content.decode()
    assert 'rel="next" href="/search?q=%E5%88%BA%E6%A2%A8&amp;page=2"' in html
    second = client.get("/search", {"q": "刺梨", "page": 2}).content.decode()
    assert second.count('data-testid="search-hit"') == 5 and 'rel="prev"' in second


def test_an_unknown_category_is_a_form_error_on_a_page_that_keeps_its_width(client):
    product("丹寨蜡染桌旗")
    response = client.get("/search", {"q": "蜡染", "category": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" role="alert">' in html and "There is no such category." in html
    # The header's search form is .search (a flex row); the results must not share its class.
    assert 'id="search-results" class="search-page"' in html
