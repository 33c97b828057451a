"""Forms of the accounts pages: they check the shape of the input; the services decide the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chushan.accounts.rules import OTP_LENGTH, PASSWORD_MAX_LENGTH
from chushan.core.errors import ApplicationError


def _mobile_field():
    return forms.CharField(label=_("Mobile number"), max_length=32, widget=forms.TextInput(
        attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "138 0013 8000"}))


def _password_field(label, autocomplete="new-password"):
    return forms.CharField(label=label, max_length=PASSWORD_MAX_LENGTH, strip=False,
                           widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}))


class MobileForm(forms.Form):
    mobile = _mobile_field()


class PasswordLoginForm(forms.Form):
    mobile = _mobile_field()
    password = _password_field(_("Password"), autocomplete="current-password")


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code from the text message"), max_length=12, widget=forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": OTP_LENGTH,
               "pattern": "[0-9]*"}))


class _NewPasswordMixin(forms.Form):
    password1 = _password_field(_("New password"))
    password2 = _password_field(_("New password again"))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ. Type the same password twice."))
        return data


class SignupForm(CodeForm, _NewPasswordMixin):
    display_name = forms.CharField(label=_("Your name (optional)"), max_length=50, required=False)
    field_order = ["code", "display_name", "password1", "password2"]


class PasswordResetForm(CodeForm, _NewPasswordMixin):
    field_order = ["code", "password1", "password2"]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=60,
                           help_text=_("Say what will use it, for example “stock sync”."))


def show_error(form: forms.Form, exc: ApplicationError, rename: dict[str, str] | None = None) -> None:
    """Put a refused use case's message on the form: on its fields where it names them, else on top."""
    rename = rename or {}
    placed = False
    for field, messages in exc.errors.items():
        name = rename.get(field, field)
        if name in form.fields:
            form.add_error(name, list(messages))
            placed = True
    if not placed:
        form.add_error(None, str(exc.message))
