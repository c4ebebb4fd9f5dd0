from claims.admin import claim, reference  # noqa: F401  (registers the ModelAdmins)
