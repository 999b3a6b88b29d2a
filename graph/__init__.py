"""StrategyDocument → RDF, reasoning, validation, the store and the build pipeline."""
