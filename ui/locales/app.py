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
    "presets": ("Lesson presets (click one, then run)", "Unterrichts-Presets (eines anklicken, dann starten)"),
    "share": ("Copy this setup", "Diese Einstellungen teilen"),
    "share_info": (
        "A link that opens this tab with these settings: copy it into your slides or send it to your class.",
        "Ein Link, der diesen Reiter mit diesen Einstellungen öffnet: in die Folien kopieren oder an die Klasse schicken.",
    ),
    "share_button": ("Make a link to these settings", "Link zu diesen Einstellungen erzeugen"),
})
