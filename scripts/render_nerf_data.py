"""Render the NeRF dataset: the pybullet_data duck seen from cameras on a sphere, with exact poses.

``python -m scripts.render_nerf_data [--size 100] [--train 80] [--test 12]`` writes
``assets/nerf/duck.npz``: uint8 images (N, H, W, 3) on a white background, float32
camera-to-world matrices (N, 4, 4) in the OpenGL convention (camera looks down -z, y up),
the focal length in pixels, near/far and the object's bounding box. pybullet's CPU
software renderer (ER_TINY_RENDERER) draws them, so the app itself needs no renderer.

Mesh: the COLLADA sample duck (duck.obj + duckCM.png in pybullet_data), Copyright 2006
Sony Computer Entertainment Inc., SCEA Shared Source License 1.0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pybullet as p
import pybullet_data

OUT = Path(__file__).resolve().parent.parent / "assets" / "nerf" / "duck.npz"
FOV = 40.0  # vertical field of view, degrees
RADIUS = 3.6  # camera distance from the object's centre
SCALE = 1.0  # mesh scale: the duck is about 2 units long


def fibonacci_directions(n: int, min_elevation: float, seed_offset: float) -> np.ndarray:
    """n roughly even unit vectors on the part of the sphere above min_elevation (radians)."""
    i = np.arange(n) + 0.5
    z_low = np.sin(min_elevation)
    z = z_low + (1 - z_low) * i / n  # uniform in z = uniform area on the sphere cap
    phi = np.pi * (3 - np.sqrt(5)) * i + seed_offset
    r = np.sqrt(1 - z**2)
    return np.stack([r * np.cos(phi), r * np.sin(phi), z], 1)


def render(size: int, n_train: int, n_test: int) -> dict[str, np.ndarray]:
    client = p.connect(p.DIRECT)
    try:
        data = pybullet_data.getDataPath()
        visual = p.createVisualShape(p.GEOM_MESH, fileName=f"{data}/duck.obj", meshScale=[SCALE] * 3, physicsClientId=client)
        body = p.createMultiBody(baseVisualShapeIndex=visual, baseOrientation=p.getQuaternionFromEuler([np.pi / 2, 0, 0]), physicsClientId=client)
        texture = p.loadTexture(f"{data}/duckCM.png", physicsClientId=client)
        p.changeVisualShape(body, -1, textureUniqueId=texture, rgbaColor=[1, 1, 1, 1], physicsClientId=client)
        # The bounding box from the mesh's own vertices (a visual-only body has no AABB).
        rotation = np.array(p.getMatrixFromQuaternion(p.getQuaternionFromEuler([np.pi / 2, 0, 0]))).reshape(3, 3)
        with open(f"{data}/duck.obj") as f:
            vertices = np.array([[float(x) for x in line.split()[1:4]] for line in f if line.startswith("v ")])
        vertices = SCALE * vertices @ rotation.T
        lo, hi = vertices.min(0), vertices.max(0)
        centre = (lo + hi) / 2
        # Move the duck so its bounding box is centred on the origin.
        p.resetBasePositionAndOrientation(body, (-centre).tolist(), p.getQuaternionFromEuler([np.pi / 2, 0, 0]), physicsClientId=client)
        lo, hi = lo - centre, hi - centre
        near, far = 0.1, 20.0
        projection = p.computeProjectionMatrixFOV(FOV, 1.0, near, far)
        directions = np.concatenate([
            fibonacci_directions(n_train, np.radians(-20), 0.0),
            fibonacci_directions(n_test, np.radians(-10), 1.3),
        ])
        images, poses = [], []
        for d in directions:
            eye = RADIUS * d
            view = p.computeViewMatrix(eye.tolist(), [0, 0, 0], [0, 0, 1])
            _, _, rgba, _, seg = p.getCameraImage(
                size, size, view, projection, renderer=p.ER_TINY_RENDERER,
                lightDirection=[1, 1, 2], shadow=0, physicsClientId=client,
            )
            rgb = np.asarray(rgba, np.uint8).reshape(size, size, 4)[..., :3].copy()
            rgb[np.asarray(seg).reshape(size, size) < 0] = 255  # white background
            images.append(rgb)
            poses.append(np.linalg.inv(np.asarray(view, np.float64).reshape(4, 4).T))
    finally:
        p.disconnect(client)
    focal = 0.5 * size / np.tan(np.radians(FOV) / 2)
    return {
        "images": np.stack(images),
        "poses": np.stack(poses).astype(np.float32),
        "n_train": np.int64(n_train),
        "focal": np.float32(focal),
        "radius": np.float32(RADIUS),
        "near": np.float32(RADIUS - 1.5),
        "far": np.float32(RADIUS + 1.5),
        "bbox": np.stack([lo, hi]).astype(np.float32),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--train", type=int, default=80)
    parser.add_argument("--test", type=int, default=12)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = render(args.size, args.train, args.test)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, **data)
    print(f"{len(data['images'])} views {args.size}x{args.size}, bbox {data['bbox'].tolist()} -> {args.out} ({args.out.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
