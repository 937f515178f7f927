"""API permissions: anonymous read (switchable by setting), writes need the model permission."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ReadAnonymousWriteWithModelPerms(DjangoModelPermissions):
    """Reads are open (unless API_ANONYMOUS_READ is off); writes need a user with the model permission."""

    authenticated_users_only = False

    def has_permission(self, request, view) -> bool:  # type: ignore[no-untyped-def]
        if request.method in SAFE_METHODS:
            return bool(settings.API_ANONYMOUS_READ or (request.user and request.user.is_authenticated))
        if not (request.user and request.user.is_authenticated):
            return False
        if getattr(view, "_ignore_model_permissions", False):
            return True
        return super().has_permission(request, view)


class StatusChangeWithModelPerms(ReadAnonymousWriteWithModelPerms):
    """For actions that POST a change to an existing row (verify, reject): the change permission."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }
