"""Transformer / LLM tab: a real small language model, opened up step by step."""

from __future__ import annotations

import html
import logging
import math
import re
import threading
import time

import gradio as gr
import numpy as np
import plotly.graph_objects as go

from engines import registry, validate
from engines.base import Frame, get_engine
from engines.llm import (
    DEFAULT_MODEL,
    MAX_NEW_TOKENS,
    MAX_TEMPERATURE,
    LLMEngine,
    head_census,
    strongest_head,
    word_tokens,
)
from engines.errors import UserInputError
from engines.llm_batching import batchable, token_batcher_for
from ui.common import COMPUTE, DECODING, explain, follow_hub_availability, gpu, lesson_presets, on_zero_gpu, session_hash, user_errors
from ui.locales.app import T as APP
from ui.i18n import number, plot_language, thousands
from ui.locales.llm import T
from ui.share import setup_link

log = logging.getLogger("genai_lab")

CAT_EXAMPLE = "The cat chased the mouse because it was hungry"
TROPHY_EXAMPLE = "The trophy did not fit in the suitcase because it was too big"
LENS_EXAMPLE = "The capital of France is Paris. The capital of Germany is"
PROMPT_EXAMPLE = "The capital of France is"
WORDS_EXAMPLE = "cat, dog, mouse, horse, Paris, London, Berlin, Rome, red, blue, green, yellow, one, two, three, four"
# SmolLM2-135M's shape, so the sliders are right before the model has loaded; other models update them.
DEFAULT_LAYERS, DEFAULT_HEADS = 30, 9
MODES = ("Raw completion", "Chat (instruct template)")

CHOSEN, OTHER = "#e4572e", "#8da0cb"
# Where the engine loaded the model from (LoadedLM.how), as the model card says it.
LOADED_FROM = {"hub": "from_hub", "hub copy": "from_hub_copy", "gguf conversion": "from_gguf_conversion",
               "local cache": "from_local_cache", "embedded": "from_embedded"}
CHIP_COLOURS = ("#fde2e4", "#e2ece9", "#dfe7fd", "#fff1c1", "#e8dff5", "#d7f2ef", "#fce1d4")


# ---------------------------------------------------------------------------------------------
# Figures: pure functions of engine output


def show_token(piece: str) -> str:
    """A token piece made visible: leading spaces as a dot, newlines as an arrow."""
    return piece.replace(" ", "·").replace("\n", "↵").replace("\t", "⇥") or "∅"


def readable_bytes(piece: str) -> str:
    """A byte token's "<F0><9F>" as "F0 9F" (the engine marks bytes that are no whole character so)."""
    return re.sub(r"(?:<[0-9A-F]{2}>)+", lambda m: "\u2009".join(re.findall(r"[0-9A-F]{2}", m.group())), piece)


def chips_html(tokens: list[tuple[int, str]], cut: list[dict] = ()) -> str:
    """The tokens as coloured chips; tokens holding bytes of a character cut into pieces (``cut``, from
    LLMEngine.cut_characters) show those bytes in hex, with a line saying which character they make."""
    bytes_of = {k: c["char"] for c in cut for k in c["tokens"]}
    chips = []
    for k, (tid, piece) in enumerate(tokens):
        title = T.text("token_title", k=k, tid=tid)
        css = "llm-chip"
        if k in bytes_of:
            piece, css, title = readable_bytes(piece), "llm-chip llm-bytes", T.text("bytes_title", k=k, tid=tid, char=bytes_of[k])
        chips.append(f'<span class="{css}" style="background:{CHIP_COLOURS[k % len(CHIP_COLOURS)]}" '
                     f'title="{html.escape(title)}">{html.escape(show_token(piece))}<sub>{tid}</sub></span>')
    notes = "".join(
        f'<div class="llm-cut">{html.escape(T.text("cut_note", char=c["char"], n_bytes=c["n_bytes"], n_tokens=len(c["tokens"]), pieces=" | ".join(c["hex"])))}</div>'
        for c in cut
    )
    return f'<div class="llm-chips"><b>{T.text("n_tokens", n=len(tokens))}</b> {"".join(chips)}</div>{notes}'


