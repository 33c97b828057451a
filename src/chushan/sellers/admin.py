"""The operators' review queue (准入审核) in Django admin.

Everything here is read-only: decisions are made through admin actions that call the services, so the
audit trail, credit record and events are written exactly as the API and console write them.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, F, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chushan.core.errors import ApplicationError
from chushan.sellers import rules, services
from chushan.sellers.forms import CreditEventForm, ReasonForm
from chushan.sellers.models import AdmissionDecision, Certificate, CreditEvent, Membership, Seller

REVIEW, SUSPEND, RECORD_CREDIT = "sellers.review_seller", "sellers.suspend_seller", "sellers.record_credit_event"


class ReadOnlyMixin:
    """Shown to reviewers and operators; never edited, added or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW) or super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return request.user.has_perm(REVIEW) or super().has_module_permission(request)


def document_link(certificate: Certificate) -> str:
    if not certificate.document:
        return "—"
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>',
                       reverse("sellers:certificate_document", args=[certificate.pk]), gettext("view scan"))


class ActionsMixin:
    """Runs a service per selected row, reporting each refusal; asks for a reason or form first when needed."""

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW)

    def has_suspend_permission(self, request):
        return request.user.has_perm(SUSPEND)

    def has_credit_permission(self, request):
        return request.user.has_perm(RECORD_CREDIT)

    def _run(self, request, queryset, run, done_message) -> None:
        done = 0
        for obj in queryset.order_by("pk"):
            try:
                run(obj)
                done += 1
            except ApplicationError as exc:
                self.message_user(request, f"{obj}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    def _with_form(self, request, queryset, *, form_class, title, run, done_message):
        """An intermediate page: show the form, then run on the same selection when it is posted back."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._run(request, queryset, lambda obj: run(obj, form.cleaned_data), done_message)
            return None
        context = {**self.admin_site.each_context(request), "title": title, "objects": queryset, "form": form,
                   "action": request.POST.get("action", ""), "opts": self.model._meta,
                   "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME}
        return TemplateResponse(request, "admin/sellers/action_form.html", context)


class CertificateInline(ReadOnlyMixin, admin.TabularInline):
    model = Certificate
    extra = 0
    fields = ("kind", "number", "issuer", "valid_from", "valid_until", "ich_level", "heritage_item", "brand",
              "holder_name", "status", "review_reason", "scan")
    readonly_fields = fields
    show_change_link = True

    @admin.display(description=_("scan"))
    def scan(self, obj):
        return document_link(obj)


class DecisionInline(ReadOnlyMixin, admin.TabularInline):
    model = AdmissionDecision
    fk_name = "seller"
    extra = 0
    fields = ("created_at", "action", "certificate", "reason", "actor")
    readonly_fields = fields
    verbose_name_plural = _("audit trail")


class CreditEventInline(ReadOnlyMixin, admin.TabularInline):
    model = CreditEvent
    extra = 0
    fields = ("created_at", "kind", "points", "reference", "note", "actor")
    readonly_fields = fields


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = fields


class QueueFilter(admin.SimpleListFilter):
    title = _("review queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("waiting", _("awaiting a decision"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(Q(status=Seller.Status.SUBMITTED) | Q(pending_certificates__gt=0))
        return queryset


@admin.register(Seller)
class SellerAdmin(ReadOnlyMixin, ActionsMixin, admin.ModelAdmin):
    list_display = ("name", "entity_type", "region", "status", "pending_certificates", "credit_score",
                    "credit_band", "submitted_at")
    list_filter = (QueueFilter, "status", "entity_type")
    search_fields = ("name", "credit_code", "contact_mobile", "slug")
    list_select_related = ("region",)
    inlines = (CertificateInline, DecisionInline, CreditEventInline, MembershipInline)
    actions = ("approve", "reject", "suspend", "reinstate", "record_credit_event")
    fields = ("name", "slug", "entity_type", "credit_code", "region_path", "address", "contact_name",
              "contact_mobile", "ethnic_group", "story", "status", "credit_score", "credit_band", "created_at",
              "submitted_at", "admitted_at")
    readonly_fields = fields

    def get_queryset(self, request):
        pending = Count("certificates", filter=Q(certificates__status=Certificate.Status.PENDING))
        return (super().get_queryset(request).annotate(pending_certificates=pending)
                .order_by(F("submitted_at").asc(nulls_last=True), "name"))

    @admin.display(description=_("certificates awaiting review"), ordering="pending_certificates")
    def pending_certificates(self, obj):
        return obj.pending_certificates

    @admin.display(description=_("credit band"))
    def credit_band(self, obj):
        return rules.credit_band(obj.credit_score).label

    @admin.display(description=_("region"))
    def region_path(self, obj):
        return " / ".join(r.display_name for r in obj.region.path())

    @admin.action(description=_("Admit the selected applications"), permissions=["review"])
    def approve(self, request, queryset):
        self._run(request, queryset, lambda s: services.seller_review(actor=request.user, seller=s, approve=True),
                  gettext("%(n)d seller(s) admitted."))

    @admin.action(description=_("Reject the selected applications (with a reason)"), permissions=["review"])
    def reject(self, request, queryset):
        return self._with_form(request, queryset, form_class=ReasonForm, title=gettext("Reject applications"),
                               done_message=gettext("%(n)d application(s) rejected."),
                               run=lambda s, data: services.seller_review(actor=request.user, seller=s,
                                                                          approve=False, reason=data["reason"]))

    @admin.action(description=_("Suspend the selected sellers (with a reason)"), permissions=["suspend"])
    def suspend(self, request, queryset):
        return self._with_form(request, queryset, form_class=ReasonForm, title=gettext("Suspend sellers"),
                               done_message=gettext("%(n)d seller(s) suspended."),
                               run=lambda s, data: services.seller_suspend(actor=request.user, seller=s,
                                                                           reason=data["reason"]))

    @admin.action(description=_("Reinstate the selected sellers (with a reason)"), permissions=["suspend"])
    def reinstate(self, request, queryset):
        return self._with_form(request, queryset, form_class=ReasonForm, title=gettext("Reinstate sellers"),
                               done_message=gettext("%(n)d seller(s) reinstated."),
                               run=lambda s, data: services.seller_reinstate(actor=request.user, seller=s,
                                                                             reason=data["reason"]))

    @admin.action(description=_("Record a credit event for the selected sellers"), permissions=["credit"])
    def record_credit_event(self, request, queryset):
        return self._with_form(request, queryset, form_class=CreditEventForm, title=gettext("Record a credit event"),
                               done_message=gettext("%(n)d credit event(s) recorded."),
                               run=lambda s, data: services.credit_event_record(actor=request.user, seller=s,
                                                                                **data))


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyMixin, ActionsMixin, admin.ModelAdmin):
    list_display = ("seller", "kind", "number", "issuer", "valid_until", "status", "scan")
    list_filter = ("status", "kind", "ich_level")
    search_fields = ("number", "issuer", "seller__name", "holder_name")
    list_select_related = ("seller",)
    actions = ("approve", "reject", "revoke")
    fields = ("seller", "kind", "number", "issuer", "valid_from", "valid_until", "ich_level", "heritage_item",
              "holder_name", "brand", "scan", "status", "review_reason", "reviewed_by", "reviewed_at", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).order_by(
            # Waiting certificates first, oldest first: the queue.
            F("reviewed_at").asc(nulls_first=True), "created_at")

    @admin.display(description=_("scan"))
    def scan(self, obj):
        return document_link(obj)

    @admin.action(description=_("Approve the selected certificates"), permissions=["review"])
    def approve(self, request, queryset):
        self._run(request, queryset,
                  lambda c: services.certificate_review(actor=request.user, certificate=c, approve=True),
                  gettext("%(n)d certificate(s) approved."))

    @admin.action(description=_("Reject the selected certificates (with a reason)"), permissions=["review"])
    def reject(self, request, queryset):
        return self._with_form(request, queryset, form_class=ReasonForm, title=gettext("Reject certificates"),
                               done_message=gettext("%(n)d certificate(s) rejected."),
                               run=lambda c, data: services.certificate_review(
                                   actor=request.user, certificate=c, approve=False, reason=data["reason"]))

    @admin.action(description=_("Revoke the selected certificates (with a reason)"), permissions=["review"])
    def revoke(self, request, queryset):
        return self._with_form(request, queryset, form_class=ReasonForm, title=gettext("Revoke certificates"),
                               done_message=gettext("%(n)d certificate(s) revoked."),
                               run=lambda c, data: services.certificate_revoke(
                                   actor=request.user, certificate=c, reason=data["reason"]))


@admin.register(AdmissionDecision)
class AdmissionDecisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "seller", "action", "certificate", "reason", "actor")
    list_filter = ("action",)
    search_fields = ("seller__name", "reason")
    list_select_related = ("seller", "certificate", "actor")
    date_hierarchy = "created_at"


@admin.register(CreditEvent)
class CreditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "seller", "kind", "points", "reference", "note", "actor")
    list_filter = ("kind",)
    search_fields = ("seller__name", "reference", "note")
    list_select_related = ("seller", "actor")
    date_hierarchy = "created_at"
