"""Back office: read-only views of traceability (nothing here may change history), and recording a seller's
GS1 company prefix, which goes through the service so overlapping prefixes are refused."""

from django import forms
from django.contrib import admin, messages

from chushan.core.errors import ApplicationError
from chushan.trace import services
from chushan.trace.models import (
    CaptureJob,
    ChainAnchor,
    ChainCheck,
    ChainRecord,
    CompanyPrefix,
    InspectorAccess,
    Lot,
    Recall,
    Serial,
    Site,
    TraceEvent,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CompanyPrefixForm(forms.ModelForm):
    class Meta:
        model = CompanyPrefix
        fields = ["seller", "prefix"]


@admin.register(CompanyPrefix)
class CompanyPrefixAdmin(admin.ModelAdmin):
    form = CompanyPrefixForm
    list_display = ["prefix", "seller", "created_at"]
    search_fields = ["prefix", "seller__name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = services.company_prefix_add(actor=request.user, seller=obj.seller, prefix=obj.prefix)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = saved.pk


@admin.register(Site)
class SiteAdmin(ReadOnlyAdmin):
    list_display = ["name", "gln", "kind", "seller"]
    search_fields = ["name", "gln", "seller__name"]


@admin.register(Lot)
class LotAdmin(ReadOnlyAdmin):
    list_display = ["code", "gtin", "trace_code", "seller", "produced_on", "created_at"]
    search_fields = ["code", "gtin", "trace_code", "seller__name"]


@admin.register(Serial)
class SerialAdmin(ReadOnlyAdmin):
    list_display = ["serial", "gtin", "lot", "seller"]
    search_fields = ["serial", "gtin"]


@admin.register(TraceEvent)
class TraceEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "event_type", "biz_step", "event_time", "record_time", "seller", "source"]
    list_filter = ["event_type", "source", "declares_error"]
    search_fields = ["event_id", "seller__name"]
    date_hierarchy = "record_time"


@admin.register(ChainRecord)
class ChainRecordAdmin(ReadOnlyAdmin):
    list_display = ["seller", "seq", "digest", "record_time"]
    search_fields = ["digest", "event_hash_id"]


@admin.register(ChainAnchor)
class ChainAnchorAdmin(ReadOnlyAdmin):
    list_display = ["day", "seller", "first_seq", "last_seq", "root"]


@admin.register(CaptureJob)
class CaptureJobAdmin(ReadOnlyAdmin):
    list_display = ["id", "seller", "state", "event_count", "captured_count", "created_at"]
    list_filter = ["state"]


@admin.register(Recall)
class RecallAdmin(ReadOnlyAdmin):
    list_display = ["lot", "reason", "lots_reached", "shoppers_notified", "created_at"]


@admin.register(ChainCheck)
class ChainCheckAdmin(ReadOnlyAdmin):
    list_display = ["seller", "checked_at", "records", "intact", "broken_seq", "reason"]
    list_filter = ["intact"]


@admin.register(InspectorAccess)
class InspectorAccessAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "seller", "inspector", "granted_at", "revoked_at"]
    search_fields = ["organisation", "seller__name", "inspector__mobile"]
