"""Strings of the page around the tabs."""

from ui.i18n import Texts

T = Texts("app", {
    "intro": (
        "# GenAI Lab\n"
        "Real generative models, opened up step by step. Every tab runs real generation "
        "on this machine and shows how it happens.",
        "# GenAI Lab\n"
        "Echte generative Modelle, Schritt für Schritt geöffnet. Jeder Reiter erzeugt wirklich etwas "
        "auf diesem Rechner und zeigt, wie es entsteht.",
    ),
})
