"""Where each source token sits on its grid: row, column, grid role and pair number, as learned embeddings.

T5 only knows 1-D relative distances, and under the run-length encoding a cell's distance from the start of
its grid says little about its row or column, so the encoder could not line an input cell up with an
output cell (it ignored the grids). This module reads the coordinates off the token ids themselves — a run
token starts at the column after the runs before it on its row, `/` and `<same>` end a row, a grid marker
(`<in>`, `<out>`, `<now>`, `<test>`) starts a grid — and adds row, column, role and pair embeddings to the
token embeddings. Header tokens (mode, program prefix, value summary) get role 0 and no coordinates.
"""

from __future__ import annotations

import torch
from torch import nn

from arc_kernel.model import serialize

ROLES = (serialize.INPUT, serialize.OUTPUT, serialize.NOW, serialize.TEST)  # role ids 1..4; 0 is the header
MAX_PAIRS = 16


def grid_vocabulary(vocab: dict[str, int]) -> dict[str, int]:
    """The ids of the tokens that carry coordinates: grid markers, row ends and run tokens (for the config)."""
    names = [*ROLES, serialize.ROW_END, serialize.SAME, *serialize.grid_tokens()]
    return {name: vocab[name] for name in names if name in vocab}


def run_length(token: str) -> int:
    """Cells covered by a run token: 1 for `c3`, 5 for `c3x5`."""
    return int(token.partition("x")[2] or 1)


class GridPositionEmbedding(nn.Module):
    """Sum of row, column, role and pair embeddings for every token of a source, computed from its ids."""

    def __init__(self, grid_tokens: dict[str, int], vocab_size: int, d_model: int, init_std: float = 1.0):
        super().__init__()
        lengths, row_breaks, roles = (torch.zeros(vocab_size, dtype=torch.long) for _ in range(3))
        for name, index in grid_tokens.items():
            if name in ROLES:
                roles[index] = ROLES.index(name) + 1
            elif name in (serialize.ROW_END, serialize.SAME):
                row_breaks[index] = 1
            else:
                lengths[index] = run_length(name)
        self.register_buffer("lengths", lengths)  # saved with the weights
        self.register_buffer("row_breaks", row_breaks)  # saved with the weights
        self.register_buffer("roles", roles)  # saved with the weights
        self.input_id = grid_tokens.get(serialize.INPUT, -1)
        side = serialize.MAX_SIDE + 1
        self.rows, self.columns = nn.Embedding(side, d_model), nn.Embedding(side, d_model)
        self.role, self.pair = nn.Embedding(len(ROLES) + 1, d_model), nn.Embedding(MAX_PAIRS, d_model)
        for table in (self.rows, self.columns, self.role, self.pair):
            nn.init.normal_(table.weight, std=init_std)

    def coordinates(self, input_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """(row, column, role, pair) of every token; rows and columns count from 0 at the grid's top left."""
        ids = input_ids.clamp(0, self.lengths.numel() - 1)
        length, row_break, marker_role = self.lengths[ids], self.row_breaks[ids], self.roles[ids]
        index = torch.arange(ids.shape[-1], device=ids.device).expand_as(ids)
        none = torch.full_like(index, -1)
        last_marker = torch.cummax(torch.where(marker_role > 0, index, none), dim=-1).values
        in_grid = last_marker >= 0
        marker_at = last_marker.clamp(min=0)
        role = torch.where(in_grid, marker_role.gather(-1, marker_at), 0)
        rows_through = torch.cumsum(row_break, dim=-1)
        row = rows_through - row_break - rows_through.gather(-1, marker_at)
        cells_through = torch.cumsum(length, dim=-1)
        reset = torch.where((marker_role > 0) | (row_break > 0), index, none)
        last_reset = torch.cummax(torch.cat([none[..., :1], reset[..., :-1]], dim=-1), dim=-1).values  # before it
        column = cells_through - length - cells_through.gather(-1, last_reset.clamp(min=0))
        pair = torch.cumsum((ids == self.input_id).long(), dim=-1)
        side = serialize.MAX_SIDE
        row = torch.where(in_grid, row.clamp(0, side), 0)
        column = torch.where(in_grid, column.clamp(0, side), 0)
        return row, column, role, pair.clamp(0, MAX_PAIRS - 1)

    def embed(self, coordinates) -> torch.Tensor:
        """The summed embeddings of (row, column, role, pair) as returned by `coordinates`."""
        row, column, role, pair = coordinates
        return self.rows(row) + self.columns(column) + self.role(role) + self.pair(pair)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.embed(self.coordinates(input_ids))
