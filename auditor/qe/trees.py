"""Evaluate LightGBM's text-format tree ensembles with NumPy: no LightGBM (nor SciPy) at audit time.

LightGBM trains the QE models (``auditor.qe.build``, ``auditor train``); an audit only has to walk
their trees. Importing LightGBM costs a cold ``auditor check`` ~0.3 s and ~60 MB (it pulls in SciPy),
and one booster shared by audit threads needed a lock. :class:`Forest` reads the model string
LightGBM writes and walks every tree of every row at once (one NumPy step per tree level), following
LightGBM's own numerical decision exactly (missing values, default directions), so predictions
equal ``Booster.predict`` (tests/test_qe_trees.py checks to 1e-12).

Explanations are Saabas path contributions: each split on a row's path credits its feature with the
change of the expected value from the node to the child the row takes; per row they sum, with the
roots' expected values, to the raw prediction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

_DEFAULT_LEFT = 2
_MISSING_SHIFT, _MISSING_MASK = 2, 3
_MISSING_ZERO, _MISSING_NAN = 1, 2
#: Rows walked at once: the walk holds a (rows, trees) index array, so a 100k-word feed goes in slices
#: (2,048 rows x 316 trees of 8-byte indices is 5 MB).
ROW_CHUNK = 2048


class ForestFormatError(ValueError):
    """The text is not a LightGBM model this evaluator supports."""


def _numbers(value: str, kind: type) -> list:
    return [kind(v) for v in value.split()] if value else []


@dataclass(frozen=True)
class Forest:
    """A LightGBM tree ensemble as flat arrays over all trees' internal nodes and leaves.

    Child indices are global: ``>= 0`` an internal node, ``< 0`` the leaf ``-index - 1``. Each node's
    test is compiled to one comparison that is false for NaN: ``sign * x >= bound``, with the
    children ordered ``[false, true]`` so that false is where LightGBM sends a missing value
    (``x <= t`` is ``-x >= -t``; ``x > t`` is ``x >= nextafter(t, inf)``: exact in doubles).
    """

    objective: str
    sigmoid: float
    feature_names: tuple[str, ...]
    roots: np.ndarray  # (trees,) global index of each tree's root node (or leaf, negative)
    root_values: np.ndarray  # (trees,) expected value at each root
    feature: np.ndarray  # (nodes,)
    sign: np.ndarray  # (nodes,) +1 or -1
    bound: np.ndarray  # (nodes,)
    children: np.ndarray  # (2 * nodes,) child when the test is false, then when it is true
    node_value: np.ndarray  # (nodes,) expected (internal) value of each node
    leaf_value: np.ndarray  # (leaves,)

    @property
    def num_trees(self) -> int:
        """How many trees the ensemble has."""
        return len(self.roots)

    @classmethod
    def parse(cls, text: str) -> Forest:
        """Read LightGBM's model text (``Booster.model_to_string``)."""
        header, *blocks = text.split("\nTree=")
        meta = dict(line.split("=", 1) for line in header.splitlines() if "=" in line)
        if int(meta.get("num_tree_per_iteration", "1")) != 1:
            raise ForestFormatError("multi-class models are not supported")
        objective, *params = meta.get("objective", "regression").split()
        sigmoid = 1.0
        for param in params:
            if param.startswith("sigmoid:"):
                sigmoid = float(param.split(":", 1)[1])
        if objective not in {"regression", "regression_l1", "huber", "fair", "quantile", "binary", "cross_entropy"}:
            raise ForestFormatError(f"objective {objective!r} is not supported")
        roots, root_values = [], []
        feature, threshold, decision, left, right, node_value, leaf_value = [], [], [], [], [], [], []
        for block in blocks:
            block = block.split("\nend of trees", 1)[0]
            tree = dict(line.split("=", 1) for line in block.splitlines()[1:] if "=" in line)
            if int(tree.get("num_cat", "0")) or tree.get("is_linear", "0") == "1":
                raise ForestFormatError("categorical or linear trees are not supported")
            node_base, leaf_base = len(feature), len(leaf_value)
            leaves = _numbers(tree["leaf_value"], float)
            if int(tree["num_leaves"]) == 1:
                roots.append(-(leaf_base + 1))
                root_values.append(leaves[0])
                leaf_value.extend(leaves)
                continue

            def globalise(child: int, node_base: int = node_base, leaf_base: int = leaf_base) -> int:
                return node_base + child if child >= 0 else -(leaf_base + (-child - 1) + 1)

            internal = _numbers(tree["internal_value"], float)
            feature.extend(_numbers(tree["split_feature"], int))
            threshold.extend(_numbers(tree["threshold"], float))
            decision.extend(_numbers(tree["decision_type"], int))
            left.extend(globalise(c) for c in _numbers(tree["left_child"], int))
            right.extend(globalise(c) for c in _numbers(tree["right_child"], int))
            node_value.extend(internal)
            leaf_value.extend(leaves)
            roots.append(node_base)
            root_values.append(internal[0])
        if not roots:
            raise ForestFormatError("no trees")
        decisions = np.array(decision, dtype=np.int64)
        missing = (decisions >> _MISSING_SHIFT) & _MISSING_MASK
        if (missing == _MISSING_ZERO).any():
            raise ForestFormatError("zero-as-missing splits are not supported (train with zero_as_missing=false)")
        thresholds = np.array(threshold, dtype=np.float64)
        # where a missing value goes: the default side for NaN-missing splits, else as 0.0 would
        nan_left = np.where(missing == _MISSING_NAN, (decisions & _DEFAULT_LEFT) != 0, thresholds >= 0.0)
        lefts, rights = np.array(left, dtype=np.intp), np.array(right, dtype=np.intp)
        children = np.empty(2 * len(thresholds), dtype=np.intp)
        children[0::2] = np.where(nan_left, lefts, rights)
        children[1::2] = np.where(nan_left, rights, lefts)
        return cls(
            objective=objective,
            sigmoid=sigmoid,
            feature_names=tuple(meta.get("feature_names", "").split()),
            roots=np.array(roots, dtype=np.intp),
            root_values=np.array(root_values, dtype=np.float64),
            feature=np.array(feature, dtype=np.intp),
            sign=np.where(nan_left, 1.0, -1.0),
            bound=np.where(nan_left, np.nextafter(thresholds, np.inf), -thresholds),
            children=children,
            node_value=np.array(node_value, dtype=np.float64),
            leaf_value=np.array(leaf_value, dtype=np.float64),
        )

    def head(self, trees: int) -> Forest:
        """The ensemble of the first ``trees`` trees (node arrays shared; later trees never reached)."""
        trees = max(1, min(trees, self.num_trees))
        return replace(self, roots=self.roots[:trees], root_values=self.root_values[:trees])

    def _walk(self, x: np.ndarray, contributions: np.ndarray | None = None) -> np.ndarray:
        """Leaf index reached by every (row, tree); adds path contributions when asked.

        All (row, tree) pairs still inside a tree take one step together per level.
        """
        rows, width = x.shape
        if width < len(self.feature_names):
            raise ValueError(f"expected rows of {len(self.feature_names)} features, got {width}")
        trees = self.num_trees
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        current = np.tile(self.roots, rows)
        row_start = np.repeat(np.arange(rows, dtype=np.intp) * width, trees)
        active = np.flatnonzero(current >= 0)
        while active.size:
            nodes = current[active]
            test = flat[row_start[active] + self.feature[nodes]] * self.sign[nodes] >= self.bound[nodes]
            children = self.children[2 * nodes + test]
            if contributions is not None:
                child_value = np.where(children >= 0, self.node_value[np.maximum(children, 0)],
                                       self.leaf_value[np.maximum(-children - 1, 0)])
                np.add.at(contributions, (active // trees, self.feature[nodes]),
                          child_value - self.node_value[nodes])
            current[active] = children
            active = active[children >= 0]
        return (-current - 1).reshape(rows, trees)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """The summed leaf values of each row (LightGBM's ``raw_score=True``)."""
        x = _matrix(x)
        parts = [self.leaf_value[self._walk(x[k : k + ROW_CHUNK])].sum(axis=1) for k in range(0, len(x), ROW_CHUNK)]
        return np.concatenate(parts) if parts else np.zeros(0)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """What ``Booster.predict`` returns: the raw sum, through the sigmoid for ``binary`` and
        ``cross_entropy`` (a probability target, e.g. a share of words edited)."""
        raw = self.raw(x)
        if self.objective in ("binary", "cross_entropy"):
            return 1.0 / (1.0 + np.exp(-self.sigmoid * raw))
        return raw

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Saabas contributions (rows, features + 1), the last column the roots' expected value.

        Each row sums to :meth:`raw` of that row.
        """
        x = _matrix(x)
        out = np.zeros((len(x), len(self.feature_names) + 1))
        for k in range(0, len(x), ROW_CHUNK):
            self._walk(x[k : k + ROW_CHUNK], out[k : k + ROW_CHUNK])
        out[:, -1] = self.root_values.sum()
        return out


def _matrix(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(f"expected a 2-D matrix of feature rows, got shape {x.shape}")
    return x
