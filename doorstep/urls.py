"""URL map. Each app owns its URLs; the JSON API lives under /api/v1/."""

from django.urls import include, path

from doorstep.api.api import api

urlpatterns = [
    path("", include("doorstep.core.urls")),
    path("", include("doorstep.staff.urls")),
    path("properties/", include("doorstep.properties.urls")),
    path("properties/", include("doorstep.cases.property_urls")),
    path("households/", include("doorstep.residents.urls")),
    path("households/", include("doorstep.vulnerabilities.urls")),
    path("households/", include("doorstep.contacts.urls")),
    path("cases/", include("doorstep.cases.urls")),
    path("documents/", include("doorstep.documents.urls")),
    path("policy/", include("doorstep.policy.urls")),
    path("repairs/", include("doorstep.repairs.urls")),
    path("hazards/", include("doorstep.hazards.urls")),
    path("inspections/", include("doorstep.inspections.urls")),
    path("commitments/", include("doorstep.commitments.urls")),
    path("appointments/", include("doorstep.appointments.urls")),
    path("responses/", include("doorstep.responses.urls")),
    path("", include("doorstep.deadlines.urls")),
    path("repeats/", include("doorstep.repeats.urls")),
    path("remedies/", include("doorstep.remedies.urls")),
    path("complaints/", include("doorstep.complaints.urls")),
    path("asb/", include("doorstep.asb.urls")),
    path("moves/", include("doorstep.moves.urls")),
    path("ombudsman/", include("doorstep.ombudsman.urls")),
    path("learning/", include("doorstep.learning.urls")),
    path("permissions/", include("doorstep.permits.urls")),
    path("evidence/", include("doorstep.evidence.urls")),
    path("lens/", include("doorstep.lens.urls")),
    path("reports/", include("doorstep.reports.urls")),
    path("portal/", include("doorstep.portal.urls")),
    path("audit/", include("doorstep.audit.urls")),
    path("", include("doorstep.worker.urls")),
    path("api/v1/", api.urls),
]
