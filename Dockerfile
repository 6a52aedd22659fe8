# newsworker container image.
#
# Build stage: Debian bookworm with the -dev packages; the same CMake build that
# tests/run_all.sh and CI run (tools/demo.sh installs the same packages).
# Runtime stage: debian:bookworm-slim with only the runtime libraries, non-root.
#
# UNTESTED HERE: the development machines have no Docker engine, so this file is
# reviewed, not built, in CI. Build with: docker build -t newsworker .
FROM debian:bookworm AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake pkg-config librdkafka-dev libjansson-dev libcurl4-openssl-dev \
      libssl-dev libinih-dev ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY worker ./worker
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build -j"$(nproc)" --target newsworker

FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      librdkafka1 libjansson4 libcurl4 libssl3 libinih1 ca-certificates && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home newsworker
COPY --from=build /src/build/newsworker /usr/local/bin/newsworker
COPY config/newsworker.conf /etc/newsworker/newsworker.conf
USER 10001
# configuration: mount a file over /etc/newsworker/newsworker.conf and/or set
# NEWSWORKER_<SECTION>_<KEY> variables (e.g. NEWSWORKER_KAFKA_BOOTSTRAP_SERVERS)
ENTRYPOINT ["/usr/local/bin/newsworker"]
CMD ["run", "-c", "/etc/newsworker/newsworker.conf"]
# until the metrics/health endpoint lands, the health check validates the configuration
HEALTHCHECK --interval=30s --timeout=5s CMD ["/usr/local/bin/newsworker", "config", "check", "-c", "/etc/newsworker/newsworker.conf"]
