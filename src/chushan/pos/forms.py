"""Counter forms. They parse what the clerk typed or scanned; the services decide, and a refusal is shown as the
same message the API would answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chushan.core.errors import ApplicationError
from chushan.pos import rules


def add_service_error(form: forms.Form, exc: ApplicationError) -> None:
    """Show a refused use case on the form: field messages by their fields, the rest on top."""
    placed = False
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed or exc.status != 422:
        form.add_error(None, str(exc.message))


class ScanForm(forms.Form):
    code = forms.CharField(label=_("Barcode"), max_length=400, strip=True)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or code"), max_length=60, required=False, strip=True)


class LineForm(forms.Form):
    sku = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=rules.MAX_LINE_QUANTITY, required=False)


class CashForm(forms.Form):
    tendered = forms.DecimalField(label=_("Cash handed over (¥)"), min_value=0.01, max_digits=8, decimal_places=2,
                                  localize=False)


class QrForm(forms.Form):
    provider = forms.ChoiceField(label=_("Pay with"), choices=())

    def __init__(self, *args, providers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(code, PROVIDER_NAMES.get(code, code)) for code in providers]


PROVIDER_NAMES = {"sandbox": _("Sandbox (test)"), "alipay": _("Alipay"), "wechat": _("WeChat Pay")}


class LookupForm(forms.Form):
    number = forms.CharField(label=_("Receipt number"), max_length=40, strip=True)


class PickupForm(forms.Form):
    code = forms.CharField(label=_("Pick-up code"), max_length=40, strip=True)


class ReturnForm(forms.Form):
    """One quantity field per line of the receipt, then how the money goes back and why."""

    method = forms.ChoiceField(label=_("Money back by"), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, sale, **kwargs):
        super().__init__(*args, **kwargs)
        self.sale_lines = [line for line in sale.lines.all() if line.returnable > 0]
        for line in self.sale_lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=f"{line.product_name} {line.sku_label}", min_value=0, max_value=line.returnable, initial=0,
                required=False)
        methods = [(rules.CASH, _("cash from the till"))]
        if sale.method == rules.QR:
            methods.insert(0, (rules.ORIGINAL, _("back to the customer's QR payment")))
        self.fields["method"].choices = methods
        self.fields["method"].initial = methods[0][0]

    def line_fields(self):
        return [(line, self[f"line_{line.pk}"]) for line in self.sale_lines]

    def lines(self) -> list[tuple[int, int]]:
        return [(line.pk, self.cleaned_data[f"line_{line.pk}"]) for line in self.sale_lines
                if self.cleaned_data.get(f"line_{line.pk}")]
