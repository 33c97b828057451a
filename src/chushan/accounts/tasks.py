"""Celery tasks of the accounts domain: each calls a service and nothing else."""

from celery import shared_task

from chushan.accounts.services import otp_codes_purge


@shared_task(name="chushan.accounts.tasks.otp_codes_purge")
def otp_codes_purge_task() -> int:
    return otp_codes_purge()
