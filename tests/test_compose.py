"""docker-compose.yml, Dockerfile and .dockerignore agree with each other and with the project.

No Docker engine here: the files are read as data (PyYAML) and checked for the mistakes that
only show up at `docker compose up` time (a wrong host, user or port, a missing volume, a
healthcheck that a dependency waits for but that does not exist, a command the CLI lacks).
"""

from __future__ import annotations

import fnmatch
import re
import shlex
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
ENV_EXAMPLE = REPO / ".env.example"

_VAR = re.compile(r"\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*)|:?\?(?P<required>[^}]*))?\}|\$(?P<bare>\w+)")


class MissingVariable(KeyError):
    """${VAR:?message} with VAR unset: compose refuses to start."""


def example_env() -> dict[str, str]:
    """The variables .env.example sets (what a user copies to .env)."""
    lines = [line.strip() for line in ENV_EXAMPLE.read_text().splitlines()]
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def interpolate(value, env: dict[str, str]):
    """Compose's ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error} substitution, recursively."""
    if isinstance(value, str):
        def sub(m: re.Match) -> str:
            name = m.group("name") or m.group("bare")
            if name in env:
                return env[name]
            if m.group("required") is not None:
                raise MissingVariable(f"{name}: {m.group('required')}")
            return m.group("default") or ""
        return _VAR.sub(sub, value.replace("$$", "\0")).replace("\0", "$")
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    return value


def load_compose(env: dict[str, str] | None = None, example: bool = True) -> dict:
    """The compose file as `docker compose` sees it with .env.example copied to .env (and `env` on top)."""
    return interpolate(yaml.safe_load(COMPOSE_FILE.read_text()), {**(example_env() if example else {}), **(env or {})})


@pytest.fixture(scope="module")
def compose() -> dict:
    return load_compose()


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # ["KEY=value", ...]
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def as_argv(value) -> list[str]:
    if value is None:
        return []
    return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            op, _, args = line.partition(" ")
            out.append((op.upper(), args.strip()))
    return out


def exec_form(args: str) -> list[str]:
    """ENTRYPOINT/CMD arguments: JSON exec form or shell form."""
    return yaml.safe_load(args) if args.startswith("[") else ["/bin/sh", "-c", args]


def final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    start = max(i for i, (op, _) in enumerate(instructions) if op == "FROM")
    return instructions[start:]


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())


def runs_prefect(service: dict) -> bool:
    """Our image (Prefect installed) or Prefect's own image."""
    return "build" in service or str(service.get("image", "")).startswith("prefecthq/")


# ------------------------------------------------------------------------------------ services

def test_expected_services(services):
    assert {"postgres", "prefect-server", "worker"} <= set(services)


def test_every_service_has_an_image_or_a_buildable_dockerfile(services):
    for name, svc in services.items():
        assert "image" in svc or "build" in svc, name
        if "build" in svc:
            build = svc["build"]
            context = REPO / (build if isinstance(build, str) else build.get("context", "."))
            dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
            assert (context / dockerfile).is_file(), f"{name}: {context / dockerfile} missing"


def test_postgres_services_are_postgres_16_with_credentials(services):
    for name, svc in services.items():
        if str(svc.get("image", "")).startswith("postgres"):
            assert svc["image"] in ("postgres:16", "postgres:16-alpine") or svc["image"].startswith("postgres:16")
            env = environment(svc)
            for key in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"):
                assert env.get(key), f"{name}: {key} unset"
            # data survives `docker compose down`: a named volume on PGDATA's parent
            mounts = [v.split(":") for v in svc.get("volumes", []) if isinstance(v, str)]
            assert any(m[1] == "/var/lib/postgresql/data" and not m[0].startswith((".", "/"))
                       for m in mounts), f"{name}: no named data volume"
            # pg_isready checks the very user and database the service creates
            test = " ".join(as_argv(svc["healthcheck"]["test"]))
            assert "pg_isready" in test, name
            assert f"-U {env['POSTGRES_USER']}" in test and f"-d {env['POSTGRES_DB']}" in test, test


def test_depends_on_targets_exist_and_are_healthchecked(services):
    seen = 0
    for name, svc in services.items():
        deps = svc.get("depends_on") or {}
        if isinstance(deps, list):
            deps = {d: {"condition": "service_started"} for d in deps}
        for target, spec in deps.items():
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name
            if (spec or {}).get("condition") == "service_healthy":
                seen += 1
                assert "healthcheck" in services[target], f"{name} waits for {target}'s healthcheck: none"
    assert seen >= 3  # prefect-server on its db, worker on postgres and prefect-server


