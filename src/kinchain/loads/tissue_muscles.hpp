#pragma once
// Which model muscles make up the posterior-chain tissues Kinchain reports, found by name.
//
// A muscle belongs to a side by its suffix "_r" / "_l" (any case). The stem before the suffix
// (case-insensitive) gives the role:
//
//   role                  stem                                   models (OpenSim names)
//   Soleus                starts with "soleus"                   gait2392, gait10dof18musc,
//                                                                Rajagopal 2015: soleus_r
//   GastrocnemiusMedial   contains "gas" and "med"               gait2392 med_gas_r,
//                                                                Rajagopal gasmed_r
//   GastrocnemiusLateral  contains "gas" and "lat"               gait2392 lat_gas_r,
//                                                                Rajagopal gaslat_r
//   Gastrocnemius         contains "gas", neither "med" nor "lat" gait10dof18musc gastroc_r
//   Semimembranosus       starts with "semimem"                  gait2392, Rajagopal semimem_r
//   Semitendinosus        starts with "semiten"                  gait2392, Rajagopal semiten_r
//   BicepsFemorisLong     starts with "bifemlh" or "bflh"        gait2392 bifemlh_r, Rajagopal
//   bflh_r BicepsFemorisShort    starts with "bifemsh" or "bfsh"        gait2392 bifemsh_r,
//   Rajagopal bfsh_r Hamstrings (lumped)   starts with "hamstring"                gait10dof18musc
//   hamstrings_r
//
// The Achilles tendon carries the triceps surae: soleus + every gastrocnemius role.

#include <optional>
#include <string_view>
#include <vector>

#include "kinchain/common/side.hpp"
#include "kinchain/model/indices.hpp"
#include "kinchain/model/model.hpp"

namespace kinchain::loads {

enum class TissueMuscleRole {
  Soleus,
  GastrocnemiusMedial,
  GastrocnemiusLateral,
  Gastrocnemius,
  Semimembranosus,
  Semitendinosus,
  BicepsFemorisLong,
  BicepsFemorisShort,
  Hamstrings,
};

/// Short name used in column names: soleus, gasmed, gaslat, gastroc, semimem, semiten, bflh,
/// bfsh, hamstrings.
std::string_view tissueMuscleRoleKey(TissueMuscleRole role);
bool isGastrocnemius(TissueMuscleRole role);
bool isHamstring(TissueMuscleRole role);

struct TissueMuscleName {
  Side side = Side::Right;
  TissueMuscleRole role = TissueMuscleRole::Soleus;
};

/// The side and role of a muscle name, or nothing if it is none of the muscles above.
std::optional<TissueMuscleName> classifyTissueMuscle(std::string_view muscleName);

struct TissueMuscle {
  model::MuscleIndex muscle;
  Side side = Side::Right;
  TissueMuscleRole role = TissueMuscleRole::Soleus;
};

/// Every muscle of the model that classifyTissueMuscle recognises, in model order.
std::vector<TissueMuscle> findTissueMuscles(const model::Model& model);

}  // namespace kinchain::loads
