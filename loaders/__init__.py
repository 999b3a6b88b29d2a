"""Readers, outline, extractor and the StrategyDocument model: documents in, one model out."""
