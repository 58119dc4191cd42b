"""English and German: every UI string has both, every key used exists, messages follow the user's language."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

import app
from engines import validate
from engines.errors import UserInputError
from ui import i18n
from ui.common import user_errors

# Strings that are the same in every language: names of models, schedulers and languages, data.
NAMES = re.compile(
    r"^(English|Deutsch|head \d+|DDPM|DDIM|DPM\+\+|Euler|[\w.-]+/[\w.-]+|.* \(embedded\)|[\d.,\s]+|0,0\n1,1\n2,0)$")


# Keys used only when something is missing or fails (so not by building the layout).
ONLY_WHEN_FAILING = {"gan.timeline_missing"}


def _translated(value) -> bool:
    return (isinstance(value, dict) and value.get("__type__") == "translation_metadata") or (
        isinstance(value, str) and "__i18n__" in value)


def _untranslated(config) -> list[tuple[str, str, str]]:
    """(component type, prop, text) of every visible UI string that is neither translated nor a name."""
    found = []
    for component in config["components"]:
        kind, props = component["type"], component.get("props", {})
        if props.get("elem_id") == "advisor-ranking":  # a handler's output, computed at start-up
            continue
        texts = [(prop, props.get(prop)) for prop in ("label", "info", "placeholder")]
        if kind in ("markdown", "button"):
            texts.append(("value", props.get("value")))
        if kind == "html" and not str(props.get("value", "")).lstrip().startswith("<style>"):
            texts.append(("value", props.get("value")))
        for choice in props.get("choices") or []:
            texts.append(("choices", choice[0] if isinstance(choice, (list, tuple)) else choice))
        for prop, text in texts:
            if isinstance(text, str) and text.strip() and not _translated(text) and not NAMES.match(text):
                found.append((kind, prop, text[:80]))
    return found


def test_every_ui_string_is_translated():
    assert _untranslated(app.demo.config) == []


def _render_compare_texts() -> None:
    """Every claim (each verdict, pending and not measured), sweep and study text of the Compare tab, drawn once."""
    from tests.test_claims import MEASURABLE, inputs
    from tests.test_compare import fake_result, fake_study
    from ui import compare as ui

    result, study = fake_result(), fake_study()
    ui.claims_rows(result, study)
    ui.claims_rows(None, None)
    for claim in MEASURABLE:
        for effect in (-1, 0):
            ui.claims_rows({"estimates": {**result["estimates"], **inputs(claim.key, effect)}}, study)
    for sweep in ("steps", "guidance"):
        ui.sweep_figure(result, sweep)
    ui.study_figure(study), ui.views_figure(study), ui.study_markdown(study), ui.study_markdown(None)


def test_every_table_has_both_languages_and_all_keys_are_used():
    tables = i18n.tables()
    assert {"app", "overview", "digits", "llm", "diffusion", "gan", "vae", "nerf"} <= set(tables)
    _render_compare_texts()  # the Compare tab builds its claim, rule and condition keys from the claims' keys
    # Run-time texts are used by handlers, not by the layout: named in the tab's source is enough.
    sources = {p.stem: p.read_text() for p in Path(app.__file__).parent.glob("ui/*.py")}
    sources["app"] = "".join(sources.values())  # the page's own strings are used by shared helpers too (ui/common.py)
    unused = []
    for namespace, texts in tables.items():
        for key, pair in texts.table.items():
            assert len(pair) == 2 and all(s.strip() for s in pair), f"{namespace}.{key}"
        unused += [f"{namespace}.{k}" for k in texts.table
                   if k not in texts.used and "#" not in k and f'"{k}"' not in sources.get(namespace, "")]
    assert set(unused) <= ONLY_WHEN_FAILING
    # Translations, not copies: most strings differ (names such as "GAN" or "Seed" may not).
    pairs = [p for t in tables.values() for k, p in t.table.items() if "#" not in k]
    assert sum(en != de for en, de in pairs) / len(pairs) > 0.8


def test_keys_used_in_the_code_exist():
    """Every literal T("key") / T.text("key") / T.filled("key") (and APP("key")) in ui/ names a key of its table."""
    tables = i18n.tables()
    for path in sorted(Path(app.__file__).parent.glob("ui/*.py")):
        source = path.read_text()
        for module, alias in re.findall(r"^from ui\.locales\.(\w+) import T(?: as (\w+))?$", source, re.M):
            table = tables[module].table
            for key in re.findall(r"\b%s(?:\.text|\.filled)?\(\"([^\"]+)\"" % (alias or "T"), source):
                assert key in table, f"{path.name}: {alias or 'T'}({key!r}) has no translation in ui/locales/{module}.py"


def test_the_app_gets_both_languages():
    translations = i18n.i18n().translations_dict
    assert set(translations) == {"en", "de"}
    assert translations["de"]["gan.train"] == "Trainieren" and translations["en"]["gan.train"] == "Train"
    assert set(translations["en"]) == set(translations["de"])


def _request(cookie: str | None = None, accept: str | None = None):
    return SimpleNamespace(cookies={i18n.COOKIE: cookie} if cookie else {},
                           headers={"accept-language": accept} if accept else {})


@pytest.mark.parametrize("cookie, accept, expected", [
    (None, None, "en"), (None, "de-DE,de;q=0.9,en;q=0.8", "de"), (None, "fr-FR,de;q=0.5", "de"),
    ("en", "de-DE", "en"), ("de", "en-US", "de"), (None, "ja", "en"),
])
def test_language_of_a_request(cookie, accept, expected):
    assert i18n.language(_request(cookie, accept)) == expected


def test_error_messages_in_german():
    def message(fn, *args):
        with pytest.raises(UserInputError) as info:
            fn(*args)
        return i18n.translate_error(str(info.value), "de")

    assert message(validate.integer, "Training steps", 9999, 1, 5000) == \
        "Trainingsschritte muss zwischen 1 und 5000 liegen, nicht 9999."
    assert message(validate.seed, "x") == "Seed muss eine Zahl sein, nicht 'x'."
    assert message(validate.text, "Prompt", "  ", 10) == "Prompt ist leer: bitte etwas eingeben."
    assert message(validate.points_2d, "1,2\n1,2\n1,2") == \
        "Für eine Form braucht es mindestens 3 verschiedene Punkte (1 angegeben)."
    assert i18n.translate_error("An unknown message.", "de") == "An unknown message."
    assert i18n.translate_error("Seed must be a number, got 'x'.", "en") == "Seed must be a number, got 'x'."


def test_user_errors_speaks_the_request_language(monkeypatch):
    import gradio as gr

    monkeypatch.setattr(i18n, "language", lambda request=None: "de")

    @user_errors
    def handler():
        raise RuntimeError("boom")

    with pytest.raises(gr.Error) as info:
        handler()
    assert info.value.message == "Etwas ist schiefgegangen (RuntimeError). Bitte andere Einstellungen versuchen."
