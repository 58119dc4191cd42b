"""Overview tab: GenAI vs LLM, which family fits a task, and how multi-agent LLM systems fail."""

from __future__ import annotations

import gradio as gr
import plotly.graph_objects as go

from engines.families import AMOUNTS, FAMILIES, MODALITIES, advise, nerf_rendering_claim
from ui.common import explain, lesson_presets, user_errors
from ui.locales.app import T as APP
from ui.i18n import LANGUAGES, initial, language, number, plot_language, speaking
from ui.locales.overview import FAMILIES_DE, REASONS_DE, T
from ui.share import setup_link

FONT = {"size": 16}
LLM_COLOUR = "#f28e2b"
FAMILY_COLOURS = {
    "Transformer": "#4e79a7", "Diffusion": "#59a14f", "GAN": "#e15759", "VAE": "#b07aa1", "NeRF": "#76b7b2",
}

# Generative AI -> modality -> family -> example systems. "LLM" marks the language-model branches.
SYSTEMS: dict[str, list[tuple[str, bool, list[str]]]] = {
    "Text": [("Transformer", True, ["GPT-4o", "Claude", "Gemini", "LLaMA"])],
    "Image": [
        ("Diffusion", False, ["DALL·E 2", "Midjourney", "Imagen", "Stable Diffusion"]),
        ("Transformer", True, ["GPT-4o"]),
        ("Transformer", False, ["DALL·E (2021)"]),
        ("GAN", False, ["StyleGAN"]),
        ("VAE", False, ["VQ-VAE", "β-VAE"]),
    ],
    "Video": [("Diffusion", False, ["Sora", "RunwayML"])],
    "Audio": [("Transformer", True, ["GPT-4o voice"]), ("GAN", False, ["HiFi-GAN vocoder"])],
    "3D": [("NeRF", False, ["NeRF (2020)", "Instant-NGP"])],
}


def family_texts(name: str) -> tuple[str, str, str, str]:
    """How a family generates, its strengths, weaknesses and when to use it, in the request's language."""
    f = FAMILIES[name]
    return FAMILIES_DE[name] if language() == "de" else (f.how, f.strengths, f.weaknesses, f.use_when)


def genai_sunburst() -> go.Figure:
    """Sunburst of GenAI: LLM branches in one colour, so LLMs read as a subset of GenAI."""
    ids, labels, parents, colours, hovers = ["GenAI"], [T.text("genai")], [""], ["#d9d9d9"], [T.text("genai_hover")]
    for modality, branches in SYSTEMS.items():
        ids.append(modality), labels.append(T.text(modality)), parents.append("GenAI")
        colours.append("#eeeeee"), hovers.append(T.text("modality_hover", modality=T.text(modality)))
        for family, is_llm, systems in branches:
            branch = f"{modality}/{family}/{'LLM' if is_llm else 'other'}"
            colour = LLM_COLOUR if is_llm else FAMILY_COLOURS[family]
            ids.append(branch), parents.append(modality), colours.append(colour)
            labels.append(f"{family}<br>(LLM)" if is_llm else family)
            hovers.append(T.text("is_llm" if is_llm else "not_llm") + family_texts(family)[0])
            for system in systems:
                ids.append(f"{branch}/{system}"), labels.append(system), parents.append(branch)
                colours.append(colour), hovers.append(f"{system}: {T.text('llm_and_genai' if is_llm else 'genai_not_llm')}")
    fig = go.Figure(
        go.Sunburst(
            ids=ids, labels=labels, parents=parents, marker={"colors": colours}, hovertext=hovers,
            hoverinfo="label+text", insidetextorientation="radial", insidetextfont={"size": 15},
        )
    )
    fig.update_layout(
        height=760, margin={"t": 50, "l": 0, "r": 0, "b": 0}, font=FONT,
        title={"text": T.text("sunburst_title", colour=LLM_COLOUR), "font": {"size": 18}}, **plot_language(),
    )
    return fig