def test_worker_waits_for_database_and_prefect(services):
    deps = services["worker"]["depends_on"]
    assert deps["postgres"]["condition"] == "service_healthy"
    assert deps["prefect-server"]["condition"] == "service_healthy"


def test_healthchecks_have_test_commands(services):
    checked = 0
    for name, svc in services.items():
        hc = svc.get("healthcheck")
        if hc is None:
            continue
        assert not hc.get("disable"), name
        argv = as_argv(hc.get("test"))
        assert argv and argv[0] in ("CMD", "CMD-SHELL"), f"{name}: {argv}"
        assert len(argv) >= 2 and argv[1].strip(), name
        checked += 1
    assert checked >= 3


def test_named_volumes_are_declared_and_bind_mounts_are_relative(compose, services):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, svc in services.items():
        for v in svc.get("volumes", []):
            source = v.split(":")[0] if isinstance(v, str) else v.get("source", "")
            vtype = "bind" if source.startswith((".", "/", "~")) else "volume"
            if not isinstance(v, str):
                vtype = v.get("type", vtype)
            if vtype == "volume":
                assert source in declared, f"{name}: volume {source!r} not declared"
                used.add(source)
            elif vtype == "bind":
                assert not source.startswith(("/", "~")), f"{name}: absolute host path {source}"
    assert used == declared, f"declared but unused: {declared - used}"


def test_database_volumes_are_not_shared(services):
    owners: dict[str, str] = {}
    for name, svc in services.items():
        for v in svc.get("volumes", []):
            source = v.split(":")[0]
            if not source.startswith("."):
                assert source not in owners, f"{source} used by {owners.get(source)} and {name}"
                owners[source] = name


# -------------------------------------------------------------------------------- connections

def _url_points_at(url: str, service_name: str, svc: dict, scheme: str):
    env = environment(svc)
    parts = urlsplit(url)
    assert parts.scheme == scheme, url
    assert parts.hostname == service_name, url
    assert (parts.port or 5432) == 5432, url
    assert parts.username == env["POSTGRES_USER"], url
    assert parts.password == env["POSTGRES_PASSWORD"], "password differs from the server's"
    assert parts.path.lstrip("/") == env["POSTGRES_DB"], url


@pytest.mark.parametrize("env", [{}, {"MEDIAMON_DB_PASSWORD": "s3cret", "PREFECT_DB_PASSWORD": "other"}],
                         ids=["defaults", "passwords-from-env"])
def test_worker_database_url_matches_postgres_service(env):
    services = load_compose(env)["services"]
    url = environment(services["worker"])["MEDIAMON_DATABASE_URL"]
    _url_points_at(url, "postgres", services["postgres"], "postgresql+psycopg")


@pytest.mark.parametrize("env", [{}, {"MEDIAMON_DB_PASSWORD": "s3cret", "PREFECT_DB_PASSWORD": "other"}],
                         ids=["defaults", "passwords-from-env"])
def test_prefect_server_database_is_its_own_postgres_via_asyncpg(env):
    services = load_compose(env)["services"]
    url = environment(services["prefect-server"])["PREFECT_API_DATABASE_CONNECTION_URL"]
    target = urlsplit(url).hostname
    assert target in services, target
    if target == "postgres":  # one server, two databases: Prefect's must not be the data database
        assert urlsplit(url).path.lstrip("/") != environment(services["postgres"])["POSTGRES_DB"]
    _url_points_at(url, target, services[target], "postgresql+asyncpg")
    assert services["prefect-server"]["depends_on"][target]["condition"] == "service_healthy"


def _server_port(svc: dict) -> int:
    argv = as_argv(svc.get("entrypoint")) + as_argv(svc.get("command"))
    return int(argv[argv.index("--port") + 1]) if "--port" in argv else 4200


def test_prefect_server_command_and_port(services):
    svc = services["prefect-server"]
    argv = as_argv(svc.get("entrypoint")) + as_argv(svc.get("command"))
    assert argv[:3] == ["prefect", "server", "start"], argv
    assert argv[argv.index("--host") + 1] == "0.0.0.0"
    port = _server_port(svc)
    assert port == 4200
    published = [str(p).rsplit(":", 1)[-1] for p in svc.get("ports", [])]
    assert str(port) in published
    hc = " ".join(as_argv(svc["healthcheck"]["test"]))
    assert f"localhost:{port}/api/health" in hc or f"127.0.0.1:{port}/api/health" in hc, hc


