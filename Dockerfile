# newsworker container image.
#
#   docker build -t newsworker:0.1.0 .
#   docker run --rm -e NEWSWORKER_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 -p 9464:9464 newsworker:0.1.0
#
# Build stage: Debian bookworm with the packages `tools/build.sh --deps` names, built by
# `tools/build.sh`: the very script tests/run_all.sh (hence CI) builds with, so CI runs
# these build commands even though it has no Docker engine.
# Runtime stage: debian:bookworm-slim with only the shared libraries newsworker links
# (`tools/build.sh --runtime-deps`; tests/integration/test_ops.py checks that list against
# the binary's NEEDED entries), a non-root user, the HEALTHCHECK via `newsworker health`.
#
# Configuration: the baked-in /etc/newsworker/newsworker.conf (config/newsworker.conf);
# mount your own file over it, and/or set NEWSWORKER_<SECTION>_<KEY> variables (e.g.
# NEWSWORKER_KAFKA_BOOTSTRAP_SERVERS, NEWSWORKER_WEBHOOK_SECRET_FILE). The image sets
# metrics.listen = 0.0.0.0:9464 (/metrics, /healthz, /readyz).
#
# Not built here: the development machines and CI have no Docker engine (see
# deploy/README.md for what is and is not tested).
FROM debian:bookworm AS build
WORKDIR /src
COPY tools/build.sh tools/build.sh
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      $(bash tools/build.sh --deps) ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY CMakeLists.txt ./
COPY worker ./worker
RUN NW_BUILD_TARGET=newsworker bash tools/build.sh build \
 && build/newsworker --version

FROM debian:bookworm-slim
COPY --from=build /src/tools/build.sh /tmp/build.sh
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      $(bash /tmp/build.sh --runtime-deps) \
 && rm -rf /var/lib/apt/lists/* /tmp/build.sh \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin newsworker
COPY --from=build /src/build/newsworker /usr/local/bin/newsworker
COPY config/newsworker.conf /etc/newsworker/newsworker.conf
ENV NEWSWORKER_METRICS_LISTEN=0.0.0.0:9464 \
    NEWSWORKER_WORKER_LOG_FORMAT=json
EXPOSE 9464
USER 10001:10001
ENTRYPOINT ["/usr/local/bin/newsworker"]
CMD ["run", "-c", "/etc/newsworker/newsworker.conf"]
# liveness of the process through its own endpoint (no curl or wget in slim);
# orchestrators probe /readyz themselves (deploy/k8s)
HEALTHCHECK --interval=15s --timeout=6s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/newsworker", "health", "live", "-c", "/etc/newsworker/newsworker.conf"]
