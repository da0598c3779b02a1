"""A linear-chain CRF over the token head's scores (Lafferty et al. 2001), trained with the encoder.

The CRF adds learned start, tag-to-tag and end scores to the head's per-token scores, and the loss
is the negative log-likelihood of the whole gold tag path, so a span's extent is learnt as one path.
Only the tokens read (label not ignored) are on the path. Its scores are saved with the tuned weights
(``crf.start``, ``crf.step``, ``crf.end``) and added to IOB2's hard constraints when decoding.
"""

from __future__ import annotations

import torch
from torch import nn
from transformers import BertForTokenClassification

CRF_KEYS = ("crf.start", "crf.step", "crf.end")


class CRF(nn.Module):
    def __init__(self, num_tags: int):
        super().__init__()
        self.start = nn.Parameter(torch.zeros(num_tags))
        self.step = nn.Parameter(torch.zeros(num_tags, num_tags))
        self.end = nn.Parameter(torch.zeros(num_tags))

    def reset_parameters(self) -> None:
        for param in self.parameters():
            nn.init.zeros_(param)

    def nll(self, emissions: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of the gold paths per token read (``labels`` -100: not read)."""
        read = labels != -100
        keep = read.any(1)
        emissions, labels, read = emissions[keep], labels[keep], read[keep]
        # the tokens read first, in their order: one path per row, ``read`` a prefix mask
        order = torch.argsort((~read).int(), dim=1, stable=True)
        emissions = emissions.gather(1, order[..., None].expand(-1, -1, emissions.size(-1))).float()
        tags = labels.gather(1, order).clamp(min=0)
        read = read.gather(1, order)
        rows = torch.arange(len(tags), device=tags.device)

        gold = self.start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
        alpha = self.start + emissions[:, 0]
        for i in range(1, tags.size(1)):
            on = read[:, i]
            gold = gold + on * (self.step[tags[:, i - 1], tags[:, i]] + emissions[rows, i, tags[:, i]])
            nxt = torch.logsumexp(alpha[:, :, None] + self.step + emissions[:, i, None, :], dim=1)
            alpha = torch.where(on[:, None], nxt, alpha)
        last = tags[rows, read.sum(1) - 1]
        gold = gold + self.end[last]
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        return (log_z - gold).sum() / read.sum()


class BertCRFForTokenClassification(BertForTokenClassification):
    """The token head of ``BertForTokenClassification`` with a CRF loss on top."""

    def __init__(self, config):
        super().__init__(config)
        self.crf = CRF(config.num_labels)

    def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, labels=None, **kwargs):
        out = super().forward(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids, **kwargs)
        if labels is not None:
            out.loss = self.crf.nll(out.logits, labels)
        return out
