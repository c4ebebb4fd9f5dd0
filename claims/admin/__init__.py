from claims.admin import claim, pages, reference  # noqa: F401  (registers the ModelAdmins)
