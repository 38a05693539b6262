"""``auditor learn``: turn a newsroom's post-edits into YAML rules that catch its MT engine's habits.

:mod:`~auditor.learn.pairs` reads MT/post-edit pairs (streamed), :mod:`~auditor.learn.edits`
aligns and classifies the edits, :mod:`~auditor.learn.candidates` turns edits into candidate
patterns, :mod:`~auditor.learn.learner` counts and measures them on held-out folds,
:mod:`~auditor.learn.pack` writes the YAML pack and :mod:`~auditor.learn.report` the summary.
"""
