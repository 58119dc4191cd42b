"""English and German: one translation table per tab, one ``gr.I18n`` for the whole app.

Each tab keeps its strings in ``ui/locales/<tab>.py`` as ``T = Texts("<tab>", {key: (English, Deutsch)})``
and writes ``label=T("key")`` in its layout. The browser translates those static strings itself
(from its language, or the switch at the top of the page, which drives Gradio's own locale).
Text made by a handler at run time uses ``T.text(key, **values)`` in the language of the request
(the ``genai_lang`` cookie the page keeps in step with its locale, else Accept-Language).

A new tab adds its own ``ui/locales/<tab>.py``; importing it registers the table, and
tests/test_i18n.py checks that both languages are there and every key used exists.
"""

from __future__ import annotations

import functools
import hashlib
import re
from contextlib import contextmanager
from contextvars import ContextVar

import gradio as gr
import pandas as pd
from gradio.i18n import I18nData

LANGUAGES = {"en": "English", "de": "Deutsch"}
DEFAULT = "en"
COOKIE = "genai_lang"  # the page's language now, for handlers (session cookie)
CHOICE_COOKIE = "genai_lang_choice"  # the switch's choice, kept for later visits

_TABLES: dict[str, Texts] = {}
_SPEAKING: ContextVar[str | None] = ContextVar("genai_speaking", default=None)


class Texts:
    """One tab's strings: ``T("key")`` for the layout (translated in the browser), ``T.text`` for handlers."""

    def __init__(self, namespace: str, table: dict[str, tuple[str, str]]):
        for key, pair in table.items():
            if not (isinstance(pair, tuple) and len(pair) == len(LANGUAGES) and all(isinstance(s, str) and s.strip() for s in pair)):
                raise ValueError(f"{namespace}.{key}: give one non-empty string per language {tuple(LANGUAGES)}")
        self.namespace = namespace
        self.table = table
        self.used: set[str] = set()
        _TABLES[namespace] = self

    def __call__(self, key: str) -> I18nData:
        if key not in self.table:
            raise KeyError(f"no translation for {self.namespace}.{key}")
        self.used.add(key)
        return I18nData(f"{self.namespace}.{key}")

    def filled(self, key: str, **values) -> I18nData:
        """``T(key)`` with its ``{placeholders}`` filled, for values known when the layout is built.

        A value may be one per language (``{"en": ..., "de": ...}``).
        """
        pair = self.table[key]
        self.used.add(key)
        filled = tuple(s.format(**{k: v[lang] if isinstance(v, dict) else v for k, v in values.items()})
                       for lang, s in zip(LANGUAGES, pair))
        derived = f"{key}#{hashlib.sha1(repr(filled).encode()).hexdigest()[:8]}"
        self.table[derived] = filled
        return self(derived)

    def text(self, key: str, lang: str | None = None, **values) -> str:
        """The string in ``lang`` (default: the current request's language), formatted with ``values``."""
        pair = self.table[key]
        self.used.add(key)
        return pair[list(LANGUAGES).index(lang or language())].format(**values)

    def en(self, key: str) -> str:
        return self.table[key][0]


def number(value: float, spec: str = "g", lang: str | None = None) -> str:
    """``format(value, spec)`` as ``lang`` (default: the request's language) writes numbers: 0.24 / 0,24,
    4,500.5 / 4.500,5.

    ``spec`` is any format spec (".2f", ".0%", ",", "+.1f"); German swaps the decimal point and the
    thousands separator.
    """
    text = format(value, spec)
    return text.translate(_GERMAN_DIGITS) if (lang or language()) == "de" else text


_GERMAN_DIGITS = str.maketrans({",": ".", ".": ","})


def percent(share: float, spec: str = ".0f") -> str:
    """A share (0.72) as the request's language writes a percentage: 72% / 72 %."""
    return number(100 * share, spec) + (" %" if language() == "de" else "%")


def thousands(n: int) -> str:
    """A whole number as the request's language writes it: 4,500 / 4.500."""
    return number(n, ",")


def plot_language() -> dict:
    """Layout settings for a Plotly figure in the request's language (``fig.update_layout(**plot_language())``):
    the decimal and thousands separators that its axes, hover labels and text use."""
    return {"separators": ",." if language() == "de" else ".,"}


