"""NeRF: from photos with known camera poses to new views, ray by ray.

Everything a NeRF does is here, in plain torch:
* rays: one per pixel, from the camera pose (OpenGL convention: the camera looks down -z, y up);
* samples: points along each ray, only inside the object's known bounding box (stratified);
* a field: position -> (density sigma, colour). Two kinds share everything else:
  ``NerfMLP`` (positional encoding + MLP, the original NeRF; trained offline by
  scripts/train_nerf.py) and ``GridField`` (a dense voxel grid sampled trilinearly, the
  Plenoxels/DVGO idea; trains in seconds, used for live training in the tab);
* volume rendering: T_i = prod_{j<i} (1 - alpha_j), alpha_i = 1 - exp(-sigma_i delta_i),
  w_i = T_i alpha_i, pixel = sum_i w_i c_i + (1 - sum_i w_i) * background.
"""

from __future__ import annotations

import dataclasses
import json
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from huggingface_hub import PyTorchModelHubMixin
from torch import nn

from engines import validate
from engines.base import Engine, Frame
from engines.device import pick_device
from engines.registry import ASSETS, embedded_dir, models

DATA = ASSETS / "nerf" / "duck.npz"
BACKGROUND = 1.0  # the photos have a white background
MIN_DISTANCE, MAX_DISTANCE = 0.5, 3.0
VALIDATION_VIEWS = 4  # of the 12 held-out views; the other 8 are the test views
RENDER_SAMPLES = 48  # samples per ray inside the box, as in training  # camera distance, in multiples of the photos' radius


# --------------------------------------------------------------------------- data
@dataclass
class Dataset:
    images: np.ndarray  # (N, H, W, 3) float32 in [0, 1]
    poses: np.ndarray  # (N, 4, 4) float32 camera-to-world
    n_train: int  # the first n_train views train; the rest are held out (validation, then test)
    focal: float  # pixels
    radius: float  # distance of the photos' cameras from the object centre
    bbox: np.ndarray  # (2, 3) object bounding box (min, max), world units

    @property
    def size(self) -> tuple[int, int]:
        return self.images.shape[1], self.images.shape[2]

    @property
    def train(self) -> slice:
        return slice(0, self.n_train)

    @property
    def validation(self) -> slice:
        """The first VALIDATION_VIEWS held-out views: the training script chooses its checkpoint on these."""
        return slice(self.n_train, self.n_train + VALIDATION_VIEWS)

    @property
    def test(self) -> slice:
        """The other held-out views: reported PSNR comes from these only, never seen by any choice."""
        return slice(self.n_train + VALIDATION_VIEWS, len(self.images))

    def with_training_views(self, n: int) -> Dataset:
        """The same held-out views, but only ``n`` of the training views, spread evenly over the photos."""
        if not 1 <= n <= self.n_train:
            raise ValueError(f"training views must be in 1..{self.n_train}, not {n}")
        keep = np.unique(np.linspace(0, self.n_train - 1, n).round().astype(int))
        rows = np.concatenate([keep, np.arange(self.n_train, len(self.images))])
        return dataclasses.replace(self, images=self.images[rows], poses=self.poses[rows], n_train=len(keep))


def load_dataset(path: Path = DATA) -> Dataset:
    with np.load(path) as d:
        return Dataset(
            images=d["images"].astype(np.float32) / 255.0,
            poses=d["poses"].astype(np.float32),
            n_train=int(d["n_train"]),
            focal=float(d["focal"]),
            radius=float(d["radius"]),
            bbox=d["bbox"].astype(np.float32),
        )


# --------------------------------------------------------------------------- cameras and rays
def look_at(eye: np.ndarray, target=(0.0, 0.0, 0.0), up=(0.0, 0.0, 1.0)) -> np.ndarray:
    """Camera-to-world matrix of a camera at ``eye`` looking at ``target`` (same as pybullet's view)."""
    eye, target, up = (np.asarray(v, np.float64) for v in (eye, target, up))
    back = eye - target
    back /= np.linalg.norm(back)
    right = np.cross(up, back)
    if np.linalg.norm(right) < 1e-8:  # looking straight up or down: any right vector will do
        right = np.cross((0.0, 1.0, 0.0), back)
    right /= np.linalg.norm(right)
    cam_up = np.cross(back, right)
    pose = np.eye(4)
    pose[:3, 0], pose[:3, 1], pose[:3, 2], pose[:3, 3] = right, cam_up, back, eye
    return pose.astype(np.float32)


