# The jugcloud image: `jugcloud silo` by default, a worker of a cluster that meets in Redis.
#
#   docker build -t jugcloud .
#   docker run --network host \
#     -e JUGCLOUD_CLUSTER=redis://10.0.0.3:6379 -e JUGCLOUD_JUGDIR=s3://bucket/results \
#     -e JUGCLOUD_ADDRESS=10.0.0.17 jugcloud
#
# Every option can be set by a JUGCLOUD_* variable (docs/guide/configuration.md); JUGCLOUD_ADDRESS is
# the address this silo advertises: Orleans cannot advertise a wildcard, and a container's own address
# is rarely the one other machines reach. docs/guide/deploy.md has the rest.
#
# The base images are arguments so that a machine without a registry can build from local ones
# (infra/docker.sh builds such images for the tests).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
# linux-x64 or linux-arm64: the tool is published framework-dependent with ReadyToRun code for it,
# as infra/pack.sh packs it, so that each command starts without compiling the engine first.
ARG RID=linux-x64
# false skips the precompiling (a quicker build, slower command starts).
ARG READY_TO_RUN=true
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src
COPY . .
RUN dotnet publish clients/Jug.Cloud.Cli -c Release -o /app -r "$RID" --self-contained false \
      -p:PublishReadyToRun=$READY_TO_RUN -nologo -v:q -clp:NoSummary

FROM ${RUNTIME_IMAGE}
# The official images have the unprivileged user `app` (uid 1654); a plain Debian base gets the same.
RUN if ! id app >/dev/null 2>&1; then useradd --uid 1654 --user-group --create-home --shell /usr/sbin/nologin app; fi
COPY --from=build /app /opt/jugcloud
RUN ln -s /opt/jugcloud/jugcloud /usr/local/bin/jugcloud
USER app
WORKDIR /home/app
# Silo-to-silo, client gateway, and the status page with /metrics and /healthz. The page listens on
# loopback unless JUGCLOUD_WEB_ADDRESS says otherwise, which needs JUGCLOUD_WEB_TOKEN.
EXPOSE 11111 30000 8080
# /healthz answers "ok" once the silo has joined and serves its page; it needs no token and says
# nothing else. bash's /dev/tcp, because the runtime images carry no curl. HEALTHCHECK_PORT follows
# the page when a command line moves it (`--web PORT`).
ENV HEALTHCHECK_PORT=8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$HEALTHCHECK_PORT && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["jugcloud"]
CMD ["silo", "--port", "11111", "--gateway-port", "30000", "--web", "8080"]
