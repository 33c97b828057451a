import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.core.errors import Conflict, PermissionDenied, Unprocessable
from chushan.sellers import services
from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import SellerFactory, member
from chushan.sellers.tests.support import snapshot

pytestmark = pytest.mark.django_db


def test_the_owner_adds_staff_by_mobile_and_removes_them():
    seller = SellerFactory()
    owner, clerk = member(seller), UserFactory(mobile="13912345678")
    membership = services.staff_add(actor=owner, seller=seller, mobile="13912345678")
    assert (membership.user, membership.role) == (clerk, Membership.Role.STAFF)
    services.staff_remove(actor=owner, membership=membership)
    assert not Membership.objects.filter(user=clerk).exists()


@pytest.mark.parametrize("mobile, error", [("139", Unprocessable), ("13700000000", Unprocessable)])
def test_unknown_or_malformed_numbers_are_refused(mobile, error):
    seller = SellerFactory()
    owner = member(seller)
    before = snapshot()
    with pytest.raises(error) as exc:
        services.staff_add(actor=owner, seller=seller, mobile=mobile)
    assert "mobile" in exc.value.errors
    assert snapshot() == before


def test_someone_working_for_a_seller_cannot_be_added_to_another():
    seller = SellerFactory()
    owner, busy = member(seller), member()
    before = snapshot()
    with pytest.raises(Conflict):
        services.staff_add(actor=owner, seller=seller, mobile=busy.mobile)
    assert snapshot() == before


def test_staff_cannot_manage_staff_and_the_owner_cannot_be_removed():
    seller = SellerFactory()
    owner, clerk = member(seller), member(seller, role=Membership.Role.STAFF)
    newcomer = UserFactory()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.staff_add(actor=clerk, seller=seller, mobile=newcomer.mobile)
    with pytest.raises(PermissionDenied):
        services.staff_remove(actor=clerk, membership=owner.membership)
    with pytest.raises(Unprocessable):
        services.staff_remove(actor=owner, membership=owner.membership)
    assert snapshot() == before


def test_another_sellers_owner_cannot_touch_this_sellers_staff():
    seller = SellerFactory()
    clerk = member(seller, role=Membership.Role.STAFF)
    other_seller = SellerFactory()
    other_owner = member(other_seller)
    newcomer = UserFactory()
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.staff_remove(actor=other_owner, membership=clerk.membership)
    with pytest.raises(PermissionDenied):
        services.staff_add(actor=other_owner, seller=seller, mobile=newcomer.mobile)
    assert snapshot() == before
