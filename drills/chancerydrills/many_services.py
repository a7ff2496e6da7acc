"""Drill 8: two `chancery serve` processes behind nginx share nothing but PostgreSQL.

Tokens, their revocation, web sessions, idempotency keys and the sign-in throttle live in the
database, so each must hold across processes: a token revoked through one process is refused by
the other within the token cache's time; a key used in one replays in the other; a session
started in one is honoured by the other; failed sign-ins counted by both lock the account."""

import os
import re
import shutil
import subprocess
import time
import uuid

from .chancery import Chancery, wait_until
from .cluster import free_port
from .http import Client
from .packages import apt_install

DATABASE = "many"
PASSWORD = "drill-password-123"


class Nginx:
    """Debian's nginx as a round-robin proxy in front of the services."""

    def __init__(self, workdir, backends):
        self.dir = os.path.join(workdir, "nginx")
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "logs"))
        self.port = free_port()
        servers = "".join(f"    server 127.0.0.1:{port};\n" for port in backends)
        user = "user root;\n" if os.geteuid() == 0 else ""
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(f"""{user}worker_processes 1;
daemon off;
pid {self.dir}/nginx.pid;
error_log {self.dir}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  upstream chancery {{
{servers}    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{self.port};
    location / {{
      proxy_pass http://chancery;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
""")
        self.process = subprocess.Popen([nginx_binary(), "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if not wait_until(lambda: answers(self.port), 10):
            self.stop()
            raise RuntimeError("nginx did not start: " + (self.process.stderr.read() if self.process.stderr else ""))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise RuntimeError("nginx is missing; install it with: sudo apt-get install -y nginx")
    apt_install(["nginx-light"])
    return shutil.which("nginx") or "/usr/sbin/nginx"


def answers(port):
    client = Client(port, None, timeout=2)
    try:
        return client.request("GET", "/healthz").status == 200
    except OSError:
        return False
    finally:
        client.close()


def request(port, method, path, token=None, body=None, headers=None):
    client = Client(port, token)
    try:
        return client.request(method, path, body, headers or {})
    finally:
        client.close()


def form_post(port, path, fields, cookies):
    """A form POST with cookies, answered without following redirects: (status, headers, body)."""
    import http.client
    import urllib.parse
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", path, urllib.parse.urlencode(fields), {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode()
    finally:
        connection.close()


def sign_in_form(port):
    """The sign-in page's anti-forgery value and its cookie."""
    answer = request(port, "GET", "/sign-in")
    csrf = re.search(r'name="csrf" value="([^"]+)"', answer.body).group(1)
    cookie = re.search(r"chancery_sign_in=([^;]+)", answer.header("set-cookie")).group(1)
    return csrf, {"chancery_sign_in": cookie}


def sign_in(port, name, password):
    csrf, cookies = sign_in_form(port)
    status, headers, _ = form_post(port, "/sign-in", {"name": name, "password": password, "csrf": csrf, "next": "/"}, cookies)
    session = next((re.search(r"chancery_session=([^;]+)", v).group(1) for k, v in headers
                    if k.lower() == "set-cookie" and "chancery_session=" in v), None)
    return status, session


def run(cluster, settings, token_cache_seconds):
    result = {"name": "two services behind nginx, sharing only PostgreSQL"}
    services, proxy = [], None
    try:
        cluster.createdb(DATABASE)
        setup = Chancery(settings.binary, cluster.url(DATABASE))
        setup.run("db", "migrate", "--no-reference")
        admin = setup.token("drill-admin", "admin")
        editor = setup.token("drill-editor", "editor")
        for name in ("drill-user", "drill-target"):
            subprocess.run([settings.binary, "user", "add", name, "--role", "reader"], input=PASSWORD + "\n", text=True,
                           env=setup.environment(), check=True, capture_output=True)
        for n in range(2):
            services.append(Chancery(settings.binary, cluster.url(DATABASE)).serve(
                "--token-cache", str(token_cache_seconds), log_path=os.path.join(settings.workdir, f"serve-many-{n}.log")))
        a, b = services[0].port, services[1].port
        proxy = Nginx(settings.workdir, [a, b])
        checks = {}

        # A token made by the command line works in both.
        checks["a token works in both processes"] = all(
            request(port, "GET", "/v1/letters?limit=1", editor).status == 200 for port in (a, b))

        # Revoked through A, refused by B within the cache time.
        reader = setup.token("drill-revoked", "reader")
        assert request(b, "GET", "/v1/letters?limit=1", reader).status == 200
        revoked_at = time.monotonic()
        revoke = request(a, "DELETE", "/v1/tokens/drill-revoked", admin)
        refused = wait_until(lambda: request(b, "GET", "/v1/letters?limit=1", reader).status == 401,
                             token_cache_seconds + 5, every=0.1)
        seconds = round(time.monotonic() - revoked_at, 2)
        result["seconds_until_the_other_process_refused_a_revoked_token"] = seconds
        checks["a token revoked in one process is refused by the other within the cache time"] = (
            revoke.status in (200, 204) and refused and seconds <= token_cache_seconds + 1)

        # An idempotency key used in A replays in B.
        key = str(uuid.uuid4())
        body = {"from": [{"name": "Ada Drillwright"}], "to": [{"name": "Ben Drillwright"}], "date": "2024-05",
                "subject": "once across processes"}
        for person in ("Ada Drillwright", "Ben Drillwright"):
            request(a, "POST", "/v1/actors", editor, {"kind": "person", "name": person})
        first = request(a, "POST", "/v1/letters", editor, body, {"Idempotency-Key": key})
        second = request(b, "POST", "/v1/letters", editor, body, {"Idempotency-Key": key})
        stored = cluster.value(DATABASE, "SELECT count(*) FROM letter WHERE subject = 'once across processes'")
        checks["an idempotency key used in one process replays in the other"] = (
            first.status == 201 and second.status == 201 and second.header("idempotent-replayed") == "true"
            and second.json()["ref"] == first.json()["ref"] and stored == "1")

        # A session started in A is honoured by B (no anonymous reads: the register needs one).
        status, session = sign_in(a, "drill-user", PASSWORD)
        page = form_get(b, "/", {"chancery_session": session} if session else {})
        without = form_get(b, "/", {})
        checks["a web session started in one process is honoured by the other"] = status == 303 and page == 200 and without != 200

        # Failed sign-ins counted by both processes lock the account.
        statuses = [sign_in((a, b)[n % 2], "drill-target", "wrong")[0] for n in range(6)]
        result["failed_sign_in_statuses_alternating_processes"] = statuses
        checks["failed sign-ins in both processes add up to one lock"] = statuses[:5] == [401] * 5 and statuses[5] == 429

        # Through nginx: both services answer.
        for _ in range(20):
            request(proxy.port, "GET", "/v1/letters?limit=5", editor)
        served = [served_requests(port) for port in (a, b)]
        result["requests_each_process_served_through_nginx"] = served
        checks["nginx spreads requests over both processes"] = all(count > 0 for count in served)

        result["checks"] = {name: "holds" if ok else "FAILS" for name, ok in checks.items()}
        result["failures"] = [name for name, ok in checks.items() if not ok]
        return result
    finally:
        if proxy:
            proxy.stop()
        for service in services:
            service.stop()


def form_get(port, path, cookies):
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def served_requests(port):
    """Requests for the listing that the process's metrics count."""
    text = request(port, "GET", "/metrics").body
    return sum(int(n) for n in re.findall(r'chancery_http_requests_total\{route="/v1/letters",method="GET",status="200"\} (\d+)', text))
