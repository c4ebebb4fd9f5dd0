"""Validators shared by both apps, each paired with the regex its database
check constraint uses so the form message and the constraint agree. They live
in `sources`, the app `claims` builds on, so that no app imports the project."""

import re

from django.core.exceptions import ValidationError

# BCP 47 in its canonical case: language, optional script, region, variants
# ("en", "pt-BR", "zh-Hant-TW", "de-CH-1996"). Both PostgreSQL and Python
# regexes understand this pattern, so it also serves as a check constraint.
LANGUAGE_TAG_REGEX = (
    r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$"
)
WIKIDATA_ID_REGEX = r"^Q[1-9][0-9]*$"
HEX_COLOUR_REGEX = r"^#[0-9a-f]{6}$"
COUNTRY_CODE_REGEX = r"^[A-Z]{2}$"


def normalize_language_tag(value: str) -> str:
    """Put a BCP 47 tag in canonical case: `PT-br` becomes `pt-BR`."""
    parts = value.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def validate_language_tag(value: str) -> None:
    if not re.match(LANGUAGE_TAG_REGEX, value):
        raise ValidationError(
            "%(value)s is not a BCP 47 language tag such as “en”, “pt-BR” or “zh-Hant”.",
            code="invalid_language",
            params={"value": repr(value)},
        )


def validate_wikidata_id(value: str) -> None:
    if not re.match(WIKIDATA_ID_REGEX, value):
        raise ValidationError(
            "%(value)s is not a Wikidata item id; it should look like “Q42”.",
            code="invalid_wikidata_id",
            params={"value": repr(value)},
        )


def validate_hex_colour(value: str) -> None:
    if not re.match(HEX_COLOUR_REGEX, value):
        raise ValidationError(
            "%(value)s is not a colour; write it as six lower-case hex digits, like “#1a7f37”.",
            code="invalid_colour",
            params={"value": repr(value)},
        )


def validate_country_code(value: str) -> None:
    if not re.match(COUNTRY_CODE_REGEX, value):
        raise ValidationError(
            "%(value)s is not an ISO 3166 country code; use two capital letters, like “UA”.",
            code="invalid_country",
            params={"value": repr(value)},
        )
