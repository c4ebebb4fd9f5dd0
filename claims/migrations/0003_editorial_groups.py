from django.contrib.auth.management import create_permissions
from django.db import migrations

RESEARCHER_PERMISSIONS = [
    ("claims", "add_claim"),
    ("claims", "change_claim"),
    ("claims", "view_claim"),
    ("claims", "add_appearance"),
    ("claims", "change_appearance"),
    ("claims", "delete_appearance"),
    ("claims", "view_appearance"),
    ("claims", "add_evidence"),
    ("claims", "change_evidence"),
    ("claims", "delete_evidence"),
    ("claims", "view_evidence"),
    ("claims", "add_verdict"),
    ("claims", "change_verdict"),
    ("claims", "view_verdict"),
    ("claims", "view_correction"),
    ("claims", "view_workflowevent"),
    ("claims", "add_speaker"),
    ("claims", "change_speaker"),
    ("claims", "view_speaker"),
    ("claims", "add_topic"),
    ("claims", "change_topic"),
    ("claims", "view_topic"),
    ("claims", "view_rating"),
    ("claims", "view_ratingscale"),
    ("sources", "add_source"),
    ("sources", "change_source"),
    ("sources", "view_source"),
    ("sources", "add_outlet"),
    ("sources", "change_outlet"),
    ("sources", "view_outlet"),
]
EDITOR_PERMISSIONS = RESEARCHER_PERMISSIONS + [
    ("claims", "publish_claim"),
    ("claims", "delete_claim"),
    ("claims", "add_correction"),
    ("auth", "view_user"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups
    # need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in [("Researchers", RESEARCHER_PERMISSIONS), ("Editors", EDITOR_PERMISSIONS)]:
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Researchers", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_default_rating_scale"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
