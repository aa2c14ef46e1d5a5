"""nginx in front of several app servers, with the sticky sessions of docs/deploiement.md.

A browser keeps the server it first reached (a ``diagnostic_server`` cookie, hashed with
``hash … consistent``); when that server is down, nginx passes the connection to another.
The test configuration is the documented one plus an ``X-Upstream`` header that says which
server answered, on 127.0.0.1 and with its files in a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from browser_support import end, free_port, unavailable

START_TIMEOUT = 30.0
COOKIE = "diagnostic_server"

CONFIG = """\
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;

    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    # The server a browser sticks to: its cookie, or a new random key on its first visit.
    map $cookie_{cookie} $sticky {{ "" $request_id; default $cookie_{cookie}; }}

    upstream diagnostic {{
        hash $sticky consistent;
{servers}
    }}

    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://diagnostic;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 1h;
            proxy_next_upstream error timeout;
            add_header Set-Cookie "{cookie}=$sticky; Path=/; HttpOnly; SameSite=Lax" always;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def nginx_path() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        unavailable("nginx is not installed (Debian: apt-get install nginx-light)")
    return found


class Proxy:
    """nginx on a free port of 127.0.0.1, spreading browsers over ``ports`` with stickiness."""

    def __init__(self, folder: Path, ports: Sequence[int]) -> None:
        self.folder = folder
        self.port = free_port()
        self.ports = list(ports)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=60s;" for port in self.ports
        )
        config = self.folder / "nginx.conf"
        config.write_text(
            CONFIG.format(
                user="user root;" if os.geteuid() == 0 else "",
                folder=self.folder,
                cookie=COOKIE,
                servers=servers,
                port=self.port,
            )
        )
        command = [nginx_path(), "-p", str(self.folder), "-c", str(config), "-g", "daemon off;"]
        with (self.folder / "nginx.out").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited early, see {self.folder}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                self.upstream("probe")
                return
            time.sleep(0.2)
        raise RuntimeError(f"nginx did not answer on {self.url} within {START_TIMEOUT} s")

    def upstream(self, key: str) -> int:
        """The port of the server a browser with cookie ``key`` reaches."""
        request = urllib.request.Request(
            f"{self.url}/_stcore/health", headers={"Cookie": f"{COOKIE}={key}"}
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            return int(reply.headers["X-Upstream"].rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.process is not None:
            end(self.process)
        self.process = None
