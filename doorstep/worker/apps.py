from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "doorstep.worker"
    label = "worker"
    verbose_name = "Scheduled and deferred work"
