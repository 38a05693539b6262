"""Score and judge the findings: the scoring formula, the finding policy, suppressions, baselines, gates."""