def test_worker_prefect_api_url_is_the_server(services):
    url = urlsplit(environment(services["worker"])["PREFECT_API_URL"])
    assert url.scheme == "http"
    assert url.hostname == "prefect-server" and url.hostname in services
    assert url.port == _server_port(services["prefect-server"])
    assert url.path.rstrip("/") == "/api"


def test_prefect_analytics_disabled_everywhere_prefect_runs(services):
    prefect_services = [n for n, s in services.items() if runs_prefect(s)]
    assert {"prefect-server", "worker"} <= set(prefect_services)
    for name in prefect_services:
        assert environment(services[name]).get("PREFECT_SERVER_ANALYTICS_ENABLED") == "false", name
    env_lines = [args for op, args in dockerfile_instructions() if op == "ENV"]
    assert any(re.search(r"PREFECT_SERVER_ANALYTICS_ENABLED=false\b", e) for e in env_lines)


def test_worker_serves_the_inbox_and_moves_imported_files_to_an_archive_volume(compose, services):
    svc = services["worker"]
    argv = as_argv(svc.get("command"))
    assert argv[0] == "serve"
    inbox = argv[argv.index("--inbox") + 1]
    mounts = {m[1]: m for m in (v.split(":") for v in svc["volumes"])}
    assert mounts[inbox][0] == "./inbox" and mounts[inbox][2:] != ["ro"]  # files are moved out of it
    archive = environment(svc)["MEDIAMON_INBOX_ARCHIVE"]
    assert archive in mounts and mounts[archive][0] in compose["volumes"], "the archive is a named volume"


def _mediamon_argv(svc: dict) -> list[str]:
    return as_argv(svc["command"]) if "entrypoint" not in svc else as_argv(svc["entrypoint"])[1:]


def _cli_command(argv: list[str]):
    """The click command `argv` (e.g. ["db", "grant-analyst", ...]) runs, and the arguments left."""
    import typer.main

    from flows.cli import app

    command = typer.main.get_command(app)
    while hasattr(command, "commands") and argv and argv[0] in command.commands:
        command, argv = command.commands[argv[0]], argv[1:]
    return command, argv


def test_mediamon_services_run_cli_commands_with_declared_options_that_the_tests_run(services):
    """Every service built from our image runs a `mediamon` command the CLI declares, with options it
    declares, and that command is one the test suite runs for real (not only parsed)."""
    test_sources = "\n".join(p.read_text() for p in (REPO / "tests").rglob("test_*.py") if p.name != "test_compose.py")
    checked = 0
    for name, svc in services.items():
        if "build" not in svc or "entrypoint" in svc and as_argv(svc["entrypoint"])[0] != "mediamon":
            continue
        argv = _mediamon_argv(svc)
        command, rest = _cli_command(argv)
        assert not hasattr(command, "commands"), f"{name}: {argv} is not a command"
        declared = {opt for p in command.params for opt in p.opts}
        used = [a for a in rest if a.startswith("--")]
        assert set(used) <= declared, (name, used, declared)
        words = [a for a in argv if not a.startswith("-")][:2 if argv[0] == "db" else 1]
        assert all(f'"{w}"' in test_sources for w in words), f"{name}: no test runs `mediamon {' '.join(words)}`"
        checked += 1
    assert checked >= 2  # the worker and the start-up setup


def test_no_password_is_committed_and_each_secret_comes_from_env(compose):
    """Password variables have no default in the compose file: .env (ignored by git and the image) sets them."""
    text = COMPOSE_FILE.read_text()
    passwords = [m for m in _VAR.finditer(text) if "PASSWORD" in (m.group("name") or m.group("bare") or "")]
    assert passwords and all(m.group("required") is not None for m in passwords if m.group("name"))
    with pytest.raises(MissingVariable):
        load_compose(example=False)
    secret_vars = [s["environment"] for s in compose["secrets"].values()]
    assert secret_vars and set(secret_vars) <= set(example_env())
    assert ".env" in (REPO / ".gitignore").read_text().split()