def orbit_pose(azimuth: float, elevation: float, distance: float) -> np.ndarray:
    """Pose on the sphere around the origin; angles in degrees, distance in world units."""
    az, el = math.radians(azimuth), math.radians(elevation)
    eye = distance * np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])
    return look_at(eye)


def pixel_directions(height: int, width: int, focal: float, xs=None, ys=None) -> torch.Tensor:
    """Camera-space directions through pixel centres (OpenGL: x right, y up, looking down -z)."""
    if xs is None:
        ys, xs = torch.meshgrid(torch.arange(height, dtype=torch.float32), torch.arange(width, dtype=torch.float32), indexing="ij")
    xs, ys = torch.as_tensor(xs, dtype=torch.float32), torch.as_tensor(ys, dtype=torch.float32)
    return torch.stack([(xs + 0.5 - width / 2) / focal, -(ys + 0.5 - height / 2) / focal, -torch.ones_like(xs)], -1)


def get_rays(pose, height: int, width: int, focal: float, xs=None, ys=None) -> tuple[torch.Tensor, torch.Tensor]:
    """World-space ray origins and unit directions, shaped like the pixels asked for (+ 3)."""
    pose = torch.as_tensor(pose, dtype=torch.float32)
    dirs = pixel_directions(height, width, focal, xs, ys) @ pose[:3, :3].T
    dirs = dirs / dirs.norm(dim=-1, keepdim=True)
    return pose[:3, 3].expand_as(dirs), dirs


def project(points, pose, height: int, width: int, focal: float) -> np.ndarray:
    """World points (..., 3) -> pixel coordinates (..., 2) as (x, y); the inverse of get_rays."""
    w2c = np.linalg.inv(np.asarray(pose, np.float64))
    cam = np.asarray(points, np.float64) @ w2c[:3, :3].T + w2c[:3, 3]
    x = cam[..., 0] / -cam[..., 2] * focal + width / 2 - 0.5
    y = -cam[..., 1] / -cam[..., 2] * focal + height / 2 - 0.5
    return np.stack([x, y], -1)


