"""Loading the demo market: idempotent, enough of everything, claims backed, codes valid, accounts usable."""

import time

import pytest
from django.contrib.auth import authenticate
from django.core.files.storage import default_storage
from django.db.models import Count
from django.utils import timezone
from PIL import Image

from chushan.accounts.models import User
from chushan.catalog import rules as catalog_rules
from chushan.catalog.models import Category, Product, ProductImage, Sku
from chushan.core import events
from chushan.core.errors import PermissionDenied, Unprocessable
from chushan.demo import rules, services
from chushan.demo.data.sellers import DEMO_PASSWORD
from chushan.heritage.models import HeritageItem, RegionalBrand
from chushan.regions.models import Region
from chushan.sellers import rules as seller_rules
from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Seller

pytestmark = pytest.mark.django_db


def _counts():
    return {model.__name__: model.objects.count() for model in (
        User, Category, HeritageItem, RegionalBrand, Seller, Certificate, AdmissionDecision, CreditEvent, Product,
        Sku, ProductImage)}


def test_the_market_has_enough_of_everything(demo_market):
    admitted = Seller.objects.admitted()
    assert admitted.count() >= 30
    for province in ("52", "62"):
        types = set(admitted.filter(region__code__startswith=province).values_list("entity_type", flat=True))
        assert types == {"enterprise", "cooperative", "inheritor", "household"}
    assert HeritageItem.objects.count() >= 40
    assert RegionalBrand.objects.count() >= 5
    assert Product.objects.published().count() >= 300
    assert Seller.objects.filter(status=Seller.Status.SUBMITTED).exists()


def test_loading_twice_changes_nothing_and_is_quick(demo_market):
    before = _counts()
    started = time.perf_counter()
    report = services.demo_market_load(with_images=False)
    assert not report.changed and report.product_ids == []
    assert time.perf_counter() - started < 2
    assert _counts() == before


def test_a_missing_product_is_put_back_and_announced_to_search(demo_market, monkeypatch):
    # A workshop experience: nothing stocks, sells or promotes it, so it can go.
    product = Product.objects.filter(seller__slug="leishan-kongbai-silver", kind="workshop").order_by("pk").first()
    name, gtins = product.name, set(product.skus.values_list("gtin", flat=True))
    product.delete()
    published = []
    monkeypatch.setattr(events, "publish", lambda event, **payload: published.append((event, payload)))
    report = services.demo_market_load(with_images=False)
    assert report.created["products"] == 1
    again = Product.objects.get(seller__slug="leishan-kongbai-silver", name=name)
    assert set(again.skus.values_list("gtin", flat=True)) == gtins
    assert published == [(events.PRODUCT_CHANGED, {"product_ids": report.product_ids})]


def test_every_claim_shown_is_backed_by_an_approved_certificate_in_force(demo_market):
    today = timezone.localdate()
    claimed = Product.objects.exclude(claim_heritage=False, claim_halal=False, claim_brand=False, claim_green=False,
                                      claim_organic=False).select_related("seller")
    assert claimed.count() >= 250
    certificates = {}
    for cert in Certificate.objects.all():
        certificates.setdefault(cert.seller_id, []).append(cert)
    for product in claimed:
        claims = [catalog_rules.Claim(c) for c in product.claims]
        unbacked = catalog_rules.claims_unbacked(claims, heritage_item_id=product.heritage_item_id,
                                                 brand_id=product.brand_id,
                                                 certificates=certificates.get(product.seller_id, []), on=today)
        assert unbacked == [], product.name


def test_lookalikes_from_uncertified_sellers_claim_nothing(demo_market):
    shop = Seller.objects.get(slug="kaili-haoke-souvenirs")
    assert not shop.certificates.filter(kind="ich_inheritor").exists()
    lookalikes = Product.objects.filter(seller=shop, name__contains="蜡染")
    assert lookalikes.exists() and not lookalikes.filter(claim_heritage=True).exists()


