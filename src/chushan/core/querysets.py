"""QuerySet methods that scope rows to whoever is asking, the way ``CurrentSiteManager`` scopes by site in
``django/contrib/sites/managers.py``: every seller-side or shopper-side read goes through one of them."""

from django.db import models


class SellerScopedQuerySet(models.QuerySet):
    """Rows with a ``seller`` foreign key."""

    def for_seller(self, seller):
        """Seller scoping: the rows of this seller only; nothing without a seller."""
        if seller is None:
            return self.none()
        return self.filter(seller=seller)


class ShopperScopedQuerySet(models.QuerySet):
    """Rows with a ``shopper`` foreign key to the user."""

    def for_shopper(self, shopper):
        """Shopper scoping: the rows of this signed-in shopper only; nothing for an anonymous visitor."""
        if not getattr(shopper, "is_authenticated", False):
            return self.none()
        return self.filter(shopper_id=shopper.pk)


class SellerShopperScopedQuerySet(SellerScopedQuerySet, ShopperScopedQuerySet):
    """Rows both a seller and a shopper read: an order, a return request."""
