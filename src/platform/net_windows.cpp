// IPv4 interfaces and UDP on Windows: Winsock 2 (ws2_32 only; SIO_GET_INTERFACE_LIST rather than
// iphlpapi), select, recvfrom.
#include "platform/net.h"

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#include <ws2tcpip.h>

#include <algorithm>

#include "platform/win32_text.h"

namespace sigap::platform {

namespace {

// Winsock must be started once per process before any socket call (cpp-httplib does the same).
void StartWinsock() {
  static const bool started = [] {
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) == 0;
  }();
  (void)started;
}

SOCKET S(std::intptr_t h) { return static_cast<SOCKET>(h); }

sockaddr_in SocketAddress(std::uint32_t address, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(address);
  return a;
}

std::string LastError() { return win32::ErrorText(static_cast<DWORD>(WSAGetLastError())); }

}  // namespace

std::vector<Ipv4Interface> Ipv4Interfaces() {
  StartWinsock();
  std::vector<Ipv4Interface> out;
  SOCKET s = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (s == INVALID_SOCKET) return out;
  INTERFACE_INFO list[64];
  DWORD bytes = 0;
  if (WSAIoctl(s, SIO_GET_INTERFACE_LIST, nullptr, 0, list, sizeof list, &bytes, nullptr, nullptr) == 0) {
    for (DWORD k = 0; k < bytes / sizeof(INTERFACE_INFO); ++k) {
      const INTERFACE_INFO& info = list[k];
      if (!(info.iiFlags & IFF_UP) || info.iiAddress.Address.sa_family != AF_INET) continue;
      Ipv4Interface i;
      i.address = ntohl(info.iiAddress.AddressIn.sin_addr.s_addr);
      i.netmask = ntohl(info.iiNetmask.AddressIn.sin_addr.s_addr);
      i.loopback = (info.iiFlags & IFF_LOOPBACK) != 0;
      out.push_back(i);
    }
  }
  closesocket(s);
  return out;
}

std::string Ipv4ToString(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
         std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
}

bool ParseIpv4(std::string_view text, std::uint32_t& address) {
  StartWinsock();
  in_addr a{};
  if (text.size() > 15 || inet_pton(AF_INET, std::string(text).c_str(), &a) != 1) return false;
  address = ntohl(a.s_addr);
  return true;
}

UdpSocket UdpSocket::Open(std::uint32_t address, std::uint16_t port, bool shared, std::string& why) {
  StartWinsock();
  UdpSocket s;
  SOCKET fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd == INVALID_SOCKET) {
    why = LastError();
    return s;
  }
  s.handle_ = static_cast<std::intptr_t>(fd);
  BOOL yes = TRUE;
  setsockopt(fd, SOL_SOCKET, SO_BROADCAST, reinterpret_cast<const char*>(&yes), sizeof yes);
  if (shared) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof yes);
  sockaddr_in a = SocketAddress(address, port);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    why = LastError();
    s.Close();
  }
  return s;
}

bool UdpSocket::SendTo(std::uint32_t address, std::uint16_t port, std::string_view data, std::string& why) {
  sockaddr_in a = SocketAddress(address, port);
  int n =
      ::sendto(S(handle_), data.data(), static_cast<int>(data.size()), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
  if (n == static_cast<int>(data.size())) return true;
  why = n < 0 ? LastError() : "short send";
  return false;
}

bool UdpSocket::Receive(std::chrono::milliseconds timeout, std::size_t max_bytes, std::string& data,
                        std::uint32_t& from, std::uint16_t& from_port) {
  fd_set read_set;
  FD_ZERO(&read_set);
  FD_SET(S(handle_), &read_set);
  const long long ms = std::max<long long>(0, timeout.count());
  timeval tv{static_cast<long>(ms / 1000), static_cast<long>((ms % 1000) * 1000)};
  if (::select(0, &read_set, nullptr, nullptr, &tv) <= 0) return false;
  data.assign(max_bytes + 1, '\0');
  sockaddr_in a{};
  int len = sizeof a;
  int n = ::recvfrom(S(handle_), data.data(), static_cast<int>(data.size()), 0, reinterpret_cast<sockaddr*>(&a), &len);
  if (n < 0 && WSAGetLastError() != WSAEMSGSIZE) return false;
  // WSAEMSGSIZE: the datagram was longer than the buffer and was cut; the reader refuses it.
  data.resize(n < 0 ? max_bytes + 1 : static_cast<std::size_t>(n));
  from = ntohl(a.sin_addr.s_addr);
  from_port = ntohs(a.sin_port);
  return true;
}

void UdpSocket::Close() {
  if (handle_ != kClosed) closesocket(S(handle_));
  handle_ = kClosed;
}

void MakeListenSocketExclusive(std::intptr_t socket) {
  BOOL yes = TRUE;
  setsockopt(S(socket), SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&yes), sizeof yes);
}

}  // namespace sigap::platform
