"""Views of a parsed Doc that every extractor shares: its text, entity and token views, scanners."""
