# mediamon: the ETL image. The compose file runs it three times: as the Prefect server (same Prefect
# version as the flows, so client and API always match), as the start-up setup (`mediamon db
# grant-analyst`) and as the worker (`mediamon serve`). /archive is owned by the app user, so a named
# volume mounted there starts writable.
#
#   docker build -t mediamon:local .
#   docker run --rm mediamon:local --help

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Only what the wheel needs (pyproject reads README.md); tests, scripts and samples stay out.
COPY pyproject.toml README.md ./
COPY flows ./flows
COPY extractors ./extractors
COPY models ./models
# Runtime dependencies only (no [dev] extra); every dependency ships manylinux wheels, no compiler.
RUN python -m venv /opt/venv && /opt/venv/bin/pip install .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PREFECT_HOME=/home/app/.prefect \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    MEDIAMON_INBOX=/inbox
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app \
    && mkdir -p /inbox /archive \
    && chown app:app /inbox /archive
COPY --from=build /opt/venv /opt/venv
USER app
WORKDIR /home/app
ENTRYPOINT ["mediamon"]
CMD ["serve", "--inbox", "/inbox"]
