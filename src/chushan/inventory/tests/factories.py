from decimal import Decimal

import factory

from chushan.heritage.tests.factories import region
from chushan.inventory import rules
from chushan.inventory.models import Location, SalesChannel
from chushan.sellers.tests.factories import SellerFactory


class LocationFactory(factory.django.DjangoModelFactory):
    """A seller's location selling on the default channels for its kind."""

    class Meta:
        model = Location
        skip_postgeneration_save = True

    seller = factory.SubFactory(SellerFactory)
    kind = Location.Kind.WAREHOUSE
    name = factory.Sequence(lambda n: f"丹寨仓库{n}")
    region = factory.LazyFunction(lambda: region("522636"))
    address = "丹寨县龙泉镇东湖路8号"

    @factory.post_generation
    def channels(obj, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else rules.DEFAULT_CHANNELS[obj.kind]
            obj.channels.set(SalesChannel.objects.filter(code__in=codes))


class ShopFactory(LocationFactory):
    kind = Location.Kind.SHOP
    name = factory.Sequence(lambda n: f"凯里门店{n}")
    region = factory.LazyFunction(lambda: region("522601"))
    address = "凯里市大十字步行街12号"


class ConsignmentCounterFactory(LocationFactory):
    kind = Location.Kind.CONSIGNMENT
    name = factory.Sequence(lambda n: f"西江寄售柜台{n}")
    region = factory.LazyFunction(lambda: region("522634"))
    address = "雷山县西江千户苗寨游客中心"
    host_seller = factory.SubFactory(SellerFactory)
    commission_rate = Decimal("0.1500")
