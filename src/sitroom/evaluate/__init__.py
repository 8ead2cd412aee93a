"""``sitroom eval``: scores each stage on the dev gold in ../shared/gold (read by path)."""
