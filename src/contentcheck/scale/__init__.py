"""Checking many documents: worker processes, the result cache and the Dask backend."""
