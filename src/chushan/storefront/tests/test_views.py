"""The public pages: they render in Chinese and English, 404 for what is not public, show badges only for
certificates in force, and cost a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from chushan.catalog.models import Product
from chushan.catalog.tests.factories import CategoryFactory, ProductFactory, ProductImageFactory, SkuFactory
from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory, RegionalBrandFactory, region
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import CertificateFactory, SellerFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _maker(n: int, *, item=None, brand=None, province_county="522636"):
    """An admitted seller with an ICH certificate in force and two published, claimed products."""
    item = item or HeritageItemFactory()
    seller = SellerFactory(region=region(province_county), slug=f"maker-{n}", name=f"蜡染工坊{n}")
    CertificateFactory(seller=seller, heritage_item=item, ich_level=ListLevel.PROVINCIAL)
    category = CategoryFactory()
    for k in range(2):
        product = ProductFactory(seller=seller, category=category, heritage_item=item, claim_heritage=True,
                                 brand=brand, name=f"苗族蜡染桌旗{n}-{k}", name_en=f"Batik runner {n}-{k}")
        SkuFactory(product=product, price=Decimal("168.00"))
        SkuFactory(product=product, price=Decimal("268.00"))
        ProductImageFactory(product=product)
    workshop = ProductFactory(seller=seller, category=category, kind=Product.Kind.WORKSHOP, name=f"蜡染体验{n}")
    SkuFactory(product=workshop, price=Decimal("98.00"))
    return seller


@pytest.fixture
def brand():
    return RegionalBrandFactory(region=region("520221"), name="水城春", name_en="Shuichengchun", slug="shuichengchun")


# --- home ------------------------------------------------------------------------------------------

def test_home_shows_brands_heritage_items_makers_and_products(client, brand):
    item = HeritageItemFactory(name="苗族蜡染技艺", slug="miao-batik")
    _maker(1, item=item)
    response = client.get("/")
    assert response.status_code == 200
    text = response.text
    assert 'lang="zh-Hans"' in text and "非遗项目" in text  # base.html is translated too
    assert "水城春" in text and "苗族蜡染技艺" in text and "蜡染工坊1" in text
    assert "苗族蜡染桌旗1-0" in text and "¥168" in text and "蜡染体验1" in text
    assert "非遗传承人手作" in text or "Made by a heritage inheritor" in text


def test_home_costs_the_same_queries_with_more_makers_and_products(client, brand, django_assert_max_num_queries):
    _maker(1)
    client.get("/")  # warm the session and translation caches
    with django_assert_max_num_queries(16) as few:
        client.get("/")
    for n in range(2, 7):
        _maker(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/")
    assert response.status_code == 200
    assert response.text.count('data-testid="product-card"') >= 8


def test_home_renders_with_an_empty_catalogue(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "empty-note" in response.text and "还没有" in response.text


def test_the_english_switch_shows_english_names(client):
    item = HeritageItemFactory(name="苗族蜡染技艺", name_en="Miao batik", slug="miao-batik")
    _maker(1, item=item)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert 'lang="en"' in response.text
    assert "Miao batik" in response.text and "Batik runner 1-0" in response.text
    assert "Heritage items" in response.text
    detail = client.get("/heritage/miao-batik/")
    assert "Provincial inheritor" in detail.text


# --- heritage items ----------------------------------------------------------------------------------

def test_heritage_list_filters_by_kind_and_level_and_ignores_nonsense(client):
    HeritageItemFactory(name="苗族蜡染技艺", level=ListLevel.NATIONAL)
    HeritageItemFactory(name="侗族大歌", category="music", level=ListLevel.NATIONAL)
    HeritageItemFactory(name="侗族刺绣", category="fine_arts", level=ListLevel.PROVINCIAL)
    crafts = client.get("/heritage/?kind=crafts&level=4").text
    assert "苗族蜡染技艺" in crafts and "侗族大歌" not in crafts and "侗族刺绣" not in crafts
    living = client.get("/heritage/?kind=living").text
    assert "侗族大歌" in living and "苗族蜡染技艺" not in living
    junk = client.get("/heritage/?kind=<script>&level=99")
    assert junk.status_code == 200 and junk.text.count('data-testid="heritage-item"') == 3


def test_heritage_item_lists_only_inheritors_whose_certificate_is_in_force(client):
    item = HeritageItemFactory(slug="miao-batik", name="苗族蜡染技艺")
    _maker(1, item=item)
    lapsed = SellerFactory(name="过期工坊", slug="lapsed")
    CertificateFactory(seller=lapsed, heritage_item=item, holder_name="过期传承人",
                       valid_from=timezone.localdate() - 400 * DAY, valid_until=timezone.localdate() - DAY)
    pending = SellerFactory(name="待审工坊", slug="pending")
    CertificateFactory(seller=pending, heritage_item=item, holder_name="待审传承人",
                       status=Certificate.Status.PENDING)
    text = client.get("/heritage/miao-batik/").text
    assert "王阿妹" in text and "蜡染工坊1" in text
    assert "过期传承人" not in text and "待审传承人" not in text
    assert "苗族蜡染桌旗1-0" in text


def test_unknown_heritage_item_brand_and_maker_are_404(client):
    for url in ("/heritage/no-such-item/", "/brands/no-such-brand/", "/makers/no-such-maker/"):
        response = client.get(url)
        assert response.status_code == 404, url


def test_a_page_number_out_of_range_or_not_a_number_shows_a_page(client):
    item = HeritageItemFactory(slug="miao-batik")
    _maker(1, item=item)
    for query in ("?page=999", "?page=abc", "?page=-1"):
        assert client.get("/heritage/miao-batik/" + query).status_code == 200
        assert client.get("/makers/" + query).status_code == 200


# --- brands --------------------------------------------------------------------------------------------

def test_brand_pages_list_licensed_makers_and_branded_products(client, brand):
    seller = _maker(1, brand=brand)
    CertificateFactory(seller=seller, kind=Certificate.Kind.BRAND_LICENCE, brand=brand, heritage_item=None,
                       ich_level=None, number="SCC-SQ-2024-058", issuer="水城县茶叶产业发展中心")
    expired = SellerFactory(name="过期茶园", slug="old-tea")
    CertificateFactory(seller=expired, kind=Certificate.Kind.BRAND_LICENCE, brand=brand, heritage_item=None,
                       ich_level=None, status=Certificate.Status.EXPIRED,
                       valid_from=timezone.localdate() - 800 * DAY, valid_until=timezone.localdate() - 10 * DAY)
    listing = client.get("/brands/")
    assert listing.status_code == 200 and "水城春" in listing.text and "1 家授权商家" in listing.text
    detail = client.get("/brands/shuichengchun/").text
    assert "蜡染工坊1" in detail and "过期茶园" not in detail and "苗族蜡染桌旗1-0" in detail


# --- makers ----------------------------------------------------------------------------------------

def test_maker_page_shows_badges_only_for_certificates_in_force(client):
    seller = _maker(1)
    today = timezone.localdate()
    halal = CertificateFactory(seller=seller, kind=Certificate.Kind.HALAL, heritage_item=None, ich_level=None,
                               number="QZ-1", issuer="临夏州民宗委")
    CertificateFactory(seller=seller, kind=Certificate.Kind.GREEN_FOOD, heritage_item=None, ich_level=None,
                       number="LB-1", issuer="中国绿色食品发展中心", valid_from=today - 500 * DAY,
                       valid_until=today - DAY)  # approved, but expired yesterday: the daily task has not run
    CertificateFactory(seller=seller, kind=Certificate.Kind.ORGANIC, heritage_item=None, ich_level=None,
                       number="OP-1", issuer="有机认证中心", status=Certificate.Status.PENDING)
    CertificateFactory(seller=seller, kind=Certificate.Kind.GEOGRAPHIC_INDICATION, heritage_item=None,
                       ich_level=None, number="GI-1", issuer="国家知识产权局", status=Certificate.Status.REVOKED)
    CertificateFactory(seller=seller, kind=Certificate.Kind.HALAL, heritage_item=None, ich_level=None,
                       number="QZ-future", issuer="临夏州民宗委", valid_from=today + 5 * DAY)
    response = client.get(f"/makers/{seller.slug}/")
    assert response.status_code == 200
    badges = response.text.count('data-testid="badge"')
    assert badges == 2  # the ICH certificate and the first halal one
    assert "省级传承人" in response.text and "清真" in response.text
    assert "绿色食品" not in response.text and "有机" not in response.text and "地理标志" not in response.text
    halal.valid_until = today - DAY
    halal.save()
    assert client.get(f"/makers/{seller.slug}/").text.count('data-testid="badge"') == 1


def test_maker_page_shows_credit_and_story(client):
    seller = _maker(1)
    seller.credit_score, seller.story = 815, "三代人守着一口靛缸。"
    seller.save()
    text = client.get(f"/makers/{seller.slug}/").text
    assert 'data-testid="credit">815<' in text and "信用优秀" in text and "三代人守着一口靛缸" in text


@pytest.mark.parametrize("status", [Seller.Status.SUBMITTED, Seller.Status.SUSPENDED, Seller.Status.REJECTED,
                                    Seller.Status.DRAFT])
def test_a_seller_not_admitted_has_no_public_page(client, status):
    SellerFactory(slug="not-public", status=status)
    assert client.get("/makers/not-public/").status_code == 404


def test_makers_list_filters_by_province_and_kind(client):
    SellerFactory(name="丹寨蜡染户", slug="gz", entity_type=Seller.EntityType.INHERITOR)
    SellerFactory(name="东乡羊肉户", slug="lx", region=region("622926"), entity_type=Seller.EntityType.HOUSEHOLD)
    SellerFactory(name="待审商家", slug="waiting", status=Seller.Status.SUBMITTED, admitted_at=None)
    everyone = client.get("/makers/").text
    assert "丹寨蜡染户" in everyone and "东乡羊肉户" in everyone and "待审商家" not in everyone
    linxia = client.get("/makers/?province=62").text
    assert "东乡羊肉户" in linxia and "丹寨蜡染户" not in linxia
    households = client.get("/makers/?entity=household&province=bogus").text
    assert "东乡羊肉户" in households and "丹寨蜡染户" not in households


def test_an_empty_product_grid_says_nothing_yet_not_no_stock(client):
    # The stock console's "Nothing here yet." (这里还没有库存) once won the merge of the catalogues.
    text = client.get("/").text
    assert "这里还没有" in text and "这里还没有库存" not in text


def test_the_header_takes_seller_staff_to_the_counter_and_shoppers_not(client):
    from chushan.accounts.tests.factories import UserFactory
    from chushan.sellers.models import Membership
    from chushan.sellers.tests.factories import MembershipFactory

    client.force_login(UserFactory())
    assert 'data-testid="counter-link"' not in client.get("/").text
    client.force_login(MembershipFactory(seller=SellerFactory(), role=Membership.Role.STAFF).user)
    text = client.get("/").text
    assert 'href="/pos/" data-testid="counter-link"' in text and "门店收银" in text


def test_pages_carry_an_icon(client):
    assert 'rel="icon" href="/static/storefront/favicon' in client.get("/").text
