# syntax=docker/dockerfile:1
# One image recipe for the three services; pick one with the SERVICE build argument:
#   docker build --build-arg SERVICE=api-service -t spotify-mcp/api-service .
#   (SERVICE = api-service | collector-service | admin-frontend)
# docker-compose.yml builds all three from this file.

ARG SERVICE=api-service

# --- 1. build: the Maven reactor builds the chosen service and the modules it needs -------------
FROM eclipse-temurin:21-jdk-noble AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests \
 && cp "${SERVICE}/target/${SERVICE}.jar" /src/app.jar

# --- 2. extract: Spring Boot's layers (dependencies change less often than our classes) ----------
FROM eclipse-temurin:21-jdk-noble AS extract
WORKDIR /extract
COPY --from=build /src/app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination layers

# --- 3. run: JRE only, non-root, read-only root filesystem friendly -------------------------------
FROM eclipse-temurin:21-jre-noble
ARG SERVICE
ENV SERVICE=${SERVICE}
# Uid/gid 10001: no clash with host users; owns nothing but the upload folder.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /data/uploads /data/imports \
 && chown -R app:app /data
WORKDIR /app
COPY --from=extract /extract/layers/dependencies/ ./
COPY --from=extract /extract/layers/spring-boot-loader/ ./
COPY --from=extract /extract/layers/snapshot-dependencies/ ./
COPY --from=extract /extract/layers/application/ ./
COPY docker/healthcheck.sh /usr/local/bin/healthcheck
COPY docker/entrypoint.sh /usr/local/bin/entrypoint

# Memory: the heap is 40% of the container limit, which leaves room for what a Spring Boot
# service needs besides (about 80 MB metaspace, code cache, threads, malloc arenas); measured
# by system-tests/DeployedStackIT under the compose limits. SerialGC has the smallest overhead
# for one or fewer CPUs. Compose adds JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1 for every service
# (`./bench api-memory` measures the API with it). Nothing is written outside /tmp (a tmpfs in compose) and the /data volume, so the
# root filesystem can be read-only; -XX:-UsePerfData keeps the JVM out of /tmp/hsperfdata.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=40 -XX:InitialRAMPercentage=20 -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp" \
    MALLOC_ARENA_MAX=2 \
    UPLOAD_DIR=/data/uploads \
    LOG_FORMAT=ecs
USER 10001:10001

# The health port depends on the service: api 8000, frontend 8001, collector 8081 (see healthcheck.sh);
# /healthz is on the main port. Actuator (metrics, probes) is on api 8091 and frontend 8092, bound
# to loopback unless MANAGEMENT_ADDRESS=0.0.0.0 (compose sets it and publishes neither port).
EXPOSE 8000 8001 8081 8091 8092
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["/usr/local/bin/healthcheck"]

# Token commands (generate-key, encrypt, decrypt, reencrypt) pass through:
#   docker run --rm spotify-mcp/api-service generate-key
ENTRYPOINT ["/usr/local/bin/entrypoint"]
