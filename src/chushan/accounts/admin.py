"""Back office for people: users found by mobile number, roles granted through the role services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from chushan.accounts import services
from chushan.accounts.models import ApiToken, User
from chushan.accounts.roles import OPERATORS, REVIEWERS
from chushan.accounts.rules import mask_mobile, normalize_mobile
from chushan.core.errors import ApplicationError


class _MobileCleaning:
    def clean_mobile(self):
        mobile = normalize_mobile(self.cleaned_data.get("mobile", ""))
        if not mobile:
            raise forms.ValidationError(_("Enter an 11-digit mainland mobile number."))
        return mobile


def _mobile_field():
    # Wider than the stored 11 digits, so "+86 138 0013 8000" reaches clean_mobile to be normalised.
    return forms.CharField(label=_("mobile number"), max_length=32)


class UserCreationForm(_MobileCleaning, AdminUserCreationForm):
    mobile = _mobile_field()

    class Meta:
        model = User
        fields = ("mobile", "display_name")


class UserEditForm(_MobileCleaning, UserChangeForm):
    mobile = _mobile_field()

    class Meta:
        model = User
        fields = "__all__"


def _role_action(role: str, grant: bool, label):
    def action(modeladmin, request, queryset):
        done = 0
        for user in queryset.order_by("pk"):
            try:
                (services.role_grant if grant else services.role_revoke)(actor=request.user, user=user, role=role)
                done += 1
            except ApplicationError as exc:
                modeladmin.message_user(request, str(exc.message), messages.ERROR)
                return
        modeladmin.message_user(request, _("%(count)d people changed.") % {"count": done}, messages.SUCCESS)

    action.__name__ = f"{'grant' if grant else 'revoke'}_{role}"
    action.short_description = label
    action.allowed_permissions = ("view",)  # role_grant/role_revoke decide who may
    return action


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("mobile", "display_name", "is_active", "is_staff", "is_superuser", "date_joined", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("mobile", "display_name")
    ordering = ("-date_joined",)
    fieldsets = (
        (None, {"fields": ("mobile", "password", "display_name")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("mobile", "display_name", "usable_password", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    actions = [
        _role_action(REVIEWERS, True, _("Make them admission reviewers")),
        _role_action(REVIEWERS, False, _("Take the admission reviewer role away")),
        _role_action(OPERATORS, True, _("Make them platform operators (superusers only)")),
        _role_action(OPERATORS, False, _("Take the platform operator role away (superusers only)")),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Only superusers hand out access by editing; operators use the role actions, which check the rules.
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are created and revoked by their owners (only digests are stored)."""

    list_display = ("name", "owner", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__mobile", "name", "prefix")
    list_select_related = ("user",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields

    @admin.display(description=_("user"), ordering="user__mobile")
    def owner(self, obj):
        return mask_mobile(obj.user.mobile)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
