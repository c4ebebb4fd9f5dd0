import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from claims.models import (
    Appearance,
    Claim,
    ClaimState,
    Correction,
    Evidence,
    Rating,
    RatingScale,
    Speaker,
    Topic,
    Verdict,
    WorkflowEvent,
)
from sources.models import Outlet, Source, SourceSnapshot


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example.org")
    homepage = factory.LazyAttribute(lambda o: f"https://{o.domain}/")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = factory.SubFactory(OutletFactory)
    published_on = dt.date(2023, 3, 17)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    role = "Minister"
    country = "UA"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")


class RatingScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingScale

    name = factory.Sequence(lambda n: f"Scale {n}")
    slug = factory.Sequence(lambda n: f"scale-{n}")
    worst_value = 1
    best_value = 3


class RatingFactory(factory.django.DjangoModelFactory):
    """A rating on the default scale shipped by the data migration."""

    class Meta:
        model = Rating
        django_get_or_create = ["scale", "slug"]

    scale = factory.LazyFunction(lambda: RatingScale.objects.get(is_default=True))
    slug = "false"
    label = factory.LazyAttribute(lambda r: r.slug.replace("-", " ").capitalize())
    description = "What it means."
    colour = "#b91c1c"
    value = 1


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f"The ICC has {100 + n} member states.")
    speaker = factory.SubFactory(SpeakerFactory)
    said_on = dt.date(2023, 3, 17)
    language = "en"
    state = ClaimState.DRAFT
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)


def reporting(quote: str) -> str:
    """A source's text that carries `quote`, so that it checks out (claims.quotes)."""
    return f"Officials spoke on Friday.\n\n“{quote}”, one of them said.\n\nNo one else commented."


class SourceSnapshotFactory(factory.django.DjangoModelFactory):
    """A successful fetch of the source's URL."""

    class Meta:
        model = SourceSnapshot

    source = factory.SubFactory(SourceFactory)
    requested_url = factory.LazyAttribute(lambda s: s.source.url)
    final_url = factory.LazyAttribute(lambda s: s.source.url)
    status_code = 200
    content_type = "text/html; charset=utf-8"
    text = "The court has 18 judges."
    body = factory.LazyAttribute(lambda s: f"<p>{s.text}</p>".encode())
    size = factory.LazyAttribute(lambda s: len(s.body))


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    # By default the quote is in the source's text, as the desk would have it.
    source = factory.SubFactory(
        SourceFactory, text=factory.LazyAttribute(lambda s: reporting(s.factory_parent.quote))
    )
    quote = factory.LazyAttribute(lambda a: a.claim.text)
    appeared_on = dt.date(2023, 3, 17)
    is_first = False


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.SubFactory(RatingFactory)
    headline = "Not quite"
    summary = "The court had 123 states parties in March 2023."
    explanation = "The Assembly of States Parties lists **123** states."

    class Params:
        # A verdict as the workflow leaves it when an editor publishes it.
        published = factory.Trait(
            claim__state=ClaimState.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    # By default the quote is in the source's text, as the desk would have it.
    source = factory.SubFactory(
        SourceFactory, text=factory.LazyAttribute(lambda s: reporting(s.factory_parent.quote))
    )
    stance = Evidence.Stance.REFUTES
    quote = "123 countries are States Parties to the Rome Statute."


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    claim = factory.SubFactory(ClaimFactory, state=ClaimState.PUBLISHED)
    kind = Correction.Kind.CORRECTION
    note = "We misstated the number of judges."


class WorkflowEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkflowEvent

    claim = factory.SubFactory(ClaimFactory)
    from_state = ClaimState.DRAFT
    to_state = ClaimState.RESEARCHING
    actor = factory.SubFactory(UserFactory)
