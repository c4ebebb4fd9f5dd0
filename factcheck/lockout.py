"""The page django-axes answers a locked-out admin login with."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    hours = settings.AXES_COOLOFF_TIME
    response = render(
        request,
        "admin/lockout.html",
        {
            **admin.site.each_context(request),
            "title": "Too many failed logins",
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": max(1, round(hours * 60)) if hours else None,
        },
        status=429,
    )
    if hours:
        response["Retry-After"] = str(max(1, round(hours * 3600)))
    return response
