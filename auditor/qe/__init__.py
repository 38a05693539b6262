"""Learned quality estimation (QE): how much editing a machine-translated sentence likely needs.

``features`` turns a sentence (and its source, when given) into numbers; ``model`` loads the shipped
LightGBM text models and predicts HTER and quality; ``words`` marks the words likely to need editing;
``data`` reads MLQE-PE; ``lexlearn`` learns source→English lexicons from post-edited alignments.
"""