def p_is(p: float) -> str:
    """"p = 5.3 %", or "p < 0.01 %"."""
    text = percent(p)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def percent(p: float) -> str:
    """A probability as a percentage that never reads 0: 34.4 %, 5.4 %, 0.12 %, < 0.01 %."""
    if p < 1e-4:
        return f"< {number(0.01, '.2f')} %"
    return number(100 * p, ".1f" if p >= 0.01 else ".2g") + " %"


def step_figure(frame: Frame) -> go.Figure:
    """Top candidates for one step, the chosen token in orange."""
    d = frame.data
    rows = [(show_token(t), p, i == d["token_id"]) for t, i, p in d["top"]]
    if d["chosen_rank"] is None:  # sampled from outside the top 10
        rows.append((show_token(d["token"]), d["chosen_prob"], True))
    labels = [f"{k + 1}. {t}" if k < len(d["top"]) else f"… {t}" for k, (t, _, _) in enumerate(rows)]
    chosen = next(k for k, (_, _, is_chosen) in enumerate(rows) if is_chosen)
    fig = go.Figure([
        go.Bar(x=[p for _, p, _ in rows], y=labels, orientation="h",
               marker_color=[CHOSEN if is_chosen else OTHER for _, _, is_chosen in rows],
               text=[("\u2003" if k == chosen else "") + percent(p) for k, (_, p, _) in enumerate(rows)],
               textposition="outside", cliponaxis=False, hoverinfo="y+text"),
        # a marker at the chosen bar's end (its text moved aside for it): a sampled token of p = 0.05 % has no visible bar
        go.Scatter(x=[rows[chosen][1]], y=[labels[chosen]], mode="markers", marker=dict(symbol="diamond", size=11, color=CHOSEN),
                   cliponaxis=False, hoverinfo="skip"),
    ])
    fig.update_layout(
        title=T.text("step_title", step=frame.step + 1, token=show_token(d["token"]), p=p_is(d["chosen_prob"]),
                     entropy=number(frame.metrics["entropy"], ".2f")),
        xaxis=dict(title=T.text("probability"), range=[0, 1.15], tickformat=".0%"), showlegend=False,
        yaxis=dict(autorange="reversed"), height=380, margin=dict(l=10, r=10, t=50, b=40), **plot_language(),
    )
    return fig


def history_figure(frames: list[Frame]) -> go.Figure:
    """Entropy and chosen-token probability across all steps."""
    x = [show_token(f.data["token"]) + f"<sub>{f.step + 1}</sub>" for f in frames]
    fig = go.Figure([
        go.Bar(x=x, y=[f.metrics["entropy"] for f in frames], name=T.text("entropy_bits"), marker_color=OTHER),
        go.Scatter(x=x, y=[f.data["chosen_prob"] for f in frames], name=T.text("p_chosen"), yaxis="y2",
                   mode="lines+markers", marker_color=CHOSEN),
    ])
    fig.update_layout(
        title=T.text("history_title"),
        yaxis=dict(title=T.text("entropy_bits")), yaxis2=dict(title=T.text("p_chosen"), overlaying="y", side="right",
                                                        range=[0, 1], tickformat=".0%"),
        height=340, margin=dict(l=10, r=10, t=50, b=40), legend=dict(orientation="h", y=-0.3), **plot_language(),
    )
    return fig


def labels(tokens: list[str]) -> list[str]:
    """Unique axis labels (plotly merges equal category names)."""
    return [f"{k}:{show_token(t)}" for k, t in enumerate(tokens)]


