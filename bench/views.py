from django.http import JsonResponse

FLOOR_BODY = {"floor": True}


def floor(request):
    """The cheapest answer Django gives through the site's middleware: constant JSON."""
    return JsonResponse(FLOOR_BODY)
