"""Back office: payments, refunds and notifications are read here and changed only through services."""

from django.contrib import admin

from chushan.payments.models import Payment, PaymentNotification, Refund, SandboxNotification, SandboxTrade


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RefundInline(admin.TabularInline):
    model = Refund
    extra = 0
    fields = ("reference", "amount", "state", "reason", "created_at", "completed_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("reference", "payable_ref", "provider", "amount", "state", "refunded_amount", "created_at")
    list_filter = ("state", "provider")
    search_fields = ("reference", "payable_ref", "provider_trade_no")
    inlines = [RefundInline]


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ("reference", "payment", "amount", "state", "created_at")
    list_filter = ("state",)
    search_fields = ("reference", "payment__reference")


@admin.register(PaymentNotification)
class PaymentNotificationAdmin(ReadOnlyAdmin):
    list_display = ("provider", "kind", "status", "outcome", "payment", "received_at")
    list_filter = ("provider", "kind", "outcome")
    search_fields = ("dedup_key", "payment__reference")


@admin.register(SandboxTrade)
class SandboxTradeAdmin(ReadOnlyAdmin):
    list_display = ("out_trade_no", "amount", "status", "created_at")


@admin.register(SandboxNotification)
class SandboxNotificationAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "attempts", "deliver_after", "delivered_at", "last_error")
