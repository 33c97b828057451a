import factory

from chushan.heritage.models import EthnicGroup, HeritageItem, ListLevel, RegionalBrand
from chushan.regions.models import Region


def region(code: str = "522601") -> Region:
    """A real division loaded by the regions migration (凯里市 by default)."""
    return Region.objects.get(code=code)


def ethnic_group(code: str = "miao") -> EthnicGroup:
    return EthnicGroup.objects.get(code=code)


class HeritageItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeritageItem

    name = factory.Sequence(lambda n: f"苗族蜡染技艺{n}")
    name_en = factory.Sequence(lambda n: f"Miao batik {n}")
    slug = factory.Sequence(lambda n: f"miao-batik-{n}")
    level = ListLevel.NATIONAL
    category = HeritageItem.Category.CRAFTSMANSHIP
    list_number = factory.Sequence(lambda n: f"Ⅷ-{n}")
    region = factory.LazyFunction(lambda: region("522636"))
    ethnic_group = factory.LazyFunction(lambda: ethnic_group("miao"))


class RegionalBrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalBrand

    name = factory.Sequence(lambda n: f"水城春{n}")
    name_en = factory.Sequence(lambda n: f"Shuichengchun {n}")
    slug = factory.Sequence(lambda n: f"shuichengchun-{n}")
    region = factory.LazyFunction(lambda: region("520221"))
    owner = "水城区茶叶发展中心"
    product_type = "茶叶"
