"""Races over real PostgreSQL connections: a code is spent once, and one number has one live code."""

import threading

import pytest
from django.db import connection

from chushan.accounts.errors import InvalidCredentials
from chushan.accounts.models import OneTimeCode, User
from chushan.accounts.services import otp_request, user_login_otp, user_signup
from chushan.accounts.tests.factories import UserFactory
from chushan.accounts.tests.support import last_code
from chushan.core.errors import ApplicationError

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("clean_cache")]
NUMBER = "13800138000"


def _together(work, count):
    """Run ``work(i)`` in ``count`` threads released at once; return what each returned or raised."""
    barrier, outcomes = threading.Barrier(count), [None] * count

    def run(i):
        try:
            barrier.wait()
            outcomes[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the outcome is what we assert on
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_one_code_signs_in_only_once(outbox):
    user = UserFactory(mobile=NUMBER)
    otp_request(mobile=NUMBER, purpose="login", address="203.0.113.9")
    code = last_code(outbox, NUMBER)
    outcomes = _together(lambda i: user_login_otp(mobile=NUMBER, code=code, address=f"198.51.100.{i}"), 4)
    assert [o for o in outcomes if isinstance(o, User)] == [user]
    assert all(isinstance(o, InvalidCredentials) for o in outcomes if not isinstance(o, User))


def test_one_code_opens_one_account(outbox):
    otp_request(mobile=NUMBER, purpose="signup", address="203.0.113.9")
    code = last_code(outbox, NUMBER)
    outcomes = _together(lambda i: user_signup(mobile=NUMBER, code=code, password=f"parallel-pass-{i}-xyz",
                                               address=f"198.51.100.{i}"), 4)
    assert sum(isinstance(o, User) for o in outcomes) == 1
    assert all(isinstance(o, ApplicationError) for o in outcomes if not isinstance(o, User))
    assert User.objects.filter(mobile=NUMBER).count() == 1


def test_parallel_requests_leave_one_live_code(outbox):
    UserFactory(mobile=NUMBER)
    outcomes = _together(lambda i: otp_request(mobile=NUMBER, purpose="login", address=f"198.51.100.{i}"), 4)
    sent = [o for o in outcomes if not isinstance(o, Exception)]
    assert len(sent) >= 1
    assert all(isinstance(o, ApplicationError) and o.status == 429 for o in outcomes if isinstance(o, Exception))
    assert OneTimeCode.objects.filter(mobile=NUMBER, consumed_at__isnull=True).count() == 1
