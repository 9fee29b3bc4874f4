"""One-off simplification of the exported int8 encoder graph: same outputs, less work per call.

`tools/export_encoder.py` writes the graph torch exports: every attention layer recomputes its
reshape targets from tensor shapes (Shape, Gather, Unsqueeze, Concat: about 190 of the 311 nodes
onnxruntime runs), guards each softmax against NaN, and runs the query, key and value
projections as three matrix products over the same quantised input. On a 32-word-piece request
those small nodes cost as much as a tenth of the transformer's time. This tool rewrites the
graph without changing one output bit:

1. each attention reshape gets a constant target (0 copies a dimension, -1 infers one), found by
   running the graph at two batch sizes and lengths; the shape arithmetic then has no consumer;
2. `Where(IsNaN(p), 0, p)` after each softmax becomes `p`: a softmax row is NaN only when every
   position of a sequence is masked, and every sequence starts with an unmasked [CLS];
3. the query, key and value products of a layer become one product against the three int8
   weight matrices side by side (per-column scales, zero points and biases concatenated alike),
   split afterwards: integer accumulation is exact, so each column is computed as before;
4. nodes and weights nothing reads any more are dropped.

It then checks that the new graph's outputs equal the old one's bit for bit (batches of 1 to
1024 sequences, 2 to 64 word pieces, padded and not) and records the new sha256 in
`encoder.json`. Run in a scratch environment with `onnx` installed (not a Redline dependency):

    python tools/simplify_encoder.py src/redline/guard/model
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HEADS_SPLIT = "qkv"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _session(model: Any) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def _feeds(batch: int, length: int, seed: int) -> dict[str, Any]:
    import numpy as np

    rng = np.random.default_rng(seed)
    ids = rng.integers(1000, 30000, size=(batch, length), dtype=np.int64)
    ids[:, 0], ids[:, -1] = 101, 102
    mask = np.ones_like(ids)
    for row in range(1, batch, 2):  # every other sequence padded, as batches of texts are
        mask[row, max(1, length - row % length) :] = 0
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def constant_reshapes(model: Any) -> int:
    """Give every reshape whose target is computed from shapes a constant target."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    graph = model.graph
    weights = {tensor.name for tensor in graph.initializer}
    producers = {output: node for node in graph.node for output in node.output}
    reshapes = [
        node
        for node in graph.node
        if node.op_type == "Reshape"
        and node.input[1] not in weights
        and getattr(producers.get(node.input[1]), "op_type", "") == "Concat"
    ]
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    watched = sorted({name for node in reshapes for name in node.input})
    probe.graph.output.extend([helper.make_empty_tensor_value_info(name) for name in watched])
    session = _session(probe)
    names = [output.name for output in session.get_outputs()]
    seen = [
        dict(zip(names, session.run(None, _feeds(batch, length, 0)), strict=True))
        for batch, length in ((2, 7), (3, 11))
    ]
    changed = 0
    for node in reshapes:
        target: list[int] = []
        for axis in range(len(seen[0][node.input[1]])):
            values = [int(run[node.input[1]][axis]) for run in seen]
            inputs = [run[node.input[0]].shape for run in seen]
            if all(
                axis < len(shape) and value == shape[axis]
                for value, shape in zip(values, inputs, strict=True)
            ):
                target.append(0)
            elif values[0] == values[1]:
                target.append(values[0])
            else:
                target.append(-1)
        if target.count(-1) > 1:
            continue  # a target with two free dimensions cannot be written as a constant
        name = f"{node.name}/constant_shape"
        graph.initializer.append(numpy_helper.from_array(np.array(target, np.int64), name))
        node.input[1] = name
        changed += 1
    return changed


def drop_nan_guards(model: Any) -> int:
    """Read each softmax directly instead of through `Where(IsNaN(p), 0, p)`."""
    graph = model.graph
    producers = {output: node for node in graph.node for output in node.output}
    dropped = 0
    for node in graph.node:
        guard = producers.get(node.input[0]) if node.op_type == "Where" else None
        if guard is None or guard.op_type != "IsNaN" or node.input[2] != guard.input[0]:
            continue
        for reader in graph.node:
            for index, name in enumerate(reader.input):
                if name == node.output[0]:
                    reader.input[index] = guard.input[0]
        dropped += 1
    return dropped


