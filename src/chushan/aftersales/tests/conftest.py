"""After-sales test setup: a seller with a warehouse and a shop, its staff, a shopper with a delivered order of two
units and a collected pick-up order, another shopper, another seller's staff, an operator, the sandbox on."""

from decimal import Decimal

import pytest

from chushan.accounts.tests.factories import UserFactory
from chushan.catalog.tests.factories import SkuFactory
from chushan.inventory import services as stock_services
from chushan.inventory.tests.factories import LocationFactory, ShopFactory
from chushan.orders import services as orders
from chushan.orders.models import Order
from chushan.orders.tests.factories import AddressFactory
from chushan.orders.tests.support import line, pay, place
from chushan.sellers.models import Membership
from chushan.sellers.tests.factories import MembershipFactory, SellerFactory


@pytest.fixture(autouse=True)
def _settings(settings):
    providers = {**settings.CHUSHAN_PAYMENT_PROVIDERS}
    providers["sandbox"] = {**providers["sandbox"], "enabled": True, "secret": "sandbox-test-secret",
                            "notify_url": "", "duplicates": 1, "delay_seconds": 0}
    settings.CHUSHAN_PAYMENT_PROVIDERS = providers
    settings.CHUSHAN_PICKUP_NOTIFIER = "chushan.orders.notifiers.OutboxNotifier"
    settings.CHUSHAN_RETURN_DECISION_HOURS = 48
    settings.CHUSHAN_RETURN_MISSED_DECISION = "approve"
    settings.CHUSHAN_TICKET_RESPONSE_HOURS = 24


@pytest.fixture
def seller(db):
    return SellerFactory()


@pytest.fixture
def owner(seller):
    return MembershipFactory(seller=seller).user


@pytest.fixture
def clerk(seller):
    return MembershipFactory(seller=seller, role=Membership.Role.STAFF).user


@pytest.fixture
def other_clerk(seller):
    return MembershipFactory(seller=seller, role=Membership.Role.STAFF).user


@pytest.fixture
def sku(seller):
    return SkuFactory(product__seller=seller, price=Decimal("100.00"), gtin="06901234567892")


@pytest.fixture
def warehouse(seller):
    return LocationFactory(seller=seller)


@pytest.fixture
def shop(seller):
    return ShopFactory(seller=seller)


@pytest.fixture
def stocked(sku, warehouse, shop, owner):
    stock_services.stock_receive(actor=owner, sku=sku, location=warehouse, quantity=10)
    stock_services.stock_receive(actor=owner, sku=sku, location=shop, quantity=3)
    return sku


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def address(shopper):
    return AddressFactory(shopper=shopper)


@pytest.fixture
def stranger(db):
    """Another shopper."""
    return UserFactory()


@pytest.fixture
def rival(db):
    """Staff of another seller."""
    return MembershipFactory(seller=SellerFactory()).user


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def delivered(shopper, address, stocked, owner, django_capture_on_commit_callbacks):
    """A paid, shipped and delivered order of 2 × ¥100 from the warehouse."""
    checkout = place(shopper, line(stocked, 2, address=address))
    pay(checkout, django_capture_on_commit_callbacks)
    order = checkout.orders.get()
    orders.order_pack(actor=owner, order=order)
    orders.order_ship(actor=owner, order=order, tracking_number="SF123")
    orders.order_deliver(actor=owner, order=order)
    return Order.objects.get(pk=order.pk)


@pytest.fixture
def collected(shopper, stocked, shop, owner, django_capture_on_commit_callbacks):
    """A pick-up order of 1 unit, collected at the shop."""
    checkout = place(shopper, line(stocked, 1, fulfilment="pickup", pickup_location=shop))
    pay(checkout, django_capture_on_commit_callbacks)
    order = orders.order_ready_for_pickup(actor=owner, order=checkout.orders.get())
    code = order.__class__.objects.get(pk=order.pk).pickup_code.code
    orders.order_pickup_complete(actor=owner, location=shop, code=code)
    return Order.objects.get(pk=order.pk)
