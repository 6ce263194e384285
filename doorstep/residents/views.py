"""Finding households. The household page itself is in `contacts.views`: it gathers cases and
documents, which the residents app may not import (pyproject.toml's import contracts)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from doorstep.core.views import search_section
from doorstep.residents.selectors import household_search


@search_section(
    key="households",
    title=_("Households"),
    permission="residents.view_household",
    template="residents/search_results.html",
    order=10,
)
def find_households(*, query: str, user: Any) -> Any:
    return household_search(query=query)
