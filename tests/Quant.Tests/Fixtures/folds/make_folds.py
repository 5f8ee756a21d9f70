#!/usr/bin/python3
"""Writes the fold and random-number fixtures the Quant tests compare against, using Debian's python3-sklearn
and python3-numpy (`apt-get install python3-sklearn`; run with /usr/bin/python3, not a pyenv python).

reddit_binary_folds.txt
    The REDDIT-BINARY folds of the A2Q code (weihai-98/A-2Q lr_gin_reddit_binary.py) and Degree-Quant, whose
    k_fold() is PyG's benchmark/kernel one: StratifiedKFold(10, shuffle=True, random_state=12345) over the graph
    labels; the test indices of split i, one line per split, ascending. Fold i tests on split i, validates on split
    i-1 (fold 0 on split 9) and trains on the rest. Only indices are written: the labels are read at generation time
    from the staged REDDIT-BINARY.zip (DGCNN text; labels {0, 2} are PyG's {0, 1}, and StratifiedKFold only uses
    their order of appearance, so either gives the same folds).
small_stratified_folds.txt
    StratifiedKFold on a small three-class label vector with unequal class sizes, with and without shuffling.
numpy_random_state.txt
    First outputs of numpy's legacy RandomState for a few seeds: raw 32-bit words, random_sample, shuffle.

Usage:
    /usr/bin/python3 make_folds.py [A2Q_DATA_DIR]   # default: $A2Q_DATA_DIR
"""

import os
import sys
import zipfile

import numpy as np
import sklearn
from sklearn.model_selection import StratifiedKFold

HERE = os.path.dirname(os.path.abspath(__file__))


def reddit_binary_labels(data_dir):
    path = os.path.join(data_dir, "reddit-binary", "REDDIT-BINARY.zip")
    with zipfile.ZipFile(path) as archive:
        lines = archive.read("REDDIT-BINARY/REDDIT-BINARY.txt").decode("ascii").split("\n")
    graph_count = int(lines[0])
    labels, line = [], 1
    for _ in range(graph_count):
        node_count, label = map(int, lines[line].split())
        labels.append(label)
        line += 1 + node_count
    raw = sorted(set(labels))
    return np.array([raw.index(label) for label in labels])


def k_fold_test_indices(labels, folds, seed):
    """What PyG's benchmark/kernel k_fold (used by Degree-Quant and A2Q) collects as test_indices."""
    skf = StratifiedKFold(folds, shuffle=True, random_state=seed)
    return [idx for _, idx in skf.split(np.zeros(len(labels)), labels)]


def write_lines(name, header, rows):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(f"# {header}\n")
        f.write(f"# numpy {np.__version__}, scikit-learn {sklearn.__version__}, written by make_folds.py\n")
        for row in rows:
            f.write(" ".join(str(v) for v in row) + "\n")


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.environ["A2Q_DATA_DIR"]

    labels = reddit_binary_labels(data_dir)
    assert len(labels) == 2000 and (labels == 0).sum() == 1000
    splits = k_fold_test_indices(labels, 10, 12345)
    write_lines("reddit_binary_folds.txt",
                "StratifiedKFold(10, shuffle=True, random_state=12345) on REDDIT-BINARY: test indices of split i per line",
                splits)

    small = np.array([2, 0, 0, 1, 2, 2, 0, 1, 2, 2, 0, 2, 2, 1, 0, 2, 2, 0, 2, 2, 1, 0, 2])
    rows = [["labels", ":"] + list(small)]
    for shuffle, seed in [(False, None), (True, 0), (True, 12345)]:
        skf = StratifiedKFold(4, shuffle=shuffle, random_state=seed)
        for i, (_, test) in enumerate(skf.split(np.zeros(len(small)), small)):
            rows.append([f"shuffle={shuffle}", f"seed={seed}", f"split={i}", ":"] + list(test))
    write_lines("small_stratified_folds.txt", "StratifiedKFold(4) on the labels of the first row", rows)

    rows = []
    for seed in [0, 1, 12345, 4294967295]:
        words = np.random.RandomState(seed).randint(0, 2**32, size=8, dtype=np.uint64)
        rows.append([f"seed={seed}", "uint32", ":"] + list(words))
        samples = np.random.RandomState(seed).random_sample(4)
        rows.append([f"seed={seed}", "random_sample", ":"] + [repr(float(s)) for s in samples])
        for n in [1, 2, 10, 1000]:
            values = np.arange(n)
            np.random.RandomState(seed).shuffle(values)
            rows.append([f"seed={seed}", f"shuffle{n}", ":"] + list(values))
    write_lines("numpy_random_state.txt", "numpy.random.RandomState(seed) outputs", rows)


if __name__ == "__main__":
    main()
