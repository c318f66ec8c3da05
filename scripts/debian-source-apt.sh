# Sourced by scripts/package.sh and scripts/fetch-httplib.sh: a private apt configuration that
# reads Debian 12's *source* packages (deb-src) from the mirror, without touching the system's
# sources. `private_source_apt DIR` writes it under DIR and sets `apt_opts`, the options to pass
# to every apt-get call (`apt-get "${apt_opts[@]}" update`, `... source --download-only PKG`).
private_source_apt() {
  local apt_dir=$1
  mkdir -p "$apt_dir/lists/partial"
  cat >"$apt_dir/debian-src.sources" <<'SOURCES'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir" -o "Dir::State::Lists=$apt_dir/lists"
            -o "APT::Sandbox::User=root" -qq)
}
