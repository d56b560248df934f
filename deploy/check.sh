#!/usr/bin/env bash
# Checks the deployment files with the tools that install here, and that every setting they name is one the app
# reads. No container engine or cluster is needed.
#   bash deploy/check.sh      (as root it installs docker-compose, yamllint and kubectl's kustomize from Debian if missing)
# Checks: YAML lint (yamllint, relaxed); both compose files through `docker-compose config`; the Kubernetes
# manifests rendered by `kubectl kustomize` and parsed; every `Section__Key` setting in deploy/ matched to the
# app's configuration (options classes and configuration look-ups in src/).
set -euo pipefail
DEPLOY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DEPLOY")"
fail=0
need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; } || true; command -v "$1" >/dev/null 2>&1; }

if need yamllint yamllint; then
  yamllint -d '{extends: relaxed, rules: {line-length: disable}}' "$DEPLOY"/*.yaml "$DEPLOY"/k8s/*.yaml && echo "ok   yamllint" || fail=1
else echo "skip yamllint (not installed)"; fi

env_file=$(mktemp); trap 'rm -f "$env_file"' EXIT
cp "$DEPLOY/.env.example" "$env_file"
if need docker-compose docker-compose; then
  for f in "$DEPLOY"/compose.*.yaml; do
    docker-compose -f "$f" --env-file "$env_file" config -q && echo "ok   docker-compose config $(basename "$f")" || fail=1
  done
else echo "skip docker-compose (not installed)"; fi

if command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize "$DEPLOY/k8s" >/dev/null && echo "ok   kubectl kustomize deploy/k8s" || fail=1
else echo "skip kubectl kustomize (kubectl not installed)"; fi

python3 - "$ROOT" <<'PY' || fail=1
import glob, os, re, sys
root = sys.argv[1]
deploy = os.path.join(root, "deploy")
src = "\n".join(open(p, encoding="utf-8").read() for p in glob.glob(os.path.join(root, "src", "**", "*.cs"), recursive=True)
                if "/Migrations/" not in p)
json = "\n".join(open(p, encoding="utf-8").read() for p in glob.glob(os.path.join(root, "src", "**", "appsettings*.json"), recursive=True))
files = [p for p in glob.glob(os.path.join(deploy, "**", "*"), recursive=True)
         if os.path.isfile(p) and not p.endswith((".sh", ".md", ".conf", ".gitignore")) and "/secrets/" not in p]
keys = set()
for p in files:
    for m in re.finditer(r"\b([A-Z][A-Za-z]+(?:__[A-Za-z0-9]+)+)\b", open(p, encoding="utf-8").read()):
        keys.add(m.group(1))
sections = set(re.findall(r'(?:Section|section)\s*=\s*"([A-Za-z:]+)"', src)) | set(re.findall(r'GetSection\("([A-Za-z:]+)"\)', src))
literals = set(re.findall(r'"([A-Za-z]+(?::[A-Za-z]+)+)', src))
props = set(re.findall(r"public\s+[\w<>?,\[\] ]+\s+(\w+)\s*\{\s*get;", src))
bad = []
for key in sorted(keys):
    parts = key.split("__")
    colon = ":".join(parts)
    if parts[0] == "ConnectionStrings":
        ok = f'GetConnectionString("{parts[1]}")' in src
    else:
        prefixes = [":".join(parts[:i]) for i in range(1, len(parts))]
        known_prefix = any(p in sections or p in literals for p in prefixes)
        last_known = parts[-1] in props or any(l.endswith(":" + parts[-1]) or l == colon for l in literals) \
            or re.search(r'\[\$"\{section\}:' + re.escape(parts[-1]) + '"\]', src) is not None
        ok = known_prefix and last_known
    (print(f"ok   setting {colon}") if ok else bad.append(colon))
for b in bad:
    print(f"FAIL setting {b}: the app reads no such key (check the spelling against src/)")
sys.exit(1 if bad else 0)
PY
[ $fail = 0 ] && echo "deploy/check.sh: all checks passed" || { echo "deploy/check.sh: FAILED"; exit 1; }
