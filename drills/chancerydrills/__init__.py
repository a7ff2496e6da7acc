"""Fault drills for Chancery: each starts its own loopback PostgreSQL cluster and the built
`chancery` binary, injects faults (SIGKILL, outages, contention, slow clients) and accounts for
every write exactly. See docs/reliability.md."""
