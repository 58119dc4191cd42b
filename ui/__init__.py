"""Gradio tabs: one module per tab, each with a ``build()`` that creates and wires its components.

Figures are pure functions from engine frames to plotly figures or PIL images.
Nothing here touches torch: the engines do the compute.
"""
