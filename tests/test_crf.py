import itertools

import torch

from ie.crf import CRF


def test_crf_likelihood_matches_enumerating_every_path():
    torch.manual_seed(0)
    crf = CRF(3)
    for param in crf.parameters():
        param.data.normal_()
    emissions = torch.randn(1, 6, 3)
    # positions 0 and 4 are not read (a special token, a repeated character start), 5 is padding
    labels = torch.tensor([[-100, 1, 2, 0, -100, -100]])
    read = [1, 2, 3]

    def path_score(path):
        score = crf.start[path[0]] + crf.end[path[-1]]
        score = score + sum(emissions[0, i, t] for i, t in zip(read, path))
        return score + sum(crf.step[a, b] for a, b in zip(path, path[1:]))

    log_z = torch.logsumexp(torch.stack([path_score(p) for p in itertools.product(range(3), repeat=3)]), 0)
    expected = (log_z - path_score([1, 2, 0])) / len(read)
    assert torch.allclose(crf.nll(emissions, labels), expected, atol=1e-5)
