#include "kinchain/loads/tissue_muscles.hpp"

#include <cctype>
#include <string>

namespace kinchain::loads {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

std::string_view tissueMuscleRoleKey(TissueMuscleRole role) {
  switch (role) {
    case TissueMuscleRole::Soleus:
      return "soleus";
    case TissueMuscleRole::GastrocnemiusMedial:
      return "gasmed";
    case TissueMuscleRole::GastrocnemiusLateral:
      return "gaslat";
    case TissueMuscleRole::Gastrocnemius:
      return "gastroc";
    case TissueMuscleRole::Semimembranosus:
      return "semimem";
    case TissueMuscleRole::Semitendinosus:
      return "semiten";
    case TissueMuscleRole::BicepsFemorisLong:
      return "bflh";
    case TissueMuscleRole::BicepsFemorisShort:
      return "bfsh";
    case TissueMuscleRole::Hamstrings:
      return "hamstrings";
  }
  return "unknown";
}

bool isGastrocnemius(TissueMuscleRole role) {
  return role == TissueMuscleRole::GastrocnemiusMedial ||
         role == TissueMuscleRole::GastrocnemiusLateral || role == TissueMuscleRole::Gastrocnemius;
}

bool isHamstring(TissueMuscleRole role) {
  return role == TissueMuscleRole::Semimembranosus || role == TissueMuscleRole::Semitendinosus ||
         role == TissueMuscleRole::BicepsFemorisLong ||
         role == TissueMuscleRole::BicepsFemorisShort || role == TissueMuscleRole::Hamstrings;
}

std::optional<TissueMuscleName> classifyTissueMuscle(std::string_view muscleName) {
  const std::string name = lower(muscleName);
  if (name.size() < 3 || name[name.size() - 2] != '_') return std::nullopt;
  const char sideLetter = name.back();
  if (sideLetter != 'r' && sideLetter != 'l') return std::nullopt;
  const Side side = sideLetter == 'r' ? Side::Right : Side::Left;
  const std::string_view stem = std::string_view(name).substr(0, name.size() - 2);

  std::optional<TissueMuscleRole> role;
  if (startsWith(stem, "soleus")) {
    role = TissueMuscleRole::Soleus;
  } else if (contains(stem, "gas")) {
    role = contains(stem, "med")   ? TissueMuscleRole::GastrocnemiusMedial
           : contains(stem, "lat") ? TissueMuscleRole::GastrocnemiusLateral
                                   : TissueMuscleRole::Gastrocnemius;
  } else if (startsWith(stem, "semimem")) {
    role = TissueMuscleRole::Semimembranosus;
  } else if (startsWith(stem, "semiten")) {
    role = TissueMuscleRole::Semitendinosus;
  } else if (startsWith(stem, "bifemlh") || startsWith(stem, "bflh")) {
    role = TissueMuscleRole::BicepsFemorisLong;
  } else if (startsWith(stem, "bifemsh") || startsWith(stem, "bfsh")) {
    role = TissueMuscleRole::BicepsFemorisShort;
  } else if (startsWith(stem, "hamstring")) {
    role = TissueMuscleRole::Hamstrings;
  }
  if (!role) return std::nullopt;
  return TissueMuscleName{side, *role};
}

std::vector<TissueMuscle> findTissueMuscles(const model::Model& model) {
  std::vector<TissueMuscle> found;
  for (std::size_t m = 0; m < model.muscleCount(); ++m) {
    const model::MuscleIndex index(m);
    if (const auto name = classifyTissueMuscle(model.muscle(index).name)) {
      found.push_back({index, name->side, name->role});
    }
  }
  return found;
}

}  // namespace kinchain::loads
