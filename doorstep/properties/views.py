"""Finding properties."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from doorstep.core.views import search_section
from doorstep.properties.selectors import property_search


@search_section(
    key="properties",
    title=_("Properties"),
    permission="properties.view_property",
    template="properties/search_results.html",
    order=20,
)
def find_properties(*, query: str, user: Any) -> Any:
    return property_search(query=query).select_related("part_of")
