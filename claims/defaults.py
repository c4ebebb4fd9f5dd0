"""Rows every installation starts with: the default rating scale and the
editorial groups. Data migrations create them with historical models; the
browser tests re-create them after a transactional test flushes the database."""

DEFAULT_SCALE = {
    "slug": "factcheck",
    "name": "Factcheck scale",
    "description": "Five steps from True to False, and Unproven when the evidence "
    "cannot settle the question.",
    "worst_value": 1,
    "best_value": 5,
    "is_default": True,
}

DEFAULT_RATINGS = [
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
    # To choose assignees and verdict authors in the admin's autocompletes.
    ("auth", "view_user"),
]
EDITOR_PERMISSIONS = RESEARCHER_PERMISSIONS + [
    ("claims", "publish_claim"),
    ("claims", "delete_claim"),
    ("claims", "add_correction"),
]
GROUPS = {"Researchers": RESEARCHER_PERMISSIONS, "Editors": EDITOR_PERMISSIONS}


def ensure_default_scale(RatingScale, Rating):
    defaults = {k: v for k, v in DEFAULT_SCALE.items() if k != "slug"}
    scale, _ = RatingScale.objects.get_or_create(slug=DEFAULT_SCALE["slug"], defaults=defaults)
    for label, slug, value, colour, description in DEFAULT_RATINGS:
        Rating.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={"label": label, "value": value, "colour": colour, "description": description},
        )


def ensure_groups(Group, Permission):
    for name, wanted in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in wanted
            ]
        )
