from django.db import migrations

from claims.defaults import ensure_default_scale


def create_default_scale(apps, schema_editor):
    ensure_default_scale(
        apps.get_model("claims", "RatingScale"), apps.get_model("claims", "Rating")
    )


def remove_default_scale(apps, schema_editor):
    apps.get_model("claims", "RatingScale").objects.filter(slug="factcheck").delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(create_default_scale, remove_default_scale)]
