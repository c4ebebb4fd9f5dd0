from django.contrib.admin.apps import AdminConfig


class FactcheckAdminConfig(AdminConfig):
    # admin.site, where every app registers its ModelAdmins, opens on the desk.
    default_site = "claims.admin_site.DeskAdminSite"