def attention_figure(tokens: list[str], matrix: np.ndarray, title: str) -> go.Figure:
    axis = labels(tokens)
    fig = go.Figure(go.Heatmap(z=matrix, x=axis, y=axis, colorscale="Blues", zmin=0,
                               hovertemplate="%{y} → %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(title=title, xaxis=dict(title=T.text("key_axis"), tickangle=-45),
                      yaxis=dict(title=T.text("query_axis"), autorange="reversed"),
                      height=520, margin=dict(l=10, r=10, t=50, b=10), **plot_language())
    return fig


def attend_from_figure(tokens: list[str], row: np.ndarray, index: int, title: str) -> go.Figure:
    axis = labels(tokens)[: index + 1]
    weights = row[: index + 1]
    colours = [CHOSEN if k == int(np.argmax(weights)) else OTHER for k in range(len(weights))]
    fig = go.Figure(go.Bar(x=axis, y=weights, marker_color=colours, text=[number(w, ".2f") for w in weights],
                           textposition="outside"))
    fig.update_layout(title=title, yaxis=dict(title=T.text("attention_weight"), range=[0, 1.1]),
                      height=360, margin=dict(l=10, r=10, t=50, b=10), **plot_language())
    return fig


def layer_name(name: str) -> str:
    """The engine's "embeddings" / "layer 3" in the request's language."""
    return T.text("embeddings") if name == "embeddings" else T.text("layer_n", n=name.removeprefix("layer "))


def lens_figure(lens: dict) -> go.Figure:
    z = lens["top_probs"][:, :, 0]  # (L+1, T)
    text = [[show_token(t) for t in row] for row in lens["top_text"][:, :, 0]]
    fig = go.Figure(go.Heatmap(
        z=z, x=labels(lens["tokens"]), y=[layer_name(name) for name in lens["layers"]], text=text, texttemplate="%{text}",
        textfont=dict(size=10), colorscale="YlGnBu", zmin=0, zmax=1, colorbar=dict(title=T.text("p_top")),
        hovertemplate=T.text("lens_hover") + "<extra></extra>",
    ))
    fig.update_layout(title=T.text("lens_title"),
                      xaxis=dict(title=T.text("lens_axis"), side="top"),
                      yaxis=dict(title="", autorange="reversed"),
                      height=max(420, 22 * len(lens["layers"]) + 120), margin=dict(l=10, r=10, t=90, b=10),
                      **plot_language())
    return fig


def embedding_figure(emb: dict) -> go.Figure:
    xy = emb["xy"]
    hover = [f"{w} = {' + '.join(show_token(p) for p in ps)}" for w, ps in zip(emb["words"], emb["pieces"])]
    fig = go.Figure(go.Scatter(x=xy[:, 0], y=xy[:, 1], mode="markers+text", text=emb["words"],
                               textposition="top center", hovertext=hover, hoverinfo="text",
                               marker=dict(size=10, color=OTHER)))
    fig.update_layout(title=T.text("embedding_title", share=number(emb["explained"], ".0%")),
                      xaxis_title="PC 1", yaxis_title="PC 2", height=480, margin=dict(l=10, r=10, t=50, b=10),
                      **plot_language())
    return fig


def card_html(card: dict) -> str:
    speed = T.text("speed_last", speed=number(card["tokens_per_s"], ".1f")) if card["tokens_per_s"] else T.text("speed_none")
    items = [
        ("card_model", card["model"]), ("card_parameters", T.text("millions", n=number(card["parameters"] / 1e6, ".0f"))),
        ("card_layers", card["layers"]), ("card_heads", card["heads"]), ("card_width", card["width"]),
        ("card_vocabulary", thousands(card["vocabulary"])), ("card_context", T.text("context_tokens", n=thousands(card["context"]))),
        ("card_speed", speed), ("card_device", f"{card['device']} ({card['dtype']})"),
        ("card_loaded", T.text("loaded_from", seconds=number(card["load_seconds"], ".1f"),
                               place=T.text(LOADED_FROM[card["loaded_from"]]))),
    ]
    cells = "".join(f"<span><b>{html.escape(T.text(k))}</b> {html.escape(str(v))}</span>" for k, v in items)
    return f'<div class="llm-card">{cells}</div><div class="llm-credit">{html.escape(card["credit"])} · {card["licence"]}</div>'


CSS = """
<style>
.llm-chips { line-height: 2.3; }
.llm-chip { padding: 3px 5px; margin: 1px; border-radius: 5px; font-family: monospace; color: #222;
            border: 1px solid #0001; white-space: pre; }
.llm-chip sub { color: #666; font-size: 0.7em; margin-left: 2px; }
.llm-bytes { border: 1px dashed #555; }
.llm-cut { font-size: 0.9em; color: #444; margin: 2px 0; }
.llm-card { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 8px 12px; border-radius: 8px;
            background: #eef0fb; color: #222; }
.llm-credit { font-size: 0.85em; color: #666; margin: 4px 12px; }
</style>
"""

# ---------------------------------------------------------------------------------------------
# Explanations (from the content brief)

# ---------------------------------------------------------------------------------------------
# Handlers


def engine_for(model_key: str, progress: gr.Progress | None = None) -> LLMEngine:
    """The shared engine for a model, loaded; shows progress while it loads (first start ~30 s)."""
    engine = get_engine(LLMEngine, model_key or DEFAULT_MODEL)
    if engine.loaded:
        return engine
    state = {"message": T.text("loading"), "fraction": 0.0}
    engine.progress = lambda fraction, message: state.update(fraction=fraction, message=message)
    errors: list[BaseException] = []

    def load():
        try:
            engine.load()
        except BaseException as exc:  # re-raised in the handler's thread
            errors.append(exc)

    worker = threading.Thread(target=load, daemon=True)  # waits on the lock if warm() is loading it
    worker.start()
    started = time.monotonic()
    while worker.is_alive():
        worker.join(0.25)
        if progress is not None:
            guess = min(0.95, max(state["fraction"], (time.monotonic() - started) / 35))
            progress(guess, desc=state["message"])
    if errors:
        raise errors[0]
    return engine


def warm() -> None:
    """Load (and on first start convert) SmolLM2 in the background so the first click is quick."""
    try:
        get_engine(LLMEngine, DEFAULT_MODEL).load()
    except Exception:
        log.exception("warming the LLM failed; it will load on first use")


@user_errors
def model_card(model_key: str, progress=gr.Progress()):
    engine = engine_for(model_key, progress)
    card = engine.card()
    heads = [(T.text("average"), -1)] + [(T.text("head_n", h=h), h) for h in range(card["heads"])]
    return (
        card_html(card),
        gr.update(maximum=card["layers"] - 1),
        gr.update(choices=heads),
    )


@user_errors
def tokenize(prompt: str, model_key: str, progress=gr.Progress()):
    engine = engine_for(model_key, progress)
    tokens = engine.tokenize(prompt)
    return chips_html(tokens, engine.cut_characters([tid for tid, _ in tokens]))


# At most this many live updates a second per text: each costs Gradio a figure to send, on the cores the
# model decodes on; a text alone (about 9 tokens/s here) still shows nearly every token as it comes.
LIVE_UPDATES_PER_S = 8


def generation_frames(engine, **params):
    """The new frames of one generation, a list per item; decoded together with other users' texts where it can."""
    if on_zero_gpu() or not batchable(engine):  # a handler in a process of its own, or a model whose rows cannot share
        yield from ([frame] for frame in engine.stream(**params))
    else:
        yield from token_batcher_for(engine).follow(owner=session_hash(), **params)


@user_errors
@gpu
def generate(prompt, max_new_tokens, temperature, top_k, top_p, seed, mode, model_key, progress=gr.Progress()):
    engine = engine_for(model_key, progress)
    frames: list[Frame] = []
    shown = -math.inf
    for new in generation_frames(engine, prompt=prompt, max_new_tokens=max_new_tokens, temperature=temperature,
                                 top_k=top_k, top_p=top_p, seed=seed, chat=mode == MODES[1]):
        if not frames and new[0].data["dropped"]:
            gr.Warning(T.text("dropped", n=new[0].data["dropped"]))
        frames.extend(new)
        if frames[-1].total > len(frames) and time.perf_counter() - shown >= 1 / LIVE_UPDATES_PER_S:  # the last: below
            shown = time.perf_counter()
            yield frames[-1].data["text"], step_figure(frames[-1]), gr.skip(), gr.skip()
    last = frames[-1]
    stopped = T.text("stopped_eos" if len(frames) < int(max_new_tokens) else "stopped_max")
    summary = T.text("summary", n=len(frames), seconds=number(last.metrics["seconds"], ".1f"), speed=number(last.metrics["tokens_per_s"], ".1f"),
                     device=engine.lm.device, prompt=last.data["prompt_tokens"], stopped=stopped)
    others = max(frame.data.get("texts_in_call", 1) for frame in frames) - 1
    if others:
        summary += " · " + T.text("shared", others=others)
    yield last.data["text"], step_figure(last), history_figure(frames), summary


def _who(head: int) -> str:
    return T.text("average") if head == -1 else T.text("head_n", h=head)


def _attention_title(tokens: list[str], layer: int, head: int) -> str:
    return T.text("attention_title", layer=layer, who=_who(head))


def _attends_to_title(tokens: list[str], index: int, layer: int, head: int) -> str:
    return T.text("attends_to", token=tokens[index].strip() or show_token(tokens[index]), layer=layer, who=_who(head))


def _pick(att: np.ndarray, layer, head) -> tuple[np.ndarray, int, int]:
    """Attention matrix (T, T) for a layer and head (-1: average of the heads)."""
    n_layers, n_heads = att.shape[:2]
    if layer is None or head is None:
        raise UserInputError("Choose a layer and a head.")
    layer = validate.integer("Layer", layer, 0, n_layers - 1)
    head = validate.integer("Head (-1 = the average)", head, -1, n_heads - 1)
    return (att[layer].mean(0) if head == -1 else att[layer, head]), layer, head


def _default_focus(tokens: list[str]) -> int:
    """The last "it" if there is one (the pronoun example), else the last token."""
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].strip().lower() == "it":
            return k
    return len(tokens) - 1