def numbers_shown(table: pd.DataFrame, specs: dict[str, str]):
    """The table as the page shows it: the numbers of each column in ``specs`` formatted by its spec, the way the
    request's language writes them (decimal comma in German); API clients still get the numbers themselves.

    Formatted now: Gradio turns the table into cells after the request's language is gone.
    """
    lang = language()

    def shown(spec: str):
        def show(value) -> str:
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:  # text, None, NaN
                return "" if value is None or value != value else value
            return number(value, spec, lang)
        return show

    return table.style.format({column: shown(spec) for column, spec in specs.items()})


def in_both_languages(value: float, spec: str) -> dict[str, str]:
    """A number as each language writes it, for a text filled when the layout is built (``T.filled``)."""
    return {lang: number(value, spec, lang) for lang in LANGUAGES}


# The machine lines that scripts and benchmarks record are English: their words on German pages.
MACHINE_DE = (
    ("-core CPU", "-Kern-CPU"), (" CPU cores", " CPU-Kerne"), ("shared with other jobs", "mit anderen Aufgaben geteilt"),
    ("(load ", "(Last "), ("torch thread(s)", "Torch-Thread(s)"), ("torch thread", "Torch-Thread"), ("no GPU", "keine GPU"),
    ("with 1 thread", "mit 1 Thread"),
)


def machine_words(words: str, lang: str | None = None) -> str:
    """A recorded machine line ("x86_64 CPU, 1 torch thread(s), no GPU") in ``lang`` (default: the request's)."""
    if (lang or language()) == "de":
        for english, german in MACHINE_DE:
            words = words.replace(english, german)
    return words


def machine_in_both_languages(words: str) -> dict[str, str]:
    """A recorded machine line per language, for a text filled when the layout is built (``T.filled``)."""
    return {lang: machine_words(words, lang) for lang in LANGUAGES}



def tables() -> dict[str, Texts]:
    return dict(_TABLES)


def i18n() -> gr.I18n:
    """All registered tables as one ``gr.I18n`` for ``launch(i18n=...)``."""
    translations = {lang: {} for lang in LANGUAGES}
    for namespace, texts in _TABLES.items():
        for key, pair in texts.table.items():
            for lang, s in zip(LANGUAGES, pair):
                translations[lang][f"{namespace}.{key}"] = s
    return gr.I18n(**translations)


