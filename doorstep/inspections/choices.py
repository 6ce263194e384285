"""The words of inspections: what kind of visit it was, and the document type of its report."""

from django.db import models

from doorstep.documents.choices import DocumentType


class InspectionKind(models.TextChoices):
    """An inspection (a visit to see a reported problem), a survey (a surveyor's assessment,
    such as a damp survey) or a post-inspection (a visit to check completed works)."""

    INSPECTION = "inspection", "Inspection"
    SURVEY = "survey", "Survey"
    POST_INSPECTION = "post_inspection", "Post-inspection (works checked)"


# The `document.added` type of each kind's report (the chronology format's document types).
REPORT_TYPE = {
    InspectionKind.INSPECTION: DocumentType.INSPECTION_REPORT,
    InspectionKind.SURVEY: DocumentType.SURVEY_REPORT,
    InspectionKind.POST_INSPECTION: DocumentType.INSPECTION_REPORT,
}
