"""Drill 9: docker-compose.yml's `standby` profile, played on loopback clusters.

Containers cannot run here (no container runtime, no image registry), so this drill runs the
profile's own pieces the way the postgres image and compose would run them:
- the primary gets the image's authentication (local trust, every host connection by password,
  no replication line), then `deploy/postgres/primary-replication.sh` as an init script;
- `deploy/postgres/standby-entrypoint.sh` runs with the image's environment; `gosu` and the
  image's `docker-entrypoint.sh` are small stand-ins that start PostgreSQL on the standby's port;
- `chancery serve` gets the DATABASE_URL and DATABASE_READ_URL of `chancery-replicated`, with the
  service names `db` and `db-standby` replaced by the two clusters' addresses.
It passes when the standby copies the primary by password through the script's replication
role, streams from it, and serves the service's reads, with the service's own write read back."""

import os
import re
import shutil
import subprocess
import time

from . import writers
from .chancery import REPO, Chancery, stop_process, wait_until
from .cluster import Cluster, free_port
from .http import Client

USER = "chancery"
PASSWORD = "chancery"
IMAGE_HBA = "local all all trust\nhost all all all scram-sha-256\n"


def run(settings):
    primary = Cluster("compose-db")
    standby_base = f"/tmp/chancery-drill-compose-standby-{os.getpid()}"
    result = {"name": "the compose file's standby profile, on loopback"}
    failures = []
    standby, service = None, None
    try:
        if os.geteuid() != 0:
            raise RuntimeError("this drill plays the image's root entrypoint: run it as root")
        primary.create()
        primary.sql("postgres", f"CREATE ROLE {USER} SUPERUSER LOGIN PASSWORD '{PASSWORD}'")
        primary.sql("postgres", f"CREATE DATABASE {USER} OWNER {USER}")
        write_hba(primary, IMAGE_HBA)
        environment = image_environment(primary)
        run_script("primary-replication.sh", environment)
        primary.sql("postgres", "SELECT pg_reload_conf()")

        standby = StandbyContainer(standby_base, primary, environment)
        if not wait_until(standby.is_ready, 120):
            raise RuntimeError("the standby never answered:\n" + standby.output())
        result["standby_streaming"] = wait_until(
            lambda: primary.value("postgres", "SELECT count(*) FROM pg_stat_replication WHERE usename = 'replicator'") == "1",
            30)
        if not result["standby_streaming"]:
            failures.append("the standby does not stream from the primary as `replicator`")

        url, read_url = replicated_service_urls(primary.port, standby.port)
        chancery = Chancery(settings.binary, url)
        chancery.run("db", "migrate", "--no-reference")
        token = chancery.token("drill-editor", "editor")
        chancery.extra_environment = {"DATABASE_READ_URL": read_url}
        service = chancery.serve(log_path=os.path.join(settings.workdir, "serve-compose-standby.log"))
        failures += check_reads(service.port, token, result)
    finally:
        if service:
            service.stop()
        if standby:
            standby.stop()
        primary.destroy()
    result["failures"] = failures
    return result


def write_hba(cluster, text):
    cluster._run(["sh", "-c", f"cat > '{cluster.data}/pg_hba.conf'"], input=text)
    cluster.sql("postgres", "SELECT pg_reload_conf()")


def image_environment(primary):
    """What the postgres image's containers have: the compose file's variables, and libpq aimed at
    the primary (the image's init scripts reach it by its socket; `db` by name in the standby)."""
    environment = dict(os.environ)
    environment.update({"POSTGRES_USER": USER, "POSTGRES_DB": USER, "POSTGRES_PASSWORD": PASSWORD,
                        "REPLICATION_PASSWORD": "replicator", "PGDATA": primary.data,
                        "PGHOST": primary.socket_dir, "PGPORT": str(primary.port),
                        "PATH": f"{primary.bin}:{environment.get('PATH', '')}"})
    return environment


