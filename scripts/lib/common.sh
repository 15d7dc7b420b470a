# Shared by the scripts in scripts/: root check and system packages. Source it; do not run it.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The Maven project version (the root pom's own <version>, the only place it is written): what every jar of the
# build carries in its name and what scripts/release names a release.
project_version() {
  sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$REPO_ROOT/pom.xml" | head -n 1
}

# Writes a Terraform CLI config to FILE that installs nftkeeper/* only from the filesystem mirror MIRROR_DIR (as
# scripts/install-provider fills it) and never from the registry. Usage: write_cli_config MIRROR_DIR FILE
write_cli_config() {
  cat >"$2" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$1"
    include = ["registry.terraform.io/nftkeeper/*"]
  }
  direct {
    exclude = ["registry.terraform.io/nftkeeper/*"]
  }
}
RC
}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_root() {
  [ "$(id -u)" -eq 0 ] || die "run as root: sandbox hosts need network namespaces, veth pairs and sshd"
}

# Debian packages the build, the agent, the sandbox hosts, PacketFilterIT (netcat-openbsd), PgBackendIT (postgresql)
# and scripts/release with ReleaseMirrorIT (gnupg, zip, openssl) need; installed only when missing.
REQUIRED_PACKAGES=(nftables libnftables1 openssh-server openssh-client iproute2 iputils-ping netcat-openbsd procps sudo maven openjdk-17-jdk-headless postgresql gnupg zip openssl)

ensure_packages() {
  local missing=()
  for pkg in "${REQUIRED_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # A JDK from elsewhere (e.g. Temurin) on PATH is as good as Debian's.
  if command -v javac >/dev/null 2>&1; then
    local without_jdk=()
    for pkg in "${missing[@]}"; do [ "$pkg" = openjdk-17-jdk-headless ] || without_jdk+=("$pkg"); done
    missing=("${without_jdk[@]}")
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  command -v terraform >/dev/null 2>&1 || die "terraform not found on PATH: install Terraform 1.11 (https://developer.hashicorp.com/terraform/install)"
}
