"""The Celery app. Without REDIS_URL or CELERY_BROKER_URL, tasks run eagerly in the caller."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chushan.config.settings")

app = Celery("chushan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
