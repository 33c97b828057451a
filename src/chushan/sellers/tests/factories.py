import datetime

import factory
from django.utils import timezone

from chushan.accounts.tests.factories import UserFactory
from chushan.heritage.models import ListLevel
from chushan.heritage.tests.factories import HeritageItemFactory, region
from chushan.sellers.models import Certificate, Membership, Seller


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller

    name = factory.Sequence(lambda n: f"丹寨苗族蜡染合作社{n}")
    slug = factory.Sequence(lambda n: f"seller-{n}")
    entity_type = Seller.EntityType.INHERITOR
    region = factory.LazyFunction(lambda: region("522636"))
    address = "丹寨县龙泉镇卡拉村"
    contact_name = "王阿妹"
    contact_mobile = "13800138000"
    status = Seller.Status.ADMITTED
    credit_score = 100
    admitted_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    seller = factory.SubFactory(SellerFactory)
    role = Membership.Role.OWNER


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    seller = factory.SubFactory(SellerFactory)
    kind = Certificate.Kind.ICH_INHERITOR
    number = factory.Sequence(lambda n: f"ICH-2024-{n:05d}")
    issuer = "贵州省文化和旅游厅"
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    ich_level = ListLevel.PROVINCIAL
    heritage_item = factory.SubFactory(HeritageItemFactory)
    holder_name = "王阿妹"
    status = Certificate.Status.APPROVED


class DraftSellerFactory(SellerFactory):
    """An application not yet submitted, with its owner."""

    class Meta:
        skip_postgeneration_save = True

    status = Seller.Status.DRAFT
    credit_score = 0
    admitted_at = None
    owner = factory.RelatedFactory(MembershipFactory, factory_related_name="seller", role=Membership.Role.OWNER)


class PendingCertificateFactory(CertificateFactory):
    status = Certificate.Status.PENDING


def role_user(role: str, **kwargs):
    """A back-office user in one of the platform's role groups (accounts.roles.REVIEWERS / OPERATORS)."""
    from django.contrib.auth.models import Group

    from chushan.accounts.roles import ensure_roles

    ensure_roles()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def reviewer(**kwargs):
    from chushan.accounts.roles import REVIEWERS

    return role_user(REVIEWERS, **kwargs)


def operator(**kwargs):
    from chushan.accounts.roles import OPERATORS

    return role_user(OPERATORS, **kwargs)


def member(seller=None, role=Membership.Role.OWNER):
    """A user working for ``seller`` (a new admitted seller when not given)."""
    return MembershipFactory(seller=seller or SellerFactory(), role=role).user
