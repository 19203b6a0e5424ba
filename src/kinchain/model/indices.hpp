#pragma once
// Strongly typed indices into the Model's tables (after Simbody's SimTK_DEFINE_UNIQUE_INDEX_TYPE):
// a CoordinateIndex cannot be passed where a FrameIndex is expected. A default-constructed
// index is invalid; valid ones are 0-based positions in the matching Model vector.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace kinchain::model {

template <class Tag>
class TypedIndex {
 public:
  constexpr TypedIndex() = default;
  constexpr explicit TypedIndex(std::size_t value) : value_(static_cast<std::int32_t>(value)) {}

  /// Position in the Model's table; precondition: isValid().
  constexpr std::size_t value() const { return static_cast<std::size_t>(value_); }
  constexpr bool isValid() const { return value_ >= 0; }

  constexpr auto operator<=>(const TypedIndex&) const = default;

 private:
  std::int32_t value_ = -1;
};

using BodyIndex = TypedIndex<struct BodyIndexTag>;
using FrameIndex = TypedIndex<struct FrameIndexTag>;
using JointIndex = TypedIndex<struct JointIndexTag>;
using CoordinateIndex = TypedIndex<struct CoordinateIndexTag>;
using MarkerIndex = TypedIndex<struct MarkerIndexTag>;
using ConstraintIndex = TypedIndex<struct ConstraintIndexTag>;
using WrapObjectIndex = TypedIndex<struct WrapObjectIndexTag>;
using MuscleIndex = TypedIndex<struct MuscleIndexTag>;

}  // namespace kinchain::model

template <class Tag>
struct std::hash<kinchain::model::TypedIndex<Tag>> {
  std::size_t operator()(const kinchain::model::TypedIndex<Tag>& index) const noexcept {
    return std::hash<std::size_t>{}(index.isValid() ? index.value() : ~std::size_t{0});
  }
};
