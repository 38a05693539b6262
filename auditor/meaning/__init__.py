"""Meaning markers of source and target: negation, sentence type, tense, modality, gender."""
