from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from chushan.accounts.tests.factories import UserFactory
from chushan.payments.models import Payment


class PaymentFactory(factory.django.DjangoModelFactory):
    """A payment row as payment_start leaves it (for reads; writes go through the services)."""

    class Meta:
        model = Payment

    reference = factory.Sequence(lambda n: f"CSTEST{n:020d}")
    payable_ref = factory.Sequence(lambda n: f"order:f{n}")
    payer = factory.SubFactory(UserFactory)
    provider = "sandbox"
    amount = Decimal("88.00")
    description = "订单"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=15))
