"""Back office: locations and channels are edited here; stock and its ledger only change through services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chushan.inventory.models import (
    Location,
    Reservation,
    SalesChannel,
    Stock,
    StockCount,
    StockCountLine,
    StockMovement,
    Transfer,
    TransferLine,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The ledger and what it records are append-only: visible, never edited or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SalesChannel)
class SalesChannelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "is_counter", "position"]
    list_editable = ["position"]

    def has_delete_permission(self, request, obj=None):
        return False  # ledger lines point at channels


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "seller", "kind", "region", "host_seller", "commission_rate", "gln", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "seller__name", "address", "gln"]
    raw_id_fields = ["seller", "host_seller", "region"]
    filter_horizontal = ["channels"]

    def has_delete_permission(self, request, obj=None):
        return False  # stock and ledger point at locations; deactivate instead


@admin.register(Stock)
class StockAdmin(ReadOnlyAdmin):
    list_display = ["sku", "location", "on_hand", "reserved", "available"]
    list_select_related = ["sku__product", "location"]
    search_fields = ["sku__code", "sku__product__name", "location__name"]
    list_filter = ["location__kind"]
    readonly_fields = ["sku", "location", "on_hand", "reserved"]

    @admin.display(description=_("available"))
    def available(self, obj):
        return obj.available


@admin.register(StockMovement)
class StockMovementAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "stock", "on_hand_delta", "reserved_delta", "channel", "reference",
                    "lot", "reason_shown", "actor"]
    list_select_related = ["stock__sku__product", "stock__location", "channel", "actor"]
    list_filter = ["kind", "channel"]
    search_fields = ["reference", "lot", "reason", "stock__sku__code"]
    date_hierarchy = "created_at"

    @admin.display(description=_("reason"))
    def reason_shown(self, obj):
        return obj.reason_text


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "stock", "quantity", "channel", "state", "reference", "created_at", "expires_at"]
    list_select_related = ["stock__sku__product", "stock__location", "channel"]
    list_filter = ["state", "channel"]
    search_fields = ["reference"]


class TransferLineInline(admin.TabularInline):
    model = TransferLine
    fields = readonly_fields = ["sku", "quantity"]
    extra = max_num = 0
    can_delete = False


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["pk", "from_location", "to_location", "actor", "created_at"]
    inlines = [TransferLineInline]


class CountLineInline(admin.TabularInline):
    model = StockCountLine
    fields = readonly_fields = ["sku", "expected", "counted"]
    extra = max_num = 0
    can_delete = False


@admin.register(StockCount)
class StockCountAdmin(ReadOnlyAdmin):
    list_display = ["pk", "location", "reason", "actor", "created_at"]
    inlines = [CountLineInline]
