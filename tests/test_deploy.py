"""The deployment files: the proxy pins by a cookie it sets, checks health, and every file agrees on ports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from deploy.serve import COOKIE, Backend, render_haproxy_config

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "kubernetes"
HEALTH = "/_stcore/health"
BACKENDS = [Backend("w1", "127.0.0.1", 8611), Backend("w2", "10.0.0.7", 8501)]


def _haproxy() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found is None:
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail("REQUIRE_E2E=1 but haproxy is not installed (apt-get install haproxy)")
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    return found


def _manifests() -> dict[str, dict]:
    documents = [document for path in sorted(K8S.glob("*.yaml"))
                 for document in yaml.safe_load_all(path.read_text(encoding="utf-8"))]
    return {document["kind"]: document for document in documents}


@pytest.mark.parametrize("config_path", ["rendered", "haproxy-compose.cfg"])
def test_haproxy_accepts_the_configuration(config_path, tmp_path):
    """HAProxy itself parses the configuration serve.py writes, and the one for Docker Compose."""
    haproxy = _haproxy()
    if config_path == "rendered":
        path = tmp_path / "haproxy.cfg"
        path.write_text(render_haproxy_config("127.0.0.1:8501", BACKENDS), encoding="utf-8")
    else:
        path = DEPLOY / config_path
    result = subprocess.run([haproxy, "-c", "-f", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_proxy_pins_by_a_cookie_it_sets_never_by_address():
    """One server line per backend, host:port, each with its cookie; sticky by an inserted cookie, not the source."""
    config = render_haproxy_config("0.0.0.0:8501", BACKENDS)
    assert re.search(rf"^\s+cookie {COOKIE} insert indirect nocache", config, re.M)
    assert "balance source" not in config and "stick on src" not in config
    assert re.findall(r"^\s+server (\S+) (\S+) check cookie (\S+)$", config, re.M) == [
        ("w1", "127.0.0.1:8611", "w1"), ("w2", "10.0.0.7:8501", "w2")]
    assert re.search(r"^\s+bind 0\.0\.0\.0:8501$", config, re.M)


@pytest.mark.parametrize("config", [render_haproxy_config("127.0.0.1:8501", BACKENDS),
                                    (DEPLOY / "haproxy-compose.cfg").read_text(encoding="utf-8")])
def test_the_proxy_checks_health_keeps_websockets_and_moves_readers_off_a_dead_worker(config):
    """Health checks on Streamlit's endpoint, an hour-long tunnel for the websocket, redispatch on failure."""
    assert f"option httpchk GET {HEALTH}" in config
    assert re.search(r"timeout tunnel 1h", config)
    assert "option redispatch" in config
    assert re.search(rf"cookie {COOKIE} insert", config)


def test_compose_runs_the_proxy_in_front_of_replicas_on_one_port():
    """The proxy publishes the port its configuration binds; replicas expose the port the template targets."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    proxy, dashboard = services["proxy"], services["dashboard"]
    config = (DEPLOY / "haproxy-compose.cfg").read_text(encoding="utf-8")
    bound = re.search(r"^\s+bind :(\d+)$", config, re.M).group(1)
    assert any(port.endswith(f":{bound}") for port in proxy["ports"])
    assert any(volume.startswith("./haproxy-compose.cfg:") for volume in proxy["volumes"])
    template = re.search(r"server-template \S+ \S+ (\w+):(\d+) check", config)
    assert template.groups() == ("dashboard", "8501") and "8501" in dashboard["expose"]
    assert dashboard["deploy"]["replicas"] >= 2
    assert HEALTH in " ".join(dashboard["healthcheck"]["test"])
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in dashboard["environment"]


def test_kubernetes_probes_ports_and_cookie_affinity_agree():
    """Probes on the health endpoint, the Service targets the container's port, the Ingress pins by cookie."""
    manifests = _manifests()
    deployment, service, ingress = manifests["Deployment"], manifests["Service"], manifests["Ingress"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    port_names = {port["name"]: port["containerPort"] for port in container["ports"]}
    for probe in ("readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == HEALTH and check["port"] in port_names
    assert deployment["spec"]["replicas"] >= 2
    assert service["spec"]["selector"] == deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"].get("sessionAffinity", "None") == "None"  # ClientIP would pin a whole NAT'd class
    service_port = service["spec"]["ports"][0]
    assert service_port["targetPort"] in port_names
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"] and backend["port"]["name"] == service_port["name"]
    secret = manifests["Secret"]
    env = {item["name"]: item for item in container["env"]}
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"]["valueFrom"]["secretKeyRef"]["name"] == secret["metadata"]["name"]


def test_the_image_serves_on_the_port_everything_else_expects():
    """The Dockerfile exposes and serves 8501, checks the health endpoint, and runs as a plain user."""
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^EXPOSE 8501$", dockerfile, re.M)
    assert '"--server.port", "8501"' in dockerfile and HEALTH in dockerfile
    assert re.search(r"^USER app$", dockerfile, re.M)
    assert "--require-hashes -r requirements.lock" in dockerfile