@user_errors
def attention(text, layer, head, model_key, progress=gr.Progress()):
    tokens, att = engine_for(model_key, progress).attention(text)
    matrix, layer, head = _pick(att, layer, head)
    focus = _default_focus(tokens)
    title = _attention_title(tokens, layer, head)
    return (
        attention_figure(tokens, matrix, title),
        gr.update(choices=[(f"{k}: {show_token(t)}", k) for k, t in enumerate(tokens)], value=focus),
        attend_from_figure(tokens, matrix[focus], focus, _attends_to_title(tokens, focus, layer, head)),
    )


@user_errors
def attend_from(text, layer, head, token_index, model_key, progress=gr.Progress()):
    tokens, att = engine_for(model_key, progress).attention(text)
    matrix, layer, head = _pick(att, layer, head)
    index = _query(tokens, token_index)
    return attend_from_figure(tokens, matrix[index], index, _attends_to_title(tokens, index, layer, head))


def _quoted(tokens: list[str], indices) -> str:
    """The tokens at ``indices`` as one quoted word, quoted as the request's language does."""
    return T.text("quoted", text="".join(tokens[k] for k in indices).strip())


def census_text(tokens: list[str], att: np.ndarray, query: int) -> str:
    """Where ``query`` looks most, head by head: how many of all heads favour each earlier token, and why most
    favour the first one (an attention sink)."""
    counts = head_census(att, query)  # (query + 1,)
    n_layers, n_heads = att.shape[:2]
    roles = {query: T.text("role_itself"), query - 1: T.text("role_previous"), 0: T.text("role_first")}  # later wins
    ranked = sorted(range(query + 1), key=lambda k: -counts[k])
    items = " · ".join(f"{_quoted(tokens, [k])}{roles.get(k, '')} **{counts[k]}**" for k in ranked if counts[k])
    text = T.text("census", token=_quoted(tokens, [query]), n=n_layers * n_heads, layers=n_layers, heads=n_heads, items=items)
    if query > 0 and ranked[0] == 0:
        text += "\n\n" + T.text("sink", share=number(counts[0] / counts.sum(), ".0%"))
    return text


