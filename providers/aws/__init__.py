"""Amazon Web Services, both ways: the source inventory (`providers.aws.inventory`, read-only)
and the target side (catalog, mapping). Imports nothing heavy."""
