"""Rendering an `Answer`: the lead sentence first, details folded, sources that open the plan, a plain-text copy."""
