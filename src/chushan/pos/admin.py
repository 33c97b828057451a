"""Back office: counter sales, returns and consignment settlement, read-only (clerks write through the counter)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chushan.pos.models import PosReturn, PosReturnLine, PosSale, PosSaleLine, Settlement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LineInline(admin.TabularInline):
    model = PosSaleLine
    fields = ["sku", "quantity", "list_price", "unit_price", "line_total", "promotion", "returned_quantity"]
    readonly_fields = fields
    extra = 0

    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(PosSale)
class PosSaleAdmin(ReadOnlyAdmin):
    list_display = ["number", "location", "state", "total", "method", "refunded_amount", "clerk", "paid_at"]
    list_filter = ["state", "method", "channel"]
    search_fields = ["number", "location__name", "seller__name"]
    list_select_related = ["location", "clerk"]
    inlines = [LineInline]
    readonly_fields = ["shown_note"]

    @admin.display(description=_("note"))
    def shown_note(self, obj):
        return obj.note_text


class ReturnLineInline(admin.TabularInline):
    model = PosReturnLine
    fields = ["sale_line", "quantity", "amount", "movement"]
    readonly_fields = fields
    extra = 0

    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(PosReturn)
class PosReturnAdmin(ReadOnlyAdmin):
    list_display = ["number", "sale", "method", "amount", "reason", "clerk", "created_at"]
    list_filter = ["method"]
    search_fields = ["number", "sale__number"]
    inlines = [ReturnLineInline]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdmin):
    list_display = ["sale", "sale_return", "owner", "host", "gross", "commission_rate", "commission", "owner_share",
                    "created_at"]
    list_filter = ["owner", "host"]
    search_fields = ["sale__number", "owner__name", "host__name"]
