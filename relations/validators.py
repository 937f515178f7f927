"""The article URL rule for Django's fields and forms (the rule itself: extraction.articles.url_problem)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from relations.extraction.articles import WEB_SCHEMES, url_problem

_well_formed = URLValidator(schemes=list(WEB_SCHEMES), message="%(value)s is not a well-formed URL")


def validate_article_url(value: str) -> None:
    """An article URL is http or https (or empty): never javascript:, data:, file: or the like.

    The scheme, host and length by the rule that article reading applies too, then Django's
    check of the URL's form. Ingest's bulk_create skips field validation: make_article() asks
    the same rule there.
    """
    problem = url_problem(value)
    if problem:
        raise ValidationError("%(problem)s", code="url_scheme", params={"problem": problem})
    if value:
        _well_formed(value)


class ArticleURLFormField(forms.URLField):
    """A form's URLField held to the article URL rule, with one message that says what is wrong.

    Django's URLValidator alone lets ftp: through and says only "Enter a valid URL".
    """

    default_validators = [validate_article_url]
