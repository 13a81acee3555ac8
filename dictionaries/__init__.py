"""Language knowledge: lexicons, the Sudachi user dictionary, the site directory, the tagger."""
