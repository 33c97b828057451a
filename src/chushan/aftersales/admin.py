"""Back office for operators: every return request and ticket, read-only (they act through /ops/tickets/, where
each change goes through the services), with the escalations and overdue tickets one filter away."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from chushan.aftersales.models import (
    ReturnLine,
    ReturnPhoto,
    ReturnRequest,
    Ticket,
    TicketAssignment,
    TicketMessage,
)


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReturnLineInline(ReadOnly, admin.TabularInline):
    model = ReturnLine
    fields = ["order_line", "quantity", "restocked_quantity", "restock_movement"]
    readonly_fields = fields
    extra = 0


class ReturnPhotoInline(ReadOnly, admin.TabularInline):
    model = ReturnPhoto
    fields = ["image", "width", "height"]
    readonly_fields = fields
    extra = 0


@admin.register(ReturnRequest)
class ReturnRequestAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["number", "seller", "kind", "reason", "state", "decide_by", "deadline_missed", "refund_amount",
                    "act"]
    list_filter = ["state", "kind", "reason", "deadline_missed"]
    search_fields = ["number", "order__number", "seller__name"]
    list_select_related = ["seller"]
    inlines = [ReturnLineInline, ReturnPhotoInline]
    readonly_fields = ["shown_decision_note"]

    @admin.display(description=_("decision note"))
    def shown_decision_note(self, obj):
        return obj.decision_note_text

    @admin.display(description=_("decide"))
    def act(self, obj):
        if obj.state != "escalated":
            return ""
        return format_html('<a href="{}">{}</a>', reverse("aftersales:ops_return", args=[obj.number]), _("decide"))


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue")), ("missed", _("missed at least once"))]

    def queryset(self, request, queryset):
        from django.utils import timezone

        if self.value() == "yes":
            return queryset.filter(state="open", waiting_on_owner=True, respond_by__lte=timezone.now())
        if self.value() == "missed":
            return queryset.filter(deadline_missed_at__isnull=False)
        return queryset


class MessageInline(ReadOnly, admin.TabularInline):
    model = TicketMessage
    fields = ["created_at", "role", "author", "body_code", "shown_body"]
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("message"))
    def shown_body(self, obj):
        return obj.body_text


class AssignmentInline(ReadOnly, admin.TabularInline):
    model = TicketAssignment
    fields = ["created_at", "from_kind", "to_kind", "to_seller", "to_location", "reason_code", "shown_reason",
              "actor"]
    readonly_fields = fields
    extra = 0

    @admin.display(description=_("reason"))
    def shown_reason(self, obj):
        return obj.reason_text


@admin.register(Ticket)
class TicketAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["number", "shown_subject", "seller", "owner_kind", "state", "respond_by", "waiting_on_owner",
                    "outcome", "act"]
    list_filter = ["owner_kind", "state", "outcome", "category", OverdueFilter]
    search_fields = ["number", "order__number", "subject", "seller__name"]
    list_select_related = ["seller"]
    inlines = [MessageInline, AssignmentInline]
    readonly_fields = ["shown_subject"]

    @admin.display(description=_("subject"))
    def shown_subject(self, obj):
        return obj.subject_text

    @admin.display(description=_("handle"))
    def act(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("aftersales:ops_ticket", args=[obj.number]), _("handle"))