# MAST (Cemri et al., "Why Do Multi-Agent LLM Systems Fail?", arXiv 2503.13657).
MAST_CATEGORIES = ("FC1 Specification / system design", "FC2 Inter-agent misalignment", "FC3 Task verification")
MAST_SHARES = {
    "Early version (arXiv, 200+ hand-annotated traces)": (41.8, 36.9, 21.3),
    "Published version (NeurIPS 2025, 1,642 traces, 7 frameworks, κ = 0.88)": (44.2, 32.3, 23.5),
}
MAST_MODES = {
    MAST_CATEGORIES[0]: ("1.1 Disobey task specification", "1.2 Disobey role specification", "1.3 Step repetition",
                         "1.4 Loss of conversation history", "1.5 Unaware of termination conditions"),
    MAST_CATEGORIES[1]: ("2.1 Conversation reset", "2.2 Fail to ask for clarification", "2.3 Task derailment",
                         "2.4 Information withholding", "2.5 Ignored other agent's input", "2.6 Reasoning-action mismatch"),
    MAST_CATEGORIES[2]: ("3.1 Premature termination", "3.2 No or incomplete verification", "3.3 Incorrect verification"),
}


def mast_chart() -> go.Figure:
    fig = go.Figure()
    for (version, shares), name, colour in zip(MAST_SHARES.items(), ("mast_early", "mast_published"), ("#9ecae1", "#3182bd")):
        hover = ["<br>".join(MAST_MODES[c]) for c in MAST_CATEGORIES]
        fig.add_bar(
            y=[T.text(c) for c in MAST_CATEGORIES], x=list(shares), name=T.text(name), orientation="h", marker_color=colour,
            text=[f"{number(s, '.1f')} %" for s in shares], textposition="outside", hovertext=hover, textfont={"size": 16},
        )
    fig.update_layout(
        barmode="group", height=440, font=FONT, margin={"l": 10, "r": 30, "t": 60, "b": 10},
        title={"text": T.text("mast_title"), "font": {"size": 18}},
        xaxis={"title": T.text("mast_axis"), "range": [0, 55]},
        yaxis={"autorange": "reversed"}, legend={"orientation": "h", "y": -0.2}, **plot_language(),
    )
    return fig


def mast_modes_markdown() -> str:
    """The 14 modes as a table, one column per category."""
    columns = list(MAST_MODES.values())
    rows = max(map(len, columns))
    header = "| " + " | ".join(T.text(c) for c in MAST_CATEGORIES) + " |\n|" + "---|" * len(columns)
    body = ["| " + " | ".join(c[i] if i < len(c) else "" for c in columns) + " |" for i in range(rows)]
    return "\n".join([header, *body])


def advice_chart(ranking) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=[a.score for a in ranking], y=[a.family for a in ranking], orientation="h",
            marker_color=[FAMILY_COLOURS[a.family] for a in ranking],
            text=[number(a.score, ".1f") for a in ranking], textposition="auto", textfont={"size": 16},
            hovertext=[reason(a) for a in ranking], hoverinfo="text",
        )
    )
    fig.update_layout(
        height=360, font=FONT, margin={"l": 10, "r": 10, "t": 50, "b": 10}, yaxis={"autorange": "reversed"},
        title={"text": T.text("fit_title"), "font": {"size": 18}}, **plot_language(),
    )
    return fig


def reason(advice) -> str:
    """``Advice.reason`` in the request's language: the strongest reason for and, if any, against."""
    pro, con = advice.lines()
    if language() == "de":
        pro, con = REASONS_DE[pro], con and REASONS_DE[con]
    return T.text("but", pro=pro, con=con) if con else pro


def advice_markdown(ranking) -> str:
    lines = [f"{i}. **{a.family}** ({number(a.score, '.1f')}): {reason(a)}." for i, a in enumerate(ranking, 1)]
    return T.text("best_first") + "\n" + "\n".join(lines) + "\n\n" + T.text("score_rule")


NERF_RENDER_NOTES = {"supported": "nerf_render_supported", "refuted": "nerf_render_refuted", "undecided": "nerf_render_undecided"}


def nerf_rendering_note() -> str:
    """What the Compare tab measured about NeRF's rendering speed, for the families table."""
    row = nerf_rendering_claim()
    if row is None or row["verdict"] not in NERF_RENDER_NOTES:  # no measurement files, or not measured
        return T.text("nerf_render_unmeasured")
    values = row["numbers"]
    return T.text(NERF_RENDER_NOTES[row["verdict"]], view=number(values["nerf_view"], ".0f"),
                  pixel=number(values["nerf_pixel"], ".0f"), slowest=number(values["slowest_pixel"], ".0f"))


def unbroken(text: str) -> str:
    """Table cell text whose hyphenated words never wrap at the hyphen (a non-breaking hyphen)."""
    return text.replace("-", "\u2011")


