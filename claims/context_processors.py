from django.conf import settings


def site(request):
    return {"site_name": settings.FACTCHECK_ORGANISATION_NAME}
