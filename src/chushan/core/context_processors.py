from django.conf import settings


def site(request):
    return {"site_name": settings.CHUSHAN_SITE_NAME}
