// Content hashes (SHA-256, FIPS 180-4) and record checksums (CRC-32, IEEE 802.3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sigap {

std::string Sha256Hex(std::string_view data);
std::uint32_t Crc32(std::string_view data);
std::string Crc32Hex(std::string_view data);  // 8 lower-case hex digits

}  // namespace sigap