def box_intersect(origins: torch.Tensor, dirs: torch.Tensor, bbox: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Slab test: entry and exit distances of each ray through the box, and whether it hits it."""
    inv = 1.0 / torch.where(dirs.abs() < 1e-9, torch.full_like(dirs, 1e-9), dirs)
    t0, t1 = (bbox[0] - origins) * inv, (bbox[1] - origins) * inv
    t_near = torch.minimum(t0, t1).amax(-1).clamp(min=0.0)
    t_far = torch.maximum(t0, t1).amin(-1)
    return t_near, t_far, t_far > t_near


def sample_along(t_near: torch.Tensor, t_far: torch.Tensor, n: int, perturb: bool) -> torch.Tensor:
    """n stratified distances per ray between t_near and t_far: (R,) -> (R, n)."""
    bins = torch.linspace(0.0, 1.0, n + 1, device=t_near.device)
    offset = torch.rand(*t_near.shape, n, device=t_near.device) if perturb else torch.full((*t_near.shape, n), 0.5, device=t_near.device)
    u = bins[:-1] + (bins[1:] - bins[:-1]) * offset
    return t_near[..., None] + (t_far - t_near)[..., None] * u


# --------------------------------------------------------------------------- volume rendering
def render_weights(sigma: torch.Tensor, t: torch.Tensor, t_far: torch.Tensor) -> dict[str, torch.Tensor]:
    """Volume-rendering quantities along rays: sigma, t (R, S) and each ray's exit t_far (R,)."""
    delta = torch.cat([t[..., 1:] - t[..., :-1], (t_far[..., None] - t[..., -1:]).clamp(min=0)], -1)  # (R, S)
    alpha = 1.0 - torch.exp(-sigma * delta)
    # T_i = prod_{j<i} (1 - alpha_j): how much light survives to sample i.
    transmittance = torch.cumprod(torch.cat([torch.ones_like(alpha[..., :1]), 1.0 - alpha + 1e-10], -1), -1)[..., :-1]
    return {"delta": delta, "alpha": alpha, "transmittance": transmittance, "weights": transmittance * alpha}


def composite(weights: torch.Tensor, rgb: torch.Tensor, t: torch.Tensor, background: float = BACKGROUND) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Pixel colour (R, 3), expected depth (R,) and opacity (R,) from weights (R, S) and colours (R, S, 3)."""
    opacity = weights.sum(-1)
    colour = (weights[..., None] * rgb).sum(-2) + (1.0 - opacity[..., None]) * background
    depth = (weights * t).sum(-1) / opacity.clamp(min=1e-6)
    return colour, depth, opacity


def psnr(a, b) -> float:
    mse = float(np.mean((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2))
    return 10.0 * math.log10(1.0 / max(mse, 1e-12))


# --------------------------------------------------------------------------- fields
class Field(nn.Module):
    """A radiance field over a box: world points (P, 3) -> (sigma (P,), rgb (P, 3))."""

    bbox: torch.Tensor

    def normalise(self, points: torch.Tensor) -> torch.Tensor:
        """World -> [-1, 1]^3 box coordinates."""
        return (points - self.bbox[0]) / (self.bbox[1] - self.bbox[0]) * 2.0 - 1.0


def positional_encoding(x: torch.Tensor, n_freqs: int) -> torch.Tensor:
    """(P, 3) -> (P, 3 + 6 n_freqs): x, sin(2^k pi x), cos(2^k pi x)."""
    freqs = (2.0 ** torch.arange(n_freqs, device=x.device, dtype=x.dtype)) * math.pi
    angles = x[..., None] * freqs  # (P, 3, F)
    return torch.cat([x, angles.sin().flatten(-2), angles.cos().flatten(-2)], -1)


class NerfMLP(Field, PyTorchModelHubMixin):
    """The original NeRF's field: positional encoding of the position, then an MLP -> sigma, rgb.

    The photos' lighting is fixed to the object, so colour depends on position only
    (no viewing-direction input); this keeps the MLP small enough for a CPU.
    """

    def __init__(self, bbox=((-1.0, -1.0, -1.0), (1.0, 1.0, 1.0)), n_freqs: int = 8, width: int = 128, depth: int = 4):
        super().__init__()
        self.register_buffer("bbox", torch.tensor(bbox, dtype=torch.float32))
        self.n_freqs = n_freqs
        layers, fan_in = [], 3 + 6 * n_freqs
        for _ in range(depth):
            layers += [nn.Linear(fan_in, width), nn.ReLU()]
            fan_in = width
        self.trunk = nn.Sequential(*layers)
        self.head = nn.Linear(width, 4)  # sigma (pre-activation) and rgb (pre-sigmoid)

    def forward(self, points: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out = self.head(self.trunk(positional_encoding(self.normalise(points), self.n_freqs)))
        return F.softplus(out[..., 0] - 1.0) * 10.0, torch.sigmoid(out[..., 1:])


class GridField(Field):
    """A dense voxel grid of density and colour, sampled trilinearly: no network at all."""

    def __init__(self, bbox, resolution: int = 64):
        super().__init__()
        self.register_buffer("bbox", torch.as_tensor(bbox, dtype=torch.float32))
        # Density starts low (softplus(-4) * 10 ~ 0.2 per unit): empty space the photos then fill.
        self.density = nn.Parameter(torch.full((1, 1, resolution, resolution, resolution), -4.0))
        self.colour = nn.Parameter(torch.zeros(1, 3, resolution, resolution, resolution))

    def forward(self, points: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        # grid_sample wants (x, y, z) order matching the grid's (W, H, D) axes: grid[d, h, w] <-> (z, y, x).
        coords = self.normalise(points).view(1, -1, 1, 1, 3)
        both = torch.cat([self.density, self.colour], 1)
        values = F.grid_sample(both, coords, mode="bilinear", padding_mode="border", align_corners=True)
        values = values.view(4, -1)
        return F.softplus(values[0]) * 10.0, torch.sigmoid(values[1:].T)

    @torch.no_grad()
    def occupancy(self, threshold: float = 0.1) -> Occupancy:
        """Cells whose density training has not pushed below ``threshold`` (it starts at ~0.18)."""
        sigma = F.softplus(self.density) * 10.0
        occupied = F.max_pool3d((sigma > threshold).float(), 3, stride=1, padding=1)[0, 0] > 0  # (D, H, W) = (z, y, x)
        return Occupancy(occupied.permute(2, 1, 0), self.bbox)

    def total_variation(self) -> torch.Tensor:
        g = self.density
        return ((g[..., 1:, :, :] - g[..., :-1, :, :]) ** 2).mean() + ((g[..., 1:, :] - g[..., :-1, :]) ** 2).mean() + ((g[..., 1:] - g[..., :-1]) ** 2).mean()


# --------------------------------------------------------------------------- empty-space skipping
class Occupancy:
    """A coarse boolean grid over the box: False where the field is empty, so samples there are skipped.

    The same trick as Instant-NGP's occupancy grid: it does not change the picture, it only
    avoids asking the MLP about empty air (most of the box).
    """

    def __init__(self, grid: torch.Tensor, bbox: torch.Tensor):
        self.grid, self.bbox = grid, bbox  # (R, R, R) bool indexed [x, y, z]
        self.resolution = grid.shape[0]

    @classmethod
    @torch.no_grad()
    def from_field(cls, field: Field, resolution: int = 48, threshold: float = 0.5, chunk: int = 65536) -> Occupancy:
        bbox = field.bbox
        axis = (torch.arange(resolution, device=bbox.device, dtype=torch.float32) + 0.5) / resolution
        grid = torch.stack(torch.meshgrid(axis, axis, axis, indexing="ij"), -1).view(-1, 3)
        points = bbox[0] + grid * (bbox[1] - bbox[0])
        sigma = torch.cat([field(points[i : i + chunk])[0] for i in range(0, len(points), chunk)])
        occupied = (sigma > threshold).float().view(1, 1, resolution, resolution, resolution)
        # Dilate by one cell so a surface between two cell centres is never cut off.
        occupied = F.max_pool3d(occupied, 3, stride=1, padding=1)[0, 0] > 0
        return cls(occupied, bbox)

    def __and__(self, other: Occupancy) -> Occupancy:
        """Both grids say "maybe occupied" (resampled to the finer of the two)."""
        n = max(self.resolution, other.resolution)
        axis = (torch.arange(n, dtype=torch.float32, device=self.bbox.device) + 0.5) / n
        centres = self.bbox[0] + torch.stack(torch.meshgrid(axis, axis, axis, indexing="ij"), -1) * (self.bbox[1] - self.bbox[0])
        return Occupancy(self(centres) & other(centres), self.bbox)

    def __call__(self, points: torch.Tensor) -> torch.Tensor:
        """(..., 3) world points -> (...) bool, True where the field may be non-empty."""
        cell = ((points - self.bbox[0]) / (self.bbox[1] - self.bbox[0]) * self.resolution).long().clamp(0, self.resolution - 1)
        return self.grid[cell[..., 0], cell[..., 1], cell[..., 2]]

    @classmethod
    def visual_hull(cls, data: Dataset, resolution: int = 48) -> Occupancy:
        """Space carving: a cell can hold the object only if every training photo that sees it
        shows duck (not white background) there. Known before any training, from the photos and poses."""
        bbox = torch.from_numpy(data.bbox)
        axis = (torch.arange(resolution, dtype=torch.float32) + 0.5) / resolution
        centres = (bbox[0] + torch.stack(torch.meshgrid(axis, axis, axis, indexing="ij"), -1).view(-1, 3) * (bbox[1] - bbox[0])).numpy()
        h, w = data.size
        keep = np.ones(len(centres), bool)
        for image, pose in zip(data.images[data.train], data.poses[data.train]):
            solid = (image < 0.98).any(-1)
            # Grow each silhouette by 2 pixels so a cell centre next to the outline is never carved away.
            solid = F.max_pool2d(torch.from_numpy(solid).float()[None, None], 5, stride=1, padding=2)[0, 0].numpy() > 0
            x, y = np.round(project(centres, pose, h, w, data.focal)).astype(int).T
            inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
            keep[inside] &= solid[y[inside], x[inside]]
        grid = torch.from_numpy(keep).view(1, 1, resolution, resolution, resolution).float()
        return cls(F.max_pool3d(grid, 3, stride=1, padding=1)[0, 0] > 0, bbox)

    def to(self, device) -> Occupancy:
        return Occupancy(self.grid.to(device), self.bbox.to(device))

    @property
    def fraction(self) -> float:
        return float(self.grid.float().mean())


# --------------------------------------------------------------------------- rendering rays with a field
def render_rays(field: Field, origins: torch.Tensor, dirs: torch.Tensor, n_samples: int, perturb: bool = False, details: bool = False, occupancy: Occupancy | None = None) -> dict[str, torch.Tensor]:
    """Render rays (R, 3) through ``field``: samples only inside the box, white where a ray misses it."""
    bbox = field.bbox
    t_near, t_far, hit = box_intersect(origins, dirs, bbox)
    colour = torch.full_like(origins, BACKGROUND)
    depth = torch.zeros_like(t_near)
    opacity = torch.zeros_like(t_near)
    out = {"hit": hit}
    if hit.any():
        o, d, tn, tf = origins[hit], dirs[hit], t_near[hit], t_far[hit]
        t = sample_along(tn, tf, n_samples, perturb)  # (R', S)
        points = o[:, None] + d[:, None] * t[..., None]  # (R', S, 3)
        if occupancy is None:
            sigma, rgb = field(points.reshape(-1, 3))
            sigma, rgb = sigma.view(t.shape), rgb.view(*t.shape, 3)
        else:  # ask the field only where the occupancy grid says something may be
            keep = occupancy(points)
            sigma, rgb = torch.zeros_like(t), torch.zeros(*t.shape, 3, device=t.device)
            if keep.any():
                s, c = field(points[keep])
                sigma, rgb = sigma.index_put((keep,), s), rgb.index_put((keep,), c)
        rw = render_weights(sigma, t, tf)
        c, dep, op = composite(rw["weights"], rgb, t)
        colour = colour.index_put((hit,), c)
        depth = depth.index_put((hit,), dep)
        opacity = opacity.index_put((hit,), op)
        if details:
            out.update(t=t, points=points, sigma=sigma, rgb=rgb, t_near=tn, t_far=tf, **rw)
    out.update(colour=colour, depth=depth, opacity=opacity)
    return out


@torch.no_grad()
def march_rays(field: Field, origins: torch.Tensor, dirs: torch.Tensor, n_samples: int, occupancy: Occupancy | None = None,
               chunk: int = 16, stop: float = 1e-4) -> dict[str, torch.Tensor]:
    """The same volume rendering as ``render_rays`` (no gradients), marched ``chunk`` samples at a
    time: a ray stops once its transmittance T is below ``stop`` (early ray termination), because
    nothing behind an opaque surface can change its colour any more."""
    t_near, t_far, hit = box_intersect(origins, dirs, field.bbox)
    t = sample_along(t_near, t_far, n_samples, perturb=False)  # (R, S)
    delta = torch.cat([t[:, 1:] - t[:, :-1], (t_far[:, None] - t[:, -1:]).clamp(min=0)], -1)
    trans = hit.float()  # rays that miss the box have nothing to collect
    colour, depth, opacity = torch.zeros_like(origins), torch.zeros_like(t_near), torch.zeros_like(t_near)
    for s0 in range(0, n_samples, chunk):
        alive = (trans > stop).nonzero().squeeze(-1)
        if len(alive) == 0:
            break
        tc, dc = t[alive, s0 : s0 + chunk], delta[alive, s0 : s0 + chunk]  # (A, C)
        points = origins[alive, None] + dirs[alive, None] * tc[..., None]
        keep = occupancy(points) if occupancy is not None else torch.ones_like(tc, dtype=torch.bool)
        sigma, rgb = torch.zeros_like(tc), torch.zeros(*tc.shape, 3, device=tc.device)
        if keep.any():
            s, c = field(points[keep])
            sigma, rgb = sigma.index_put((keep,), s), rgb.index_put((keep,), c)
        alpha = 1.0 - torch.exp(-sigma * dc)
        inside = torch.cumprod(torch.cat([torch.ones_like(alpha[:, :1]), 1.0 - alpha + 1e-10], -1), -1)  # (A, C + 1)
        weights = trans[alive, None] * inside[:, :-1] * alpha
        colour[alive] += (weights[..., None] * rgb).sum(1)
        depth[alive] += (weights * tc).sum(1)
        opacity[alive] += weights.sum(1)
        trans[alive] = trans[alive] * inside[:, -1]
    colour += (1.0 - opacity[:, None]) * BACKGROUND
    return {"colour": colour, "depth": depth / opacity.clamp(min=1e-6), "opacity": opacity, "hit": hit}


@torch.no_grad()
def render_image(field: Field, pose, height: int, width: int, focal: float, n_samples: int = 64, chunk: int = 8192, occupancy: Occupancy | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """RGB (H, W, 3), depth (H, W) and opacity (H, W) of a whole view, as numpy."""
    device = field.bbox.device
    origins, dirs = get_rays(pose, height, width, focal)
    origins, dirs = origins.reshape(-1, 3).to(device), dirs.reshape(-1, 3).to(device)
    parts = [march_rays(field, origins[i : i + chunk], dirs[i : i + chunk], n_samples, occupancy) for i in range(0, len(origins), chunk)]
    colour = torch.cat([p["colour"] for p in parts]).view(height, width, 3)
    depth = torch.cat([p["depth"] for p in parts]).view(height, width)
    opacity = torch.cat([p["opacity"] for p in parts]).view(height, width)
    return colour.clamp(0, 1).cpu().numpy(), depth.cpu().numpy(), opacity.cpu().numpy()


def heldout_psnrs(field: Field, data: Dataset, n_samples: int = RENDER_SAMPLES, split: str = "test", views: int | None = None,
                  occupancy: Occupancy | None = None) -> list[float]:
    """PSNR of each ``split`` ("validation" or "test") view (all, or the first ``views`` of them)."""
    if split not in ("validation", "test"):
        raise ValueError(f"split must be 'validation' or 'test', not {split!r}")
    h, w = data.size
    idx = range(len(data.images))[getattr(data, split)][:views]
    return [psnr(render_image(field, data.poses[i], h, w, data.focal, n_samples, occupancy=occupancy)[0], data.images[i]) for i in idx]


def heldout_psnr(field: Field, data: Dataset, n_samples: int = RENDER_SAMPLES, split: str = "test", views: int | None = None,
                 occupancy: Occupancy | None = None) -> float:
    """Mean PSNR over the ``split`` views (``heldout_psnrs``)."""
    return float(np.mean(heldout_psnrs(field, data, n_samples, split, views, occupancy)))


class RayBatches:
    """Random batches of training rays (only those that hit the box: the others are plain background)."""

    def __init__(self, data: Dataset, device: torch.device, generator: torch.Generator):
        h, w = data.size
        origins, dirs = zip(*(get_rays(p, h, w, data.focal) for p in data.poses[data.train]))
        origins, dirs = torch.stack(origins).reshape(-1, 3), torch.stack(dirs).reshape(-1, 3)
        colours = torch.from_numpy(data.images[data.train]).reshape(-1, 3)
        _, _, hit = box_intersect(origins, dirs, torch.from_numpy(data.bbox))
        self.origins, self.dirs, self.colours = origins[hit].to(device), dirs[hit].to(device), colours[hit].to(device)
        self.generator = generator

    def __call__(self, n: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        i = torch.randint(len(self.origins), (n,), generator=self.generator).to(self.origins.device)
        return self.origins[i], self.dirs[i], self.colours[i]


# --------------------------------------------------------------------------- live training of the grid
@dataclass
class GridConfig:
    resolution: int = 32  # voxels per axis of the box
    rays: int = 1024  # rays per step: small batches, many steps (learns faster per second on a CPU)
    samples: int = 40  # samples per ray inside the box
    lr: float = 0.3  # Adam on raw voxel values wants a large step
    tv: float = 0.0  # total-variation weight (smooths density; costs time on a CPU)
    max_steps: int = 2000
    max_seconds: float = 90.0
    # Stop early once the held-out PSNR has not risen by min_gain_db for this many steps (None: never).
    patience_steps: int | None = None
    min_gain_db: float = 0.1


def train_grid(data: Dataset, config: GridConfig = GridConfig(), seed: int = 0, every: float = 1.0, view: int | None = None, device=None,
               hull: Occupancy | None = None) -> Iterator[Frame]:
    """Train a GridField from scratch; yield a Frame about every ``every`` seconds.

    Samples skip the cells the photos' silhouettes rule out (``hull``, computed if not given)
    and, as training goes, the cells the grid itself has emptied.

    Each frame: ``image`` = render of a held-out view, ``preview`` = its photo,
    ``metrics`` = loss, test PSNR of that view, elapsed seconds, steps and the best PSNR so far;
    ``data['curve']`` = the (seconds, step, PSNR) points so far. The last frame also has
    ``data['field']`` (the model) and ``data['stopped']``: why training ended, "plateau" (no gain of
    ``config.min_gain_db`` for ``config.patience_steps`` steps), "steps" or "time".
    """
    device = torch.device(device or pick_device())
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    field = GridField(data.bbox, config.resolution).to(device)
    optimiser = torch.optim.Adam(field.parameters(), lr=config.lr)
    batches = RayBatches(data, device, generator)
    hull = (hull or Occupancy.visual_hull(data)).to(device)
    occupancy = hull
    view = data.n_train if view is None else view
    h, w = data.size
    curve: list[tuple[float, int, float]] = []
    started = last = time.monotonic()
    step, loss = 0, float("nan")
    to_beat, gained_at = -math.inf, 0  # the PSNR the next gain is counted from, and the step it was reached

    def frame() -> Frame:
        """Measure the held-out view now; the frame says whether training stops here, and why."""
        nonlocal to_beat, gained_at
        image = render_image(field, data.poses[view], h, w, data.focal, config.samples, occupancy=occupancy)[0]
        value = psnr(image, data.images[view])
        elapsed = time.monotonic() - started
        curve.append((elapsed, step, value))
        if value >= to_beat + config.min_gain_db:
            to_beat, gained_at = value, step
        levelled_off = config.patience_steps is not None and step - gained_at >= config.patience_steps
        stopped = ("plateau" if levelled_off else "steps" if step >= config.max_steps
                   else "time" if elapsed >= config.max_seconds else None)
        return Frame(
            step=config.max_steps - 1 if stopped else step, total=config.max_steps, image=image, preview=data.images[view],
            metrics={"loss": loss, "psnr": value, "seconds": elapsed, "steps": step, "best_psnr": max(c[2] for c in curve)},
            data={"curve": list(curve), **({"field": field, "stopped": stopped} if stopped else {})},
        )

    current = frame()
    yield current
    while "stopped" not in current.data:
        if step >= 8 and step % 8 == 0:
            occupancy = hull & field.occupancy()
        origins, dirs, target = batches(config.rays)
        out = render_rays(field, origins, dirs, config.samples, perturb=True, occupancy=occupancy)
        mse = F.mse_loss(out["colour"], target)
        total = mse + config.tv * field.total_variation() if config.tv else mse
        optimiser.zero_grad(set_to_none=True)
        total.backward()
        optimiser.step()
        step, loss = step + 1, mse.item()
        if time.monotonic() - last >= every or step >= config.max_steps or time.monotonic() - started >= config.max_seconds:
            last = time.monotonic()
            current = frame()
            yield current


# --------------------------------------------------------------------------- the engine behind the tab
def check_view(data: Dataset, view) -> int:
    return validate.integer("View", view, 0, len(data.images) - 1)


class NerfEngine(Engine):
    """The pretrained NeRF (MLP) and its photos: new views, rays explained one by one."""

    family = "nerf"

    @property
    def spec(self):
        """This engine's registry entry, else the first NeRF model's."""
        return next(m for m in models("nerf") if m.key == (self.model_key or models("nerf")[0].key))

    def _load(self) -> tuple[NerfMLP, Dataset, Occupancy, Occupancy]:
        data = load_dataset()
        field = NerfMLP.from_pretrained(str(embedded_dir(self.spec)), strict=True).to(pick_device()).eval()
        hull = Occupancy.visual_hull(data).to(field.bbox.device)
        # The MLP was only ever trained inside the photos' visual hull: outside it, it is empty by definition.
        return field, data, hull & Occupancy.from_field(field), hull

    @property
    def data(self) -> Dataset:
        return self.model[1]

    @property
    def field(self) -> NerfMLP:
        return self.model[0]

    @property
    def occupancy(self) -> Occupancy:
        return self.model[2]

    @property
    def hull(self) -> Occupancy:
        """The photos' visual hull (for live training of the grid)."""
        return self.model[3]

    @property
    def training_info(self) -> dict:
        """What scripts/train_nerf.py recorded about the shipped weights (PSNR, seconds, machine)."""
        path = embedded_dir(self.spec) / "training.json"
        return json.loads(path.read_text()) if path.is_file() else {}

    @torch.no_grad()
    def surface_points(self, resolution: int = 40, threshold: float = 5.0) -> tuple[np.ndarray, np.ndarray]:
        """Points (P, 3) on the learnt object's surface and their colours (P, 3): cells that are
        dense but have an empty neighbour, for drawing the object in the 3D scene."""
        bbox = self.field.bbox
        axis = (torch.arange(resolution, device=bbox.device, dtype=torch.float32) + 0.5) / resolution
        grid = torch.stack(torch.meshgrid(axis, axis, axis, indexing="ij"), -1).view(-1, 3)
        points = bbox[0] + grid * (bbox[1] - bbox[0])
        sigma, rgb = self.field(points)
        dense = (sigma > threshold).float().view(1, 1, resolution, resolution, resolution)
        interior = -F.max_pool3d(-dense, 3, stride=1, padding=1)  # dense with all 26 neighbours dense
        surface = ((dense - interior) > 0).view(-1)
        return points[surface].cpu().numpy(), rgb[surface].cpu().numpy()

    def camera(self, azimuth, elevation, distance) -> np.ndarray:
        azimuth = validate.number("Azimuth", azimuth, -360.0, 360.0)
        elevation = validate.number("Elevation", elevation, -89.0, 89.0)
        distance = validate.number("Distance", distance, MIN_DISTANCE, MAX_DISTANCE)
        return orbit_pose(azimuth, elevation, distance * self.data.radius)

    def render(self, azimuth, elevation, distance, n_samples: int = RENDER_SAMPLES) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """RGB, depth and opacity of a new view; angles in degrees, distance in photo radii."""
        pose = self.camera(azimuth, elevation, distance)
        h, w = self.data.size
        return render_image(self.field, pose, h, w, self.data.focal, n_samples, occupancy=self.occupancy)

    def stream(self, azimuth=30.0, elevation=20.0, distance=1.0, frames: int = 1) -> Iterator[Frame]:
        """A turntable: ``frames`` views around the object starting at ``azimuth``."""
        frames = validate.integer("Frames", frames, 1, 72)
        for i in range(frames):
            rgb, depth, opacity = self.render(float(azimuth) + 360.0 * i / frames, elevation, distance)
            yield Frame(step=i, total=frames, image=rgb, preview=depth, data={"opacity": opacity})

    @torch.no_grad()
    def ray(self, view, x, y, n_samples: int = RENDER_SAMPLES) -> dict:
        """Everything along the ray through pixel (x, y) of photo ``view``, as numpy."""
        data = self.data
        view = check_view(data, view)
        h, w = data.size
        x = validate.integer("Pixel x", x, 0, w - 1)
        y = validate.integer("Pixel y", y, 0, h - 1)
        origins, dirs = get_rays(data.poses[view], h, w, data.focal, torch.tensor([float(x)]), torch.tensor([float(y)]))
        device = self.field.bbox.device
        out = render_rays(self.field, origins.to(device), dirs.to(device), n_samples, details=True, occupancy=self.occupancy)
        result = {
            "view": view, "x": x, "y": y, "hit": bool(out["hit"][0]),
            "origin": origins[0].numpy(), "direction": dirs[0].numpy(),
            "colour": out["colour"][0].cpu().numpy(), "depth": float(out["depth"][0]),
            "opacity": float(out["opacity"][0]), "true": data.images[view, y, x],
        }
        if result["hit"]:
            for key in ("t", "points", "sigma", "rgb", "delta", "alpha", "transmittance", "weights"):
                result[key] = out[key][0].cpu().numpy()
            result["skipped"] = ~self.occupancy(out["points"][0]).cpu().numpy()  # known-empty: not asked
        return result
