"""Engines: where the per-document function runs.

    with engine("dask", workers=2) as code:
        for item in code(read_inputs(["articles.jsonl"])):   # Documents (with .events) and DocumentErrors
            ...

Every engine turns a stream of documents into the same stream coded, in input order, by the one
per-document path (pipeline.code_documents):

- `local`: in this process;
- `process`: a pool of worker processes on this machine;
- `dask`: the workers of a Dask cluster, an existing one (`scheduler` address) or a local cluster
  of worker processes.

The input is cut into partitions of PARTITION_SIZE documents and at most IN_FLIGHT partitions per
worker are out at a time, so memory stays bounded whatever the size of the input. Each partition
carries the run's Config, which the worker applies before coding, so every engine codes with the
same knowledge; the model and lexicons load once per worker process (the cached loaders).
"""
from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from . import config
from .document import Document, DocumentError
from .pipeline import BATCH_SIZE, code_documents

ENGINES = ("local", "process", "dask")
PARTITION_SIZE = BATCH_SIZE  # one parser batch per task: short tasks keep the workers evenly loaded
IN_FLIGHT = 4  # partitions out per worker: enough that no worker waits while the oldest one finishes

Item = Document | DocumentError
Coder = Callable[[Iterable[Item]], Iterator[Item]]


def warm_up(settings: config.Config) -> None:
    """Apply the run's knowledge and load everything the coder reads, once per worker process."""
    from .actors import load_knowledge
    from .classifier import load_models
    from .lexicon import load_lexicon
    from .nlp import load_nlp
    from .places import gazetteer

    config.configure(settings)
    load_nlp(), load_knowledge(), load_lexicon(), gazetteer(), load_models()


def code_partition(settings: config.Config, items: list[Item]) -> list[Item]:
    """One partition, coded in a worker with the run's knowledge."""
    if config.active() != settings:
        config.configure(settings)
    return list(code_documents(items))


def _worker_id() -> int:
    time.sleep(0.1)  # long enough that one worker cannot take every probe of a round
    return os.getpid()


def _start(pool: ProcessPoolExecutor, workers: int) -> None:
    """Wait until every worker process has started and loaded the coder (the pool starts them on
    demand), so that start-up fails here and does not hold up the first partitions."""
    seen: set[int] = set()
    while len(seen) < workers:
        seen |= {probe.result() for probe in [pool.submit(_worker_id) for _ in range(workers)]}


def partitions(items: Iterable[Item], size: int = PARTITION_SIZE) -> Iterator[list[Item]]:
    partition: list[Item] = []
    for item in items:
        partition.append(item)
        if len(partition) >= size:
            yield partition
            partition = []
    if partition:
        yield partition


def in_order(submit: Callable[[list[Item]], Future], items: Iterable[Item], in_flight: int) -> Iterator[Item]:
    """The coded items of every partition, in input order, with at most `in_flight` partitions out.

    Waiting on the oldest partition keeps the output in input order; the partitions behind it keep
    the workers busy meanwhile."""
    pending: deque[Future] = deque()
    for partition in partitions(items):
        pending.append(submit(partition))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


@contextmanager
def engine(name: str = "local", workers: int | None = None, scheduler: str | None = None) -> Iterator[Coder]:
    """A coder for streams of documents, running on `name` with `workers` processes (default: one per
    core) or, for dask, on the cluster at `scheduler`; the workers stop when the block ends."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; one of {', '.join(ENGINES)}")
    if scheduler and name != "dask":
        raise ValueError("a scheduler address needs the dask engine")
    settings = config.active()
    workers = workers or os.cpu_count() or 1
    if name == "local":
        yield code_documents
    elif name == "process":
        # spawn, not fork: a worker must not inherit this process's open store or threads.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=warm_up, initargs=(settings,)) as pool:
            _start(pool, workers)
            yield lambda items: in_order(lambda part: pool.submit(code_partition, settings, part), items,
                                         IN_FLIGHT * workers)
    else:
        with _dask_client(workers, scheduler) as client:
            client.run(warm_up, settings)
            slots = sum(client.nthreads().values()) or workers
            # pure=False: a partition's key need not hash its texts, and equal partitions are still two tasks.
            yield lambda items: in_order(lambda part: client.submit(code_partition, settings, part, pure=False),
                                         items, IN_FLIGHT * slots)


@contextmanager
def _dask_client(workers: int, scheduler: str | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client
