"""The CNN over each pair's aligned grids (pair_images.py): canvases rebuilt from token ids, features on grid tokens."""

import numpy as np
import pytest

from arc_kernel.model import serialize
from arc_kernel.model.serialize import StepView

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tokenizer():
    from arc_kernel.model.tokenizer import build_tokenizer

    return build_tokenizer()


def modules(tokenizer):
    from arc_kernel.model.pair_images import PairImageEncoder
    from arc_kernel.model.positions import GridPositionEmbedding, grid_vocabulary

    grids = grid_vocabulary(tokenizer.get_vocab())
    return GridPositionEmbedding(grids, len(tokenizer), 8), PairImageEncoder(grids, len(tokenizer), 8, width=4)


def batch(tokenizer, sources: list[list[str]]) -> torch.Tensor:
    width = max(len(s) for s in sources)
    return torch.tensor([tokenizer.convert_tokens_to_ids(s) + [tokenizer.pad_token_id] * (width - len(s)) for s in sources])


def on_canvas(canvas: torch.Tensor, slot: int, plane: int) -> np.ndarray:
    """The grid drawn in one slot and plane (the canvas cells that are not EMPTY)."""
    from arc_kernel.model.pair_images import EMPTY

    cells = canvas[slot, plane].numpy()
    height, width = int((cells != EMPTY).any(1).sum()), int((cells != EMPTY).any(0).sum())
    return cells[:height, :width]


def test_canvases_redraw_every_grid_of_a_batch_in_its_pair_slot(tokenizer):
    rng = np.random.default_rng(0)
    a, b, c, d, e, now = (rng.integers(0, 3, shape).astype(np.uint8) for shape in
                          [(3, 4), (5, 2), (4, 4), (6, 7), (2, 2), (3, 3)])
    a[1] = a[0]  # a repeated row is written as <same>
    whole = serialize.encode_task([(a, b), (c, d)], [e], None, 400)
    step = serialize.encode_task([(a, b)], [c], StepView("x1 = rotate_90(I)", (now,), ()), 400)
    assert "<same>" in whole
    positions, images = modules(tokenizer)
    ids = batch(tokenizer, [whole, step])
    canvas, _ = images.canvases(ids, positions.coordinates(ids))
    # slots 0, 1: the demo pairs (planes: input, current, output); a test input takes the next slot's input plane
    assert canvas.shape[1] == 3
    for got, want in [(on_canvas(canvas[0], 0, 0), a), (on_canvas(canvas[0], 0, 2), b), (on_canvas(canvas[0], 1, 0), c),
                      (on_canvas(canvas[0], 1, 2), d), (on_canvas(canvas[0], 2, 0), e), (on_canvas(canvas[1], 0, 1), now),
                      (on_canvas(canvas[1], 0, 2), b), (on_canvas(canvas[1], 1, 0), c)]:
        np.testing.assert_array_equal(got, want)


def test_features_land_on_grid_tokens_only_and_depend_on_the_output(tokenizer):
    grid = np.array([[1, 2], [3, 4]], dtype=np.uint8)
    positions, images = modules(tokenizer)
    same, turned = (serialize.encode_task([(grid, out)], [], None, 64) for out in (grid, np.rot90(grid)))
    ids = batch(tokenizer, [same, turned])
    with torch.no_grad():
        features = images(ids, positions.coordinates(ids))
    assert features.shape == (2, ids.shape[1], 8)
    assert features[0, 0].abs().sum() == 0  # the <whole> header token gets nothing
    first_run = same.index("c1")
    assert features[0, first_run].abs().sum() > 0
    assert not torch.allclose(features[0, first_run], features[1, first_run])  # same input cell, different pair


def test_a_model_with_pair_images_trains_saves_and_loads(tokenizer, tmp_path):
    from arc_kernel.model.network import ModelConfig, build_model, load_base, save_model

    config = ModelConfig.tiny()
    assert not config.pair_images  # an experiment: new models leave it out unless asked
    config.pair_images = True
    model = build_model(config, tokenizer)
    assert model.get_encoder().pair_images is not None
    grid = np.eye(3, dtype=np.uint8)
    ids = batch(tokenizer, [serialize.encode_task([(grid, grid.T)], [grid], None, 64)])
    loss = model(input_ids=ids, labels=ids[:, :4]).loss
    loss.backward()
    assert model.get_encoder().pair_images.fine[0].weight.grad.abs().sum() > 0
    save_model(model, tokenizer, config, tmp_path / "pairs")
    again, _, config = load_base(tmp_path / "pairs")
    assert config.pair_images
    with torch.no_grad():
        assert torch.allclose(model(input_ids=ids, labels=ids[:, :4]).loss, again(input_ids=ids, labels=ids[:, :4]).loss)
