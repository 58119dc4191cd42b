"""The Compare tab through gradio_client on the live app, as an API user calls it."""

from __future__ import annotations

import pytest
from PIL import Image

from engines import claims
from ui.compare import CLAIM_COLUMNS, TABLE_COLUMNS


@pytest.mark.slow
def test_compare_run_returns_the_picture_then_one_row_per_family(client):
    picture, table, llm_text, quality, cost = client.predict(digit=3, n=4, seed=1, api_name="/compare_run")
    with Image.open(picture) as im:
        assert im.width > 3 * im.height / 2  # three labelled columns side by side
    assert table["headers"] == TABLE_COLUMNS
    assert [row[0] for row in table["data"]] == ["VAE", "GAN", "Diffusion", "LLM (transformer)", "NeRF"]
    assert all(float(row[3]) > 0 for row in table["data"])  # every family timed now
    assert "handwritten three" in llm_text


@pytest.mark.slow
def test_compare_claims_returns_every_claim_with_a_verdict(client):
    table = client.predict(api_name="/compare_claims")
    assert table["headers"] == CLAIM_COLUMNS
    assert [row[0] for row in table["data"]] == [c.text for c in claims.CLAIMS]
    assert {row[1] for row in table["data"]} <= {claims.SUPPORTED, claims.NOT_SUPPORTED}


@pytest.mark.slow
@pytest.mark.parametrize("digit, n, seed, match", [(3, 1, 0, "minimum|Number of samples"), (3, 500, 0, "maximum|Number of samples"),
                                                   (3, 4, -1, "eed")])
def test_bad_input_gets_a_clear_error(client, digit, n, seed, match):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=match):
        client.predict(digit=digit, n=n, seed=seed, api_name="/compare_run")
