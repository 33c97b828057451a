import factory

from chushan.accounts.tests.factories import UserFactory
from chushan.heritage.tests.factories import region
from chushan.orders.models import Address


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    shopper = factory.SubFactory(UserFactory)
    name = "李阿婆"
    mobile = factory.Sequence(lambda n: f"137{n:08d}")
    region = factory.LazyFunction(lambda: region("522601"))
    detail = "凯里市韶山南路18号"
    is_default = True
