"""Each demo pair seen as aligned images: a small CNN over (input, current, output) canvases, read back onto tokens.

Row and column embeddings (positions.py) let attention line an input cell up with an output cell, but the
network still has to learn that matching from scratch, and a 1 M-parameter T5 on a CPU barely does. A
convolution gets it for free: the cell (r, c) of a pair's input, its current grid (`<now>`, step-by-step
decoding) and its output sit in one pixel of a 36-channel image (three one-hot colour planes with "empty"
as an eleventh colour, and three cell-equality planes). Three resolutions of features (full, half, quarter)
and a per-pair summary (mean and max of the coarsest) are projected to `d_model` and added to every grid
token of that pair at its cell, so the encoder reads "what changed here, and in the pair as a whole".

The canvases are rebuilt from the token ids (run tokens, `/`, `<same>`, grid markers), so the data pipeline,
generation, peft and `save_pretrained` do not change. A test input gets a pair slot of its own, with no
output. Header tokens (mode, program prefix, value summary) get nothing.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from arc_kernel.model import serialize
from arc_kernel.model.positions import run_length

EMPTY = 10  # the colour of a canvas cell outside its grid
COLOURS = EMPTY + 1
PLANES = 3  # input (or test input), current (`<now>`, else the input), output
CHANNELS = PLANES * COLOURS + 3  # one-hot planes + equality of (input, output), (current, output), (input, current)
MAX_SLOTS = 16


def run_table(grid_tokens: dict[str, int], vocab_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(colour, cells) of every token id: (3, 5) for `c3x5`, (-1, 0) for ids that are not runs."""
    colours = torch.full((vocab_size,), -1, dtype=torch.long)
    lengths = torch.zeros(vocab_size, dtype=torch.long)
    for name, index in grid_tokens.items():
        if name.startswith("c") and name[1:2].isdigit():
            colours[index], lengths[index] = int(name[1:].partition("x")[0]), run_length(name)
    return colours, lengths


class PairImageEncoder(nn.Module):
    """CNN features of each pair's aligned canvases, one `d_model` vector per grid token (zero elsewhere)."""

    def __init__(self, grid_tokens: dict[str, int], vocab_size: int, d_model: int, width: int = 32):
        super().__init__()
        colours, lengths = run_table(grid_tokens, vocab_size)
        self.register_buffer("colours", colours)  # saved with the weights
        self.register_buffer("run_lengths", lengths)  # saved with the weights
        self.same_id = grid_tokens.get(serialize.SAME, -1)
        self.test_id = grid_tokens.get(serialize.TEST, -1)
        wide = 2 * width
        self.fine = nn.Sequential(nn.Conv2d(CHANNELS, width, 3, padding=1), nn.GELU(),
                                  nn.Conv2d(width, width, 3, padding=1), nn.GELU())
        self.middle = nn.Sequential(nn.Conv2d(width, wide, 3, stride=2, padding=1), nn.GELU(),
                                    nn.Conv2d(wide, wide, 3, padding=1), nn.GELU())
        self.coarse = nn.Sequential(nn.Conv2d(wide, wide, 3, stride=2, padding=1), nn.GELU(),
                                    nn.Conv2d(wide, wide, 3, padding=1), nn.GELU())
        self.project = nn.Linear(width + 4 * wide, d_model)  # fine + middle + coarse + (mean, max) of the pair

    def canvases(self, input_ids: torch.Tensor, coordinates) -> tuple[torch.Tensor, torch.Tensor]:
        """(canvas of shape (batch, slots, planes, rows, columns) with colours 0..10, each token's pair slot)."""
        row, column, role, pair = coordinates
        ids = input_ids.clamp(0, self.colours.numel() - 1)
        batch = ids.shape[0]
        slot = (pair + torch.cumsum((ids == self.test_id).long(), dim=-1) - 1).clamp(0, MAX_SLOTS - 1)  # pair 1 → 0
        plane = torch.where(role == 2, 2, torch.where(role == 3, 1, 0))  # <out> → 2, <now> → 1, <in>/<test> → 0
        colour = self.colours[ids]
        is_run = (colour >= 0) & (role > 0)
        runs = torch.where(is_run, self.run_lengths[ids], 0)
        side = serialize.MAX_SIDE
        slots = int(slot[role > 0].max().item()) + 1 if bool((role > 0).any()) else 1
        rows = int(row.max().item()) + 1
        cells = torch.arange(side, device=ids.device)
        covered = cells.view(1, 1, side) < runs.unsqueeze(-1)  # (batch, length, side): cell k of each run
        target_column = column.unsqueeze(-1) + cells.view(1, 1, side)
        columns = int(target_column[covered].max().item()) + 1 if bool(covered.any()) else 1
        canvas = torch.full((batch, slots, PLANES, rows, columns), EMPTY, dtype=torch.long, device=ids.device)
        batch_index = torch.arange(batch, device=ids.device).view(batch, 1, 1).expand_as(covered)
        place = lambda t: t.unsqueeze(-1).expand_as(covered)[covered]  # noqa: E731
        canvas[batch_index[covered], place(slot), place(plane), place(row), target_column[covered]] = place(colour)
        same = (ids == self.same_id) & (role > 0)
        if bool(same.any()):  # a <same> row repeats the nearest row above it that is not itself <same>
            repeats = torch.zeros((batch, slots, PLANES, rows), dtype=torch.bool, device=ids.device)
            repeats[torch.nonzero(same, as_tuple=True)[0], slot[same], plane[same], row[same]] = True
            index = torch.arange(rows, device=ids.device).expand_as(repeats)
            source = torch.cummax(torch.where(repeats, torch.zeros_like(index), index), dim=-1).values
            canvas = canvas.gather(3, source.unsqueeze(-1).expand_as(canvas))
        return canvas, slot

    def forward(self, input_ids: torch.Tensor, coordinates) -> torch.Tensor:
        """Features of every token given its (row, column, role, pair) from `GridPositionEmbedding.coordinates`."""
        row, column, role, _ = coordinates
        canvas, slot = self.canvases(input_ids, coordinates)
        batch, slots, _, rows, columns = canvas.shape
        planes = canvas.view(batch * slots, PLANES, rows, columns)
        now_given = (planes[:, 1] != EMPTY).flatten(1).any(-1).view(-1, 1, 1)
        current = torch.where(now_given, planes[:, 1], planes[:, 0])
        source, output = planes[:, 0], planes[:, 2]
        image = torch.cat([
            F.one_hot(source, COLOURS), F.one_hot(current, COLOURS), F.one_hot(output, COLOURS),
            (source == output).unsqueeze(-1), (current == output).unsqueeze(-1), (source == current).unsqueeze(-1),
        ], dim=-1).permute(0, 3, 1, 2).to(self.project.weight.dtype)
        fine = self.fine(image)
        middle = self.middle(fine)
        coarse = self.coarse(middle)
        summary = torch.cat([coarse.mean(dim=(2, 3)), coarse.amax(dim=(2, 3))], dim=-1)
        in_grid = role > 0
        flat = torch.arange(batch, device=input_ids.device).view(batch, 1) * slots + slot.clamp(max=slots - 1)
        r, c = row.clamp(max=rows - 1), column.clamp(max=columns - 1)
        features = torch.cat([
            fine[flat, :, r, c],
            middle[flat, :, r // 2, c // 2],
            coarse[flat, :, r // 4, c // 4],
            summary[flat],
        ], dim=-1)
        return self.project(features) * in_grid.unsqueeze(-1).to(features.dtype)
