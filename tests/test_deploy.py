"""The deployment files set only variables Hallway reads: every variable the Kubernetes
manifests, the compose file and the image set for Hallway is a setting of the settings class
(a misspelt or removed setting would otherwise be ignored without a word)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from hallway.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
# Read by Python or the shell in the image, not by Hallway.
RUNTIME = {"PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}
SETTINGS = {name.upper() for name in Settings.model_fields}


def _documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def _pod_specs(document: dict[str, Any]) -> list[dict[str, Any]]:
    if document["kind"] in ("Deployment", "Job"):
        return [document["spec"]["template"]["spec"]]
    return []


def kubernetes_variables() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        names = found.setdefault(path.name, set())
        for document in _documents(path):
            if document["kind"] == "ConfigMap":
                names |= set(document["data"])
            if document["kind"] == "Secret":
                names |= set(document.get("stringData", {})) | set(document.get("data", {}))
            for spec in _pod_specs(document):
                for container in spec["containers"]:
                    names |= {entry["name"] for entry in container.get("env", [])}
    return found


def compose_variables() -> set[str]:
    compose = _documents(DEPLOY / "compose.yaml")[0]
    names: set[str] = set()
    for service in compose["services"].values():
        if service.get("image", "").startswith("hallway"):
            names |= set(service.get("environment", {}))
    return names


def image_variables() -> set[str]:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    runtime = text.split(" AS runtime", 1)[1]
    names: set[str] = set()
    for line in re.findall(r"^ENV (.+)$", runtime, re.M):
        names |= set(re.findall(r"([A-Z_][A-Z0-9_]*)=", line))
    return names


def test_the_kubernetes_manifests_set_only_settings():
    found = kubernetes_variables()

    assert found["configmap.yaml"] and found["secret.yaml"] and found["web.yaml"]
    unknown = {name: sorted(names - SETTINGS) for name, names in found.items() if names - SETTINGS}
    assert unknown == {}


def test_the_compose_file_sets_only_settings():
    names = compose_variables()

    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY"} <= names
    assert sorted(names - SETTINGS) == []


def test_the_image_sets_only_settings_besides_the_runtime_s_own():
    names = image_variables()

    assert {"ENVIRONMENT", "HOST", "PORT"} <= names
    assert sorted(names - SETTINGS - RUNTIME) == []


def test_every_hallway_pod_takes_the_settings_and_runs_as_non_root_on_a_read_only_root():
    for path in sorted((DEPLOY / "kubernetes").glob("*.yaml")):
        for document in _documents(path):
            for spec in _pod_specs(document):
                assert spec["securityContext"]["runAsNonRoot"] is True, path.name
                for container in spec["containers"]:
                    sources = {next(iter(source)) for source in container["envFrom"]}
                    assert sources == {"configMapRef", "secretRef"}, path.name
                    assert container["securityContext"]["readOnlyRootFilesystem"] is True
                    assert {"requests", "limits"} <= set(container["resources"]), path.name
