"""Benchmarks and the package helpers they share with the packaging tests (`make bench`)."""
