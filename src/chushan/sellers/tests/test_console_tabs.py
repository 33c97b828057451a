"""The console's tab bar marks the section the seller is in, on every section (the other apps' pages included),
and wraps on a phone instead of scrolling the current tab out of sight."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from chushan.sellers.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SECTIONS = [
    ("/console/", "Overview"),
    ("/console/certificates/", "Certificates"),
    ("/console/staff/", "Staff"),
    ("/console/products/", "Products"),
    ("/console/stock/", "Stock"),
    ("/console/stock/transfers/", "Stock"),
    ("/console/orders/", "Orders"),
    ("/console/returns/", "Returns"),
    ("/console/trace/", "Traceability"),
    ("/console/trace/sites/", "Traceability"),
    ("/console/trace/inspectors/", "Traceability"),
]


def _current_tabs(html: str) -> list[str]:
    nav = re.search(r'<nav class="console-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', nav)


@pytest.fixture
def client():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(MembershipFactory().user)
    return client


@pytest.mark.parametrize(("path", "tab"), SECTIONS)
def test_the_current_section_is_marked(client, path, tab):
    page = client.get(path)
    assert page.status_code == 200
    assert _current_tabs(page.content.decode()) == [tab]


@pytest.mark.parametrize(("path", "tab"), [("/console/trace/", "Lots"), ("/console/trace/sites/", "Sites"),
                                           ("/console/trace/inspectors/", "Inspectors")])
def test_the_trace_pages_mark_their_own_tab_not_always_the_first(client, path, tab):
    html = client.get(path).content.decode()
    marked = re.findall(r'<a [^>]*class="on" aria-current="page"[^>]*>([^<]*)</a>', html)
    assert marked == [tab]


def test_the_tab_bar_wraps_rather_than_scrolling_sideways():
    with open(finders.find("sellers/console.css"), encoding="utf-8") as css:
        rule = re.search(r"\.console-nav \{([^}]*)\}", css.read()).group(1)
    assert "flex-wrap: wrap" in rule and "overflow-x" not in rule