def strongest_text(tokens: list[str], att: np.ndarray, query: int, word: str,
                   shown: bool = False) -> tuple[str, tuple[int, int] | None]:
    """The sentence naming the head in which ``query`` attends most to ``word`` (``shown``: the charts show it
    now), and that (layer, head); None when the word is not in the text before it."""
    keys = word_tokens(tokens, word or "", query)
    if not keys:
        return T.text("word_missing", word=T.text("quoted", text=(word or "").strip()), token=_quoted(tokens, [query])), None
    layer, head, weight = strongest_head(att, query, keys)
    favoured = head_census(att, query)[keys].sum()  # heads whose largest weight is on the word
    text = T.text("strongest", token=_quoted(tokens, [query]), word=_quoted(tokens, keys), layer=layer, head=head,
                  weight=number(weight, ".2f"), count=favoured, n=att.shape[0] * att.shape[1],
                  then=T.text("shown_now" if shown else "press_show"))
    return text, (layer, head)


def attention_story(tokens: list[str], att: np.ndarray, query: int, word: str, shown: bool = False) -> str:
    return strongest_text(tokens, att, query, word, shown)[0] + "\n\n" + census_text(tokens, att, query)


MAX_WORD_CHARS = 40  # one word (or a short phrase) to look for in the text


def _query(tokens: list[str], token_index) -> int:
    if token_index is None:
        return _default_focus(tokens)
    return validate.integer("Token index (run Show attention first)", token_index, 0, len(tokens) - 1)


