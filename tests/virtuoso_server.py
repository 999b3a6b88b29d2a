"""Start and stop a real Virtuoso (Debian's ``virtuoso-opensource``) in a private folder on loopback ports.

The configuration file is written here, into the folder; the database, its logs and its lock file stay in
that folder. Virtuoso's SPARQL user is allowed to update (SPARQL Update on ``/sparql`` and the Graph Store
Protocol on ``/sparql-graph-crud``), as an administrator would allow a loading account.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.oxigraph_server import free_port, wait_for

BINARY = "virtuoso-t"
ISQL = "isql-vt"
GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"

CONFIG = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 60000
MaxDirtyBuffers = 45000
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def available() -> bool:
    return shutil.which(BINARY) is not None and shutil.which(ISQL) is not None


def write_config(folder: Path) -> tuple[Path, int, int]:
    """Write ``virtuoso.ini`` into ``folder``; returns it with the SQL and HTTP ports (free loopback ports)."""
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    config = folder / "virtuoso.ini"
    config.write_text(CONFIG.format(folder=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    return config, sql_port, http_port


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Yields the SPARQL endpoint (``http://127.0.0.1:PORT/sparql``); the server is stopped by pid afterwards."""
    config, sql_port, http_port = write_config(folder)
    log = (folder / "virtuoso.out").open("wb")
    process = subprocess.Popen([BINARY, "+foreground", "+configfile", str(config)], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for(f"{url}?query=ASK%7B%7D", timeout=60)
        grant = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={GRANTS}"],
                               capture_output=True, text=True, timeout=30)
        if grant.returncode != 0 or "Error" in grant.stdout:
            raise RuntimeError(f"virtuoso: the grants failed: {grant.stdout}{grant.stderr}")
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        time.sleep(0)
