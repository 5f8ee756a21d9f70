#!/usr/bin/env python3
"""Writes the Planetoid-format fixtures the Quant tests load, using only the standard library:
ind.tiny.* (a complete 10-node dataset, see make_tiny) and pickles/*.pickle (one edge case each).

The upstream ind.* files were written by Python 2's cPickle (protocol 2) from scipy/numpy objects, which
this machine does not have. So the opcodes are emitted by hand, in the same order and with the same memo
(BINPUT) pattern cPickle produced; `--check DIR` proves it by re-emitting every real file found in DIR
from its decoded contents and comparing bytes.

Usage:
    python3 make_fixtures.py                 # (re)write the fixtures next to this script
    python3 make_fixtures.py --check DIR     # re-emit DIR/ind.* and require byte equality
"""

import os
import pickle
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = 1000  # cPickle writes APPENDS/SETITEMS in chunks of this many items


class Emitter:
    """Appends protocol-2 opcodes; `put` memoizes the value just pushed, as cPickle's BINPUT does."""

    def __init__(self):
        self.out = bytearray(b"\x80\x02")
        self.next_memo = 1

    def put(self):
        memo_id = self.next_memo
        self.next_memo += 1
        if memo_id < 256:
            self.out += b"q" + bytes([memo_id])
        else:
            self.out += b"r" + struct.pack("<I", memo_id)
        return memo_id

    def get(self, memo_id):
        self.out += (b"h" + bytes([memo_id])) if memo_id < 256 else (b"j" + struct.pack("<I", memo_id))

    def op(self, code):
        self.out += code

    def global_(self, module, name):
        self.out += b"c" + module.encode() + b"\n" + name.encode() + b"\n"

    def int_(self, value):
        if 0 <= value < 256:
            self.out += b"K" + bytes([value])
        elif 0 <= value < 65536:
            self.out += b"M" + struct.pack("<H", value)
        else:
            self.out += b"J" + struct.pack("<i", value)

    def string(self, raw):
        if isinstance(raw, str):
            raw = raw.encode("latin1")
        if len(raw) < 256:
            self.out += b"U" + bytes([len(raw)]) + raw
        else:
            self.out += b"T" + struct.pack("<i", len(raw)) + raw

    def shape(self, dims):
        for d in dims:
            self.int_(d)
        self.op({1: b"\x85", 2: b"\x86", 3: b"\x87"}[len(dims)])

    def stop(self):
        self.out += b"."
        return bytes(self.out)


class ArrayWriter:
    """numpy.ndarray.__reduce__ output, sharing the _reconstruct/ndarray/dtype globals like cPickle's memo."""

    def __init__(self, emitter):
        self.e = emitter
        self.reconstruct = None
        self.ndarray = None
        self.dtype_global = None

    def array(self, dims, dtype_code, raw, reuse_dtype=None):
        e = self.e
        if self.reconstruct is None:
            e.global_("numpy.core.multiarray", "_reconstruct")
            self.reconstruct = e.put()
            e.global_("numpy", "ndarray")
            self.ndarray = e.put()
        else:
            e.get(self.reconstruct)
            e.get(self.ndarray)
        e.int_(0)
        e.op(b"\x85")
        e.string("b")
        e.op(b"\x87R")
        e.put()
        e.op(b"(")
        e.int_(1)
        e.shape(dims)
        if reuse_dtype is not None:
            e.get(reuse_dtype)
            dtype_memo = reuse_dtype
        else:
            if self.dtype_global is None:
                e.global_("numpy", "dtype")
                self.dtype_global = e.put()
            else:
                e.get(self.dtype_global)
            e.string(dtype_code)
            e.int_(0)
            e.int_(1)
            e.op(b"\x87R")
            dtype_memo = e.put()
            e.op(b"(")
            e.int_(3)
            e.string("<")
            e.op(b"NNN")
            e.out += b"J" + struct.pack("<i", -1)
            e.out += b"J" + struct.pack("<i", -1)
            e.int_(0)
            e.op(b"tb")
        e.op(b"\x89")  # not Fortran-ordered
        e.string(raw)
        e.op(b"tb")
        return dtype_memo


