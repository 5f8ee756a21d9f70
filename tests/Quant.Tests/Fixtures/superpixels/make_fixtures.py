#!/usr/bin/env python3
"""Writes small files in the layout of PyG's GNNBenchmarkDataset raw file <NAME>_v2.pt (torch.save of
[train, val, test], each a list of dicts x / pos / edge_index / edge_attr / y), using only the standard library.

torch is not installed here, so torch.save is re-enacted with what it really does: Python's own pickle.Pickler at
protocol 2 with a persistent_id hook that turns each storage into ('storage', torch.<Type>Storage, key, 'cpu',
numel), tensors reduced to torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()),
and a zip (torch >= 1.6 format) holding <archive>/data.pkl, <archive>/data/<key> (raw little-endian storage
bytes), <archive>/byteorder and <archive>/version. Stand-in modules named torch and torch._utils make the pickler
write the same GLOBAL opcodes torch's classes would.

TINY_v2.pt
    train: graph A (3 nodes, a directed 3-cycle plus one reverse edge; y a Python int 7),
           graph B (2 nodes, 2 edges; edge_index stored transposed, i.e. a non-contiguous view as .t() gives;
                    y a one-element int64 tensor 3; x and pos share one storage at different offsets)
    val:   graph C (1 node, no edges, y 0)
    test:  graph D (2 nodes, edge_attr of shape (2, 1) and float64 storage, y 9)
The broken variants each break one thing (see BROKEN below).

Usage: python3 make_fixtures.py
"""

import collections
import io
import os
import pickle
import struct
import sys
import types
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

torch_module = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch_module
sys.modules["torch._utils"] = torch_utils


def _rebuild_tensor_v2(*args):
    raise NotImplementedError("stand-in: only ever pickled")


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2


def storage_class(name, fmt):
    cls = type(name, (), {"__module__": "torch", "fmt": fmt})
    setattr(torch_module, name, cls)
    return cls


FloatStorage = storage_class("FloatStorage", "<f")
DoubleStorage = storage_class("DoubleStorage", "<d")
LongStorage = storage_class("LongStorage", "<q")


class Storage:
    def __init__(self, kind, values):
        self.kind, self.values = kind, list(values)

    def raw(self):
        return b"".join(struct.pack(self.kind.fmt, v) for v in self.values)


class Tensor:
    def __init__(self, storage, size, stride=None, offset=0):
        if stride is None:
            stride, step = [], 1
            for d in reversed(size):
                stride.insert(0, step)
                step *= d
        self.storage, self.size, self.stride, self.offset = storage, tuple(size), tuple(stride), offset

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2, (self.storage, self.offset, self.size, self.stride, False, collections.OrderedDict()))


def tensor(kind, values, size):
    return Tensor(Storage(kind, values), size)


def save(path, obj, *, drop_storage=None, shorten_storage=None, numel_override=None):
    keys = {}

    def persistent_id(o):
        if isinstance(o, Storage):
            key = keys.setdefault(id(o), (str(len(keys)), o))[0]
            numel = len(o.values) if numel_override is None else numel_override
            return ("storage", o.kind, key, "cpu", numel)
        return None

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=2)
    pickler.persistent_id = persistent_id
    pickler.dump(obj)

    archive = os.path.splitext(os.path.basename(path))[0]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{archive}/data.pkl", buffer.getvalue())
        z.writestr(f"{archive}/byteorder", "little")
        for key, storage in keys.values():
            if key == drop_storage:
                continue
            raw = storage.raw()
            if key == shorten_storage:
                raw = raw[:-4]
            z.writestr(f"{archive}/data/{key}", raw)
        z.writestr(f"{archive}/version", "3\n")


def tiny(**changes):
    shared = Storage(FloatStorage, [0.25, 0.75, 0.5, 0.125, 0.875, 1.0])  # B's x = [0.25, 0.75], pos = rows of the rest
    graph_a = {
        "x": tensor(FloatStorage, [0.1, 0.2, 0.3], (3, 1)),
        "edge_index": tensor(LongStorage, [0, 1, 2, 1, 1, 2, 0, 0], (2, 4)),
        "edge_attr": tensor(FloatStorage, [0.9, 0.8, 0.7, 0.6], (4,)),
        "y": 7,
        "pos": tensor(FloatStorage, [0.0, 0.5, 0.5, 0.0, 1.0, 1.0], (3, 2)),
    }
    # edge_index of B is the transpose of a (2 edges × 2) contiguous array [[0, 1], [1, 0]] -> rows (0, 1), (1, 0).
    graph_b = {
        "x": Tensor(shared, (2, 1), (1, 1), 0),
        "edge_index": Tensor(Storage(LongStorage, [0, 1, 1, 0]), (2, 2), (1, 2)),
        "edge_attr": tensor(FloatStorage, [0.5, 0.25], (2,)),
        "y": tensor(LongStorage, [3], (1,)),
        "pos": Tensor(shared, (2, 2), (2, 1), 2),
    }
    graph_c = {
        "x": tensor(FloatStorage, [0.0], (1, 1)),
        "edge_index": tensor(LongStorage, [], (2, 0)),
        "edge_attr": tensor(FloatStorage, [], (0,)),
        "y": 0,
        "pos": tensor(FloatStorage, [0.5, 0.5], (1, 2)),
    }
    graph_d = {
        "x": tensor(FloatStorage, [1.0, 0.0], (2, 1)),
        "edge_index": tensor(LongStorage, [0, 1, 1, 0], (2, 2)),
        "edge_attr": tensor(DoubleStorage, [0.1, 0.2], (2, 1)),
        "y": 9,
        "pos": tensor(FloatStorage, [0.1, 0.2, 0.3, 0.4], (2, 2)),
    }
    for key, value in changes.items():
        graph_a[key] = value
    return [[graph_a, graph_b], [graph_c], [graph_d]]


def main():
    save(os.path.join(HERE, "TINY_v2.pt"), tiny())

    broken = os.path.join(HERE, "broken")
    os.makedirs(broken, exist_ok=True)
    save(os.path.join(broken, "label-out-of-range.pt"), tiny(y=12))
    save(os.path.join(broken, "edge-out-of-range.pt"), tiny(edge_index=tensor(LongStorage, [0, 1, 2, 3, 1, 2, 0, 0], (2, 4))))
    save(os.path.join(broken, "pos-wrong-shape.pt"), tiny(pos=tensor(FloatStorage, [0.0, 0.5, 0.5], (3, 1))))
    save(os.path.join(broken, "float-edge-index.pt"), tiny(edge_index=tensor(FloatStorage, [0, 1, 2, 1, 1, 2, 0, 0], (2, 4))))
    save(os.path.join(broken, "missing-storage.pt"), tiny(), drop_storage="1")
    save(os.path.join(broken, "short-storage.pt"), tiny(), shorten_storage="0")
    save(os.path.join(broken, "two-splits.pt"), tiny()[:2])
    with open(os.path.join(HERE, "TINY_v2.pt"), "rb") as f:
        whole = f.read()
    with open(os.path.join(broken, "truncated.pt"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    # torch's pre-1.6 format starts with a pickled magic number instead of a zip header.
    with open(os.path.join(broken, "legacy.pt"), "wb") as f:
        f.write(pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2))


if __name__ == "__main__":
    main()