def _pick(value: str | None) -> str | None:
    """'de-DE,de;q=0.9,en;q=0.8' or 'de' -> 'de' (the first of our languages named), else None."""
    for part in (value or "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in LANGUAGES:
            return code
    return None


@contextmanager
def speaking(lang: str):
    """Inside ``with speaking("de"):`` every ``T.text`` (figures, tables, messages) answers in that language."""
    token = _SPEAKING.set(lang)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def language(request: gr.Request | None = None) -> str:
    """The language of the request being handled: the page's cookie, else the browser's Accept-Language."""
    if request is None and _SPEAKING.get() is not None:
        return _SPEAKING.get()
    if request is None:
        from gradio.context import LocalContext

        request = LocalContext.request.get(None)
    if request is None:
        return DEFAULT
    try:
        cookie = request.cookies.get(COOKIE)
    except Exception:  # requests made outside a browser may carry no cookies at all
        cookie = None
    return _pick(cookie) or _pick(request.headers.get("accept-language")) or DEFAULT


# Gradio picks its locale from navigator.language once, before it renders (a later switch would leave
# the labels of tabs not yet opened in the old language). So the page learns the chosen language
# before Gradio starts: ?lang=de, else the cookie the switch sets (PageLanguage puts this in <head>).
PAGE_JS = """
(() => {
  const chosen = new URLSearchParams(location.search).get("lang") || (document.cookie.match(/(?:^|; )%(choice)s=([\\w-]+)/) || [])[1];
  if (!chosen) return;
  Object.defineProperty(Navigator.prototype, "language", { get: () => chosen });
  Object.defineProperty(Navigator.prototype, "languages", { get: () => [chosen] });
})();
""" % {"choice": CHOICE_COOKIE}

# Runs when the page has loaded: the cookie follows the page's language (Gradio sets <html lang>, also
# when its own Settings panel changes it), so handlers answer in that language.
LOAD_JS = """
() => {
  const keep = () => { document.cookie = "%(cookie)s=" + (document.documentElement.lang || "en") + "; path=/; SameSite=Lax"; };
  keep();
  new MutationObserver(keep).observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
}
""" % {"cookie": COOKIE}


# Values made once when the layout is built (a figure, a caption) are English, shared by every session.
# A German page gets its own from one event that only a German page starts: a load step in the browser
# sets a hidden box to "de", its change runs the makers in German. English pages send nothing, and the
# server keeps no per-session copy for them (Gradio stores every returned value per session).
_INITIAL: list[tuple[gr.components.Component, object]] = []
GERMAN_JS = """() => ((document.documentElement.lang || navigator.language || "en").toLowerCase().startsWith("de") ? "de" : "")"""


def initial(make, component: type[gr.components.Component], **props) -> gr.components.Component:
    """``component(make(), **props)``, whose value ``make()`` makes again in German for German pages."""
    built = component(make(), **props)
    _INITIAL.append((built, make))
    return built


@functools.cache
def german_initials() -> list:
    """Every registered layout value, made in German (once: they are the same for every German page)."""
    with speaking("de"):
        return [make() for _, make in _INITIAL]


def german_on_load(blocks: gr.Blocks) -> None:
    """Wire the German layout values (call once, inside the app's Blocks, after every tab is built)."""
    if not _INITIAL:
        return
    trigger = gr.Textbox(visible="hidden", show_label=False, container=False, elem_id="german-initials")
    blocks.load(None, None, trigger, js=GERMAN_JS, api_name=False, show_progress="hidden")
    trigger.change(lambda _: german_initials(), trigger, [c for c, _ in _INITIAL], api_name=False,
                   show_progress="hidden")


def _switch_js(code: str) -> str:
    return f"""() => {{
  document.cookie = "{CHOICE_COOKIE}={code}; path=/; max-age=31536000; SameSite=Lax";
  const url = new URL(location.href);
  url.searchParams.delete("lang");
  location.href = url.toString();
}}"""


def language_switch() -> None:
    """A visible English | Deutsch switch: reloads the page in that language (kept in a cookie)."""
    with gr.Column(scale=0, min_width=230), gr.Row(elem_id="language-switch"):
        for code, name in LANGUAGES.items():
            button = gr.Button(name, size="sm", variant="secondary", min_width=90, scale=0, elem_id=f"lang-{code}")
            button.click(None, js=_switch_js(code))


class PageLanguage:
    """ASGI middleware: puts PAGE_JS at the top of the app's page, so it runs before Gradio's own script."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/":
            return await self.app(scope, receive, send)
        start: dict = {}
        chunks: list[bytes] = []

        async def inject(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                return await send(message)
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                body = body.replace(b"<head>", b"<head><script>" + PAGE_JS.encode() + b"</script>", 1)
            await send({**start, "headers": headers + [(b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, inject)


# Error messages from engines/validate.py, recognised by their English pattern. Setting names
# inside them are looked up in the tabs' tables (any English value) and shown in German.
_ERROR_PATTERNS = [
    (r"(?P<name>.+) must be a number, got (?P<value>.+)\.", "{name} muss eine Zahl sein, nicht {value}."),
    (r"(?P<name>.+) must be a finite number, got (?P<value>.+)\.", "{name} muss eine endliche Zahl sein, nicht {value}."),
    (r"(?P<name>.+) must be between (?P<lo>\S+) and (?P<hi>\S+), got (?P<value>.+)\.",
     "{name} muss zwischen {lo} und {hi} liegen, nicht {value}."),
    (r"(?P<name>.+) must be a whole number, got (?P<value>.+)\.", "{name} muss eine ganze Zahl sein, nicht {value}."),
    (r"(?P<name>.+) must be one of (?P<options>.+); got (?P<value>.+)\.", "{name} muss eines von {options} sein, nicht {value}."),
    (r"(?P<name>.+) must be text\.", "{name} muss Text sein."),
    (r"(?P<name>.+) is empty: please type something\.", "{name} ist leer: bitte etwas eingeben."),
    (r"(?P<name>.+) is too long \((?P<n>\d+) characters; the limit is (?P<max>\d+)\)\.",
     "{name} ist zu lang ({n} Zeichen; erlaubt sind {max})."),
    (r"Your point list is empty: give at least 3 points as 'x,y' lines\.",
     "Die Punktliste ist leer: bitte mindestens 3 Punkte als Zeilen 'x,y' angeben."),
    (r"Line (?P<line>\d+) of your points needs exactly two numbers 'x,y', got (?P<value>.+)\.",
     "Zeile {line} der Punkte braucht genau zwei Zahlen 'x,y', nicht {value}."),
    (r"Line (?P<line>\d+) of your points is not two numbers: (?P<value>.+)\.",
     "Zeile {line} der Punkte enthält keine zwei Zahlen: {value}."),
    (r"Too many points \((?P<n>\d+)\); the limit is (?P<max>\d+)\.", "Zu viele Punkte ({n}); erlaubt sind {max}."),
    (r"Give at least 3 different points to make a shape \(got (?P<n>\d+)\)\.",
     "Für eine Form braucht es mindestens 3 verschiedene Punkte ({n} angegeben)."),
    (r"Something went wrong \((?P<kind>\w+)\)\. Please try other settings\.",
     "Etwas ist schiefgegangen ({kind}). Bitte andere Einstellungen versuchen."),
    (r"Nothing to continue yet: press Train first\.", "Noch nichts zum Fortsetzen: zuerst auf Trainieren drücken."),
    (r"The drawing is blank: draw one digit \(0-9\), large, in the middle of the canvas\.",
     "Die Zeichnung ist leer: eine Ziffer (0-9) groß in die Mitte der Fläche zeichnen."),
    (r"Draw a digit first\.", "Bitte zuerst eine Ziffer zeichnen."),
    (r"Nothing recorded yet: press Train first, then make the GIF\.",
     "Noch nichts aufgezeichnet: zuerst auf Trainieren drücken, dann das GIF erzeugen."),
    (r"Please upload an image first\.", "Bitte zuerst ein Bild hochladen."),
    (r"Upload a picture first \(PNG or JPEG\), then press the button\.", "Bitte zuerst ein Bild hochladen (PNG oder JPEG), dann den Knopf drücken."),
    (r"Upload a picture first \(PNG or JPEG\)\.", "Bitte zuerst ein Bild hochladen (PNG oder JPEG)."),
    (r"That upload is not a usable picture: it needs at least 8×8 pixels\.", "Dieses Bild ist nicht verwendbar: es braucht mindestens 8×8 Pixel."),
    (r"Size must be a multiple of 64 pixels, got (?P<value>.+)\.", "Die Größe muss ein Vielfaches von 64 Pixeln sein, nicht {value}."),
    (r"Choose a layer and a head\.", "Bitte eine Schicht und einen Head wählen."),
    (r"Words must be text, separated by commas\.", "Die Wörter müssen Text sein, durch Kommas getrennt."),
    (r"Give at least 3 words \(comma-separated\) to draw a map\.", "Für eine Karte mindestens 3 Wörter angeben (durch Kommas getrennt)."),
    (r"At most (?P<max>\d+) words, got (?P<n>\d+)\.", "Höchstens {max} Wörter, nicht {n}."),
    (r"The prompt produced no tokens: please type some text\.", "Der Prompt ergab keine Token: bitte etwas Text eingeben."),
    (r"(?P<name>.+) holds only control characters: please type some text\.", "{name} enthält nur Steuerzeichen: bitte etwas Text eingeben."),
    (r"Top-p must be above 0 and at most 1 \(1 keeps every token\)\.", "Top-p muss über 0 und höchstens 1 sein (1 behält jedes Token)."),
    (r"Training time must be between 5 and 120 seconds, got (?P<value>.+)\.", "Die Trainingszeit muss zwischen 5 und 120 Sekunden liegen, nicht {value}."),
    (r"The image is huge \((?P<size>\S+) pixels\); please upload one under 25 megapixels\.",
     "Das Bild ist riesig ({size} Pixel); bitte eines unter 25 Megapixeln hochladen."),
    (r"The image is tiny \((?P<size>\S+) pixels\); please upload one at least (?P<min>\d+) pixels a side\.",
     "Das Bild ist winzig ({size} Pixel); bitte eines mit mindestens {min} Pixeln Seitenlänge hochladen."),
    (r"The image is too large \((?P<size>\S+)\); the limit is (?P<max>\d+) px a side\.",
     "Das Bild ist zu groß ({size}); erlaubt sind {max} Pixel Seitenlänge."),
    (r"The photo is too small \((?P<size>\S+) pixels\); it needs at least (?P<min>\d+) pixels a side\.",
     "Das Foto ist zu klein ({size} Pixel); es braucht mindestens {min} Pixel Seitenlänge."),
    (r"Please upload a colour or greyscale photo\.", "Bitte ein Farb- oder Graustufenfoto hochladen."),
    (r"Files must be uploaded through this app first\.", "Dateien müssen zuerst über diese App hochgeladen werden."),
    (r"The request's inputs could not be read: one has the wrong type or is missing\.",
     "Die Eingaben der Anfrage ließen sich nicht lesen: eine hat den falschen Typ oder fehlt."),
    (r"'(?P<model>.+)' is not on this machine and the Hugging Face hub cannot be reached from here\. To use it, download it "
     r"once where there is internet \(hf download (?P<id>.+)\) and copy the hub cache folder \(HF_HOME\) to this "
     r"machine\. Use the embedded model '(?P<alternative>.+)' instead, which works offline\.",
     "'{model}' ist nicht auf diesem Rechner, und der Hugging Face Hub ist von hier nicht erreichbar. Zum Verwenden "
     "einmal mit Internet herunterladen (hf download {id}) und den Hub-Cache-Ordner (HF_HOME) auf diesen Rechner "
     "kopieren. Stattdessen das eingebettete Modell '{alternative}' nehmen, das offline läuft."),
    (r"Could not load '(?P<model>.+)' from the Hugging Face hub \((?P<kind>\w+)\)\. It needs an internet connection or a "
     r"copy in the local hub cache \(HF_HOME\), with safetensors weights\. Use the embedded model '(?P<alternative>.+)' "
     r"instead, which works offline\.",
     "'{model}' ließ sich nicht vom Hugging Face Hub laden ({kind}). Es braucht eine Internetverbindung oder eine Kopie "
     "im lokalen Hub-Cache (HF_HOME) mit safetensors-Gewichten. Stattdessen das eingebettete Modell '{alternative}' "
     "nehmen, das offline läuft."),
    (r"Only an animated GIF made by this app can be turned into an MP4\.",
     "Nur ein animiertes GIF aus dieser App lässt sich in ein MP4 umwandeln."),
    (r"This page already has (?P<n>\d+) model requests waiting or running: please wait until one has finished\.",
     "Diese Seite hat schon {n} Modell-Anfragen in der Warteschlange oder in Arbeit: bitte warten, bis eine fertig ist."),
    (r"You already have (?P<n>\d+) diffusion runs going: please wait until one has finished, or press Stop\.",
     "Es laufen schon {n} Diffusionsläufe von dir: bitte warten, bis einer fertig ist, oder Stopp drücken."),
    (r"The sampler's numbers overflowed \(not a number\)\. Please try other settings: fewer steps, another scheduler "
     r"or a lower guidance scale\.",
     "Die Zahlen des Samplers sind übergelaufen (keine Zahl). Bitte andere Einstellungen versuchen: weniger Schritte, "
     "einen anderen Scheduler oder eine kleinere Guidance-Stärke."),
    (r"That file is not an image we can read; please upload a PNG, JPEG or WebP picture\.",
     "Diese Datei ist kein lesbares Bild; bitte ein PNG-, JPEG- oder WebP-Bild hochladen."),
]

# Setting names used in messages that no label spells the same way.
_NAMES_DE = {"Seed": "Seed", "Show": "Anzeigen", "Word": "Wort", "t": "t", "Digit index": "Ziffer (Index)", "Snapshot": "Schnappschuss"}


def _name_de(name: str) -> str:
    if name in _NAMES_DE:
        return _NAMES_DE[name]
    for texts in _TABLES.values():
        for en, de in texts.table.values():
            if en == name or en.split(" (")[0] == name:
                return de.split(" (")[0] if en.split(" (")[0] == name else de
    return name


def translate_error(message: str, lang: str | None = None) -> str:
    """A user-facing error message in the request's language (English ones pass through)."""
    if (lang or language()) != "de":
        return message
    for pattern, german in _ERROR_PATTERNS:
        match = re.fullmatch(pattern, message)
        if match:
            values = match.groupdict()
            if "name" in values:
                values["name"] = _name_de(values["name"])
            return german.format(**values)
    return message
