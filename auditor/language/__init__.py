"""Word knowledge the checks share: closed-class words, word and pair counts, the trigram LM, CMUdict."""
