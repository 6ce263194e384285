"""The portal's boundary: residents stay inside `/portal/`, staff stay out of its pages.

A resident's account holds no staff permission, so every staff page would refuse them
anyway; this is the second wall, and the one that also covers the pages any signed-in person
may open (the search page). A resident asking for any other page is sent to their portal home
(a GET) or refused (anything else). Staff asking for a resident's page are refused: the
portal shows a household's record as its residents see it, which is not a member of staff's
view. Static files and the health check are outside both.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from doorstep.portal.selectors import is_resident

PORTAL = "/portal/"
# Portal pages anyone may open (signing in, registering, an invitation) and the staff's own.
OPEN = ("sign-in/", "sign-out/", "signed-out/", "register/", "invitation/")
STAFF = ("invite/",)
OUTSIDE = ("/static/", "/healthz")


class PortalBoundary:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith(OUTSIDE):
            return self.get_response(request)
        inside = path.startswith(PORTAL)
        rest = path[len(PORTAL) :] if inside else ""
        if is_resident(request.user):
            if not inside or rest.startswith(STAFF):
                if request.method in ("GET", "HEAD"):
                    return redirect("portal:home")
                raise PermissionDenied
        elif inside and request.user.is_authenticated and not rest.startswith(OPEN + STAFF):
            raise PermissionDenied
        return self.get_response(request)
