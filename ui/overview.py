"""Overview tab: GenAI vs LLM, which family fits a task, and how multi-agent LLM systems fail."""

from __future__ import annotations

import gradio as gr
import plotly.graph_objects as go

from engines.families import AMOUNTS, FAMILIES, MODALITIES, advise
from ui.common import explain, lesson_presets, user_errors
from ui.locales.app import T as APP
from ui.i18n import initial, language
from ui.locales.overview import REASONS_DE, T
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
            hovers.append(T.text("is_llm" if is_llm else "not_llm") + FAMILIES[family].how)
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
        title={"text": T.text("sunburst_title", colour=LLM_COLOUR), "font": {"size": 18}},
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
            y=list(MAST_CATEGORIES), x=list(shares), name=T.text(name), orientation="h", marker_color=colour,
            text=[f"{s:.1f}%" for s in shares], textposition="outside", hovertext=hover, textfont={"size": 16},
        )
    fig.update_layout(
        barmode="group", height=440, font=FONT, margin={"l": 10, "r": 30, "t": 60, "b": 10},
        title={"text": T.text("mast_title"), "font": {"size": 18}},
        xaxis={"title": T.text("mast_axis"), "range": [0, 55]},
        yaxis={"autorange": "reversed"}, legend={"orientation": "h", "y": -0.2},
    )
    return fig


def mast_modes_markdown() -> str:
    """The 14 modes as a table, one column per category."""
    columns = list(MAST_MODES.values())
    rows = max(map(len, columns))
    header = "| " + " | ".join(MAST_CATEGORIES) + " |\n|" + "---|" * len(columns)
    body = ["| " + " | ".join(c[i] if i < len(c) else "" for c in columns) + " |" for i in range(rows)]
    return "\n".join([header, *body])


def advice_chart(ranking) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=[a.score for a in ranking], y=[a.family for a in ranking], orientation="h",
            marker_color=[FAMILY_COLOURS[a.family] for a in ranking],
            text=[f"{a.score:+.1f}" for a in ranking], textposition="auto", textfont={"size": 16},
            hovertext=[reason(a) for a in ranking],
        )
    )
    fig.update_layout(
        height=360, font=FONT, margin={"l": 10, "r": 10, "t": 50, "b": 10}, yaxis={"autorange": "reversed"},
        title={"text": T.text("fit_title"), "font": {"size": 18}},
    )
    return fig


def reason(advice) -> str:
    """``Advice.reason`` in the request's language: the strongest reason for and, if any, against."""
    german = language() == "de"
    why = [(pts, REASONS_DE[text] if german else text) for pts, text in advice.reasons]
    pros, cons = [w for pts, w in why if pts > 0], [w for pts, w in why if pts < 0]
    line = pros[0] if pros else T.text("poor_fit")
    return T.text("but", pro=line, con=cons[0]) if cons else line


def advice_markdown(ranking) -> str:
    lines = [f"{i}. **{a.family}** ({a.score:+.1f}): {reason(a)}." for i, a in enumerate(ranking, 1)]
    return T.text("best_first") + "\n" + "\n".join(lines)


DEFAULT_NEEDS = ("image", "moderate", "moderate", False, True, False)


@user_errors
def run_advisor(modality, data, compute, fast_generation, fine_detail, photos_to_3d):
    ranking = advise(modality, data, compute, fast_generation, fine_detail, photos_to_3d)
    return advice_markdown(ranking), advice_chart(ranking)


def build() -> None:
    with gr.Tab(T("tab"), id="overview"):
        explain(T("intro"))
        initial(genai_sunburst, gr.Plot, label=T("sunburst"), elem_id="genai-sunburst")
        gr.Markdown(T("differences"))

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
            gr.Markdown(
                T("glance_header") + "\n|---|---|---|---|---|\n"
                + "\n".join(f"| **{f.name}** | {f.how} | {f.strengths} | {f.weaknesses} | {f.use_when} |"
                            for f in FAMILIES.values())
            )

        gr.Markdown(T("agents"))
        explain(T("mast"))
        initial(mast_chart, gr.Plot, label=T("mast_chart"), elem_id="mast-chart")
        gr.Markdown(T("modes") + "\n\n" + mast_modes_markdown())
