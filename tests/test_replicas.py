"""The replicated set-up's files agree with each other (issue 22): nginx's configuration as rendered
(sticky on a cookie, websockets upgraded, uploads up to Streamlit's own limit, every replica listed, a
valid configuration for Debian's nginx), compose's copy of it up to date, and the Dockerfile running the
command deploy/replicas.py runs. The live routing is tests/browser/test_proxy_routing.py's.

No container engine runs on the machines these tests run on, so the image is not built here: the same
steps run as a plain script (deploy/replicas.py) in the live tests.
"""
from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import yaml

from deploy.replicas import (COOKIE, FAILS_TO_DOWN, ROOT, marked_down, max_upload_mb, render_nginx_conf, rendered_for,
                             streamlit_command)
from testkit.proxy import nginx_or_skip

SERVERS = ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"]


def conf(**kwargs) -> str:
    return render_nginx_conf(SERVERS, "127.0.0.1:8080", "/tmp/run", **kwargs)


def test_routes_hash_on_a_cookie_nginx_sets_and_every_replica_is_listed():
    text = conf()
    assert re.search(rf"map \$cookie_{COOKIE} \$rnnviz_route \{{\s*\"\"\s+\$request_id;", text)
    assert "hash $rnnviz_route consistent;" in text
    assert f'add_header Set-Cookie "{COOKIE}=$rnnviz_route; Path=/; HttpOnly; SameSite=Lax" always;' in text
    assert re.findall(r"^\s*server (\S+) max_fails=0;", text, re.MULTILINE) == SERVERS
    assert "@" not in re.sub(r"#.*", "", text), "every name of the template is filled in"


def test_a_replica_marked_down_stays_in_the_hash_ring():
    """`down`, not removed: the other replicas keep their learners (consistent hashing)."""
    text = conf(down=frozenset({SERVERS[1]}))
    assert re.findall(r"^\s*server (\S+)( down)? max_fails=0;", text, re.MULTILINE) == \
        [(SERVERS[0], ""), (SERVERS[1], " down"), (SERVERS[2], "")]


def test_websockets_are_upgraded_and_kept_open():
    text = conf()
    assert "proxy_http_version 1.1;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert "proxy_set_header Host $http_host;" in text
    assert re.search(r"proxy_read_timeout (\d+)h;", text)


def test_the_upload_limit_is_streamlits_plus_its_multipart_margin():
    configured = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert max_upload_mb() == configured
    assert f"client_max_body_size {configured + 1}m;" in conf()
    assert "client_max_body_size 51m;" in conf(upload_mb=50)


def test_an_upload_is_never_retried_on_another_replica():
    text = conf()
    upload = text.split("location /_stcore/upload_file/ {", 1)[1].split("}", 1)[0]
    assert "proxy_next_upstream off;" in upload


def test_max_upload_defaults_to_streamlits_own_when_the_app_sets_none(tmp_path):
    assert max_upload_mb(tmp_path) == 200
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[server]\nmaxUploadSize = 3\n")
    assert max_upload_mb(tmp_path) == 3


def test_debians_nginx_accepts_the_configuration(tmp_path):
    nginx = nginx_or_skip()
    path = tmp_path / "nginx.conf"
    path.write_text(render_nginx_conf(SERVERS, "127.0.0.1:8080", str(tmp_path)))
    checked = subprocess.run([nginx, "-t", "-c", str(path), "-p", str(tmp_path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_composes_nginx_configuration_is_the_template_rendered():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    replicas = [name for name, service in services.items() if service.get("build") == "."]
    assert replicas == ["app1", "app2"]
    text = (ROOT / "deploy" / "nginx.compose.conf").read_text()
    assert text == rendered_for([f"{name}:8501" for name in replicas], "8080"), \
        "rerun the command on deploy/nginx.compose.conf's first line"
    nginx = services["nginx"]
    assert "./deploy/nginx.compose.conf:/etc/rnnviz/nginx.conf:ro" in nginx["volumes"]
    assert nginx["depends_on"] == {name: {"condition": "service_healthy"} for name in replicas}
    assert "apt-get install -y --no-install-recommends nginx" in nginx["build"]["dockerfile_inline"]


def test_the_image_runs_the_replicas_command_as_a_user_with_a_health_check():
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    instructions = [line for line in lines if line and not line.startswith((" ", "#"))]
    cmd = json.loads(next(line for line in instructions if line.startswith("CMD "))[4:])
    assert cmd == streamlit_command("0.0.0.0", 8501)
    user = next(line for line in instructions if line.startswith("USER ")).split()[1]
    assert user != "root"
    assert instructions.index(next(i for i in instructions if i.startswith("USER "))) > \
        max(k for k, i in enumerate(instructions) if i.startswith(("RUN ", "COPY ")))
    text = "\n".join(lines)
    assert "HEALTHCHECK" in text and "/_stcore/health" in text.split("HEALTHCHECK", 1)[1]


def test_the_image_installs_the_pinned_torch_from_pytorchs_cpu_index():
    text = (ROOT / "Dockerfile").read_text()
    assert "--index-url https://download.pytorch.org/whl/cpu" in text
    assert "grep -E '^torch==' requirements.txt" in text           # the pin, read from requirements.txt
    assert "torch==" in (ROOT / "requirements.txt").read_text()


def test_the_image_leaves_out_history_caches_and_test_output():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert {".git", "artifacts", "**/__pycache__"} <= set(ignored)


def test_a_replica_is_marked_down_when_its_process_exits_or_it_keeps_failing_not_when_slow():
    fails, down = {"a": 0, "b": 0}, frozenset()
    for _ in range(FAILS_TO_DOWN - 1):
        down = marked_down(fails, {"a": "failing", "b": "slow"}, down)
        assert down == frozenset()
    down = marked_down(fails, {"a": "failing", "b": "slow"}, down)
    assert down == {"a"}, "failing checks in a row; a slow answer is a busy replica, not a failure"
    assert marked_down(fails, {"a": "ok", "b": "slow"}, down) == frozenset(), "back once it answers"
    assert marked_down(fails, {"a": "exited", "b": "ok"}, frozenset()) == {"a"}, "an exited process at once"


def test_never_every_replica_is_marked_down():
    """nginx would then refuse everyone; routing as usual still reaches whichever replica answers."""
    fails = {"a": 0, "b": 0}
    down = marked_down(fails, {"a": "exited", "b": "ok"}, frozenset())
    assert marked_down(fails, {"a": "exited", "b": "exited"}, down) == {"a"}
    assert marked_down({"a": 0, "b": 0}, {"a": "exited", "b": "exited"}, frozenset()) == frozenset()
