from django.contrib import admin


class DeskAdminSite(admin.AdminSite):
    """The default admin site (factcheck.apps.FactcheckAdminConfig), opening on
    the desk: the user's queues and the latest workflow steps, then the models."""

    index_title = "Your desk"
    index_template = "admin/desk_index.html"

    def index(self, request, extra_context=None):
        # Imported here: claims.admin registers its ModelAdmins on this site as
        # it is imported, so it must not be imported while the site is made.
        from claims.admin.desk import desk_context

        request.current_app = self.name
        return super().index(request, {**desk_context(request), **(extra_context or {})})
