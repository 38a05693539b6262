"""Source- and reference-aware auditing: alignment, sacrebleu metrics, post-edit distance."""