def merge_projections(model: Any) -> int:
    """One int8 product per layer for query, key and value, split afterwards."""
    import numpy as np
    from onnx import helper, numpy_helper

    graph = model.graph
    weights = {tensor.name: tensor for tensor in graph.initializer}
    producers = {output: node for node in graph.node for output in node.output}
    readers: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)

    def array(name: str) -> Any:
        return numpy_helper.to_array(weights[name])

    merged = 0
    products = [node for node in graph.node if node.op_type == "MatMulInteger"]
    layers = sorted(
        {node.name.split("/attention/self/")[0] for node in products if "/self/" in node.name}
    )
    for layer in layers:
        if not any(n.name == f"{layer}/attention/self/query/MatMul_quant" for n in products):
            continue  # already merged
        parts = []
        for which in ("query", "key", "value"):
            (product,) = [
                n for n in products if n.name == f"{layer}/attention/self/{which}/MatMul_quant"
            ]
            (cast,) = readers[product.output[0]]
            (scale,) = readers[cast.output[0]]
            (bias,) = readers[scale.output[0]]
            scales = producers[scale.input[1]]
            if (cast.op_type, scale.op_type, bias.op_type, scales.op_type) != (
                "Cast",
                "Mul",
                "Add",
                "Mul",
            ):
                raise SystemExit(f"{product.name}: not the exported quantised projection pattern")
            if bias.input[0] not in weights:
                raise SystemExit(f"{bias.name}: bias is not the first input")
            parts.append((product, cast, scale, bias, scales))
        inputs = {(p[0].input[0], p[0].input[2], p[4].input[0]) for p in parts}
        if len(inputs) != 1:
            raise SystemExit(f"{layer}: query, key and value read different inputs")
        ((activations, zero_point, activation_scale),) = inputs
        prefix = f"{layer}/attention/self/{HEADS_SPLIT}/"
        stacked = {
            "weight": np.concatenate([array(p[0].input[1]) for p in parts], axis=1),
            "weight_zero_point": np.concatenate([array(p[0].input[3]) for p in parts]),
            "weight_scale": np.concatenate([array(p[4].input[1]) for p in parts]),
            "bias": np.concatenate([array(p[3].input[0]) for p in parts]),
            "split": np.array([array(p[3].input[0]).shape[0] for p in parts], np.int64),
        }
        for name, values in stacked.items():
            graph.initializer.append(numpy_helper.from_array(values, prefix + name))
        new = [
            helper.make_node(
                "Mul",
                [activation_scale, prefix + "weight_scale"],
                [prefix + "scales"],
                name=prefix + "scales_mul",
            ),
            helper.make_node(
                "MatMulInteger",
                [activations, prefix + "weight", zero_point, prefix + "weight_zero_point"],
                [prefix + "product"],
                name=prefix + "MatMul_quant",
            ),
            helper.make_node(
                "Cast", [prefix + "product"], [prefix + "float"], name=prefix + "cast", to=1
            ),
            helper.make_node(
                "Mul",
                [prefix + "float", prefix + "scales"],
                [prefix + "scaled"],
                name=prefix + "output_scale_mul",
            ),
            helper.make_node(
                "Add", [prefix + "bias", prefix + "scaled"], [prefix + "out"], name=prefix + "Add"
            ),
            helper.make_node(
                "Split",
                [prefix + "out", prefix + "split"],
                [p[3].output[0] for p in parts],
                name=prefix + "Split",
                axis=-1,
            ),
        ]
        old = {node.name for part in parts for node in part}
        first = min(index for index, node in enumerate(graph.node) if node.name in old)
        kept = [node for node in graph.node if node.name not in old]
        nodes = [*kept[:first], *new, *kept[first:]]
        del graph.node[:]
        graph.node.extend(nodes)
        merged += 1
    return merged


def drop_unused(model: Any) -> int:
    """Remove nodes and weights that no graph output depends on."""
    graph = model.graph
    needed = {output.name for output in graph.output}
    kept = []
    for node in reversed(list(graph.node)):
        if any(output in needed for output in node.output):
            kept.append(node)
            needed.update(node.input)
    removed = len(graph.node) - len(kept)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    live = [tensor for tensor in graph.initializer if tensor.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(live)
    return removed


def check_same_outputs(old: Any, new: Any) -> int:
    """Raise unless both graphs give bit-identical outputs; return how many inputs were tried."""
    import numpy as np

    before, after = _session(old), _session(new)
    shapes = [
        (1, 32),
        (1, 2),
        (1, 3),
        (1, 5),
        (1, 17),
        (2, 9),
        (3, 32),
        (32, 32),
        (7, 64),
        (1024, 3),
    ]
    for seed, (batch, length) in enumerate(shapes):
        feeds = _feeds(batch, length, seed)
        if not np.array_equal(before.run(None, feeds)[0], after.run(None, feeds)[0]):
            raise SystemExit(f"outputs differ for batch {batch} x {length} word pieces")
    return len(shapes)


def main(folder: Path) -> None:
    """Simplify `folder/encoder.onnx` in place and record its new hash in `encoder.json`."""
    import onnx

    path = folder / "encoder.onnx"
    original = onnx.load(str(path))
    model = onnx.ModelProto()
    model.CopyFrom(original)
    reshapes = constant_reshapes(model)
    guards = drop_nan_guards(model)
    merged = merge_projections(model)
    removed = drop_unused(model)
    onnx.checker.check_model(model)
    tried = check_same_outputs(original, model)
    print(
        f"{reshapes} constant reshapes, {guards} NaN guards dropped, {merged} layers' projections "
        f"merged, {removed} nodes removed: {len(original.graph.node)} -> {len(model.graph.node)} "
        f"nodes; outputs bit-identical on {tried} input shapes"
    )
    onnx.save(model, str(path))
    manifest: dict[str, Any] = json.loads((folder / "encoder.json").read_text())
    manifest["simplified"] = (
        "tools/simplify_encoder.py: constant reshape targets, no softmax NaN guards, query/key/"
        "value products merged; outputs bit-identical to the export"
    )
    manifest["encoder_sha256"] = _sha256(path)
    (folder / "encoder.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"encoder sha256 {manifest['encoder_sha256']}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "src/redline/guard/model"))
