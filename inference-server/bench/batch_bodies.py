"""Bodies for protocols.sh: one request of 1,000 rows x 20 FP32 features (the model of make_model.py), as V2 JSON and
as V2 with the binary tensor extension (a JSON header, then the raw little-endian tensor). Writes batch.json,
batch.bin and batch.bin.header-length (the JSON header's length in bytes) into the directory given."""
import json
import pathlib
import sys

import numpy as np

ROWS, FEATURES = 1000, 20
out = pathlib.Path(sys.argv[1])
rows = np.random.default_rng(3).normal(size=(ROWS, FEATURES)).astype(np.float32)
tensor = {"name": "input-0", "shape": [ROWS, FEATURES], "datatype": "FP32"}
(out / "batch.json").write_text(json.dumps({"inputs": [dict(tensor, data=rows.ravel().tolist())]}))
raw = rows.astype("<f4").tobytes()
header = json.dumps({"inputs": [dict(tensor, parameters={"binary_data_size": len(raw)})],
                     "outputs": [{"name": "predict", "parameters": {"binary_data": True}}]}).encode()
(out / "batch.bin").write_bytes(header + raw)
(out / "batch.bin.header-length").write_text(str(len(header)))
