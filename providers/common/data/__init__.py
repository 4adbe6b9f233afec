"""Catalog data files (CSV) shipped with the package; see SOURCES.md next to them."""
