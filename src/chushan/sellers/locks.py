"""The only place seller-side rows are locked for update, always one row or in primary-key order."""

from django.db.models import QuerySet

from chushan.sellers.models import Certificate, Seller


def seller_for_update(pk: int) -> Seller:
    return Seller.objects.select_for_update(of=("self",)).get(pk=pk)


def certificate_for_update(pk: int) -> Certificate:
    return Certificate.objects.select_for_update(of=("self",)).select_related("seller").get(pk=pk)


def certificates_for_update(queryset: QuerySet[Certificate]) -> list[Certificate]:
    return list(queryset.order_by("pk").select_for_update(of=("self",)))
