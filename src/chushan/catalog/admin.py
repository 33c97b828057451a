"""Back office: the category tree, and products with their SKUs and pictures (read-only here: sellers edit
through the console, operators delist through the action below, which calls the service)."""

from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chushan.catalog import services
from chushan.catalog.forms import DelistForm
from chushan.catalog.models import Category, Product, ProductImage, Sku
from chushan.core.errors import ApplicationError


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "parent", "position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    ordering = ["parent__position", "position", "name"]


class SkuInline(admin.TabularInline):
    model = Sku
    fields = ["code", "options", "price", "gtin", "is_active", "position"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    fields = ["image", "thumbnail", "width", "height", "alt", "position"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "seller", "category", "kind", "status", "claim_heritage", "claim_halal", "claim_brand",
                    "updated_at"]
    list_filter = ["status", "kind", "claim_heritage", "claim_halal", "claim_brand", "category"]
    search_fields = ["name", "name_en", "seller__name", "skus__code"]
    list_select_related = ["seller", "category"]
    inlines = [SkuInline, ProductImageInline]
    actions = ["delist", "relist"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Product._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # writes go through services: the console for sellers, the actions for operators

    def has_delist_permission(self, request):
        return request.user.has_perm("catalog.delist_product")

    @admin.action(description=_("Delist the selected products (asks for a reason)"), permissions=["delist"])
    def delist(self, request, queryset):
        form = DelistForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return render(request, "admin/catalog/product/delist.html", {
                **self.admin_site.each_context(request), "title": _("Delist products"), "form": form,
                "products": queryset, "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})
        done = 0
        for product in queryset.order_by("pk"):
            try:
                services.product_delist(actor=request.user, product_id=product.pk, reason=form.cleaned_data["reason"])
                done += 1
            except ApplicationError as exc:
                self.message_user(request, f"{product}: {exc.message}", messages.WARNING)
        self.message_user(request, ngettext("%(n)d product delisted.", "%(n)d products delisted.", done) % {"n": done})
        return None

    @admin.action(description=_("Lift the delisting (back to draft)"), permissions=["delist"])
    def relist(self, request, queryset):
        done = 0
        for product in queryset.order_by("pk"):
            try:
                services.product_relist(actor=request.user, product_id=product.pk)
                done += 1
            except ApplicationError as exc:
                self.message_user(request, f"{product}: {exc.message}", messages.WARNING)
        self.message_user(request, ngettext("%(n)d product relisted.", "%(n)d products relisted.", done) % {"n": done})