@user_errors
def explain_attention(text, token_index, word, model_key, progress=gr.Progress()):
    """The story under the attention charts: the head that links the token to the word, and what all heads favour."""
    tokens, att = engine_for(model_key, progress).attention(text)
    return attention_story(tokens, att, _query(tokens, token_index), word)


@user_errors
def show_strongest_head(text, token_index, word, model_key, progress=gr.Progress()):
    """Set the layer and head to the one where the token attends most to the word, and draw it."""
    word = validate.text("Word", word, max_chars=MAX_WORD_CHARS)
    tokens, att = engine_for(model_key, progress).attention(text)
    query = _query(tokens, token_index)
    found = strongest_text(tokens, att, query, word)[1]
    story = attention_story(tokens, att, query, word, shown=found is not None)
    if found is None:
        return gr.skip(), gr.skip(), gr.skip(), gr.skip(), story
    layer, head = found
    matrix = att[layer, head]
    return (layer, head, attention_figure(tokens, matrix, _attention_title(tokens, layer, head)),
            attend_from_figure(tokens, matrix[query], query, _attends_to_title(tokens, query, layer, head)), story)


@user_errors
def logit_lens(text, model_key, progress=gr.Progress()):
    return lens_figure(engine_for(model_key, progress).logit_lens(text))


@user_errors
def embeddings(words, model_key, progress=gr.Progress()):
    if not isinstance(words, str):
        raise UserInputError("Words must be text, separated by commas.")
    return embedding_figure(engine_for(model_key, progress).embeddings(words.split(",")))


@user_errors
def prompt_words(prompt, model_key, progress=gr.Progress()):
    return ", ".join(engine_for(model_key, progress).prompt_words(prompt))


# ---------------------------------------------------------------------------------------------
# Layout


