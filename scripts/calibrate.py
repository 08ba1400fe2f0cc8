"""Fit each backend's similarity scale onto USE's (align.calibration.SCALES) on dev data.

For every document of the dev set, the lines of both sides are embedded and
compared: a line and its translation give a "translated" similarity, a line
and any other line of the same document an "unrelated" one. The scale is the
affine map sending USE's medians of the two onto the backend's. With
``--evaluate`` the mapped thresholds are also scored with bench.alignment.

    python scripts/calibrate.py e5 [--evaluate] [--set unv1-devset/resolutions_subset]

Dev data only: never point this at heldout/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.calibration import Scale  # noqa: E402
from align.embed.backends import Embedder, get_backend  # noqa: E402
from bench.data import SHARED, CachingEmbedder, load_documents  # noqa: E402


def similarities(embedder: Embedder, directory: Path) -> tuple[np.ndarray, np.ndarray]:
    """Similarities of translated line pairs and of unrelated line pairs (same document)."""
    translated, unrelated = [], []
    for doc in load_documents(directory):
        if len(doc.ar) < 2:
            continue
        vectors = embedder.embed(doc.ar + doc.en)
        matrix = vectors[:len(doc.ar)] @ vectors[len(doc.ar):].T
        translated.append(np.diag(matrix))
        unrelated.append(matrix[~np.eye(len(doc.ar), dtype=bool)])
    return np.concatenate(translated), np.concatenate(unrelated)


def fit(reference: tuple[np.ndarray, np.ndarray], backend: tuple[np.ndarray, np.ndarray]) -> Scale:
    """The affine map sending the reference medians (unrelated, translated) onto the backend's."""
    (ref_translated, ref_unrelated), (translated, unrelated) = reference, backend
    ref_low, ref_high = float(np.median(ref_unrelated)), float(np.median(ref_translated))
    low, high = float(np.median(unrelated)), float(np.median(translated))
    factor = (high - low) / (ref_high - ref_low)
    return Scale(offset=round(low - factor * ref_low, 4), factor=round(factor, 4))


def describe(name: str, translated: np.ndarray, unrelated: np.ndarray) -> str:
    q = lambda values, p: float(np.percentile(values, p))  # noqa: E731
    return (f"{name:<22} translated p1 {q(translated, 1):.3f} p5 {q(translated, 5):.3f} median "
            f"{q(translated, 50):.3f} | unrelated median {q(unrelated, 50):.3f} p99 {q(unrelated, 99):.3f} "
            f"max {unrelated.max():.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("backend", help="backend to calibrate against USE (e.g. e5)")
    parser.add_argument("--model", help="model for sentence-transformers")
    parser.add_argument("--set", default="unv1-devset/resolutions_subset", help="dev set under shared/data/dev")
    parser.add_argument("--evaluate", action="store_true", help="also score the mapped thresholds on the set")
    args = parser.parse_args()
    directory = SHARED / "dev" / args.set
    reference = similarities(CachingEmbedder(get_backend("use")), directory)
    embedder = CachingEmbedder(get_backend(args.backend, model=args.model))
    measured = similarities(embedder, directory)
    print(describe("use", *reference))
    print(describe(args.backend, *measured))
    scale = fit(reference, measured)
    print(f"SCALES[{args.backend!r}] = {scale}")
    print("AlignParams:", scale.align_params())
    print("CheckConfig:", scale.check_config())
    if args.evaluate:
        from bench.alignment import evaluate

        row = evaluate(load_documents(directory), embedder, scale.align_params()).as_row()
        print({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()})


if __name__ == "__main__":
    main()
