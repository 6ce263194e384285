"""The load `bench/run --only latency` puts on Doorstep: staff reading case pages, household
pages, the work queue and the API (the requests `--requests` names, in turn).

Run by `bench.latency` as `locust --headless`; what to ask for comes from the JSON file named
by BENCH_TARGETS: case references (picked at random), the staff session cookie, an API token,
the day to replay as of, and each user's pause between requests (seconds, low and high).
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, task

TARGETS = json.loads(Path(os.environ["BENCH_TARGETS"]).read_text())


class Officer(HttpUser):
    """A member of staff: opens a case page, reads its clocks and lists open cases (a page
    at a random depth, by cursor)."""

    wait_time = between(*TARGETS["think"])

    @task
    def next_request(self) -> None:
        """The requests asked for in turn, each user starting at a random one: every kind is
        asked for about as often, even in a short run."""
        name = TARGETS["requests"][self.turn % len(TARGETS["requests"])]
        self.turn += 1
        getattr(self, name)()

    def on_start(self) -> None:
        self.turn = random.randrange(len(TARGETS["requests"]))  # noqa: S311
        self.client.cookies.set(TARGETS["cookie"], TARGETS["session"])
        self.api = {"Authorization": f"Bearer {TARGETS['token']}"}

    def fetch(self, url: str, name: str, headers: dict[str, str] | None = None) -> None:
        """GET `url`; anything but a 200 (a redirect to the sign-in page too) is an error."""
        with self.client.get(
            url, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def case_page(self) -> None:
        ref = random.choice(TARGETS["refs"])  # noqa: S311 (load, not secrets)
        self.fetch(f"/cases/{ref}/", "case_page")

    def household_page(self) -> None:
        home = random.choice(TARGETS["households"])  # noqa: S311
        self.fetch(f"/households/{home}/", "household_page")

    def queue_page(self) -> None:
        self.fetch(f"/queue/?as_of={TARGETS['as_of']}", "queue_page")

    def api_clocks(self) -> None:
        ref = random.choice(TARGETS["refs"])  # noqa: S311
        self.fetch(f"/api/v1/cases/{ref}/clocks?as_of={TARGETS['as_of']}", "api_clocks", self.api)

    def api_cases(self) -> None:
        cursor = random.choice(TARGETS["cursors"])  # noqa: S311
        query = {"status": "open", "limit": "50"} | ({"cursor": cursor} if cursor else {})
        self.fetch(f"/api/v1/cases?{urlencode(query)}", "api_cases", self.api)