def test_every_credit_code_passes_the_gb_32100_check_and_names_the_county(demo_market):
    known = set(Region.objects.values_list("code", flat=True))
    sellers = Seller.objects.exclude(credit_code=None)
    assert sellers.count() >= 25
    for seller in sellers:
        assert seller_rules.credit_code_problems(seller.credit_code, division_known=known.__contains__) == []
        assert seller.credit_code[2:8] == seller.region_id
        assert seller.certificates.filter(kind="business_licence", number=seller.credit_code).exists()


def test_credit_scores_are_the_replay_of_their_events(demo_market):
    for seller in Seller.objects.admitted():
        points = seller.credit_events.order_by("created_at", "pk").values_list("points", flat=True)
        assert seller.credit_score == seller_rules.credit_score(points), seller.slug


def test_every_seller_has_an_owner_and_an_audit_trail(demo_market):
    for seller in Seller.objects.annotate(n=Count("decisions")):
        assert seller.memberships.get(role="owner").user.mobile.startswith("1990000")
        assert seller.decisions.filter(action="submitted").exists()
        assert seller.is_admitted == seller.decisions.filter(action="approved").exists()
    assert AdmissionDecision.objects.filter(action="certificate_expired").count() >= 3
    assert AdmissionDecision.objects.filter(action="certificate_rejected").exclude(reason="").exists()


def test_some_certificates_are_not_in_force(demo_market):
    today = timezone.localdate()
    assert Certificate.objects.filter(status="pending").count() >= 2
    expired = Certificate.objects.filter(status="expired")
    assert expired.count() >= 3 and all(c.valid_until < today for c in expired)


def test_demo_accounts_sign_in_with_the_demo_password_and_have_their_roles(demo_market, rf,
                                                                           production_password_hashers):
    for mobile, role in (("13900000001", "operators"), ("13900000002", "reviewers"), ("13900000003", None)):
        user = authenticate(rf.get("/"), mobile=mobile, password=DEMO_PASSWORD)
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == ([role] if role else [])
    assert authenticate(rf.get("/"), mobile="19900000102", password=DEMO_PASSWORD) is not None


def test_pictures_are_drawn_for_a_sellers_products_with_thumbnails(demo_market):
    drawn = services.demo_pictures_draw(sellers=["long-qihua-lusheng"])
    products = Product.objects.filter(seller__slug="long-qihua-lusheng")
    assert drawn == products.count() == 4
    for picture in ProductImage.objects.filter(product__in=products):
        assert (picture.width, picture.height) == (800, 800)
        with default_storage.open(picture.thumbnail.name) as fh:
            assert Image.open(fh).size == (400, 400)
        assert default_storage.exists(picture.image.name)
    assert services.demo_pictures_draw(sellers=["long-qihua-lusheng"]) == 0


def test_a_synthetic_catalogue_grows_to_the_asked_size_once(demo_market):
    report = services.demo_catalogue_synthesize(products=45, batch_size=20)
    assert report.created == 45
    synthetic = Product.objects.filter(skus__code__startswith=rules.SYNTHETIC_SKU_PREFIX, skus__position=0)
    assert synthetic.count() == 45
    assert ProductImage.objects.filter(product__in=synthetic).count() == 45
    assert services.demo_catalogue_synthesize(products=45).created == 0
    assert services.demo_catalogue_synthesize(products=50, batch_size=20).created == 5


def test_only_a_superuser_may_load_and_nothing_is_written_otherwise(demo_market):
    before = _counts()
    shopper = User.objects.get(mobile="13900000003")
    with pytest.raises(PermissionDenied):
        services.demo_market_load(actor=shopper)
    with pytest.raises(PermissionDenied):
        services.demo_catalogue_synthesize(products=10, actor=shopper)
    with pytest.raises(Unprocessable):
        services.demo_catalogue_synthesize(products=-1)
    assert _counts() == before
