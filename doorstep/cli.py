"""The `doorstep` command: the operations a person runs, each with its own --help.

    doorstep serve      run the web UI and API
    doorstep verify     check every history's hash chain
    doorstep import     import a chronology file
    doorstep export     export a household or a case as a chronology file
    doorstep replay     replay a chronology file's clocks as of a date
    doorstep evidence   the evidence pack of a case or household (PDF, chronology, documents)
    doorstep demo       load the demo estate
    doorstep generate   a synthetic landlord's households as chronologies
    doorstep sweep      the Ombudsman lens over every open case, with homes/s
    doorstep worker     deferred tasks and the scheduled jobs (reminders, the nightly sweep)
    ...

Each operation is a Django management command; this wrapper lists the ones that matter to
a landlord, sets the settings module, and passes everything else through.
"""

from __future__ import annotations

import os
import sys

OPERATIONS: dict[str, tuple[str, str]] = {
    "serve": ("serve", "Run Doorstep's web UI and API (migrates first)."),
    "verify": ("verify", "Check every history's hash chain; name the first entry that breaks."),
    "import": ("import", "Import a chronology file (doorstep-chronology/1), whole and only once."),
    "export": ("export", "Export a household or a case as a chronology file."),
    "replay": (
        "replay",
        "Replay a chronology file as of a date: its clocks, promises and the lens's findings.",
    ),
    "evidence": (
        "evidence",
        "Produce a case's or household's evidence pack (a zip), or --verify one.",
    ),
    "demo": ("demo", "Load the demo estate, households, cases and staff logins."),
    "generate": (
        "generate",
        "Generate a synthetic landlord's households as chronologies (JSON Lines), or --import.",
    ),
    "sweep": (
        "sweep",
        "The Ombudsman lens over every open case as of a date: homes/s and findings by code.",
    ),
    "rebuild": (
        "rebuild",
        "Recompute every projection (case status, promises, each app's rows) from the timeline.",
    ),
    "worker": (
        "worker",
        "Run deferred tasks and the scheduled jobs: reminders hourly, the sweep nightly.",
    ),
    "roles": ("roles", "Create or update the staff roles and their permissions."),
    "token": ("token", "Issue an API token for a staff account."),
    "two-factor-reset": (
        "two_factor_reset",
        "Remove a staff account's authenticator app (a lost phone); set up anew at sign-in.",
    ),
    "sor": ("sor", "Load the landlord's Schedule of Rates from a CSV file, whole or not at all."),
    "triage-measure": (
        "triage_measure",
        "Measure contact triage's rules on a labelled set: precision, recall, F1, support.",
    ),
    "migrate": ("migrate", "Bring the database schema up to date."),
}


def usage() -> str:
    width = max(len(name) for name in OPERATIONS)
    lines = ["usage: doorstep OPERATION [options]", "", "Operations:"]
    lines += [f"  {name:<{width}}  {text}" for name, (_, text) in OPERATIONS.items()]
    lines += [
        "",
        "`doorstep OPERATION --help` explains each one.",
        "Set DATABASE_URL to choose the database (default: SQLite in ./var).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorstep.settings.dev")
    from django.core.management import execute_from_command_line

    name = args[0]
    command = OPERATIONS.get(name, (name, ""))[0]
    execute_from_command_line(["doorstep", command, *args[1:]])


if __name__ == "__main__":
    main()
