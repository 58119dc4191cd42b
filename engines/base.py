"""The contract every family engine follows: lazy load, a stream of frames, a result."""

from __future__ import annotations

import threading
import weakref
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

import numpy as np


@dataclass
class Frame:
    """One visible step of a generation or training run.

    ``image`` holds the current output as numpy data the UI can draw: float in
    [0, 1] or uint8, shaped (H, W), (H, W, 3) or (N, H, W[, 3]) for a batch.
    Text engines leave it None and put tokens and probabilities in ``data``.
    """

    step: int  # 0-based index of this step
    total: int  # number of steps in the run
    image: np.ndarray | None = None  # the current output
    preview: np.ndarray | None = None  # e.g. the predicted clean image x̂0
    metrics: dict[str, float] = field(default_factory=dict)  # numbers to plot or print
    data: dict[str, Any] = field(default_factory=dict)  # family-specific extras

    @property
    def done(self) -> bool:
        return self.step + 1 >= self.total


class Engine(ABC):
    """Base class of a family engine.

    Subclasses set ``family``, implement ``_load`` (build and return the model)
    and ``stream``. ``self.model`` loads on first use; ``load`` is thread-safe
    and idempotent so concurrent users never build the same model twice.
    """

    family: ClassVar[str]

    def __init__(self, model_key: str | None = None):
        self.model_key = model_key
        self._model: Any = None
        self._lock = threading.Lock()

    @abstractmethod
    def _load(self) -> Any:
        """Build the model (heavy). Called once, under the lock."""

    @abstractmethod
    def stream(self, **params) -> Iterator[Frame]:
        """Yield one Frame per visible step; the last frame holds the final output."""

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    @property
    def model(self) -> Any:
        return self.load()

    def result(self, **params) -> Frame:
        """Run ``stream`` to the end and return its final frame."""
        last = None
        for last in self.stream(**params):
            pass
        if last is None:
            raise RuntimeError(f"{type(self).__name__}.stream yielded no frame")
        return last


E = TypeVar("E", bound=Engine)
_engines: dict[tuple[type, str | None], Engine] = {}
_engines_lock = threading.Lock()


def get_engine(cls: type[E], model_key: str | None = None) -> E:
    """The process-wide instance of an engine class for a model: models load once and are shared."""
    key = (cls, model_key)
    with _engines_lock:
        if key not in _engines:
            _engines[key] = cls(model_key)
        return _engines[key]  # type: ignore[return-value]


def one_per_engine(make: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``engine -> make(engine)``, made once per engine (engines are shared per process, so is what belongs to them)."""
    made: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    lock = threading.Lock()

    def get(engine):
        with lock:
            if engine not in made:
                made[engine] = make(engine)
            return made[engine]

    return get


class Once:
    """Values made once per key, however many threads ask for the same one at once: the first makes it, the
    others wait and get the same value (``gr.cache`` would make it once per asker until the first finished).
    At most ``max_entries`` are kept, the least recently used dropped first; a kept value that ``still_good``
    rejects (a file cleaned up meanwhile) is made again."""

    def __init__(self, max_entries: int = 2048):
        self.max_entries = max_entries
        self._lock = threading.Lock()  # guards the two dicts
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._making: dict[Hashable, list] = {}  # key -> [its lock, how many hold or wait for it]
        self.made = 0  # values made (tests read it)

    def get(self, key: Hashable, make: Callable[[], Any], still_good: Callable[[Any], bool] = lambda value: True) -> Any:
        with self._lock:
            making = self._making.setdefault(key, [threading.Lock(), 0])
            making[1] += 1
        try:
            with making[0]:  # one maker per key; the rest wait here, then find the value
                with self._lock:
                    if key in self._values and still_good(self._values[key]):
                        self._values.move_to_end(key)
                        return self._values[key]
                value = make()  # a failure reaches this asker; the next one tries again
                with self._lock:
                    self._values[key] = value
                    self._values.move_to_end(key)
                    while len(self._values) > self.max_entries:
                        self._values.popitem(last=False)
                    self.made += 1
                return value
        finally:
            with self._lock:
                making[1] -= 1
                if not making[1]:
                    del self._making[key]
