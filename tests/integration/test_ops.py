"""Operations: /metrics, /healthz and /readyz of a worker on the real broker, and the
enriched records against docs/record.schema.json.

The scrape is parsed with prometheus_client's own parser (a malformed exposition fails
the test), names and types are checked against the issue's list, and the values must
move as articles flow. Readiness must turn false while the worker is stuck with a
backlog (its output topic missing: nothing can be acknowledged, nothing processed) and
true again once it recovers."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from prometheus_client.parser import text_string_to_metric_families

import nwkafka
from nwkafka import INPUT_PARTITIONS, free_port, get, wait_for

SCHEMA = nwkafka.REPO / "docs" / "record.schema.json"
N_ARTICLES = 40

# name -> (type, label names of its samples) : the contract of docs/operations.md
EXPECTED = {
    "newsworker_build_info": ("gauge", {"version"}),
    "newsworker_articles": ("counter", {"outcome"}),
    "newsworker_records_produced": ("counter", {"topic"}),
    "newsworker_extract_duration_seconds": ("histogram", None),
    "newsworker_consumer_lag": ("gauge", {"topic", "partition"}),
    "newsworker_rebalances": ("counter", set()),
    "newsworker_alerts": ("counter", set()),
    "newsworker_webhook_deliveries": ("counter", {"endpoint", "status"}),
    "newsworker_webhook_pending": ("gauge", set()),
    "newsworker_ready": ("gauge", set()),
}


class Scrape:
    """One /metrics scrape: families by name, and samples by (name, labels)."""

    def __init__(self, port: int):
        status, self.text = get(port, "/metrics")
        assert status == 200, f"/metrics answered {status}"
        self.families = {f.name: f for f in text_string_to_metric_families(self.text)}
        self.samples = {}
        for f in self.families.values():
            for s in f.samples:
                self.samples[(s.name, tuple(sorted(s.labels.items())))] = s.value

    def value(self, name: str, **labels) -> float | None:
        return self.samples.get((name, tuple(sorted(labels.items()))))

    def series(self, name: str) -> dict[tuple, float]:
        return {lab: v for (n, lab), v in self.samples.items() if n == name}


def test_metrics_and_readiness(admin, topics, start_worker, shared_data):
    port = free_port()
    w = start_worker(topics, "-X", f"metrics.listen=127.0.0.1:{port}",
                     "-X", "kafka.statistics.interval.ms=500", "-X", "worker.alerter=true")
    # liveness first: the server is up before the group is joined
    wait_for("/healthz 200", lambda: get(port, "/healthz")[0] == 200, 60, w.alive)
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    status, body = wait_for("/readyz 200", lambda: (lambda r: r if r[0] == 200 else None)(
        get(port, "/readyz")), 60, w.alive)
    assert body.startswith("ready"), body
    assert get(port, "/nope")[0] == 404

    before = Scrape(port)
    for name, (typ, labels) in EXPECTED.items():
        assert name in before.families, f"{name} missing from /metrics:\n{before.text}"
        assert before.families[name].type == typ, f"{name} is a {before.families[name].type}"
        for s in before.families[name].samples:
            if labels is not None:
                assert set(s.labels) == labels, f"{s.name} labels {s.labels}, expected {labels}"
    assert before.value("newsworker_build_info", version="0.1.0") == 1
    assert before.value("newsworker_articles_total", outcome="enriched") == 0
    assert before.value("newsworker_rebalances_total") >= 1
    assert before.value("newsworker_ready") == 1

    corpus = nwkafka.load_corpus(0, N_ARTICLES)
    msgs = [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus]
    msgs += [(b"bad-json", b'{"id": "bad-json", "body": "unterminated'), (b"bad-empty", b"")]
    nwkafka.produce(topics.input, msgs)

    def flowed():
        s = Scrape(port)
        ok = (s.value("newsworker_articles_total", outcome="enriched") == N_ARTICLES
              and s.value("newsworker_articles_total", outcome="dlq") == 2
              and s.value("newsworker_records_produced_total", topic=topics.enriched) == N_ARTICLES
              and s.value("newsworker_records_produced_total", topic=topics.dlq) == 2)
        return s if ok else None
    after = wait_for("the counters to count every article", flowed, 120, w.alive, 0.5)
    count = after.value("newsworker_extract_duration_seconds_count")
    assert count == N_ARTICLES + 2, f"histogram count {count}"
    assert after.value("newsworker_extract_duration_seconds_bucket", le="+Inf") == count
    assert 0 < after.value("newsworker_extract_duration_seconds_sum") < 60
    buckets = sorted(((float(dict(lab)["le"]), v) for lab, v in
                      after.series("newsworker_extract_duration_seconds_bucket").items()))
    assert [v for _, v in buckets] == sorted(v for _, v in buckets), "buckets not cumulative"
    summits = after.value("newsworker_records_produced_total", topic=topics.summits)
    assert summits is not None

    # consumer lag: one series per assigned input partition, back to 0 once committed
    def lag_zero():
        s = Scrape(port)
        lag = {dict(lab)["partition"]: v for lab, v in s.series("newsworker_consumer_lag").items()
               if dict(lab)["topic"] == topics.input}
        return s if len(lag) == INPUT_PARTITIONS and all(v == 0 for v in lag.values()) else None
    wait_for("consumer lag 0 on every input partition", lag_zero, 60, w.alive, 0.5)
    assert get(port, "/readyz")[0] == 200

    # every metric the alerting rules use is one this scrape exports
    rules = yaml.safe_load((DEPLOY / "k8s" / "prometheus-rules.yaml").read_text())
    used = {re.sub(r"_(bucket|sum|count)$", "", n) for g in rules["spec"]["groups"]
            for r in g["rules"] for n in re.findall(r"newsworker_\w+", r["expr"])}
    exported = {n.removesuffix("_total") for n in after.families} | set(after.families)
    assert used and used - {u for u in used if u in exported or
                            u.removesuffix("_total") in exported} == set(), used


def test_readiness_turns_false_when_stuck(admin, topics, start_worker, shared_data):
    """Outputs are acknowledged only after a long while (kafka.linger.ms holds every record
    6 s in the producer), as when brokers stop answering, and worker.max_in_flight=1 makes
    the worker wait for each: it takes one message and pauses with a backlog. /readyz must
    say 'stalled' once nothing was processed for metrics.stall_timeout_ms while messages
    wait, and be ready again after the backlog is through."""
    n = 3
    port = free_port()
    w = start_worker(topics, "-X", f"metrics.listen=127.0.0.1:{port}",
                     "-X", "metrics.stall_timeout_ms=2000", "-X", "kafka.statistics.interval.ms=300",
                     "-X", "worker.max_in_flight=1", "-X", "kafka.linger.ms=6000",
                     "-X", "worker.alerter=false")
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    wait_for("/readyz 200", lambda: get(port, "/readyz")[0] == 200, 60, w.alive)
    corpus = nwkafka.load_corpus(0, n)
    nwkafka.produce(topics.input, [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus])
    status, body = wait_for("/readyz 503 (stalled)", lambda: (lambda r: r if r[0] == 503 else None)(
        get(port, "/readyz")), 30, w.alive, 0.2)
    assert "worker stalled" in body, body
    s = Scrape(port)
    assert s.value("newsworker_ready") == 0
    assert s.value("newsworker_articles_total", outcome="enriched") < n
    assert s.value("newsworker_last_progress_age_seconds", role="worker") >= 2
    s = wait_for("every article enriched and acknowledged", lambda: (lambda s: s if s.value(
        "newsworker_records_produced_total", topic=topics.enriched) == n else None)(Scrape(port)),
        120, w.alive, 0.5)
    wait_for("/readyz 200 again", lambda: get(port, "/readyz")[0] == 200, 30, w.alive)


def test_health_command(admin, topics, start_worker, worker_bin):
    """`newsworker health` (the container HEALTHCHECK) against a running worker."""
    import subprocess
    port = free_port()
    listen = f"metrics.listen=127.0.0.1:{port}"

    def health(*what):
        return subprocess.run([str(worker_bin), "health", *what, "-X", listen],
                              capture_output=True, timeout=30, env=nwkafka.worker_env())
    assert health().returncode == 1, "no worker yet: health must fail"
    w = start_worker(topics, "-X", listen, "-X", "kafka.statistics.interval.ms=500")
    wait_for("health live", lambda: health().returncode == 0, 60, w.alive)
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    wait_for("health ready", lambda: health("ready").returncode == 0, 60, w.alive)
    p = subprocess.run([str(worker_bin), "health"], capture_output=True, timeout=30,
                       env=nwkafka.worker_env())
    assert p.returncode == 2, "without metrics.listen there is nothing to probe"


# ------------------------------------------------------------------------------------------
# Static checks (no broker): deployment files, docs, container, CLI help, secrets.

import configparser  # noqa: E402
import re  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402

import yaml  # noqa: E402

DEPLOY = nwkafka.REPO / "deploy"
DEV_SECRET = "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY="


def config_keys(worker_bin) -> set[str]:
    out = subprocess.run([str(worker_bin), "config", "keys"], capture_output=True, text=True,
                         timeout=30, env=nwkafka.worker_env(), check=True).stdout
    keys = {line.split("\t", 1)[0] for line in out.splitlines()}
    assert "metrics.listen" in keys and "kafka.*" in keys, out
    return keys


def key_known(name: str, keys: set[str]) -> bool:
    section, _, key = name.partition(".")
    if section == "kafka":
        return True  # librdkafka judges these: `config check` below
    if section == "webhook" and "." in key:  # [webhook.NAME] takes [webhook]'s keys
        key = key.split(".", 1)[1]
    return f"{section}.{key}" in keys


def env_key(var: str) -> str:
    """NEWSWORKER_<SECTION>_<KEY> -> section.key (in [kafka], '_' is '.')"""
    section, _, key = var[len("NEWSWORKER_"):].partition("_")
    section, key = section.lower(), key.lower()
    return f"{section}.{key.replace('_', '.') if section == 'kafka' else key}"


def ini_keys(text: str) -> list[str]:
    cp = configparser.ConfigParser(interpolation=None, comment_prefixes=(";", "#"),
                                   inline_comment_prefixes=None, strict=True)
    cp.optionxform = str
    cp.read_string(text)
    return [f"{s}.{k}" for s in cp.sections() for k in cp[s]]


def walk(node):
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)


def deploy_docs() -> dict[Path, list]:
    files = sorted(p for p in DEPLOY.rglob("*") if p.suffix in (".yaml", ".yml"))
    assert files, f"no YAML under {DEPLOY}"
    return {p: [d for d in yaml.safe_load_all(p.read_text()) if d is not None] for p in files}


def config_check(worker_bin, conf_text: str, tmp_path: Path, env: dict | None = None):
    conf = tmp_path / "check.conf"
    conf.write_text(conf_text)
    secret = tmp_path / "secret"
    secret.write_text(DEV_SECRET + "\n")
    env = {"NEWSWORKER_WEBHOOK_SECRET_FILE": str(secret), **(env or {})}
    p = subprocess.run([str(worker_bin), "config", "check", "-c", str(conf)], capture_output=True,
                       text=True, timeout=30, env=nwkafka.worker_env(env))
    assert p.returncode == 0, f"config check failed: {p.stderr}\n--- config ---\n{conf_text}"
    return p


def test_deploy_manifests(worker_bin, tmp_path):
    keys = config_keys(worker_bin)
    docs = deploy_docs()
    k8s = [d for p, ds in docs.items() if "k8s" in p.parts for d in ds]
    kinds = {d["kind"] for d in k8s}
    assert {"ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget",
            "ScaledObject"} <= kinds, kinds

    # the configuration: every key exists, and the whole file passes `config check`
    cm = next(d for d in k8s if d["kind"] == "ConfigMap")
    conf_text = cm["data"]["newsworker.conf"]
    unknown = [k for k in ini_keys(conf_text) if not key_known(k, keys)]
    assert not unknown, f"ConfigMap keys newsworker does not know: {unknown}"
    config_check(worker_bin, conf_text, tmp_path)
    conf = configparser.ConfigParser(interpolation=None, comment_prefixes=(";",))
    conf.read_string(conf_text)
    port = int(conf["metrics"]["listen"].rsplit(":", 1)[1])

    deployments = [d for d in k8s if d["kind"] == "Deployment"]
    secret_names = {d["metadata"]["name"] for d in k8s if d["kind"] == "Secret"}
    partitions = None
    for so in (d for d in k8s if d["kind"] == "ScaledObject"):
        partitions = int(so["metadata"]["annotations"]["newsworker/input-partitions"])
        assert so["spec"]["maxReplicaCount"] <= partitions, "more replicas than partitions"
        target = so["spec"]["scaleTargetRef"]["name"]
        assert target in {d["metadata"]["name"] for d in deployments}
        trig = so["spec"]["triggers"][0]
        assert trig["type"] == "kafka"
        assert trig["metadata"]["topic"] == conf["topics"]["input"]
        assert trig["metadata"]["consumerGroup"] == conf["kafka"]["group.id"]
    assert partitions, "no ScaledObject"
    for dep in deployments:
        spec = dep["spec"]["template"]["spec"]
        assert dep["spec"]["replicas"] <= partitions
        for c in spec["containers"]:
            ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
            assert ports.get("metrics") == port, f"{c['name']}: metrics port != metrics.listen"
            assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
            assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
            assert c["livenessProbe"]["httpGet"]["port"] in ("metrics", port)
            assert c["readinessProbe"]["httpGet"]["port"] in ("metrics", port)
            assert c["resources"]["requests"]["cpu"] and c["resources"]["requests"]["memory"]
            assert c["args"][0] in ("run", "alert", "dispatch"), c["args"]
            for e in c.get("env", []):
                if e["name"].startswith("NEWSWORKER_"):
                    assert key_known(env_key(e["name"]), keys), e["name"]
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    assert ref["name"] in secret_names
        assert spec["securityContext"]["runAsNonRoot"] is True
        grace = spec["terminationGracePeriodSeconds"]
        assert int(conf["worker"]["shutdown_timeout_ms"]) < grace * 1000
        for v in spec.get("volumes", []):
            if "secret" in v:
                assert v["secret"]["secretName"] in secret_names
    svc = next(d for d in k8s if d["kind"] == "Service")
    assert any(p["port"] == port for p in svc["spec"]["ports"])
    pdb = next(d for d in k8s if d["kind"] == "PodDisruptionBudget")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= \
        deployments[0]["spec"]["selector"]["matchLabels"].items()


def test_compose_file(worker_bin, tmp_path):
    keys = config_keys(worker_bin)
    compose_path = DEPLOY / "compose" / "docker-compose.yml"
    compose = yaml.safe_load(compose_path.read_text())
    services = compose["services"]
    workers = [n for n, s in services.items() if s.get("image", "").startswith("newsworker")]
    commands = {n: (services[n].get("command") or ["run"])[0] for n in workers}
    assert sorted(commands.values()).count("run") == 3, commands
    assert "alert" in commands.values(), commands
    assert "kafka" in services and "KRaft" not in services["kafka"].get("image", "")
    assert "controller" in services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"]
    assert any("webhook" in n for n in services if n not in workers)
    conf_text = (compose_path.parent / "newsworker.conf").read_text()
    unknown = [k for k in ini_keys(conf_text) if not key_known(k, keys)]
    assert not unknown, unknown
    for n in workers:
        env = services[n].get("environment") or {}
        for var, value in env.items():
            assert var.startswith("NEWSWORKER_"), var
            assert key_known(env_key(var), keys), f"{n}: {var}"
        # each service's whole configuration (file + its environment) passes the check
        env = {k: str(v) for k, v in env.items() if k != "NEWSWORKER_WEBHOOK_SECRET_FILE"}
        config_check(worker_bin, conf_text, tmp_path, env)
    # the topics the compose file creates are the ones the configuration names
    created = set(re.findall(r"--topic (\S+)", " ".join(services["topics"]["command"])))
    defaults = {k: v for k, v in (line.split("\t")[0:3:2] for line in subprocess.run(
        [str(worker_bin), "config", "keys"], capture_output=True, text=True,
        env=nwkafka.worker_env()).stdout.splitlines()) if k.startswith("topics.")}
    assert set(defaults.values()) <= created, (defaults, created)


def test_dockerfile(worker_bin):
    """The Dockerfile builds with tools/build.sh (which tests/run_all.sh runs), installs
    exactly the runtime packages of the libraries the binary links, runs non-root, and
    checks health with the binary itself."""
    text = (nwkafka.REPO / "Dockerfile").read_text().replace("\\\n", " ")  # join continuations
    run_all = (nwkafka.REPO / "tests" / "run_all.sh").read_text()
    assert "tools/build.sh" in run_all and re.search(r"bash tools/build\.sh \"\$@\"", run_all)
    assert re.search(r"^RUN .*bash tools/build\.sh build", text, re.M), "build stage: tools/build.sh"
    assert "--runtime-deps" in text and "FROM debian:bookworm-slim" in text
    assert re.search(r"^USER (?!0|root)\S+", text, re.M), "runs as root"
    assert re.search(r"^HEALTHCHECK .*newsworker\", \"health\"", text, re.M)
    runtime = subprocess.run(["bash", str(nwkafka.REPO / "tools" / "build.sh"), "--runtime-deps"],
                             capture_output=True, text=True, check=True).stdout.split()
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]",
                        subprocess.run(["readelf", "-d", str(worker_bin)], capture_output=True,
                                       text=True, check=True).stdout)
    ldd = subprocess.run(["ldd", str(worker_bin)], capture_output=True, text=True).stdout
    where = dict(re.findall(r"^\s*(\S+) => (\S+)", ldd, re.M))
    missing = []
    for lib in needed:
        if re.match(r"lib(c|m|pthread|dl|rt)\.so", lib):
            continue  # libc6: in every Debian image
        if re.match(r"lib(asan|ubsan|lsan|tsan)\.so", lib):
            continue  # the suite's sanitizer build; the image is built without them
        path = os.path.realpath(where[lib])
        owner = None
        for cand in (path, path.replace("/usr/lib/", "/lib/", 1)):
            p = subprocess.run(["dpkg", "-S", cand], capture_output=True, text=True)
            if p.returncode == 0:
                owner = p.stdout.split(":")[0]
                break
        assert owner, f"no Debian package owns {path}"
        if owner not in runtime:
            missing.append(f"{lib} ({owner})")
    assert not missing, f"tools/build.sh --runtime-deps lacks {missing}"
    # the build stage copies what the newsworker target needs, and .dockerignore keeps it
    build_stage = text.split("\nFROM ", 2)[1]
    copied = {src for line in re.findall(r"^COPY (?!--from)(.+)$", build_stage, re.M)
              for src in line.split()[:-1]}
    sources = {"CMakeLists.txt", "worker", "tools/build.sh"}
    assert sources <= copied, f"the build stage does not COPY {sources - copied}"
    ignored = (nwkafka.REPO / ".dockerignore").read_text().split()
    for src in sources | {"config/newsworker.conf"}:
        assert not any(src == i.strip("/") or src.startswith(i.strip("/") + "/") for i in ignored), \
            f".dockerignore excludes {src}"
    build_deps = subprocess.run(["bash", str(nwkafka.REPO / "tools" / "build.sh"), "--deps"],
                                capture_output=True, text=True, check=True).stdout.split()
    assert "libmicrohttpd-dev" in build_deps


def test_configuration_doc(worker_bin):
    p = subprocess.run([sys.executable, str(nwkafka.REPO / "tools" / "gen_config_doc.py"),
                        "--bin", str(worker_bin), "--check"], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr


def test_help_documents_every_command(worker_bin):
    src = (nwkafka.REPO / "worker" / "main.c").read_text()
    commands = set(re.findall(r'strcmp\(cmd, "(\w+)"\)', src))
    assert {"run", "extract", "health", "config"} <= commands, commands
    p = subprocess.run([str(worker_bin), "--help"], capture_output=True, text=True, timeout=30)
    assert p.returncode == 0
    listed = set(re.findall(r"^  (\w+)", p.stdout, re.M))
    assert commands <= listed, f"--help does not list {sorted(commands - listed)}"
    for sub in ("config check", "config keys", "health [live|ready]"):
        assert sub in p.stdout


def test_secrets_never_printed(worker_bin, tmp_path):
    """config check and a debug-level start print neither the webhook secret nor a SASL
    password, whichever source they come from."""
    pw = "Sasl-Pa55word-Never-Logged"
    env = {"NEWSWORKER_WEBHOOK_SECRET": DEV_SECRET, "NEWSWORKER_KAFKA_SASL_PASSWORD": pw}
    p = config_check(worker_bin, "[kafka]\nsasl.username = u\n", tmp_path,
                     {**env, "NEWSWORKER_WEBHOOK_SECRET_FILE": ""})
    for text in (p.stdout, p.stderr):
        assert DEV_SECRET not in text and pw not in text and DEV_SECRET[6:] not in text
    argv = [str(worker_bin), "run", "-X", "kafka.bootstrap.servers=127.0.0.1:9",
            "-X", "worker.log_level=debug", "-X", f"kafka.sasl.password={pw}",
            "-X", "webhook.url=http://127.0.0.1:9/hook", "-X", "worker.shutdown_timeout_ms=1000"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=nwkafka.worker_env(env))
    time.sleep(3)
    proc.terminate()
    out, err = proc.communicate(timeout=60)
    text = (out + err).decode("utf-8", "replace")
    assert "level=" in text, "the worker logged nothing at debug level"
    assert pw not in text and DEV_SECRET[6:] not in text, "a secret reached the log"


def test_record_schema(worker_bin, shared_data, tmp_path):
    """docs/record.schema.json is a valid schema, accepts what the worker writes (seed +
    corpus via `extract`; the Kafka path in test_records_on_kafka_match_schema) and
    rejects records that break the contract."""
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    corpus = tmp_path / "c.jsonl"
    with open(nwkafka.CORPUS, encoding="utf-8") as fh, open(corpus, "w") as out:
        for i, line in zip(range(150), fh):
            out.write(line)
    p = subprocess.run([str(worker_bin), "extract", str(nwkafka.SEED_ARTICLE), str(corpus)],
                       capture_output=True, text=True, timeout=300, env=nwkafka.worker_env())
    records = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(records) == 151, p.stderr[-2000:]
    errors = [f"{r['article']['id']}: {e.json_path}: {e.message}" for r in records
              for e in v.iter_errors(r)]
    assert not errors, errors[:10]
    seed = records[0]
    for breakage in (lambda r: r.pop("dates"), lambda r: r.update(schema="v0"),
                     lambda r: r["actors"][0].update(type="ANIMAL"),
                     lambda r: r["figures"][0].update(value="13.8"),
                     lambda r: r["summits"][0]["countries"].append("Russia"),
                     lambda r: r["meta"].update(source={"topic": "t"})):
        bad = json.loads(json.dumps(seed))
        breakage(bad)
        assert list(v.iter_errors(bad)), "the schema accepted a broken record"


def test_records_on_kafka_match_schema(admin, topics, start_worker, shared_data):
    """Records produced through the broker (meta.source filled) validate too."""
    v = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    w = start_worker(topics)
    nwkafka.wait_group_assigned(admin, topics.group, topics.input, INPUT_PARTITIONS,
                                timeout=90, alive=w.alive)
    corpus = nwkafka.load_corpus(200, 30)
    nwkafka.produce(topics.input, [(c["id"].encode(), nwkafka.envelope(c)) for c in corpus])
    reader = nwkafka.TopicReader(topics.enriched)
    try:
        reader.poll_until(lambda ms: len(ms) >= 30, timeout=120, what="30 records")
    finally:
        reader.close()
    errors = [f"{m.key}: {e.json_path}: {e.message}" for m in reader.messages
              for e in v.iter_errors(m.json())]
    assert not errors, errors[:10]
    assert all(m.json()["meta"]["source"]["topic"] == topics.input for m in reader.messages)
