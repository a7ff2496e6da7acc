"""The drills by name, with the sizes of their full and short forms."""

import dataclasses
import os
import subprocess

from . import auto_failover, compose_standby, editors, failover, many_services, import_kill, outage, postgres_kill, slow_clients
from .chancery import REPO
from .cluster import Cluster

NAMES = ["import-kill", "postgres-kill", "outage", "editors", "slow-clients", "failover", "auto-failover", "many-services",
         "compose-standby"]


@dataclasses.dataclass
class Settings:
    short: bool
    binary: str
    seed: int
    workdir: str

    def pick(self, full, short):
        return short if self.short else full


def archive(settings, letters):
    """The generated archive of `letters` letters (bench/generator), made once per size and seed."""
    path = os.path.join(settings.workdir, f"archive-{letters}-seed1.jsonl")
    if os.path.exists(path):
        return path
    scratch = os.path.join(REPO, ".build-bench")
    generator = os.path.join(scratch, "release", "chancery-archive-generator")
    if not os.access(generator, os.X_OK):
        subprocess.run(["swift", "build", "-c", "release", "--package-path", os.path.join(REPO, "bench/generator"),
                        "--scratch-path", scratch], check=True, capture_output=True)
    subprocess.run([generator, "--letters", str(letters), "--seed", "1", "--output", path + ".part", "--quiet"],
                   check=True)
    os.rename(path + ".part", path)
    return path


def with_cluster(name, body):
    cluster = Cluster(name).create()
    try:
        return body(cluster)
    except Exception:
        print(cluster.tail_log())
        raise
    finally:
        cluster.destroy()


def import_kill_drill(settings):
    letters = settings.pick(50_000, 3_000)
    kills = settings.pick(12, 4)
    path = archive(settings, letters)

    def body(cluster):
        reference = import_kill.load_clean(cluster, settings.binary, path, settings.workdir)
        result = import_kill.run(cluster, settings.binary, path, kills, settings.seed, settings.workdir, reference)
        result["archive_letters"] = letters
        result["clean_import_seconds"] = round(reference["seconds"], 1)
        return result
    return with_cluster("import-kill", body)


def outage_drill(settings):
    return with_cluster("outage", lambda cluster: outage.run(
        cluster, settings, clients=16, outage_seconds=settings.pick(10, 4), after_seconds=settings.pick(10, 4)))


def postgres_kill_drill(settings):
    letters = settings.pick(50_000, 3_000)
    path = archive(settings, letters)
    return with_cluster("postgres-kill", lambda cluster: postgres_kill.run(
        cluster, settings, path, import_kills=settings.pick(5, 2), write_kills=settings.pick(5, 2), clients=8))


def editors_drill(settings):
    return with_cluster("editors", lambda cluster: editors.run(cluster, settings, editors=32, rounds=settings.pick(20, 6)))


def slow_clients_drill(settings):
    path = archive(settings, 3_000)
    return with_cluster("slow-clients", lambda cluster: slow_clients.run(
        cluster, settings, path, measure_seconds=settings.pick(20, 6), idle_connections=1000,
        idle_timeout=settings.pick(30, 12)))


def failover_drill(settings):
    # Replication on, and a TCP address for each server: the service names both in one URL.
    return with_cluster("failover", lambda cluster: failover.run(
        cluster, settings, clients=16, detect_seconds=settings.pick(5, 2), after_seconds=settings.pick(10, 4)))


def auto_failover_drill(settings):
    return auto_failover.run(settings, clients=16, after_seconds=settings.pick(10, 4))


def many_services_drill(settings):
    return with_cluster("many", lambda cluster: many_services.run(cluster, settings, token_cache_seconds=1))


DRILLS = {
    "many-services": many_services_drill,
    "compose-standby": compose_standby.run,
    "failover": failover_drill,
    "auto-failover": auto_failover_drill,
    "slow-clients": slow_clients_drill,
    "editors": editors_drill,
    "postgres-kill": postgres_kill_drill,
    "import-kill": import_kill_drill,
    "outage": outage_drill,
}


def run(name, settings):
    drill = DRILLS.get(name)
    if drill is None:
        return {"name": name, "failures": ["not written yet"]}
    return drill(settings)
