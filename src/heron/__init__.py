"""Heron: news articles in, verified PLOVER event data out."""
