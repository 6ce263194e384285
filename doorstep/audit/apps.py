from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "doorstep.audit"
    label = "audit"
    verbose_name = "Who read what, and who was refused"
