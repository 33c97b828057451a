"""Back office: checkouts, orders with their lines and timeline, pick-up codes and refunds. Read-only: every
change goes through the services (the API and the console), so the timeline stays complete."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chushan.orders.models import Checkout, Order, OrderLine, OrderRefund, OrderTransition, PickupCode


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyMixin, admin.TabularInline):
    model = OrderLine
    fields = ["product_name", "sku_label", "quantity", "list_price", "unit_price", "line_total", "promotion",
              "fulfilment", "location", "reservation", "refunded_quantity", "restocked_quantity"]
    readonly_fields = fields
    extra = 0


class OrderTransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = OrderTransition
    fields = ["created_at", "from_state", "to_state", "actor", "reason_code", "shown_reason"]
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("reason"))
    def shown_reason(self, obj):
        return obj.message


class OrderRefundInline(ReadOnlyMixin, admin.TabularInline):
    model = OrderRefund
    fields = ["created_at", "amount", "state", "reason", "lines", "refund"]
    readonly_fields = fields
    extra = 0


@admin.register(Order)
class OrderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["number", "seller", "shopper", "state", "kind", "total", "refunded_amount", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["number", "checkout__number", "seller__name", "shopper__mobile"]
    list_select_related = ["seller", "shopper"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    inlines = [OrderLineInline, OrderTransitionInline, OrderRefundInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Order._meta.fields]


@admin.register(Checkout)
class CheckoutAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["number", "shopper", "state", "total", "provider", "created_at", "expires_at", "paid_at"]
    list_filter = ["state", "provider"]
    search_fields = ["number", "payable_ref", "shopper__mobile"]
    list_select_related = ["shopper"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Checkout._meta.fields]


@admin.register(PickupCode)
class PickupCodeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["order", "location", "ready_at", "expires_at", "used_at", "used_by"]
    list_select_related = ["order", "location", "used_by"]
    search_fields = ["order__number"]
    exclude = ["code"]  # the code is the shopper's key to the goods; staff need not see it


@admin.register(OrderRefund)
class OrderRefundAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["refund", "checkout", "order", "amount", "state", "created_at"]
    list_filter = ["state"]
    list_select_related = ["checkout", "order", "refund"]
    search_fields = ["order__number", "checkout__number"]
