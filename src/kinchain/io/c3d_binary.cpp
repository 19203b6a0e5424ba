#include "kinchain/io/c3d_binary.hpp"

#include "kinchain/common/error.hpp"

#include <bit>
#include <cstring>
#include <limits>

namespace kinchain::io::c3d {

int processorCode(ProcessorFormat format) {
  switch (format) {
    case ProcessorFormat::Intel:
      return 84;
    case ProcessorFormat::Dec:
      return 85;
    case ProcessorFormat::Mips:
      return 86;
  }
  return 0;
}

std::string_view processorName(ProcessorFormat format) {
  switch (format) {
    case ProcessorFormat::Intel:
      return "Intel";
    case ProcessorFormat::Dec:
      return "DEC";
    case ProcessorFormat::Mips:
      return "MIPS";
  }
  return "unknown";
}

namespace {
float floatFromBits(std::uint32_t bits) {
  return std::bit_cast<float>(bits);
}

std::uint32_t littleEndian32(const std::byte* b) {
  return std::to_integer<std::uint32_t>(b[0]) | (std::to_integer<std::uint32_t>(b[1]) << 8) |
         (std::to_integer<std::uint32_t>(b[2]) << 16) |
         (std::to_integer<std::uint32_t>(b[3]) << 24);
}
std::uint32_t bigEndian32(const std::byte* b) {
  return std::to_integer<std::uint32_t>(b[3]) | (std::to_integer<std::uint32_t>(b[2]) << 8) |
         (std::to_integer<std::uint32_t>(b[1]) << 16) |
         (std::to_integer<std::uint32_t>(b[0]) << 24);
}
}  // namespace

float decodeDecFloat(const std::byte* bytes) {
  // F-float: 16-bit words in little-endian order but the high word first. Swapping the words
  // yields the IEEE bit layout with an exponent bias of 128 and a 0.1f mantissa: IEEE value / 4.
  const std::uint32_t bits = std::to_integer<std::uint32_t>(bytes[2]) |
                             (std::to_integer<std::uint32_t>(bytes[3]) << 8) |
                             (std::to_integer<std::uint32_t>(bytes[0]) << 16) |
                             (std::to_integer<std::uint32_t>(bytes[1]) << 24);
  const std::uint32_t exponent = (bits >> 23) & 0xFFu;
  if (exponent == 0) {
    // Sign 0: true zero. Sign 1: the DEC "reserved operand" (no valid value).
    return (bits >> 31) != 0 ? std::numeric_limits<float>::quiet_NaN() : 0.0f;
  }
  return floatFromBits(bits) / 4.0f;
}

void ByteReader::require(std::size_t offset, std::size_t count, std::string_view what) const {
  if (!contains(offset, count)) {
    fail(offset, std::string(what) + " needs " + std::to_string(count) +
                     " bytes but the file ends at byte " + std::to_string(bytes_.size()) +
                     " (truncated or wrong pointer)");
  }
}

void ByteReader::fail(std::size_t offset, std::string reason) const {
  throw InputError(source_, "byte " + std::to_string(offset), std::move(reason));
}

std::uint8_t ByteReader::u8(std::size_t offset) const {
  require(offset, 1, "a byte");
  return std::to_integer<std::uint8_t>(bytes_[offset]);
}

std::uint16_t ByteReader::u16(std::size_t offset) const {
  require(offset, 2, "a 16-bit integer");
  return u16Unchecked(offset);
}

float ByteReader::f32(std::size_t offset) const {
  require(offset, 4, "a 32-bit float");
  return f32Unchecked(offset);
}

std::string ByteReader::text(std::size_t offset, std::size_t count) const {
  require(offset, count, "text");
  std::string result(count, ' ');
  std::memcpy(result.data(), bytes_.data() + offset, count);
  return result;
}

std::uint16_t ByteReader::u16Unchecked(std::size_t offset) const {
  const auto lo = std::to_integer<std::uint16_t>(bytes_[offset]);
  const auto hi = std::to_integer<std::uint16_t>(bytes_[offset + 1]);
  if (format_ == ProcessorFormat::Mips) return static_cast<std::uint16_t>((lo << 8) | hi);
  return static_cast<std::uint16_t>(lo | (hi << 8));
}

float ByteReader::f32Unchecked(std::size_t offset) const {
  const std::byte* b = bytes_.data() + offset;
  switch (format_) {
    case ProcessorFormat::Intel:
      return floatFromBits(littleEndian32(b));
    case ProcessorFormat::Mips:
      return floatFromBits(bigEndian32(b));
    case ProcessorFormat::Dec:
      return decodeDecFloat(b);
  }
  return 0.0f;
}

}  // namespace kinchain::io::c3d
