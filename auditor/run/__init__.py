"""One audit run: settings to results, the pipeline, workers, result caches, output files and progress."""
