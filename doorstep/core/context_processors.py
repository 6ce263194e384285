from django.conf import settings
from django.http import HttpRequest


def doorstep(request: HttpRequest) -> dict[str, object]:
    return {"landlord_name": settings.DOORSTEP_LANDLORD_NAME}
