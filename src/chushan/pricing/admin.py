"""Back office: promotions and kept channel prices (read-only: sellers write through their API), and the
price-consistency report for operators at /admin/pricing/promotion/consistency/."""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chushan.pricing import selectors
from chushan.pricing.models import ChannelPrice, Promotion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Promotion)
class PromotionAdmin(ReadOnlyAdmin):
    list_display = ["name", "seller", "kind", "price", "percent_off", "starts_at", "ends_at", "per_shopper_limit",
                    "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "seller__name", "skus__code"]
    list_select_related = ["seller"]
    date_hierarchy = "starts_at"
    change_list_template = "admin/pricing/promotion/change_list.html"

    def get_urls(self):
        return [path("consistency/", self.admin_site.admin_view(self.consistency_view),
                     name="pricing_price_consistency"), *super().get_urls()]

    def consistency_view(self, request):
        """Every SKU whose price differs between channels without a promotion that explains it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = min(max(int(request.GET.get("days", selectors.REPORT_DAYS)), 1), 366)
        except ValueError:
            days = selectors.REPORT_DAYS
        since = timezone.now() - datetime.timedelta(days=days)
        rows = selectors.price_consistency_report(staff=True, since=since)
        return TemplateResponse(request, "admin/pricing/consistency.html", {
            **self.admin_site.each_context(request), "title": _("Price consistency"), "rows": rows, "days": days,
            "channels": list(selectors.channels_by_code(
                {code for row in rows for code in row.prices_now}).values()),
            "opts": self.model._meta})


@admin.register(ChannelPrice)
class ChannelPriceAdmin(ReadOnlyAdmin):
    list_display = ["sku", "channel", "location", "price", "source", "recorded_at"]
    list_filter = ["source", "channel"]
    search_fields = ["sku__code", "sku__product__name"]
    list_select_related = ["sku__product", "channel", "location"]
