"""What every target shares: regions with coordinates, catalog records, CSV loading."""
