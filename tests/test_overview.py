"""Overview tab: the advisor's rankings, the figures, and the live `advise` endpoint."""

from __future__ import annotations

import pytest

from engines.errors import UserInputError
from engines.families import FAMILIES, advise
from ui import overview

SCENARIOS = [
    # (modality, data, compute, fast, detail, 3D from photos) -> expected top family
    (("3D", "little", "moderate", False, False, True), "NeRF"),
    (("text", "lots", "lots", False, False, False), "Transformer"),
    (("image", "little", "little", False, False, False), "VAE"),  # little data, blur acceptable
    (("image", "lots", "lots", False, True, False), "Diffusion"),
    (("image", "moderate", "lots", True, True, False), "GAN"),  # fast and sharp
]


@pytest.mark.parametrize("needs, top", SCENARIOS)
def test_advisor_top_choice(needs, top):
    ranking = advise(*needs)
    assert ranking[0].family == top
    assert sorted(a.family for a in ranking) == sorted(FAMILIES)
    assert [a.score for a in ranking] == sorted((a.score for a in ranking), reverse=True)


def test_every_rank_has_a_reason_from_the_brief():
    for needs, _ in SCENARIOS:
        for advice in advise(*needs):
            assert advice.reason and advice.reasons


def test_needs_move_the_ranking():
    base = {a.family: a.score for a in advise("image", "moderate", "moderate", False, False, False)}
    fast = {a.family: a.score for a in advise("image", "moderate", "moderate", True, False, False)}
    assert fast["GAN"] > base["GAN"] and fast["Diffusion"] < base["Diffusion"]


@pytest.mark.parametrize(
    "needs",
    [
        ("smell", "lots", "lots", False, False, False),
        ("image", None, "lots", False, False, False),
        ("image", "lots", "infinite", False, False, False),
        ("image", "lots", "lots", "yes", False, False),
    ],
)
def test_advisor_refuses_bad_input(needs):
    with pytest.raises(UserInputError):
        advise(*needs)


def test_figures_are_not_blank():
    sunburst = overview.genai_sunburst().data[0]
    assert len(sunburst.ids) == len(set(sunburst.ids)) > 20
    assert sum("GPT-4o" in i for i in sunburst.ids) >= 2  # in text and in image
    mast = overview.mast_chart().data
    assert [list(t.x) for t in mast] == [[41.8, 36.9, 21.3], [44.2, 32.3, 23.5]]
    assert sum(len(m) for m in overview.MAST_MODES.values()) == 14


@pytest.mark.parametrize("needs, top", SCENARIOS[:3])
def test_advise_through_the_live_app(client, needs, top):
    markdown, _chart = client.predict(*needs, api_name="/advise")
    first = markdown.split("\n1. ")[1]
    assert first.startswith(f"**{top}**")


def test_bad_advise_input_is_a_clear_error_and_the_server_keeps_serving(client):
    from gradio_client.exceptions import AppError

    for needs in [("image", "lots", "lots", None, False, False), ("smell", "lots", "lots", False, False, False)]:
        with pytest.raises(AppError) as info:
            client.predict(*needs, api_name="/advise")
        assert "Traceback" not in str(info.value)
    markdown, _ = client.predict(*SCENARIOS[0][0], api_name="/advise")
    assert "**NeRF**" in markdown
