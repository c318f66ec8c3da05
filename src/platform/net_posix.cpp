// IPv4 interfaces and UDP on Linux: getifaddrs, poll, recvfrom.
#include "platform/net.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sigap::platform {

namespace {

sockaddr_in SocketAddress(std::uint32_t address, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(address);
  return a;
}

}  // namespace

std::vector<Ipv4Interface> Ipv4Interfaces() {
  std::vector<Ipv4Interface> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return out;
  for (ifaddrs* a = list; a; a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || !a->ifa_netmask || !(a->ifa_flags & IFF_UP)) continue;
    Ipv4Interface i;
    i.address = ntohl(reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr.s_addr);
    i.netmask = ntohl(reinterpret_cast<sockaddr_in*>(a->ifa_netmask)->sin_addr.s_addr);
    i.loopback = (a->ifa_flags & IFF_LOOPBACK) != 0;
    out.push_back(i);
  }
  freeifaddrs(list);
  return out;
}

std::string Ipv4ToString(std::uint32_t address) {
  in_addr a{htonl(address)};
  char buf[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &a, buf, sizeof buf);
  return buf;
}

bool ParseIpv4(std::string_view text, std::uint32_t& address) {
  in_addr a{};
  if (text.size() > 15 || inet_pton(AF_INET, std::string(text).c_str(), &a) != 1) return false;
  address = ntohl(a.s_addr);
  return true;
}

UdpSocket UdpSocket::Open(std::uint32_t address, std::uint16_t port, bool shared, std::string& why) {
  UdpSocket s;
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    why = std::strerror(errno);
    return s;
  }
  s.handle_ = fd;
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &yes, sizeof yes);
  if (shared) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in a = SocketAddress(address, port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    why = std::strerror(errno);
    s.Close();
  }
  return s;
}

bool UdpSocket::SendTo(std::uint32_t address, std::uint16_t port, std::string_view data, std::string& why) {
  sockaddr_in a = SocketAddress(address, port);
  ssize_t n = ::sendto(static_cast<int>(handle_), data.data(), data.size(), MSG_NOSIGNAL,
                       reinterpret_cast<sockaddr*>(&a), sizeof a);
  if (n == static_cast<ssize_t>(data.size())) return true;
  why = n < 0 ? std::strerror(errno) : "short send";
  return false;
}

bool UdpSocket::Receive(std::chrono::milliseconds timeout, std::size_t max_bytes, std::string& data,
                        std::uint32_t& from, std::uint16_t& from_port) {
  pollfd p{static_cast<int>(handle_), POLLIN, 0};
  int ms = static_cast<int>(std::max<std::int64_t>(0, timeout.count()));
  if (::poll(&p, 1, ms) <= 0 || !(p.revents & POLLIN)) return false;
  data.assign(max_bytes, '\0');
  sockaddr_in a{};
  socklen_t len = sizeof a;
  ssize_t n =
      ::recvfrom(static_cast<int>(handle_), data.data(), data.size(), MSG_TRUNC, reinterpret_cast<sockaddr*>(&a), &len);
  if (n < 0) return false;
  // MSG_TRUNC: n is the datagram's real length; a longer one is cut and then refused by the reader.
  data.resize(std::min(static_cast<std::size_t>(n), max_bytes));
  if (static_cast<std::size_t>(n) > max_bytes) data.push_back('\0');
  from = ntohl(a.sin_addr.s_addr);
  from_port = ntohs(a.sin_port);
  return true;
}

void UdpSocket::Close() {
  if (handle_ != kClosed) ::close(static_cast<int>(handle_));
  handle_ = kClosed;
}

void MakeListenSocketExclusive(std::intptr_t socket) {
  int yes = 1;
  setsockopt(static_cast<int>(socket), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

}  // namespace sigap::platform
