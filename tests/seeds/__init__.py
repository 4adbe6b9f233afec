"""Seeds of the inventory coverage account, one module per area (`seed_<area>.py` with `seed(clients_in, seeded)`).

tests/test_inventory_coverage.py runs every module's `seed` after its own seeds, before the one scan;
`clients_in(region)(service)` is a boto3 client against moto's server, `seeded[name] = id` records what was made.
"""
