"""Imported by the fork server that the workers are forked from (``schedule.worker_context``),
before it forks any: the stages imported, spaCy with them, and the rules pipeline and shared
rules built (``enrich.nlp`` keeps them), so that no worker imports or builds them again. Only
its import has an effect. (The PDF reader, ``pipeline.extract.pdf``, is preloaded before it
when a run has PDFs.)

Last, what was built is frozen out of the garbage collector's reach (``gc.freeze``, made for
this: before forking): the workers' collections do not walk it, nor copy the memory pages
that hold it, and the fork server's own exit, when the run ends, skips collecting it (a
quarter of a second, that a caller reading the run's output to its end would wait for: the
server shares its stdout).
"""

from __future__ import annotations

import gc

import pipeline.runner.pool  # noqa: F401 - the workers' entry point, and every stage it runs
from pipeline.enrich.nlp import rules_nlp, shared_rules

rules_nlp()
shared_rules()
gc.freeze()
