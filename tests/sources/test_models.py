import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sources.models import Outlet, Source
from tests.factories import OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_source_url_is_unique_in_the_database():
    SourceFactory(url="https://bbc.com/news/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(url="https://bbc.com/news/1")


def test_source_url_uniqueness_is_a_form_error_too():
    SourceFactory(url="https://bbc.com/news/1")
    duplicate = Source(url="https://bbc.com/news/1", title="Copy", language="en")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == ["A source with this URL already exists."]


def test_sources_without_url_may_share_the_empty_value():
    SourceFactory(url="")
    SourceFactory(url="")
    assert Source.objects.filter(url="").count() == 2


@pytest.mark.parametrize("tag", ["en", "pt-BR", "zh-Hant-TW", "de-CH-1996", "es-419"])
def test_source_accepts_bcp47_language_tags(tag):
    source = SourceFactory.build(language=tag, outlet=None)
    source.full_clean()
    source.save()


def test_source_normalises_the_case_of_a_language_tag():
    source = SourceFactory.build(language="PT_br", outlet=None)
    source.full_clean()
    assert source.language == "pt-BR"


@pytest.mark.parametrize("tag", ["english", "e", "en-", "en_GB!", "123"])
def test_source_rejects_malformed_language_tags_with_a_message(tag):
    source = SourceFactory.build(language=tag, outlet=None)
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "BCP 47" in error.value.message_dict["language"][0]


def test_the_database_rejects_a_malformed_language_tag():
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(language="English")


def test_the_database_rejects_an_unknown_source_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(kind="rumour")


def test_outlet_domain_is_normalised_and_validated():
    outlet = Outlet(name="BBC", domain=" WWW.BBC.co.uk ")
    outlet.full_clean()
    assert outlet.domain == "bbc.co.uk"
    with pytest.raises(ValidationError) as error:
        Outlet(name="Bad", domain="https://bbc.co.uk/news").full_clean()
    assert "domain" in error.value.message_dict


def test_outlet_domain_is_unique_when_present():
    OutletFactory(domain="bbc.co.uk")
    OutletFactory(domain="")
    OutletFactory(domain="")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutletFactory(domain="bbc.co.uk")
