from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale content: seed_demo, seed_scale and demo_sign_ins.

    The only app that imports every domain app, for seeding; no domain app imports it.
    """

    name = "demo"
    verbose_name = "Demo and scale content"
