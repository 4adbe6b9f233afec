"""Planning: inventory -> plan. The core is target-neutral; targets live in providers/."""
