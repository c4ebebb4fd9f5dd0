from django.conf import settings
from django.db import migrations

# First versions of the transparency pages; staff edit them in the admin.
PAGES = [
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


def create_pages(apps, schema_editor):
    Page = apps.get_model("claims", "Page")
    org = settings.FACTCHECK_ORGANISATION_NAME
    for slug, title, body in PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title.format(org=org), "body": body.format(org=org)}
        )


def remove_pages(apps, schema_editor):
    apps.get_model("claims", "Page").objects.filter(slug__in=[p[0] for p in PAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_public_pages_and_suggestions")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
