"""Bad configuration: exit code 2 and exactly one line on stderr that names the problem."""
import signal
import subprocess
import time

import pytest

import nwkafka

CASES = {
    "option": (["-X", "worker.max_article_bytes=abc"], {}, "max_article_bytes"),
    "env": ([], {"NEWSWORKER_WORKER_MAX_ARTICLE_BYTES": "abc"},
            "environment NEWSWORKER_WORKER_MAX_ARTICLE_BYTES: worker.max_article_bytes"),
    "env-typo": ([], {"NEWSWORKER_WORKER_MAX_IN_FLIGTH": "5"},
                 "environment NEWSWORKER_WORKER_MAX_IN_FLIGTH: worker.max_in_fligth: unknown key"),
    "option-unknown": (["-X", "worker.x=1"], {}, "-X worker.x=1: worker.x: unknown key"),
    "empty-group": (["-X", "kafka.group.id="], {}, "kafka.group.id: must not be empty"),
    "loop": (["-X", "topics.enriched=articles.raw"], {}, "topics.enriched: 'articles.raw' is topics.input"),
    "missing-file": (["-c", "/nonexistent/newsworker.conf"], {}, "/nonexistent/newsworker.conf"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_config_exits_2(worker_bin, case):
    args, env, needle = CASES[case]
    # an unreachable broker: the config must be rejected before any connection attempt
    argv = [str(worker_bin), "run", "-X", "kafka.bootstrap.servers=127.0.0.1:9", *args]
    try:
        p = subprocess.run(argv, capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                           cwd=nwkafka.REPO, env=nwkafka.worker_env(env))
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(argv)} still running after 30s (it should reject the config)")
    err = p.stderr.decode("utf-8", "replace")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert p.returncode == 2, f"exit code {p.returncode}, expected 2; stderr:\n{err}"
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{err}"
    assert needle in lines[0], f"stderr does not name {needle!r}: {lines[0]}"


def test_foreign_newsworker_variables_are_ignored(worker_bin):
    """NEWSWORKER_CACHE (tests/run_all.sh) and Kubernetes service links are not configuration."""
    env = nwkafka.worker_env({"NEWSWORKER_CACHE": "/tmp/nw-cache",
                              "NEWSWORKER_METRICS_SERVICE_HOST": "10.0.0.1",
                              "NEWSWORKER_METRICS_PORT_9464_TCP": "tcp://10.0.0.1:9464"})
    p = subprocess.run([str(worker_bin), "config", "check"], capture_output=True, timeout=30,
                       stdin=subprocess.DEVNULL, cwd=nwkafka.REPO, env=env)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")


def test_dispatch_without_endpoint_is_a_config_error(worker_bin):
    """`dispatch` with no webhook endpoint used to exit 0 silently (a pod in a restart loop)."""
    argv = [str(worker_bin), "dispatch", "-X", "kafka.bootstrap.servers=127.0.0.1:9"]
    p = subprocess.run(argv, capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                       cwd=nwkafka.REPO, env=nwkafka.worker_env())
    err = p.stderr.decode("utf-8", "replace")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert p.returncode == 2, f"exit code {p.returncode}, expected 2; stderr:\n{err}"
    assert len(lines) == 1 and "webhook.url: no webhook endpoint configured" in lines[0], err


def test_alert_without_endpoint_says_delivery_is_off(worker_bin):
    argv = [str(worker_bin), "alert", "-X", "kafka.bootstrap.servers=127.0.0.1:9"]
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, cwd=nwkafka.REPO, env=nwkafka.worker_env())
    time.sleep(1.5)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    err = err.decode("utf-8", "replace")
    assert err.count("event=webhook_delivery_off") == 1, err
