"""Real servers the tests start on loopback ports in temp dirs (PostgreSQL from Debian's packages)."""
