from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError (raised by the workflow module
    and by full_clean) as a 400 with the same messages, by field."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            non_field = api_settings.NON_FIELD_ERRORS_KEY
            detail = {
                non_field if name == NON_FIELD_ERRORS else name: messages
                for name, messages in exc.message_dict.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)
