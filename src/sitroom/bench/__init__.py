"""sitroom.bench: throughput, memory and query-latency figures for ``sitroom bench``."""
