"""Cloud providers: `providers.aws` reads an AWS account; each target holds its catalog and mappings."""
