"""Error pages: problem+json under /api/, a translated page elsewhere."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from chushan.core.problem import problem_response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def api_not_found(request, *args, **kwargs):
    return problem_response(status=404, code="not_found",
                            detail=_("No API endpoint at %(path)s.") % {"path": request.path})


def _error_page(request, status: int, title: str, detail: str):
    if _is_api(request):
        return problem_response(status=status, detail=detail)
    return render(request, "error.html", {"status": status, "title": title, "detail": detail}, status=status)


def bad_request(request, exception=None):
    return _error_page(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request, exception=None):
    return _error_page(request, 403, _("Not allowed"), _("You may not see this page."))


def page_not_found(request, exception=None):
    return _error_page(request, 404, _("Not found"), _("There is nothing at this address."))


def server_error(request):
    return _error_page(request, 500, _("Something went wrong"),
                       _("Something went wrong on our side; it has been logged."))
