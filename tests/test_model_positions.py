"""Grid coordinates on source tokens (positions.py) and the T5 that embeds them (grid_t5.py)."""

import numpy as np
import pytest

from arc_kernel.model import serialize

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tokenizer():
    from arc_kernel.model.tokenizer import build_tokenizer

    return build_tokenizer()


def coordinates_of(tokenizer, tokens: list[str]) -> list[tuple[str, int, int, int, int]]:
    from arc_kernel.model.positions import GridPositionEmbedding, grid_vocabulary

    embedding = GridPositionEmbedding(grid_vocabulary(tokenizer.get_vocab()), len(tokenizer), 8)
    ids = torch.tensor([tokenizer.convert_tokens_to_ids(tokens)])
    rows, columns, roles, pairs = (t[0].tolist() for t in embedding.coordinates(ids))
    return list(zip(tokens, rows, columns, roles, pairs))


def test_each_run_token_knows_its_row_and_starting_column(tokenizer):
    grid = np.array([[1, 1, 2], [1, 1, 2], [0, 3, 3]])
    tokens = serialize.encode_task([(grid, grid.T)], [], None, 200)
    assert tokens[:12] == ["<whole>", "<in>", "3", "3", "c1x2", "c2", "/", "<same>", "c0", "c3x2", "/", "<out>"]
    coordinates = coordinates_of(tokenizer, tokens)
    assert coordinates[0] == ("<whole>", 0, 0, 0, 0)  # the header has no grid
    assert [(row, column) for _, row, column, _, _ in coordinates[4:11]] == [(0, 0), (0, 2), (0, 3), (1, 0), (2, 0), (2, 1), (2, 3)]
    assert {role for _, _, _, role, _ in coordinates[1:11]} == {1} and coordinates[11][3] == 2  # <in> then <out>
    assert coordinates[-2][:3] == ("c3", 2, 2)  # the transposed grid's last cell: row 2, column 2


def test_pairs_are_numbered_and_a_second_grid_starts_again_at_the_top_left(tokenizer):
    a, b = np.zeros((2, 2), dtype=np.uint8), np.ones((1, 3), dtype=np.uint8)
    tokens = serialize.encode_task([(a, a), (b, b)], [b], None, 200)
    coordinates = coordinates_of(tokenizer, tokens)
    second_input = tokens.index("<in>", tokens.index("<in>") + 1)
    assert coordinates[second_input + 3] == ("c1x3", 0, 0, 1, 2)
    test = tokens.index("<test>")
    assert coordinates[test + 3] == ("c1x3", 0, 0, 4, 2)


def test_the_grid_model_saves_and_loads_with_its_coordinate_tables(tokenizer, tmp_path):
    from arc_kernel.model.grid_t5 import GridT5ForConditionalGeneration
    from arc_kernel.model.network import ModelConfig, build_model, load_base, save_model

    model = build_model(ModelConfig.tiny(), tokenizer)
    assert isinstance(model, GridT5ForConditionalGeneration)
    save_model(model, tokenizer, ModelConfig.tiny(), tmp_path / "grid")
    again, _, config = load_base(tmp_path / "grid")
    assert isinstance(again, GridT5ForConditionalGeneration) and config.grid_positions
    ids = torch.tensor([tokenizer.convert_tokens_to_ids(serialize.encode_task([(np.eye(3), np.eye(3))], [], None, 64))])
    with torch.no_grad():
        assert torch.allclose(model(input_ids=ids, labels=ids[:, :4]).loss, again(input_ids=ids, labels=ids[:, :4]).loss)


def test_a_model_without_grid_positions_is_a_plain_t5(tokenizer, tmp_path):
    from transformers import T5ForConditionalGeneration

    from arc_kernel.model.grid_t5 import GridT5ForConditionalGeneration
    from arc_kernel.model.network import ModelConfig, build_model, load_base, save_model

    config = ModelConfig.tiny()
    config.grid_positions = False
    save_model(build_model(config, tokenizer), tokenizer, config, tmp_path / "plain")
    model, _, loaded = load_base(tmp_path / "plain")
    assert isinstance(model, T5ForConditionalGeneration) and not isinstance(model, GridT5ForConditionalGeneration)
    assert not loaded.grid_positions


def test_a_plain_base_given_grid_positions_computes_what_it_did_until_they_train(tokenizer):
    from dataclasses import replace

    from arc_kernel.model.grid_t5 import GridT5ForConditionalGeneration
    from arc_kernel.model.network import ModelConfig, add_grid_positions, build_model

    plain = build_model(replace(ModelConfig.tiny(), grid_positions=False), tokenizer)
    upgraded = add_grid_positions(plain, tokenizer)
    assert isinstance(upgraded, GridT5ForConditionalGeneration) and not isinstance(plain, GridT5ForConditionalGeneration)
    ids = torch.tensor([tokenizer.convert_tokens_to_ids(serialize.encode_task([(np.eye(3), np.eye(3).T)], [], None, 64))])
    with torch.no_grad():
        assert torch.allclose(plain(input_ids=ids, labels=ids[:, :4]).loss, upgraded(input_ids=ids, labels=ids[:, :4]).loss)
    upgraded(input_ids=ids, labels=ids[:, :4]).loss.backward()
    assert upgraded.get_encoder().grid_positions.rows.weight.grad.abs().sum() > 0  # the new tables do train