def both_languages(make) -> dict[str, str]:
    """``make()`` in every language, for a text that ``T.filled`` puts in the layout."""
    made = {}
    for lang in LANGUAGES:
        with speaking(lang):
            made[lang] = make()
    return made


def families_table() -> str:
    """The five families at a glance, in the request's language, with NeRF's measured rendering speed."""
    rows = []
    for name in FAMILIES:
        how, strengths, weaknesses, use_when = family_texts(name)
        if name == "NeRF":
            weaknesses = f"{weaknesses}; {nerf_rendering_note()}"
        rows.append(f"| **{name}** | " + " | ".join(unbroken(t) for t in (how, strengths, weaknesses, use_when)) + " |")
    return T.text("glance_header") + "\n|---|---|---|---|---|\n" + "\n".join(rows)


# Tables whose cells wrap between words only: Gradio's prose lets a narrow column break inside a word.
WHOLE_WORDS_CSS = """<style>
.whole-words table td, .whole-words table th { overflow-wrap: normal !important; word-break: normal !important; }
</style>"""


DEFAULT_NEEDS = ("image", "moderate", "moderate", False, True, False)


@user_errors
def run_advisor(modality, data, compute, fast_generation, fine_detail, photos_to_3d):
    ranking = advise(modality, data, compute, fast_generation, fine_detail, photos_to_3d)
    return advice_markdown(ranking), advice_chart(ranking)


def build() -> None:
    with gr.Tab(T("tab"), id="overview"):
        gr.HTML(WHOLE_WORDS_CSS)
        explain(T("intro"))
        initial(genai_sunburst, gr.Plot, label=T("sunburst"), elem_id="genai-sunburst")
        gr.Markdown(T("differences"), elem_classes=["whole-words"])

        gr.Markdown(T("which"))
        with gr.Row():
            with gr.Column(scale=1):
                modality = gr.Radio([(T(m), m) for m in MODALITIES], value=DEFAULT_NEEDS[0], label=T("modality"))
                data = gr.Radio([(T(a), a) for a in AMOUNTS], value=DEFAULT_NEEDS[1], label=T("data"))
                compute = gr.Radio([(T(a), a) for a in AMOUNTS], value=DEFAULT_NEEDS[2], label=T("compute"))
                fast = gr.Checkbox(value=DEFAULT_NEEDS[3], label=T("fast"))
                detail = gr.Checkbox(value=DEFAULT_NEEDS[4], label=T("detail"))
                photos = gr.Checkbox(value=DEFAULT_NEEDS[5], label=T("photos"))
                button = gr.Button(T("rank"), variant="primary")
            with gr.Column(scale=2):
                ranking_md = initial(lambda: run_advisor(*DEFAULT_NEEDS)[0], gr.Markdown, elem_id="advisor-ranking")
                ranking_plot = initial(lambda: run_advisor(*DEFAULT_NEEDS)[1], gr.Plot, label=T("fit"), elem_id="advisor-chart")
        setup_link("overview", modality=modality, data=data, compute=compute, fast=fast, detail=detail, photos=photos)
        inputs = [modality, data, compute, fast, detail, photos]
        lesson_presets("overview", APP("presets"), inputs, {
            "3D from a few photos · 3D aus wenigen Fotos": ["3D", "little", "moderate", False, True, True],
            "Sharp images in real time, little compute · Scharfe Bilder in Echtzeit, wenig Rechenleistung": ["image", "moderate", "little", True, True, False],
            "A chat assistant · Ein Chat-Assistent": ["text", "lots", "lots", False, False, False],
        }, run_advisor)
        button.click(run_advisor, inputs, [ranking_md, ranking_plot], api_name="advise")
        for control in inputs:
            control.change(run_advisor, inputs, [ranking_md, ranking_plot], api_visibility="private")
        with gr.Accordion(T("glance"), open=False):
            gr.Markdown(T.filled("table", table=both_languages(families_table)), elem_classes=["whole-words"],
                        elem_id="families-table")

        gr.Markdown(T("agents"))
        explain(T("mast"))
        initial(mast_chart, gr.Plot, label=T("mast_chart"), elem_id="mast-chart")
        gr.Markdown(T("modes"))
        gr.Markdown(T.filled("table", table=both_languages(mast_modes_markdown)), elem_classes=["whole-words"])
