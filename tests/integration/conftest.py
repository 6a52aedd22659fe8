"""Fixtures: the broker (started outside, by tests/kafka/broker.sh), fresh topics per test,
and newsworker subprocesses whose stderr is shown when a test fails."""
from __future__ import annotations

import re

import pytest
from confluent_kafka.admin import AdminClient

import nwkafka
from nwkafka import INPUT_PARTITIONS, Topics, Worker

WORKERS = pytest.StashKey[list]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        for w in item.stash.get(WORKERS, []):
            rep.sections.append((f"newsworker '{w.name}'", w.describe()))


@pytest.fixture(scope="session")
def bootstrap() -> str:
    return nwkafka.bootstrap_servers()


@pytest.fixture(scope="session")
def admin(bootstrap) -> AdminClient:
    a = AdminClient({"bootstrap.servers": bootstrap})
    try:
        a.list_topics(timeout=15)
    except Exception as e:
        pytest.fail(f"no Kafka broker answers at {bootstrap} ({e}); start one with "
                    f"'tests/kafka/broker.sh start' (NW_KAFKA_PORT selects the port)",
                    pytrace=False)
    # the first group request creates __consumer_offsets and loads the coordinator: do
    # it here, once, with a generous deadline, rather than inside the first test
    nwkafka.committed_offsets(a, "nw-it-warmup", "nw-it-warmup", [0])
    return a


@pytest.fixture(scope="session")
def shared_data():
    for p in (nwkafka.SEED_ARTICLE, nwkafka.CORPUS, nwkafka.VALIDATE):
        if not p.exists():
            pytest.fail(f"{p} missing: shared/ must be a sibling of the repository",
                        pytrace=False)
    return nwkafka.SHARED


@pytest.fixture(scope="session")
def worker_bin():
    b = nwkafka.worker_binary()
    if not b.exists():
        pytest.fail(f"{b} not built (cmake -S . -B build && cmake --build build)",
                    pytrace=False)
    return b


@pytest.fixture
def topics(request, admin) -> Topics:
    """Fresh topics: input with 3 partitions, enriched with 3, the others with 1."""
    label = re.sub(r"[^a-zA-Z0-9]+", "-", request.node.name).strip("-").lower()
    t = Topics.unique(label)
    nwkafka.create_topics(admin, {t.input: INPUT_PARTITIONS, t.enriched: 3, t.summits: 1,
                                  t.alerts: 1, t.dlq: 1, t.webhooks: 1})
    yield t
    nwkafka.delete_topics(admin, t.all())


@pytest.fixture
def start_worker(request, tmp_path, bootstrap, worker_bin):
    """start_worker(topics, *extra_args, name=..., env=..., command="run") -> a running Worker.

    Common arguments: bootstrap servers, the test's group and topics, a short session
    timeout. Workers still running at teardown get SIGTERM and must exit 0."""
    workers: list[Worker] = []
    request.node.stash[WORKERS] = workers

    def start(t: Topics, *extra: str, name: str | None = None, env: dict | None = None,
              command: str = "run"):
        args = ["-X", f"kafka.bootstrap.servers={bootstrap}",
                "-X", f"kafka.group.id={t.group}",
                "-X", "kafka.session.timeout.ms=6000",
                *t.worker_args(), *extra]
        w = Worker(name or f"worker{len(workers) + 1}", args, tmp_path, env=env,
                   command=command)
        workers.append(w)
        return w.start()

    yield start
    problems = []
    for w in workers:
        if w.alive():
            try:
                rc = w.stop()
            except AssertionError as e:
                problems.append(str(e))
                continue
            if rc != 0:
                problems.append(f"worker {w.name} exited {rc} after SIGTERM at teardown")
    if problems:
        pytest.fail("; ".join(problems) + "\n" + "\n".join(w.describe() for w in workers),
                    pytrace=False)
