from django.db import migrations

from claims.defaults import DEFAULT_PAGES, ensure_pages


def create_pages(apps, schema_editor):
    ensure_pages(apps.get_model("claims", "Page"))


def remove_pages(apps, schema_editor):
    slugs = [slug for slug, _title, _body in DEFAULT_PAGES]
    apps.get_model("claims", "Page").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_public_pages_and_suggestions")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
