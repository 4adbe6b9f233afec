"""Jinja templates of a generated project (a package so that the wheel ships them)."""
