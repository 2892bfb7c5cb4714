"""T5 whose encoder adds grid coordinates (row, column, role, pair; see positions.py) to its token embeddings,
and, when the config has `pair_images`, CNN features of each demo pair's aligned grids (pair_images.py).

Everything else is the stock `T5ForConditionalGeneration`: generation, peft adapters, 4-bit loading and
`save_pretrained` work unchanged. The config carries `grid_tokens` (the ids that carry coordinates), and the
new weights are `encoder.grid_positions.*`; `network.load_base` picks this class when the config has them.
"""

from __future__ import annotations

import copy

from torch import nn
from transformers import T5Config, T5ForConditionalGeneration
from transformers.models.t5.modeling_t5 import T5Stack

from arc_kernel.model.pair_images import PairImageEncoder
from arc_kernel.model.positions import GridPositionEmbedding


class GridT5Stack(T5Stack):
    """A T5 encoder stack whose input embeddings are token + grid-coordinate embeddings."""

    def __init__(self, config: T5Config):
        super().__init__(config)
        self.grid_positions = GridPositionEmbedding(config.grid_tokens, config.vocab_size, config.d_model)
        self.pair_images = None
        if getattr(config, "pair_images", False):
            self.pair_images = PairImageEncoder(config.grid_tokens, config.vocab_size, config.d_model)

    def forward(self, input_ids=None, attention_mask=None, inputs_embeds=None, **kwargs):
        if inputs_embeds is None and input_ids is not None:
            coordinates = self.grid_positions.coordinates(input_ids)
            inputs_embeds = self.embed_tokens(input_ids) + self.grid_positions.embed(coordinates)
            if self.pair_images is not None:
                inputs_embeds = inputs_embeds + self.pair_images(input_ids, coordinates)
            input_ids = None
        return super().forward(input_ids=input_ids, attention_mask=attention_mask, inputs_embeds=inputs_embeds, **kwargs)


class GridT5ForConditionalGeneration(T5ForConditionalGeneration):
    """T5ForConditionalGeneration with a `GridT5Stack` encoder."""

    def __init__(self, config: T5Config):
        super().__init__(config)
        encoder_config = copy.deepcopy(config)
        encoder_config.is_decoder = False
        encoder_config.use_cache = False
        self.encoder = GridT5Stack(encoder_config)
        self.post_init()

    def _init_weights(self, module: nn.Module) -> None:
        super()._init_weights(module)
        if isinstance(module, GridPositionEmbedding):  # the scale of the token embeddings (T5 uses std 1)
            for table in (module.rows, module.columns, module.role, module.pair):
                nn.init.normal_(table.weight, std=self.config.initializer_factor)
