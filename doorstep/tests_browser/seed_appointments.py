"""The shared test record, with a job on its repair case (for the contractor's firm) and a
commitment to do that job, for the appointments journey.

    manage.py shell -c "from doorstep.tests_browser.seed_appointments import main; main()"
"""

from __future__ import annotations

import json

from doorstep.commitments.services import commitment_make
from doorstep.repairs.services import ItemIn, job_raise
from doorstep.staff.roles import Role
from doorstep.tests_browser.seed import RECORDED_AT
from doorstep.tests_browser.world import build_world
from doorstep.timeline.when import When


def main() -> None:
    world = build_world(at=RECORDED_AT)
    officer = world.users[Role.HOUSING_OFFICER]
    job = job_raise(
        actor=officer,
        case=world.case,
        items=[ItemIn(description="Replace the kitchen tap washer")],
        priority="routine",
        trade="plumbing",
        contractor=world.case.contractor,
        estimated_minutes=45,
        target=None,
        at=RECORDED_AT,
    )
    promise = commitment_make(
        actor=officer,
        case=world.case,
        action="Fix the leaking kitchen tap",
        due=When.parse("2099-12"),
        job=job.reference,
        items=["1"],
        at=RECORDED_AT,
    )
    print(
        json.dumps(
            {
                "household": world.household.reference,
                "case": world.case.reference,
                "job": job.reference,
                "commitment": promise.pk,
            }
        )
    )
