from django.apps import AppConfig


class LensConfig(AppConfig):
    name = "doorstep.lens"
    label = "lens"
    verbose_name = "What the Ombudsman would find"
