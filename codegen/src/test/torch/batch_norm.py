#!/usr/bin/env python3
"""Reference trajectory for norm=batch (PRODUCT.md section 2b item 2, issue 16).

A 4-8-8-3 network, batch norm (torch.nn.functional.batch_norm, BatchNorm1d's semantics) before
ReLU and before tanh, softmax with cross-entropy, SGD with momentum, 15 full-batch steps in
float64. Written for each step: the batch error and the parameters after it in deltagen's flat
layout; after training the running statistics of each batch norm and the evaluation-mode outputs
(running statistics) of the training inputs and of fresh inputs. The codegen test
BatchNormReferenceTest trains the generated trainer from the same start and compares.

    /usr/bin/python3 codegen/src/test/torch/batch_norm.py \
        > codegen/src/test/resources/org/deltagen/codegen/reference/batch-norm.json

Layout per layer l: the weight block, (n_{l-1} + 1) x n_l row-major with row 0 the bias; with a
norm, 2 x n_l (row 0 beta, row 1 gamma).
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
STEPS = 15
SAMPLES = 10
INPUTS = 4
# (units, activation, momentum of its batch norm or None)
LAYERS = [(8, torch.relu, 0.1), (8, torch.tanh, 0.3), (3, lambda u: torch.softmax(u, dim=1), None)]
EPS = 1e-5
SPEC = "\n".join([
    "network BatchNormReference", "input 4",
    "layer 8 relu norm=batch",
    "layer 8 tanh norm=batch momentum=0.3",
    "layer 3 softmax",
    "loss cross-entropy", "batch mean", "optimizer sgd lr=0.1 momentum=0.9",
]) + "\n"


def parameters(generator):
    """Leaf tensors in deltagen's flat order: per layer its weights, then beta and gamma."""
    blocks = []
    previous = INPUTS
    for units, _, momentum in LAYERS:
        blocks.append((torch.randn(previous + 1, units, generator=generator) / previous ** 0.5).requires_grad_())
        if momentum is not None:
            # Away from 0 and 1, so that their gradients are tested at a general point.
            beta = 0.1 * torch.randn(units, generator=generator)
            gamma = 1 + 0.1 * torch.randn(units, generator=generator)
            blocks.append(torch.stack([beta, gamma]).requires_grad_())
        previous = units
    return blocks


def forward(blocks, running, x, training):
    z = x
    index = 0
    for l, (units, activation, momentum) in enumerate(LAYERS):
        weights = blocks[index]
        index += 1
        u = z @ weights[1:] + weights[0]
        if momentum is not None:
            affine = blocks[index]
            index += 1
            mean, variance = running[l]
            u = F.batch_norm(u, mean, variance, affine[1], affine[0], training=training, momentum=momentum, eps=EPS)
        z = activation(u)
    return z


def flat(blocks):
    return torch.cat([tensor.detach().reshape(-1) for tensor in blocks]).tolist()


def main():
    generator = torch.Generator().manual_seed(21)
    blocks = parameters(generator)
    x = torch.randn(SAMPLES, INPUTS, generator=generator)
    labels = torch.randint(3, (SAMPLES,), generator=generator)
    d = F.one_hot(labels, 3).to(torch.float64)
    fresh = torch.randn(4, INPUTS, generator=generator)
    running = {l: (torch.zeros(units), torch.ones(units))
               for l, (units, _, momentum) in enumerate(LAYERS) if momentum is not None}
    initial = flat(blocks)
    optimizer = torch.optim.SGD(blocks, lr=0.1, momentum=0.9)
    errors, trajectory, gradient = [], [], None
    for _ in range(STEPS):
        optimizer.zero_grad()
        y = forward(blocks, running, x, training=True)
        error = (-(d * torch.log(y)).sum(dim=1)).mean()
        error.backward()
        if gradient is None:
            gradient = torch.cat([t.grad.reshape(-1) for t in blocks]).tolist()
        errors.append(error.item())
        optimizer.step()
        trajectory.append(flat(blocks))
    with torch.no_grad():
        evaluation = forward(blocks, running, x, training=False).tolist()
        fresh_evaluation = forward(blocks, running, fresh, training=False).tolist()
    json.dump({
        "made by": "codegen/src/test/torch/batch_norm.py",
        "torch": torch.__version__,
        "spec": SPEC,
        "inputs": x.tolist(),
        "targets": d.tolist(),
        "initial": initial,
        "gradient": gradient,
        "errors": errors,
        "parameters": trajectory,
        "running": [{"layer": l + 1, "mean": m.tolist(), "variance": v.tolist()} for l, (m, v) in running.items()],
        "fresh": fresh.tolist(),
        "evaluation": evaluation,
        "freshEvaluation": fresh_evaluation,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