def csr_pickle(rows, columns, indptr, indices, data):
    """A scipy.sparse.csr_matrix (int32 indices, float32 data) pickled as scipy 0.x under Python 2 did."""
    e = Emitter()
    arrays = ArrayWriter(e)
    e.global_("scipy.sparse.csr", "csr_matrix")
    e.put()
    e.op(b")\x81")
    e.put()
    e.op(b"}")
    e.put()
    e.op(b"(")
    e.string("format")
    e.put()
    e.string("csr")
    e.string("_shape")
    e.put()
    e.shape((rows, columns))
    e.string("indptr")
    e.put()
    int32 = arrays.array((len(indptr),), "i4", struct.pack("<%di" % len(indptr), *indptr))
    e.string("_cs_matrix__has_sorted_indices")
    e.put()
    e.op(b"\x88")
    e.string("indices")
    e.put()
    arrays.array((len(indices),), "i4", struct.pack("<%di" % len(indices), *indices), reuse_dtype=int32)
    e.string("maxprint")
    e.put()
    e.int_(50)
    e.string("data")
    e.put()
    arrays.array((len(data),), "f4", struct.pack("<%df" % len(data), *data))
    e.op(b"ub")
    return e.stop()


def dense_pickle(rows, columns, values, dtype_code="i4"):
    """A C-ordered 2-D numpy array (the one-hot label files)."""
    e = Emitter()
    fmt = {"i4": "i", "f8": "d"}[dtype_code]
    ArrayWriter(e).array((rows, columns), dtype_code, struct.pack("<%d%s" % (len(values), fmt), *values))
    return e.stop()


def graph_pickle(adjacency):
    """collections.defaultdict(list) {node: [neighbours]}; `adjacency` is a list of (node, list) in dict order."""
    e = Emitter()
    e.global_("collections", "defaultdict")
    e.put()
    e.global_("__builtin__", "list")
    e.put()
    e.op(b"\x85R")
    e.put()
    for start in range(0, len(adjacency), BATCH):
        chunk = adjacency[start:start + BATCH]
        if len(chunk) > 1:
            e.op(b"(")
        for node, neighbours in chunk:
            e.int_(node)
            e.op(b"]")
            e.put()
            for list_start in range(0, len(neighbours), BATCH):
                part = neighbours[list_start:list_start + BATCH]
                if len(part) == 1:
                    e.int_(part[0])
                    e.op(b"a")
                else:
                    e.op(b"(")
                    for n in part:
                        e.int_(n)
                    e.op(b"e")
        e.op(b"u" if len(chunk) > 1 else b"s")
    return e.stop()


# --- decoding the real files with the standard library, to check the emitter against them ---------------

class _Dtype:
    def __init__(self, code, *_):
        self.code = code.decode() if isinstance(code, bytes) else code

    def __setstate__(self, state):
        pass


