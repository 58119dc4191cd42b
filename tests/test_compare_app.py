"""The Compare tab through gradio_client on the live app, as an API user calls it."""

from __future__ import annotations

import pytest
from PIL import Image

from engines import claims
from ui.compare import CLAIM_COLUMNS, SWEEP_KEYS, TABLE_COLUMNS, T


@pytest.mark.slow
def test_compare_run_draws_the_digit_now_and_keeps_the_measured_numbers(client):
    picture, llm_text, status = client.predict(digit=3, n=4, seed=1, api_name="/compare_run")
    with Image.open(picture) as im:
        assert im.width > 3 * im.height / 2  # three labelled columns side by side
    assert "handwritten three" in llm_text
    shipped = client.predict(api_name="/compare_shipped")
    table, shipped_text, shipped_status = shipped[1], shipped[2], shipped[6]
    assert table["headers"] == TABLE_COLUMNS
    assert [row[0] for row in table["data"]] == ["VAE", "GAN", "Diffusion", "LLM (transformer)", "NeRF"]
    ms = TABLE_COLUMNS.index("ms per output")
    assert all(float(row[ms]) > 0 for row in table["data"])  # every family timed
    # the same measured numbers in the answer's box as in the table; the status line says what was drawn now
    assert llm_text.split("> ")[1].split("\n")[0] != "" and llm_text.split("\n\n", 2)[2] == shipped_text.split("\n\n", 2)[2]
    assert status.startswith(shipped_status) and "just made for digit 3 (n = 4, seed 1)" in status


@pytest.mark.slow
def test_compare_claims_returns_every_claim_with_difference_interval_n_and_verdict(client):
    table = client.predict(api_name="/compare_claims")
    assert table["headers"] == CLAIM_COLUMNS
    column = {name: i for i, name in enumerate(CLAIM_COLUMNS)}
    assert [row[0] for row in table["data"]] == [T.en(f"claim_{c.key}") for c in claims.CLAIMS]
    verdicts = [row[column["verdict"]] for row in table["data"]]
    assert set(verdicts) <= {"supported", "refuted", "undecided", "pending"} and verdicts[-1] == "pending"
    for row in table["data"][:-1]:
        lo, hi = (float(x.replace(",", "")) for x in row[column["95 % interval"]].split(" … "))
        assert lo <= float(row[column["difference"]]) <= hi and int(row[column["n"]]) > 0
        assert (row[column["verdict"]] == "supported") == (lo > 0)  # the rule, read back from the numbers shown


@pytest.mark.slow
def test_compare_sweep_returns_both_sweeps_with_intervals(client):
    table = client.predict(api_name="/compare_sweep")
    assert table["headers"] == list(SWEEP_KEYS)
    sweeps = [(row[0], float(row[1])) for row in table["data"]]
    assert sweeps == [("steps", s) for s in claims.STEP_SWEEP] + [("guidance", g) for g in claims.GUIDANCE_SWEEP]
    fid, lo, hi = (SWEEP_KEYS.index(k) for k in ("fid", "fid_lo", "fid_hi"))
    assert all(float(r[lo]) <= float(r[fid]) <= float(r[hi]) for r in table["data"])


@pytest.mark.slow
@pytest.mark.parametrize("digit, n, seed, match", [(3, 1, 0, "minimum|Number of samples"), (3, 500, 0, "maximum|Number of samples"),
                                                   (3, 4, -1, "eed")])
def test_bad_input_gets_a_clear_error(client, digit, n, seed, match):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=match):
        client.predict(digit=digit, n=n, seed=seed, api_name="/compare_run")
