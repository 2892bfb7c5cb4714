"""Search: typed best-first enumeration over the DSL that finds programs for unseen tasks within a budget."""

from arc_kernel.search.enumeration import Enumerator, Hit, SearchConfig, SearchStats
from arc_kernel.search.prior import Prior, load_prior, rebuild_prior
from arc_kernel.search.source import SearchSource, search_task

__all__ = ["Enumerator", "Hit", "SearchConfig", "SearchStats", "Prior", "load_prior", "rebuild_prior",
           "SearchSource", "search_task"]
