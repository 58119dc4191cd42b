"""'Copy this setup': a link whose query parameters reproduce a tab's settings.

A tab calls ``setup_link("gan", digit=digit, seed=seed, ...)`` inside its layout: that adds a button and a
copyable link (built in the browser from the current values, with ``lang=de`` when the page is German).
app.py calls ``apply_on_load(blocks, tabs)`` once: opening ``/?tab=gan&digit=3&seed=7`` selects the tab and
fills those settings. Values are checked against each component's own range and choices; anything
unknown or out of range is ignored, so a link can never break the page.
"""

from __future__ import annotations

import json
import math

import gradio as gr

from ui.locales.app import T

SETUPS: dict[str, dict[str, gr.components.Component]] = {}
ROWS: dict[str, int] = {}  # link rows per tab, for unique element ids
MAX_TEXT = 2000


def setup_link(tab_id: str, **components: gr.components.Component) -> None:
    """A 'copy this setup' row for a tab's settings, named as they appear in the link."""
    row = ROWS[tab_id] = ROWS.get(tab_id, 0) + 1
    suffix = tab_id if row == 1 else f"{tab_id}-{row}"
    SETUPS.setdefault(tab_id, {}).update(components)
    names = list(components)
    js = f"""(...values) => {{
  const url = new URL(location.origin + location.pathname);
  url.searchParams.set("tab", {json.dumps(tab_id)});
  const names = {json.dumps(names)};
  names.forEach((name, i) => {{ if (values[i] !== null && values[i] !== undefined) url.searchParams.set(name, values[i]); }});
  if ((document.documentElement.lang || "en") !== "en") url.searchParams.set("lang", document.documentElement.lang);
  return url.toString();
}}"""
    with gr.Row(elem_classes=["setup-link"]):
        button = gr.Button(T("share_button"), size="sm", scale=0, min_width=260, elem_id=f"share-{suffix}")
        link = gr.Textbox(label=T("share"), info=T("share_info"), buttons=["copy"], interactive=False,
                          elem_id=f"share-link-{suffix}", scale=3)
    button.click(None, list(components.values()), link, js=js, api_name=False)


def _choices(component) -> list:
    return [c[1] if isinstance(c, (list, tuple)) else c for c in (component.choices or [])]


def parse(component: gr.components.Component, raw: str):
    """A query value for ``component``, checked like a user's input; ``gr.skip()`` when it does not fit."""
    try:
        if isinstance(component, (gr.Slider, gr.Number)):
            x = float(raw)
            lo, hi = getattr(component, "minimum", None), getattr(component, "maximum", None)
            if not math.isfinite(x) or (lo is not None and x < lo) or (hi is not None and x > hi):
                return gr.skip()
            step = getattr(component, "step", None)
            whole = getattr(component, "precision", None) == 0 or (step is not None and float(step).is_integer()
                                                                    and lo is not None and float(lo).is_integer())
            return int(round(x)) if whole else x
        if isinstance(component, gr.Checkbox):
            return {"true": True, "false": False}.get(raw.lower(), gr.skip())
        if isinstance(component, (gr.Dropdown, gr.Radio)):
            matches = [c for c in _choices(component) if str(c) == raw]
            return matches[0] if matches else gr.skip()
        if isinstance(component, gr.Textbox):
            return raw if len(raw) <= MAX_TEXT else gr.skip()
    except (TypeError, ValueError):
        pass
    return gr.skip()


def apply_on_load(blocks: gr.Blocks, tabs: gr.Tabs) -> None:
    """On page load, select ``?tab=`` and fill that tab's settings from the query parameters."""
    outputs = [tabs] + [c for setup in SETUPS.values() for c in setup.values()]

    def apply(request: gr.Request):
        params = dict(request.query_params) if request is not None else {}
        chosen = params.get("tab")
        updates = [gr.Tabs(selected=chosen) if chosen in SETUPS else gr.skip()]
        for tab_id, setup in SETUPS.items():
            for name, component in setup.items():
                updates.append(parse(component, params[name]) if tab_id == chosen and name in params else gr.skip())
        return updates

    blocks.load(apply, None, outputs, api_name=False, show_progress="hidden")
