"""Load the shared test record into the database the browser journey's server uses.

Run inside the server's environment:
    manage.py shell -c "from doorstep.tests_browser.seed import main; main()"
Prints the references the journey needs, as JSON on the last line.
"""

from __future__ import annotations

import datetime as dt
import json

from doorstep.tests_browser.world import build_world
from doorstep.timeline.when import LONDON

RECORDED_AT = dt.datetime(2024, 6, 3, 10, 30, tzinfo=LONDON)


def main() -> None:
    world = build_world(at=RECORDED_AT)
    print(json.dumps({"household": world.household.reference, "case": world.case.reference}))
