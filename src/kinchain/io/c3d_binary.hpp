#pragma once
// Low-level C3D byte decoding: the three processor formats a C3D file can be written in and a
// bounds-checked reader over the file's bytes. Every read checks the range first and throws
// InputError(source, "byte N", reason) instead of reading past the end.
//
// Processor formats (C3D User Guide, "The parameter section", processor type byte = 83 + n):
//   84 Intel  : little-endian integers, IEEE-754 little-endian floats
//   85 DEC    : little-endian integers, VAX/PDP-11 F-floats (word-swapped, exponent bias 128,
//               hidden bit 0.1f, so value = IEEE reinterpretation of the swapped bytes / 4)
//   86 MIPS   : big-endian integers and IEEE-754 big-endian floats (SGI/MIPS workstations)

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace kinchain::io::c3d {

enum class ProcessorFormat { Intel, Dec, Mips };

/// The processor byte value (84, 85, 86) for a format.
int processorCode(ProcessorFormat format);
/// "Intel", "DEC" or "MIPS".
std::string_view processorName(ProcessorFormat format);

/// Decodes a DEC F-float from its four bytes as stored in the file. A zero exponent gives 0
/// (DEC has no denormals); the DEC "reserved operand" (zero exponent, sign set) gives NaN so a
/// damaged scale cannot pass silently.
float decodeDecFloat(const std::byte* bytes);

/// Bounds-checked little/big-endian reads over a C3D file held in memory.
class ByteReader {
 public:
  ByteReader(std::span<const std::byte> bytes, std::string source, ProcessorFormat format)
      : bytes_(bytes), source_(std::move(source)), format_(format) {}

  std::size_t size() const { return bytes_.size(); }
  const std::string& source() const { return source_; }
  ProcessorFormat format() const { return format_; }
  void setFormat(ProcessorFormat format) { format_ = format; }

  /// True if [offset, offset + count) lies inside the file.
  bool contains(std::size_t offset, std::size_t count) const {
    return offset <= bytes_.size() && count <= bytes_.size() - offset;
  }
  /// Throws InputError("byte offset", what + " ... past the end") unless the range is inside.
  void require(std::size_t offset, std::size_t count, std::string_view what) const;

  std::uint8_t u8(std::size_t offset) const;
  std::int8_t i8(std::size_t offset) const { return static_cast<std::int8_t>(u8(offset)); }
  std::uint16_t u16(std::size_t offset) const;
  std::int16_t i16(std::size_t offset) const { return static_cast<std::int16_t>(u16(offset)); }
  float f32(std::size_t offset) const;
  std::string text(std::size_t offset, std::size_t count) const;

  // Unchecked variants for hot loops whose whole range was checked with require().
  std::uint16_t u16Unchecked(std::size_t offset) const;
  float f32Unchecked(std::size_t offset) const;

  /// InputError at this byte offset.
  [[noreturn]] void fail(std::size_t offset, std::string reason) const;

 private:
  std::span<const std::byte> bytes_;
  std::string source_;
  ProcessorFormat format_;
};

}  // namespace kinchain::io::c3d
