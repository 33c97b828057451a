"""The sandbox provider's pay page: what Alipay's or WeChat Pay's cashier would show, with pay and fail."""

import segno
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chushan.core.errors import ApplicationError
from chushan.payments import selectors
from chushan.payments.providers import get_provider
from chushan.payments.services import sandbox

ACTIONS = {"pay": sandbox.sandbox_trade_pay, "fail": sandbox.sandbox_trade_fail}


@require_http_methods(["GET", "POST"])
def sandbox_pay(request, reference: str):
    """No sign-in, as on a real cashier page: the unguessable trade number is the key."""
    if get_provider("sandbox") is None:
        raise Http404
    trade = selectors.sandbox_trade_get(reference)
    if trade is None:
        raise Http404
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        try:
            if action is None:
                raise ApplicationError(_("Choose whether to pay or to make the payment fail."))
            action(out_trade_no=reference)
            return redirect("payments:sandbox_pay", reference=reference)
        except ApplicationError as exc:
            return _page(request, trade, error=exc.message, status=exc.status)
    return _page(request, trade)


def _page(request, trade, *, error=None, status=200):
    back = trade.return_url if url_has_allowed_host_and_scheme(
        trade.return_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else ""
    qr = segno.make(request.build_absolute_uri(), error="m", micro=False).svg_inline(
        scale=4, dark="#222", omitsize=True)
    return render(request, "payments/sandbox_pay.html",
                  {"trade": trade, "error": error, "back_url": back, "qr_svg": qr}, status=status)