def test_the_analyst_role_is_created_at_start_up_before_the_worker(services):
    setup = services["setup"]
    argv = _mediamon_argv(setup)
    assert argv[:2] == ["db", "grant-analyst"] and argv[2] == example_env()["MEDIAMON_ANALYST_ROLE"]
    password_file = argv[argv.index("--password-file") + 1]
    (secret,) = setup["secrets"]
    assert password_file == f"/run/secrets/{secret}"
    _url_points_at(environment(setup)["MEDIAMON_DATABASE_URL"], "postgres", services["postgres"],
                   "postgresql+psycopg")
    assert setup["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["worker"]["depends_on"]["setup"]["condition"] == "service_completed_successfully"


def test_the_worker_healthcheck_asks_the_runner_it_enables(services):
    svc = services["worker"]
    env = environment(svc)
    assert env["PREFECT_RUNNER_SERVER_ENABLE"] == "true"
    hc = " ".join(as_argv(svc["healthcheck"]["test"]))
    assert f"{env['PREFECT_RUNNER_SERVER_HOST']}:{env['PREFECT_RUNNER_SERVER_PORT']}/health" in hc, hc


# ---------------------------------------------------------------------------------- Dockerfile

def test_dockerfile_base_user_and_install():
    ins = dockerfile_instructions()
    froms = [args for op, args in ins if op == "FROM"]
    assert froms and all(f.split()[0] == "python:3.11-slim" for f in froms), froms
    final = final_stage(ins)
    users = [args for op, args in final if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image must not run as root"
    pip = [args for op, args in ins if op == "RUN" and "pip install" in args]
    assert pip, "the project is installed with pip"
    assert not any(re.search(r"\[.*dev.*\]|-e\s|--editable", p) for p in pip), pip


def test_dockerfile_entrypoint_is_a_declared_console_script():
    scripts = project()["project"]["scripts"]
    final = final_stage(dockerfile_instructions())
    entry = [exec_form(args) for op, args in final if op == "ENTRYPOINT"]
    cmd = [exec_form(args) for op, args in final if op == "CMD"]
    argv = (entry[-1] if entry else []) + (cmd[-1] if cmd else [])
    assert argv, "no ENTRYPOINT/CMD"
    assert Path(argv[0]).name in scripts, argv
    assert argv[1:2] == ["serve"]  # the image's default is the worker


def test_services_built_from_dockerfile_run_declared_commands(services):
    scripts = set(project()["project"]["scripts"])
    final = final_stage(dockerfile_instructions())
    image_entry = [exec_form(a) for op, a in final if op == "ENTRYPOINT"][-1]
    for name, svc in services.items():
        if "build" in svc:
            argv = as_argv(svc["entrypoint"]) if "entrypoint" in svc else image_entry
            assert argv[0] in scripts | {"prefect"}, (name, argv)


def _ignored(path: str, patterns: list[str]) -> bool:
    """.dockerignore semantics, enough for these files: last matching pattern wins, ! re-includes."""
    ignored = False
    for pat in patterns:
        neg = pat.startswith("!")
        pat = pat.lstrip("!").strip("/")
        candidates = [path] + [str(p) for p in Path(path).parents if str(p) != "."]
        if any(fnmatch.fnmatch(c, pat) or fnmatch.fnmatch(c, pat.replace("**/", "")) for c in candidates):
            ignored = not neg
    return ignored


def test_dockerignore_keeps_what_the_build_copies_and_drops_the_rest():
    patterns = [line.strip() for line in DOCKERIGNORE.read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    copies = [args.split() for op, args in dockerfile_instructions() if op == "COPY" and "--from" not in args]
    sources = [src for parts in copies for src in parts[:-1]]
    assert "pyproject.toml" in sources
    for src in sources:
        assert (REPO / src).exists(), src
        assert not _ignored(src.rstrip("/"), patterns), f"COPY {src} but .dockerignore drops it"
    # everything a wheel needs from pyproject is copied
    proj = project()
    top = {p.split(".")[0] for p in proj["tool"]["setuptools"]["packages"]}
    assert top <= {s.rstrip("/") for s in sources}
    assert proj["project"]["readme"] in sources
    for secret_or_bulk in (".env", ".venv", ".git", "tests", "inbox", "flows/__pycache__"):
        assert _ignored(secret_or_bulk, patterns), secret_or_bulk


def test_interpolation_helper():
    assert interpolate("a${X:-d}b", {}) == "adb"
    assert interpolate("a${X:-d}b", {"X": "v"}) == "avb"
    assert interpolate("$$HOME", {}) == "$HOME"


def test_compose_file_uses_no_undeclared_variables():
    """Every ${VAR} has a default, or is required and set by .env.example (so a copied .env works)."""
    text = COMPOSE_FILE.read_text()
    example = example_env()
    for m in _VAR.finditer(text.replace("$$", "")):
        name = m.group("name") or m.group("bare")
        assert m.group("default") is not None or (m.group("required") is not None and name in example), name
