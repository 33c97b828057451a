"""`chushan seed_demo`: says what it did, prints the demo accounts, refuses bad arguments."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chushan.catalog.models import Product
from chushan.orders.models import PickupCode
from chushan.trace.models import Lot

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_a_second_run_does_nothing_and_prints_the_demo_accounts(demo_market):
    output = _run("--skip-images")
    assert "already loaded" in output
    for mobile in ("13900000001", "13900000002", "13900000003", "13900000004"):
        assert mobile in output
    assert "chushan-demo-2026" in output
    assert "shop clerk at 荔波小七孔景区店" in output


def test_the_output_says_where_to_scan_a_trace_and_collect_an_order(demo_market):
    output = _run("--skip-images")
    lot = Lot.objects.get(code__startswith="DY", sku__isnull=False)
    assert f"http://127.0.0.1:8000/01/{lot.gtin}/10/{lot.code}" in output
    code = PickupCode.objects.get(order__shopper__mobile="13900000003")
    assert f"code {code.code}" in output and code.order.number in output


def test_products_grows_a_synthetic_catalogue(demo_market):
    before = Product.objects.count()
    output = _run("--skip-images", "--products", "25", "--batch-size", "10")
    assert Product.objects.count() == before + 25
    assert "25 products added" in output
    assert "already has 25" in _run("--skip-images", "--products", "25")


def test_negative_products_are_refused(demo_market):
    before = Product.objects.count()
    with pytest.raises(CommandError):
        _run("--products", "-5")
    assert Product.objects.count() == before
