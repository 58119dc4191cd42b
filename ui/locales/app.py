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
    # hub models: known at page load whether they can run here
    "hub_label_cached": ("on this machine", "auf diesem Rechner"),
    "hub_label_downloadable": ("downloads on first use", "wird beim ersten Mal geladen"),
    "hub_label_unavailable": ("not available here", "hier nicht verfügbar"),
    "hub_cached": ("**{model}** is in this machine's hub cache: it works offline.",
                   "**{model}** liegt im Hub-Cache dieses Rechners: es läuft offline."),
    "hub_downloadable": ("**{model}** downloads from the Hugging Face hub on first use ({size} MB), then stays in the cache.",
                         "**{model}** wird beim ersten Mal vom Hugging Face Hub geladen ({size} MB) und bleibt dann im Cache."),
    "hub_unavailable": (
        "⚠️ **{model} is not available here**: it is not in this machine's hub cache and the Hugging Face hub cannot be "
        "reached. To use it, run `hf download {model}` on a machine with internet and copy its cache folder (`HF_HOME`) "
        "here; or use the embedded **{alternative}**, which works offline.",
        "⚠️ **{model} ist hier nicht verfügbar**: es liegt nicht im Hub-Cache dieses Rechners, und der Hugging Face Hub "
        "ist nicht erreichbar. Zum Verwenden `hf download {model}` auf einem Rechner mit Internet ausführen und den "
        "Cache-Ordner (`HF_HOME`) hierher kopieren; oder das eingebettete **{alternative}** nehmen, das offline läuft.",
    ),
})
