from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt


# Writes to a wrong address get the same JSON 404, not the CSRF page.
@csrf_exempt
def api_not_found(request):
    """JSON, not the site's HTML page, for an address the API does not have. As
    APPEND_SLASH would, a GET missing only its final slash is sent to the real one."""
    if request.method == "GET" and not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match and match.func is not api_not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse({"detail": "There is nothing at this address in the API."}, status=404)
