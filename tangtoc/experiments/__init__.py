"""Experiments behind the measurement notebooks (docs/notebooks/<topic>.ipynb), one module each.

Whatever a notebook runs in another process or thread is defined here, never in a cell: a
function defined in a notebook cannot be found by a spawn or forkserver child, and the pool hangs.
"""
