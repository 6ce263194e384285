"""Known vulnerabilities in what Doorstep installs: pip-audit over the Python packages in the
virtual environment, npm audit over node_modules. A vulnerability fails the check unless
`audit-exceptions.toml` names it with the reason it does not touch Doorstep.

Where the advisory databases cannot be reached (this project's own CI runs on a closed
network with package mirrors only), the check says so plainly and does not pretend to have
passed: the run's output carries "NOT CHECKED", and `--require` makes that a failure (for a
landlord's CI, which can reach them)."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCEPTIONS = ROOT / "audit-exceptions.toml"


def excepted() -> dict[str, str]:
    """Advisory id -> why it does not touch Doorstep."""
    if not EXCEPTIONS.exists():
        return {}
    found = tomllib.loads(EXCEPTIONS.read_text())
    return {item["id"]: item["reason"] for item in found.get("exception", [])}


def python_findings() -> tuple[list[Finding] | None, str]:
    """Vulnerable Python packages (None: not checked, with why)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip_audit",
            "--format=json",
            "--progress-spinner=off",
            "--skip-editable",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None, (done.stderr.strip().splitlines() or ["pip-audit gave no report"])[-1]
    dependencies = report.get("dependencies", [])
    skipped = [d["name"] for d in dependencies if "skip_reason" in d]
    if skipped:
        return None, (
            "the advisory database could not be reached for any package"
            if len(skipped) == len(dependencies)
            else f"{len(skipped)} package(s) could not be checked: {', '.join(skipped[:10])}"
        )
    return [
        Finding(f"{d['name']} {d['version']}", {v["id"], *v.get("aliases", [])})
        for d in dependencies
        for v in d.get("vulns", [])
    ], ""


def npm_findings() -> tuple[list[Finding] | None, str]:
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    done = subprocess.run(  # noqa: S603 (npm, found on PATH, with fixed arguments)
        [npm, "audit", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None, "npm audit gave no report"
    if "statusCode" in report:  # the registry refused the audit (a mirror without it)
        return None, str(report.get("message") or f"the registry answered {report['statusCode']}")
    if "error" in report:
        return None, str(report["error"].get("summary") or "npm audit failed")
    return [
        Finding(f"{name} ({item['severity']})", {_ghsa(via), str(via.get("source", ""))} - {""})
        for name, item in report.get("vulnerabilities", {}).items()
        for via in item.get("via", [])
        if isinstance(via, dict)
    ], ""


def _ghsa(via: dict[str, object]) -> str:
    """npm names an advisory by number; its GitHub id ends its URL."""
    return str(via.get("url", "")).rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Finding:
    package: str
    ids: set[str]

    def __str__(self) -> str:
        return f"{self.package}: {', '.join(sorted(self.ids))}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--require", action="store_true", help="Fail if either is not checked.")
    args = parser.parse_args()
    allowed = excepted()
    failed = False
    for name, check in (("Python packages", python_findings), ("npm packages", npm_findings)):
        findings, why = check()
        if findings is None:
            print(f"{name}: NOT CHECKED: {why}.")
            failed = failed or args.require
            continue
        unexplained = [f for f in findings if not f.ids & allowed.keys()]
        for finding in findings:
            note = next((allowed[i] for i in sorted(finding.ids) if i in allowed), None)
            print(f"{name}: {finding}" + (f" (excepted: {note})" if note else ""))
        if unexplained:
            failed = True
        print(f"{name}: {len(findings)} known vulnerability(ies), {len(unexplained)} unexplained.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