def run_script(name, environment):
    path = os.path.join(REPO, "deploy/postgres", name)
    done = subprocess.run(["sh", path], env=environment, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{name} exited {done.returncode}: {done.stderr}")


class StandbyContainer:
    """`db-standby`: its entrypoint script with stand-ins for what the image provides."""

    def __init__(self, base, primary, environment):
        self.base = base
        self.port = free_port()
        shutil.rmtree(base, ignore_errors=True)
        shims, sockets = os.path.join(base, "bin"), os.path.join(base, "run")
        os.makedirs(shims)
        os.makedirs(sockets)
        subprocess.run(["chown", "postgres:", base, sockets], check=True)
        os.chmod(base, 0o755)
        write_executable(os.path.join(shims, "gosu"), '#!/bin/sh\nuser="$1"; shift\nexec runuser -u "$user" -- "$@"\n')
        # The image's entrypoint, reduced to what it does with an existing data folder: run postgres.
        write_executable(os.path.join(shims, "docker-entrypoint.sh"),
                         f'#!/bin/sh\nexec runuser -u postgres -- "$1" -D "$PGDATA" -c port={self.port} '
                         f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={sockets}\n")
        self.environment = dict(environment)
        self.environment.update({"PGDATA": os.path.join(base, "data"), "PRIMARY_HOST": "127.0.0.1",
                                 "PGHOST": "127.0.0.1",
                                 "PATH": f"{shims}:{environment['PATH']}"})
        self.log = open(os.path.join(base, "container.log"), "w")
        script = os.path.join(REPO, "deploy/postgres/standby-entrypoint.sh")
        self.process = subprocess.Popen(["sh", script], env=self.environment, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.bin = primary.bin

    def is_ready(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"the standby's entrypoint exited {self.process.returncode}:\n{self.output()}")
        return subprocess.run([f"{self.bin}/pg_isready", "-h", "127.0.0.1", "-p", str(self.port)],
                              capture_output=True).returncode == 0

    def output(self):
        with open(os.path.join(self.base, "container.log")) as f:
            return f.read()[-3000:]

    def stop(self):
        stop_process(self.process)   # postgres's smart shutdown, as `docker stop` asks
        self.log.close()
        shutil.rmtree(self.base, ignore_errors=True)


def write_executable(path, text):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, 0o755)


def replicated_service_urls(primary_port, standby_port):
    """`chancery-replicated`'s two URLs from docker-compose.yml, its service names made addresses."""
    with open(os.path.join(REPO, "docker-compose.yml")) as f:
        compose = f.read()
    section = compose.split("chancery-replicated:", 1)[1]
    url = re.search(r"DATABASE_URL: (\S+)", section).group(1)
    read_url = re.search(r"DATABASE_READ_URL: (\S+)", section).group(1)
    return (url.replace("@db:5432", f"@127.0.0.1:{primary_port}"),
            read_url.replace("@db-standby:5432", f"@127.0.0.1:{standby_port}"))


def check_reads(port, token, result):
    """A write through the service, read back from the standby once it has replayed it."""
    failures = []
    writers.create_correspondents(port, token)
    client = Client(port, token)
    try:
        written = client.request("POST", "/v1/letters", {"from": [{"name": writers.SENDER}],
                                                         "to": [{"name": writers.RECIPIENT}],
                                                         "date": "2022-01", "subject": "compose standby"})
        if written.status != 201:
            return [f"the letter was refused: {written}"]
        position = written.header("chancery-commit-lsn")
        if not position:
            return ["a write's response has no Chancery-Commit-LSN"]
        ref = written.json()["ref"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            read = client.request("GET", f"/v1/letters/{ref}", headers={"Chancery-Read-After": position})
            if read.status != 200:
                return [f"reading the letter back gave {read.status}"]
            if standby_reads(client) > 0:
                break
            time.sleep(0.5)
        result["standby_reads"] = standby_reads(client)
        if result["standby_reads"] == 0:
            failures.append("no read was served by the standby")
    finally:
        client.close()
    return failures


def standby_reads(client):
    text = client.request("GET", "/metrics").body
    found = re.search(r'chancery_database_reads_total\{target="standby-1"\} (\d+)', text)
    return int(found.group(1)) if found else 0
