import datetime

import pytest
from django.utils import timezone

from chushan.heritage.tests.factories import HeritageItemFactory, RegionalBrandFactory, region
from chushan.sellers import selectors
from chushan.sellers.models import Certificate, Seller
from chushan.sellers.tests.factories import (
    CertificateFactory,
    DraftSellerFactory,
    PendingCertificateFactory,
    SellerFactory,
    member,
    reviewer,
)
from chushan.sellers.tests.support import credit_code

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_badges_come_only_from_approved_certificates_in_force():
    seller = SellerFactory()
    shown = CertificateFactory(seller=seller)
    CertificateFactory(seller=seller, status=Certificate.Status.PENDING)
    CertificateFactory(seller=seller, status=Certificate.Status.REJECTED)
    CertificateFactory(seller=seller, status=Certificate.Status.REVOKED)
    CertificateFactory(seller=seller, status=Certificate.Status.EXPIRED)
    CertificateFactory(seller=seller, valid_from="2020-01-01", valid_until=TODAY - datetime.timedelta(days=1))
    CertificateFactory(seller=seller, valid_from=TODAY + datetime.timedelta(days=1))  # not yet in force
    CertificateFactory(seller=seller, kind="business_licence", ich_level=None, heritage_item=None)  # no badge
    badges = selectors.seller_badges(seller=seller)
    assert [b.certificate for b in badges] == [shown]
    assert badges[0].css == "ich" and shown.heritage_item.display_name in badges[0].label


def test_brand_badges_name_the_brand():
    seller = SellerFactory(entity_type="household")
    brand = RegionalBrandFactory(region=region("520221"))
    CertificateFactory(seller=seller, kind="brand_licence", brand=brand, ich_level=None, heritage_item=None)
    assert [b.label for b in selectors.seller_badges(seller=seller)] == [brand.display_name]


def test_claims_are_backed_by_the_matching_item_or_brand_only():
    seller = SellerFactory(entity_type="enterprise", credit_code=credit_code("91"))
    item, other_item = HeritageItemFactory(), HeritageItemFactory()
    brand = RegionalBrandFactory(region=region("520221"))
    CertificateFactory(seller=seller, heritage_item=item)
    CertificateFactory(seller=seller, kind="halal", ich_level=None, heritage_item=None)
    CertificateFactory(seller=seller, kind="geographic_indication", brand=brand, ich_level=None, heritage_item=None)
    CertificateFactory(seller=seller, kind="organic", ich_level=None, heritage_item=None, status="pending")
    claims = selectors.claims_backed(seller=seller)
    assert claims.backs("heritage", heritage_item_id=item.pk)
    assert not claims.backs("heritage", heritage_item_id=other_item.pk)
    assert claims.backs("brand", brand_id=brand.pk) and not claims.backs("brand", brand_id=None)
    assert claims.backs("halal") and not claims.backs("organic") and not claims.backs("green")


def test_the_queue_holds_submitted_applications_and_sellers_with_pending_certificates():
    waiting = DraftSellerFactory(status=Seller.Status.SUBMITTED, submitted_at=timezone.now())
    admitted_with_new = SellerFactory()
    PendingCertificateFactory(seller=admitted_with_new)
    SellerFactory()  # nothing to review
    DraftSellerFactory()  # not submitted yet
    queue = list(selectors.admission_queue(actor=reviewer()))
    assert queue == [waiting, admitted_with_new]
    assert queue[1].pending_certificates == 1


def test_members_see_only_their_own_sellers_certificates():
    mine, theirs = SellerFactory(), SellerFactory()
    user = member(mine)
    own = CertificateFactory(seller=mine)
    foreign = CertificateFactory(seller=theirs)
    assert list(selectors.seller_certificates(seller=selectors.seller_of(user))) == [own]
    assert selectors.certificate_get_for_member(user=user, pk=foreign.pk) is None
    assert selectors.certificate_get_for_member(user=user, pk=own.pk) == own
    assert list(Certificate.objects.for_seller(None)) == []


def test_whats_missing_counts_pending_certificates_for_submission_but_not_for_admission():
    seller = DraftSellerFactory()
    PendingCertificateFactory(seller=seller)
    assert selectors.application_missing(seller=seller) == []
    assert selectors.admission_missing(seller=seller) == ["an ICH inheritor certificate"]


def test_county_pickers_list_the_right_divisions():
    assert "522600" in {r.code for r in selectors.regions_under(parent_code="520000", level=2)}
    assert "522636" in {r.code for r in selectors.regions_under(parent_code="522600", level=3)}
    # A municipality's districts hang directly under it.
    assert "110105" in {r.code for r in selectors.regions_under(parent_code="110000", level=3)}
