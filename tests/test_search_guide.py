"""The guide: task features, a primitive classifier trained on them, and the per-task prior it gives the search."""

import numpy as np
import pytest

from arc_kernel.interpreter import compile_program, run
from arc_kernel.search.features import feature_names, task_features
from arc_kernel.search.guide import Guide, GuideConfig, labelled_matrix, load_guide, rank_of_used, train_guide
from arc_kernel.search.prior import Prior


def demo_pairs(program: str, rng: np.random.Generator, count: int = 3) -> list[tuple[np.ndarray, np.ndarray]]:
    compiled, pairs = compile_program(program), []
    while len(pairs) < count:
        grid = rng.integers(0, 4, size=(rng.integers(2, 7), rng.integers(2, 7))).astype(np.uint8)
        pairs.append((grid, run(compiled, grid)))
    return pairs


def feature(pairs, name: str) -> float:
    return float(task_features(pairs)[feature_names().index(name)])


def test_features_see_rotations_tilings_and_sub_grids():
    grid = np.array([[1, 2, 0], [0, 3, 0]], dtype=np.uint8)
    assert feature([(grid, np.rot90(grid, -1))], "output_is_rotate_90") == 1.0
    assert feature([(grid, np.rot90(grid, -1))], "transposed_shape") == 1.0
    assert feature([(grid, np.tile(grid, (2, 2)))], "output_tiles_input") == 1.0
    assert feature([(grid, grid[:, :2])], "output_in_input") == 1.0
    assert feature([(grid, grid)], "changed_share") == 0.0
    assert len(task_features([(grid, grid)])) == len(feature_names())


@pytest.fixture(scope="module")
def small_guide() -> Guide:
    rng = np.random.default_rng(0)
    programs = ["O = rotate_90(I)", "O = flip_vertical(I)", "O = upscale(I, 2)", "O = replace_color(I, 1, 2)"]
    examples = [(demo_pairs(programs[i % 4], rng), programs[i % 4]) for i in range(200)]
    primitives = ["flip_vertical", "replace_color", "rotate_90", "upscale"]
    features, labels = labelled_matrix(examples, primitives, progress=False)
    assert labels.sum(axis=1).tolist() == [1.0] * 200
    return train_guide(features, labels, np.ones(len(examples)), primitives,
                       GuideConfig(hidden=32, epochs=40, batch_size=32), progress=False)


def test_a_trained_guide_puts_the_used_primitive_first(small_guide):
    rng = np.random.default_rng(1)
    for program, name in (("O = rotate_90(I)", "rotate_90"), ("O = upscale(I, 2)", "upscale")):
        probabilities = small_guide.probabilities(demo_pairs(program, rng))
        assert small_guide.primitives[int(np.argmax(probabilities))] == name


def test_the_guided_prior_moves_costs_by_at_most_the_limit(small_guide):
    base = Prior({"rotate_90": 6.0, "upscale": 6.0, "flip_vertical": 6.0, "replace_color": 6.0, "Int": 3.0})
    pairs = demo_pairs("O = upscale(I, 2)", np.random.default_rng(2))
    bent = small_guide.prior_for(pairs, base, strength=1.0, limit=2.0)
    assert bent.cost("upscale") < base.cost("upscale") and bent.cost("Int") == 3.0
    assert all(abs(bent.cost(n) - 6.0) <= 2.0 for n in small_guide.primitives)
    assert rank_of_used({n: bent.cost(n) for n in small_guide.primitives}, ["upscale"], small_guide.primitives) == [1]


def test_the_guide_saves_and_loads_and_a_missing_file_means_no_guide(small_guide, tmp_path):
    small_guide.save(tmp_path / "guide.npz")
    again = load_guide(tmp_path / "guide.npz")
    pairs = demo_pairs("O = rotate_90(I)", np.random.default_rng(3))
    assert np.allclose(again.probabilities(pairs), small_guide.probabilities(pairs), atol=1e-5)
    assert load_guide(tmp_path / "absent.npz") is None


def test_the_search_source_uses_the_guide_unless_told_not_to():
    from dataclasses import replace

    from arc_kernel.search.enumeration import SearchConfig
    from arc_kernel.search.source import SearchSource

    assert SearchSource(replace(SearchConfig(), guided=False)).guide is None
    assert (SearchSource(SearchConfig()).guide is not None) == (load_guide() is not None)


def test_build_guide_trains_reports_and_writes_a_loadable_file(tmp_path, capsys):
    from arc_kernel.model.examples import Example, write_examples
    from arc_kernel.search.guide import build_guide

    rng, examples = np.random.default_rng(4), []
    for i in range(60):
        program = ["O = rotate_90(I)", "O = upscale(I, 2)"][i % 2]
        pairs = demo_pairs(program, rng, 4)
        examples.append(Example(tuple(pairs[:3]), (pairs[3][0],), (pairs[3][1],), program, 1))
    write_examples(examples, tmp_path / "records.jsonl")
    assert build_guide([str(tmp_path / "records.jsonl")], None, GuideConfig(epochs=2, hidden=16), tmp_path / "g.npz") == 0
    report = capsys.readouterr().out
    assert "60 synthetic records, " in report and "median rank of a used primitive" in report
    assert load_guide(tmp_path / "g.npz") is not None


def test_a_task_whose_grids_defeat_the_features_keeps_the_static_prior(small_guide):
    from types import SimpleNamespace

    from arc_kernel.search.enumeration import SearchConfig
    from arc_kernel.search.source import guided_prior

    base = Prior({"rotate_90": 6.0})
    empty = SimpleNamespace(train=[SimpleNamespace(input=np.zeros((0, 3), dtype=np.uint8),
                                                   output=np.zeros((1, 1), dtype=np.uint8))])
    assert guided_prior(small_guide, empty, base, SearchConfig()) is base
