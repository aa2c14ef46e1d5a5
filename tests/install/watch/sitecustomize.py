"""Loaded by a server under test (``PYTHONPATH``): it records, one JSON line each, every
outside address the process looks up or connects to, and its effective Streamlit settings
once the server runs. The log file is named by ``WATCH_LOG``."""

import ipaddress
import json
import os
import socket
import sys
import threading
import time

LOG = os.environ.get("WATCH_LOG")
OPTIONS = os.environ.get("WATCH_OPTIONS", "").split()
LOCAL_NAMES = {"localhost", "", None}


def _write(entry):
    with open(LOG, "a", encoding="utf-8") as file:
        file.write(json.dumps(entry) + "\n")


def _is_local(host):
    if host in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(str(host).split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _watch_connect(original):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            _write({"outside": str(address[0])})
        return original(self, address)

    return connect


def _watch_lookup(original):
    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host if not isinstance(host, bytes) else host.decode()):
            _write({"outside": str(host)})
        return original(host, *args, **kwargs)

    return getaddrinfo


def _report_options():
    while True:
        module = sys.modules.get("streamlit.runtime.runtime")
        runtime = getattr(module, "Runtime", None)  # None while the module is importing
        if runtime is not None and runtime.exists():
            config = sys.modules["streamlit.config"]
            _write({"options": {name: config.get_option(name) for name in OPTIONS}})
            return
        time.sleep(0.1)


if LOG:
    socket.socket.connect = _watch_connect(socket.socket.connect)
    socket.socket.connect_ex = _watch_connect(socket.socket.connect_ex)
    socket.getaddrinfo = _watch_lookup(socket.getaddrinfo)
    threading.Thread(target=_report_options, daemon=True).start()