class _Array:
    def __setstate__(self, state):
        _, self.shape, self.dtype, _, self.raw = state

    def values(self):
        fmt = {"i4": "i", "f4": "f", "f8": "d", "i8": "q"}[self.dtype.code]
        return list(struct.unpack("<%d%s" % (len(self.raw) // struct.calcsize(fmt), fmt), self.raw))


class _Csr:
    def __setstate__(self, state):
        self.state = {k.decode(): v for k, v in state.items()}


class _StubUnpickler(pickle.Unpickler):
    STUBS = {
        ("numpy.core.multiarray", "_reconstruct"): lambda cls, shape, code: _Array(),
        ("numpy", "ndarray"): object,
        ("numpy", "dtype"): _Dtype,
        ("scipy.sparse.csr", "csr_matrix"): _Csr,
    }

    def find_class(self, module, name):
        if (module, name) in self.STUBS:
            return self.STUBS[(module, name)]
        if (module, name) in (("collections", "defaultdict"), ("__builtin__", "list")):
            return super().find_class(module, name)
        raise pickle.UnpicklingError("unexpected global %s.%s" % (module, name))


def reemit(path):
    with open(path, "rb") as f:
        obj = _StubUnpickler(f, encoding="bytes").load()
    if isinstance(obj, _Csr):
        s = obj.state
        rows, columns = s["_shape"]
        return csr_pickle(rows, columns, s["indptr"].values(), s["indices"].values(), s["data"].values())
    if isinstance(obj, _Array):
        rows, columns = obj.shape
        return dense_pickle(rows, columns, obj.values(), obj.dtype.code)
    return graph_pickle(list(obj.items()))


def check(directory):
    names = sorted(n for n in os.listdir(directory) if n.startswith("ind.") and not n.endswith("test.index"))
    failures = 0
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            original = f.read()
        same = reemit(os.path.join(directory, name)) == original
        failures += not same
        print("%-24s %s" % (name, "identical" if same else "DIFFERENT"))
    return failures


# --- the fixtures ------------------------------------------------------------------------------------------

def csr_from_rows(rows, columns):
    indptr, indices, data = [0], [], []
    for row in rows:
        for column, value in row:
            indices.append(column)
            data.append(value)
        indptr.append(len(indices))
    return csr_pickle(len(rows), columns, indptr, indices, data)


def one_hot(labels, classes):
    values = []
    for label in labels:
        values += [1 if c == label else 0 for c in range(classes)]
    return dense_pickle(len(labels), classes, values)


def write(directory, name, payload):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(payload)


def make_tiny(directory):
    """
    "tiny": 10 nodes, 5 features, 3 classes. allx = nodes 0-5 (x/y = nodes 0-1 are the training set,
    validation takes the next 3 when asked for 3). test.index lists 9, 6, 8 out of order; node 7 lies inside
    [6, 9] but is not a test node, so (like CiteSeer's 15 isolated nodes) it gets a zero feature row and label 0.
    The graph holds a duplicate edge (0-1 twice), a self loop (3-3), and node 7 has no entry.
    """
    features = 5
    allx_rows = [
        [(0, 1.0), (3, 1.0)],            # node 0
        [(1, 2.0), (2, 0.5), (4, 1.5)],  # node 1: row sum 4
        [(2, 1.0)],                      # node 2
        [],                              # node 3: no words
        [(0, 0.25), (1, 0.25)],          # node 4: row sum 0.5 (< 1, so NormalizeFeatures leaves it)
        [(4, 3.0)],                      # node 5
    ]
    allx_labels = [0, 1, 2, 1, 0, 2]
    test_index = [9, 6, 8]
    tx_rows = [  # row k belongs to node test_index[k]
        [(1, 1.0), (3, 1.0)],            # node 9
        [(0, 1.0)],                      # node 6
        [(2, 1.0), (3, 1.0), (4, 1.0)],  # node 8
    ]
    tx_labels = [2, 1, 0]
    graph = [
        (0, [1, 1, 2]),   # 0-1 listed twice
        (1, [0, 3]),
        (2, [0]),
        (3, [3, 1, 4]),   # self loop on 3
        (4, [3]),
        (5, [6]),
        (6, [5, 8]),
        (8, [6, 9]),
        (9, [8]),
    ]
    write(directory, "ind.tiny.x", csr_from_rows(allx_rows[:2], features))
    write(directory, "ind.tiny.y", one_hot(allx_labels[:2], 3))
    write(directory, "ind.tiny.allx", csr_from_rows(allx_rows, features))
    write(directory, "ind.tiny.ally", one_hot(allx_labels, 3))
    write(directory, "ind.tiny.tx", csr_from_rows(tx_rows, features))
    write(directory, "ind.tiny.ty", one_hot(tx_labels, 3))
    write(directory, "ind.tiny.graph", graph_pickle(graph))
    write(directory, "ind.tiny.test.index", "".join("%d\n" % i for i in test_index).encode())


def make_single_files(directory):
    """One pickle per edge case the reader must handle or reject, each with a single deliberate oddity."""
    # Labels stored as float64: the loader wants an integer array.
    write(directory, "labels-float64.pickle", dense_pickle(2, 3, [1.0, 0.0, 0.0, 0.0, 1.0, 0.0], "f8"))
    # indptr claims 3 rows while _shape says 2.
    write(directory, "indptr-longer-than-shape.pickle", csr_pickle(2, 4, [0, 1, 2, 2], [0, 1], [1.0, 1.0]))
    # A column index outside the declared width.
    write(directory, "column-out-of-range.pickle", csr_pickle(2, 4, [0, 1, 2], [0, 7], [1.0, 1.0]))
    # Legal for scipy (has_sorted_indices aside): row 0 unsorted with column 2 twice, row 1 holds an explicit zero.
    write(directory, "unsorted-duplicate-columns.pickle",
          csr_pickle(2, 4, [0, 3, 5], [2, 0, 2, 1, 3], [1.0, 0.5, 2.0, 0.0, 4.0]))
    # A tiny-dataset graph naming node 12, beyond the 10 nodes.
    write(directory, "graph-node-out-of-range.pickle", graph_pickle([(0, [1]), (1, [0]), (9, [12])]))
    # The classic pickle exploit shape: a GLOBAL that is not one of ours.
    e = Emitter()
    e.global_("os", "system")
    e.put()
    e.string("echo hi")
    e.op(b"\x85R")
    write(directory, "unexpected-global.pickle", e.stop())


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        sys.exit(1 if check(argv[2]) else 0)
    make_tiny(HERE)
    make_single_files(os.path.join(HERE, "pickles"))


if __name__ == "__main__":
    main(sys.argv)