def build() -> None:
    llm_models = [m.key for m in registry.models("llm")]
    with gr.Tab(T("tab"), id="llm"):
        gr.HTML(CSS)
        gr.Markdown(T("intro"))
        model_key = gr.State(DEFAULT_MODEL)
        mode = gr.State(MODES[0])
        with gr.Row():
            with gr.Column(scale=1):
                model = gr.Dropdown(llm_models, value=DEFAULT_MODEL, label=T("model"), info=T("model_info"))
                hub_notice = gr.Markdown()
            card = gr.HTML(T("card_loading"), label=T("card"))
        follow_hub_availability(model, "llm", hub_notice, [])  # the card says at once when a hub model is not here

        with gr.Tabs():
            with gr.Tab(T("tab_next")):
                with gr.Row():
                    with gr.Column(scale=3):
                        prompt = gr.Textbox(PROMPT_EXAMPLE, label=T("prompt"), lines=2, max_lines=8)
                        mode_radio = gr.Radio([(T("raw"), MODES[0]), (T("chat"), MODES[1])], value=MODES[0], label=T("mode"))
                        with gr.Row():
                            max_new = gr.Slider(1, MAX_NEW_TOKENS, value=30, step=1, label=T("max_new"))
                            temperature = gr.Slider(0, MAX_TEMPERATURE, value=0.7, step=0.05,
                                                    label=T("temperature"))
                            greedy = gr.Checkbox(False, label=T("greedy"))
                        with gr.Row():
                            top_k = gr.Slider(0, 200, value=50, step=1, label=T("top_k"))
                            top_p = gr.Slider(0.01, 1, value=0.95, step=0.01, label=T("top_p"))
                            seed = gr.Number(0, precision=0, label=T("seed"), minimum=0)
                        with gr.Row():
                            tokenize_btn = gr.Button(T("tokenize"))
                            generate_btn = gr.Button(T("generate"), variant="primary")
                            stop_btn = gr.Button(T("stop"), variant="stop")
                        chips = gr.HTML(label=T("tokens"))
                        output = gr.Textbox(label=T("output"), lines=4)
                        summary = gr.Markdown()
                        setup_link("llm", prompt=prompt, max_new=max_new, temperature=temperature, top_k=top_k,
                                   top_p=top_p, seed=seed)
                    with gr.Column(scale=2):
                        explain(T("tokens_explain"))
                        explain(T("generate_explain"))
                        explain(T("honest"))
                with gr.Row():
                    step_plot = gr.Plot(label=T("step_plot"))
                    history_plot = gr.Plot(label=T("history_plot"))
                lesson_presets("llm", APP("presets"), [prompt, temperature, top_k, seed, max_new], {
                    "Greedy: always the likeliest token · Greedy: immer das wahrscheinlichste Token": [PROMPT_EXAMPLE, 0.0, 50, 0, 12],
                    "Too hot (T = 1.8): less likely tokens · Zu heiß (T = 1,8): unwahrscheinlichere Token": ["Once upon a time, a small robot", 1.8, 0, 0, 30],
                    "Tokens: a rare word splits · Token: ein seltenes Wort zerfällt": ["Tokenization is unbelievably", 0.7, 50, 0, 12],
                }, lambda prompt, temperature, top_k, seed, max_new: list(
                    generate(prompt, max_new, temperature, top_k, 0.95, seed, MODES[0], DEFAULT_MODEL)))
                gr.Examples([[PROMPT_EXAMPLE], ["Once upon a time, a small robot"], ["Tokenization is unbelievably"],
                             ["What is a GAN? 🤖"]], inputs=[prompt], label=T("examples"), cache_examples=False)

            with gr.Tab(T("tab_embeddings")):
                with gr.Row():
                    with gr.Column(scale=3):
                        words = gr.Textbox(WORDS_EXAMPLE, label=T("words"))
                        with gr.Row():
                            emb_btn = gr.Button(T("map_words"), variant="primary")
                            from_prompt_btn = gr.Button(T("prompt_words"))
                        emb_plot = gr.Plot(label=T("emb_plot"))
                    with gr.Column(scale=2):
                        explain(T("embeddings_explain"))

            with gr.Tab(T("tab_attention")):
                with gr.Row():
                    with gr.Column(scale=3):
                        att_text = gr.Textbox(CAT_EXAMPLE, label=T("att_text"))
                        with gr.Row():
                            layer = gr.Slider(0, DEFAULT_LAYERS - 1, value=DEFAULT_LAYERS // 2, step=1,
                                              label=T("layer"))
                            head = gr.Dropdown([(T("average"), -1)] + [(T.filled("head_n", h=h), h) for h in range(DEFAULT_HEADS)],
                                               value=-1, label=T("head"))
                            att_btn = gr.Button(T("show_attention"), variant="primary")
                        att_plot = gr.Plot(label=T("att_plot"))
                        setup_link("llm", text=att_text, layer=layer, head=head)
                    with gr.Column(scale=2):
                        explain(T("attention_explain"))
                        # its choices follow the text; a click that arrives before they do is checked by the handler
                        focus = gr.Dropdown([], label=T("focus"), interactive=True, allow_custom_value=True)
                        with gr.Row(equal_height=True):
                            target_word = gr.Textbox("cat", label=T("target_word"), scale=2)
                            find_btn = gr.Button(T("find_head"), scale=1)
                        story = gr.Markdown(elem_id="attention-story")
                        focus_plot = gr.Plot(label=T("focus_plot"))
                        lesson_presets("llm", APP("presets"), [att_text, layer, head, target_word], {
                            "Where does 'it' look? · Worauf schaut 'it'?": [CAT_EXAMPLE, 15, -1, "cat"],
                            "The first layer · Die erste Schicht": [CAT_EXAMPLE, 0, -1, "cat"],
                            "The last layer · Die letzte Schicht": [TROPHY_EXAMPLE, 29, -1, "trophy"],
                        }, lambda text, layer, head, word: (*attention(text, layer, head, DEFAULT_MODEL),
                                                            explain_attention(text, None, word, DEFAULT_MODEL)))

            with gr.Tab(T("tab_lens")):
                with gr.Row():
                    with gr.Column(scale=3):
                        lens_text = gr.Textbox(LENS_EXAMPLE, label=T("att_text"))
                        lens_btn = gr.Button(T("lens_btn"), variant="primary")
                    with gr.Column(scale=2):
                        explain(T("lens_explain"))
                lens_plot = gr.Plot(label=T("lens_plot"))

    # Events. The model and the mode live in per-session State, so the API signatures stay as fixed.
    card_outputs = [card, layer, head]
    model.change(lambda key: key, model, model_key, api_name=False).then(
        model_card, model_key, card_outputs, api_name="llm_model_card", **COMPUTE)
    root = gr.context.Context.root_block
    if root is not None:
        root.load(model_card, model_key, card_outputs, api_name=False)  # page load: not behind long jobs
    mode_radio.change(lambda m: m, mode_radio, mode, api_name=False)
    greedy.change(lambda g: gr.update(value=0 if g else 0.7, interactive=not g), greedy, temperature, api_name=False)

    gr.on([tokenize_btn.click, prompt.submit, generate_btn.click], tokenize, [prompt, model_key], chips,
          api_name="llm_tokenize")
    gen_event = generate_btn.click(
        generate, [prompt, max_new, temperature, top_k, top_p, seed, mode, model_key],
        [output, step_plot, history_plot, summary], api_name="llm_generate", **DECODING)
    gen_event.then(model_card, model_key, card_outputs, api_name=False)
    stop_btn.click(None, cancels=[gen_event], api_name=False)

    att_inputs = [att_text, layer, head]
    story_inputs = [att_text, focus, target_word, model_key]
    gr.on([att_btn.click, att_text.submit], attention, att_inputs + [model_key], [att_plot, focus, focus_plot],
          api_name="llm_attention", **COMPUTE).then(explain_attention, story_inputs, story, api_name=False, **COMPUTE)
    focus.select(attend_from, att_inputs + [focus, model_key], focus_plot, api_name="llm_attend_from", **COMPUTE).then(
        explain_attention, story_inputs, story, api_name=False, **COMPUTE)
    target_word.submit(explain_attention, story_inputs, story, api_name=False, **COMPUTE)
    find_btn.click(show_strongest_head, story_inputs, [layer, head, att_plot, focus_plot, story], api_name="llm_strongest_head",
                   **COMPUTE)
    gr.on([lens_btn.click, lens_text.submit], logit_lens, [lens_text, model_key], lens_plot,
          api_name="llm_logit_lens", **COMPUTE)
    gr.on([emb_btn.click, words.submit], embeddings, [words, model_key], emb_plot, api_name="llm_embeddings", **COMPUTE)
    from_prompt_btn.click(prompt_words, [prompt, model_key], words, api_name="llm_prompt_words").then(
        embeddings, [words, model_key], emb_plot, api_name=False, **COMPUTE)
