from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "doorstep.policy"
    label = "policy"
