import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from chushan.pricing.models import ChannelPrice, Promotion
from chushan.sellers.tests.factories import SellerFactory


class PromotionFactory(factory.django.DjangoModelFactory):
    """A fixed-price promotion running now on every channel; pass skus=[...] and channels=[codes]."""

    class Meta:
        model = Promotion
        skip_postgeneration_save = True

    seller = factory.SubFactory(SellerFactory)
    name = factory.Sequence(lambda n: f"端午特惠{n}")
    kind = Promotion.Kind.PRICE
    price = Decimal("80.00")
    percent_off = None
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @factory.post_generation
    def skus(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.skus.set(extracted)

    @factory.post_generation
    def channels(obj, create, extracted, **kwargs):
        if create and extracted:
            from chushan.inventory.models import SalesChannel

            obj.channels.set(SalesChannel.objects.filter(code__in=extracted))


class PercentPromotionFactory(PromotionFactory):
    kind = Promotion.Kind.PERCENT
    price = None
    percent_off = Decimal("15.00")


class ChannelPriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChannelPrice

    price = Decimal("150.00")
    source = ChannelPrice.Source.SHELF_LABEL
