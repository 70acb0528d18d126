"""reconcile: find where news reports from several outlets corroborate and where they conflict.

Stages, one module each, data passed forward only:
load -> claims -> embed -> cluster -> relate -> report.
`reconcile.pipeline.run_pipeline` wires them.
"""

__version__ = "0.1.0"
