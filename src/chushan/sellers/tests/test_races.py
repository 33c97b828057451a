"""Two people deciding at the same moment over real PostgreSQL connections: one wins, nothing doubles.

A transactional test empties every table afterwards; the divisions and ethnic groups come back through
their post_migrate loaders (regions/apps.py, heritage/apps.py).
"""

import threading

import pytest
from django.db import connection

from chushan.core.errors import Conflict
from chushan.sellers import services
from chushan.sellers.models import AdmissionDecision, CreditEvent, Seller
from chushan.sellers.tests.factories import CertificateFactory, DraftSellerFactory, PendingCertificateFactory, reviewer

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]


def race(calls):
    """Run the callables at once; return what each returned or raised."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the caller inspects it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_reviewers_admitting_at_once_admit_once():
    seller = DraftSellerFactory(status=Seller.Status.SUBMITTED)
    CertificateFactory(seller=seller)
    first, second = reviewer(), reviewer()
    results = race([lambda: services.seller_review(actor=first, seller=seller, approve=True),
                    lambda: services.seller_review(actor=second, seller=seller, approve=False, reason="不符")])
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert sum(isinstance(r, Seller) for r in results) == 1
    decided = AdmissionDecision.objects.filter(seller=seller).count()
    assert decided == 1
    assert CreditEvent.objects.filter(seller=seller).count() == (1 if Seller.objects.get().status == "admitted"
                                                                 else 0)


def test_a_certificate_is_reviewed_once_however_many_reviewers_click():
    seller = DraftSellerFactory()
    cert = PendingCertificateFactory(seller=seller)
    people = [reviewer() for _ in range(4)]
    results = race([lambda who=who: services.certificate_review(actor=who, certificate=cert, approve=True)
                    for who in people])
    assert sum(isinstance(r, Conflict) for r in results) == 3
    assert AdmissionDecision.objects.filter(certificate=cert).count() == 1
    assert CreditEvent.objects.filter(seller=seller, kind="certificate").count() == 1
    assert Seller.objects.get(pk=seller.pk).credit_score == 20
