from django.db import migrations

# The default scale: five ordinal ratings plus one outside the scale.
RATINGS = [
    ("True", "true", 5, "#1a7f37", "The statement is accurate and nothing significant is missing."),
    (
        "Mostly true",
        "mostly-true",
        4,
        "#3f6212",
        "The statement is accurate but needs clarification or additional information.",
    ),
    (
        "Half true",
        "half-true",
        3,
        "#8a5a00",
        "The statement is partially accurate but leaves out important details "
        "or takes things out of context.",
    ),
    (
        "Mostly false",
        "mostly-false",
        2,
        "#a8470b",
        "The statement contains an element of truth but ignores facts "
        "that would give a different impression.",
    ),
    ("False", "false", 1, "#b91c1c", "The statement is not accurate."),
    (
        "Unproven",
        "unproven",
        None,
        "#57606a",
        "The evidence available when the claim was made can neither prove nor disprove it.",
    ),
]


def create_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")
    scale, _ = RatingScale.objects.get_or_create(
        slug="factcheck",
        defaults={
            "name": "Factcheck scale",
            "description": "Five steps from True to False, and Unproven when the evidence "
            "cannot settle the question.",
            "worst_value": 1,
            "best_value": 5,
            "is_default": True,
        },
    )
    for label, slug, value, colour, description in RATINGS:
        Rating.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={"label": label, "value": value, "colour": colour, "description": description},
        )


def remove_default_scale(apps, schema_editor):
    apps.get_model("claims", "RatingScale").objects.filter(slug="factcheck").delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(create_default_scale, remove_default_scale)]
