"""Model-family engines: the compute side of GenAI Lab.

Every family engine follows one small contract (see ``engines.base``):

* ``load()``   -- lazy and idempotent; the heavy model is built once per process,
                  under a lock, and shared by every user (``get_engine``).
* ``stream(**params)`` -- a generator of ``Frame`` objects, one per visible step
                  (a denoising step, a generated token, a training step...).
* ``result(**params)`` -- the last frame of ``stream``: the final output.

Engines never import gradio or plotly. They take plain Python values, validate
them (raising ``UserInputError`` with a message fit for a student), and yield
plain data: numpy arrays and dicts of metrics. The ``ui`` package turns those
into figures and wires them to Gradio.
"""

import os

# Several threads run torch at once here (Gradio's workers, the diffusion batcher). With OpenMP's default
# wait policy each idle thread team keeps spinning on the cores a busy one needs: a diffusion run in a
# second thread took 25 % longer (4.2 s vs 3.4 s) on the 2-core machine. Read once, when torch loads OpenMP.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
