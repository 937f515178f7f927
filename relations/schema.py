"""The OpenAPI schema's view of each operation, made to say what the API really does.

drf-spectacular's AutoSchema documents the success answer and the security schemes. This one
adds what clients (and the schemathesis fuzz test) meet too: that reads need no credentials
(while API_ANONYMOUS_READ is on), that an empty filter is no filter, and the error answers,
all JSON, each with its status.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import SAFE_METHODS

from relations.permissions import ReadAnonymousWriteWithModelPerms

# DRF's error bodies: {"detail": "..."} or the problems by field, {"country": ["..."]}.
ERROR_SCHEMA = {
    "type": "object",
    "description": "What is wrong: `detail`, or a list of problems under each parameter or field name.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}


def or_empty(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema`, or an empty string: a filter given empty is no filter (the browsable API's filter
    form sends its empty fields). A free-text string takes "" already."""
    if schema.get("type") == "array":
        return {**schema, "items": or_empty(schema["items"])}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], ""]}
    if set(schema) <= {"type", "description"} and schema.get("type") == "string":
        return schema
    return {"anyOf": [schema, {"type": "string", "maxLength": 0}]}


# relations.middleware.RejectNulMiddleware answers 400 to a NUL in any query parameter.
NO_NUL = "^[^\\x00]*$"


def without_nul(schema: dict[str, Any]) -> dict[str, Any]:
    """A free-text string parameter's schema, saying that it may not hold NUL."""
    if set(schema) <= {"type", "description"} and schema.get("type") == "string":
        return {**schema, "pattern": NO_NUL}
    return schema


class ApiAutoSchema(AutoSchema):
    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter.get("explode") is not False:  # a comma-separated list given empty is [] already
                parameter["schema"] = or_empty(parameter["schema"])
            parameter["schema"] = without_nul(parameter["schema"])
        return parameters

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        if {} not in auths and self.anonymous_allowed():
            auths.append({})
        return auths

    def anonymous_allowed(self) -> bool:
        """True when a request without credentials gets past the view's permissions."""
        permissions = self.view.get_permissions()
        if not permissions:  # the token endpoint
            return True
        return (
            self.method in SAFE_METHODS
            and bool(settings.API_ANONYMOUS_READ)
            and all(isinstance(p, ReadAnonymousWriteWithModelPerms) for p in permissions)
        )

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:  # type: ignore[override]
        responses = super()._get_response_bodies(direction)
        error = self.error_component().ref
        for status, description in self.error_statuses():
            # A view may describe an error answer in its own words; its body is the JSON error all the same.
            answer = responses.setdefault(status, {"description": description})
            answer.setdefault("content", {"application/json": {"schema": error}})
        return responses

    def error_statuses(self) -> list[tuple[str, str]]:
        """The error answers this operation can give, by what can go wrong in it."""
        statuses = [
            ("400", "Bad input: the body names the parameter or field and the problem."),
            ("401", "Credentials that are wrong, or missing where they are needed."),
        ]
        if self.method not in SAFE_METHODS:
            statuses.append(("403", "The user lacks the permission (or, by session, the CSRF token)."))
        if self.method in ("POST", "PUT", "PATCH"):
            statuses.append(("415", "A request body of a media type this operation does not read."))
        if self.path_has_parameters() or self._is_list_view():
            statuses.append(("404", "No such object, or no such page of the list."))
        if self.view.get_throttles():
            statuses.append(("429", "Too many requests; the Retry-After header says when to try again."))
        return statuses

    def path_has_parameters(self) -> bool:
        return "{" in self.path

    def error_component(self) -> ResolvedComponent:
        component = ResolvedComponent(
            name="Error", type=ResolvedComponent.SCHEMA, object="relations.schema.Error", schema=ERROR_SCHEMA
        )
        self.registry.register_on_missing(component)
        return component
