"""Rows every installation starts with: the default rating scale, the
editorial groups and the transparency pages. Data migrations create them with
historical models; the browser tests re-create them after a transactional test
flushes the database."""

from django.conf import settings

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


# First versions of the transparency pages; staff edit them in the admin.
# "{org}" stands for FACTCHECK_ORGANISATION_NAME.
DEFAULT_PAGES = [
    (
        "about",
        "About {org}",
        """{org} checks claims made in public by politicians, officials, institutions and
viral posts, and publishes what the evidence shows.

## How we work

A researcher gathers the evidence and proposes a rating. An editor who did not do
the research reviews it and decides whether it is published. Every verdict links
the sources it relies on, so readers can check our work.

## Independence and funding

{org} is editorially independent. We name every organisation that funds more
than 5% of our yearly budget on this page, and no funder chooses what we check
or how we rate it. Claims by our funders are checked like any other.

## Contact

Readers can [suggest a claim](/suggest/) for us to check. Corrections we make
are listed on the [corrections page](/corrections/).
""",
    ),
    (
        "methodology",
        "How we rate claims",
        """We check statements of fact that matter to the public and can be verified:
numbers, quantities, comparisons and what people said or did. We do not rate
opinions or predictions.

Each claim is judged on the evidence that was available when it was made. We
look for the original source first, ask the person who made the claim for
their evidence, and consult independent experts and official data.

Every verdict gets one of the ratings below. A researcher proposes it and an
editor who did not research the claim approves it before it is published.
""",
    ),
    (
        "corrections-policy",
        "Corrections",
        """When we get something wrong we correct it openly. A correction fixes an error
of fact; an update adds information that became available later; a
clarification makes a verdict easier to understand without changing it. Each
one is noted on the verdict's page, with the rating before and after when the
rating changed.

If new evidence shows a verdict should never have been published, we retract
it: the page stays up with a notice saying why.

Found an error? Tell us through the [suggestion form](/suggest/), naming the verdict.
""",
    ),
]


def ensure_pages(Page):
    org = settings.FACTCHECK_ORGANISATION_NAME
    for slug, title, body in DEFAULT_PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title.format(org=org), "body": body.format(org=org)}
        )
