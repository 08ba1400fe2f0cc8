"""Batch: many Arabic/English pairs checked at once, in worker processes or on a Dask cluster, with resume
and combined outputs (:mod:`align.batch.run`).
"""
