#include "kinchain/screen/screen_record_schema.hpp"

namespace kinchain::screen {

namespace {
// Keep identical to schemas/kinchain.screen-1.schema.json (a test compares them).
constexpr std::string_view kSchemaText = R"schema(
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://kinchain.example/schemas/kinchain.screen-1.schema.json",
  "title": "Kinchain clinical screening record, format kinchain.screen/1",
  "description": "One person's screening: who, the complaint, history, clinical tests (left and right) and questionnaire answers. Every field except `format` may be missing; the screen says what it could not assess, and a red-flag question left unanswered keeps the person from being cleared for self-care (the program is withheld until it is answered). A key not defined here is refused with the nearest known key suggested, and so is a key given twice in one object: a misspelt or repeated red-flag answer must never be read silently. Bounds are what a body or a scale allows (physically impossible values are rejected), never clinical cut-offs: those live in src/kinchain/screen/clinical_thresholds.cpp with their sources.",
  "type": "object",
  "required": ["format"],
  "additionalProperties": false,
  "properties": {
    "format": {"const": "kinchain.screen/1", "description": "record format and version"},
    "person": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "age": {"type": "number", "minimum": 0, "maximum": 122, "$comment": "age in years cannot be negative, and no verified human has lived beyond 122 years (Jeanne Calment; Robine & Allard 1998, Science 279:1834)"},
        "sex": {"enum": ["male", "female", "other"]},
        "height_m": {"type": "number", "exclusiveMinimum": 0, "maximum": 2.72, "$comment": "a height is positive, and no recorded person stood taller than 2.72 m (Robert Wadlow, Guinness World Records)"},
        "mass_kg": {"type": "number", "exclusiveMinimum": 0, "maximum": 635, "$comment": "a mass is positive, and no recorded person weighed more than about 635 kg (Jon Brower Minnoch, Guinness World Records)"},
        "sport": {"type": "string", "description": "e.g. running, soccer, australian_football, rugby, basketball, none"},
        "dominant_leg": {"enum": ["left", "right"]},
        "diabetes": {"type": "boolean"},
        "pregnant": {"type": "boolean"}
      }
    },
    "complaint": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "region": {"enum": ["heel", "arch", "forefoot", "big_toe", "ankle", "achilles", "calf", "knee", "hamstring", "hip", "low_back"]},
        "side": {"enum": ["left", "right", "both"]},
        "onset": {"enum": ["sudden", "gradual"]},
        "mechanism": {"enum": ["inversion", "external_rotation", "direct_blow", "sprinting", "jumping", "overuse", "none", "other"]},
        "duration_days": {"type": "number", "minimum": 0, "$comment": "a duration cannot be negative"},
        "pain_now": {"$ref": "#/$defs/painScore"},
        "pain_worst": {"$ref": "#/$defs/painScore"},
        "better_with_knee_bent": {"type": "boolean"},
        "worse_straight_leg_forward_bend": {"type": "boolean"},
        "worse_uphill": {"type": "boolean"},
        "first_step_morning_pain": {"type": "boolean"},
        "swelling": {"type": "boolean"},
        "bruising": {"type": "boolean"},
        "redness_warmth": {"type": "boolean"},
        "fever": {"type": "boolean"},
        "numbness_tingling": {"type": "boolean"},
        "saddle_numbness": {"type": "boolean"},
        "bladder_bowel_change": {"type": "boolean"},
        "night_pain": {"type": "boolean"},
        "calf_swelling_tenderness": {"type": "boolean"},
        "cold_or_pale_foot": {"type": "boolean"},
        "can_bear_weight_4_steps": {"type": "boolean"},
        "bone_tenderness_lateral_malleolus": {"type": "boolean"},
        "bone_tenderness_medial_malleolus": {"type": "boolean"},
        "bone_tenderness_navicular": {"type": "boolean"},
        "bone_tenderness_5th_metatarsal": {"type": "boolean"},
        "positive_calf_squeeze_test": {"type": "boolean", "description": "Thompson/Simmonds: true = squeezing the calf does NOT plantarflex the foot"},
        "limits_daily_life_or_sleep": {"type": "boolean"},
        "low_back_stiffness": {"type": "boolean"},
        "previous_injury_same_site": {"type": "boolean"},
        "pain_differs_from_before": {"type": "boolean"}
      }
    },
    "history": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "previous_hamstring_strain": {"$ref": "#/$defs/previousInjury"},
        "previous_ankle_sprain": {"$ref": "#/$defs/previousInjury"},
        "recent_surgery_or_immobilisation": {"type": "boolean"},
        "active_cancer": {"type": "boolean"},
        "previous_dvt": {"type": "boolean"}
      }
    },
    "tests": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "knee_to_wall_cm": {"$ref": "#/$defs/bilateralDistanceCm"},
        "lunge_angle_deg": {"$ref": "#/$defs/bilateralLungeAngleDeg"},
        "first_mtp_dorsiflexion_deg": {"$ref": "#/$defs/bilateralAngleDeg"},
        "navicular_drop_mm": {"$ref": "#/$defs/bilateralNavicularDropMm"},
        "foot_posture_index": {"$ref": "#/$defs/bilateralFootPostureIndex"},
        "active_knee_extension_deg": {"$ref": "#/$defs/bilateralAngleDeg"},
        "straight_leg_raise_deg": {"$ref": "#/$defs/bilateralAngleDeg"},
        "calf_raise_reps": {"$ref": "#/$defs/bilateralCount"},
        "single_leg_balance_s": {"$ref": "#/$defs/bilateralSeconds"},
        "nordic_force_n": {"$ref": "#/$defs/bilateralForceN"},
        "hop_lsi_percent": {"type": "number", "minimum": 0, "$comment": "a limb symmetry index cannot be negative"}
      }
    },
    "questionnaires": {
      "type": "object",
      "description": "Item answers in questionnaire order; null = item not answered.",
      "additionalProperties": false,
      "properties": {
        "faam_adl": {"type": "array", "minItems": 21, "maxItems": 21, "items": {"$ref": "#/$defs/itemZeroToFour"}, "$comment": "FAAM ADL: 21 items scored 0-4"},
        "faam_sport": {"type": "array", "minItems": 8, "maxItems": 8, "items": {"$ref": "#/$defs/itemZeroToFour"}, "$comment": "FAAM Sports: 8 items scored 0-4"},
        "lefs": {"type": "array", "minItems": 20, "maxItems": 20, "items": {"$ref": "#/$defs/itemZeroToFour"}, "$comment": "LEFS: 20 items scored 0-4"},
        "visa_a": {
          "type": "array", "minItems": 8, "maxItems": 8,
          "prefixItems": [
            {"$ref": "#/$defs/itemZeroToTen"}, {"$ref": "#/$defs/itemZeroToTen"},
            {"$ref": "#/$defs/itemZeroToTen"}, {"$ref": "#/$defs/itemZeroToTen"},
            {"$ref": "#/$defs/itemZeroToTen"}, {"$ref": "#/$defs/itemZeroToTen"},
            {"$ref": "#/$defs/itemZeroToTen"},
            {"type": ["number", "null"], "minimum": 0, "maximum": 30, "$comment": "VISA-A question 8 is scored 0-30"}
          ],
          "$comment": "VISA-A: questions 1-7 scored 0-10, question 8 scored 0-30"
        }
      }
    }
  },
  "$defs": {
    "painScore": {"type": "number", "minimum": 0, "maximum": 10, "$comment": "pain is rated on the 0-10 numeric rating scale"},
    "previousInjury": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "side": {"enum": ["left", "right", "both"]},
        "months_ago": {"type": "number", "minimum": 0, "$comment": "an injury cannot be in the future"}
      }
    },
    "angleDeg": {"type": "number", "minimum": -180, "maximum": 180, "$comment": "a joint or segment angle lies within half a turn either way"},
    "bilateralAngleDeg": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/angleDeg"}, "right": {"$ref": "#/$defs/angleDeg"}}},
    "lungeAngleDeg": {"type": "number", "minimum": -90, "maximum": 90, "$comment": "the lunge angle is the shank inclination from vertical with the heel down: between lying flat backwards and lying flat forwards"},
    "bilateralLungeAngleDeg": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/lungeAngleDeg"}, "right": {"$ref": "#/$defs/lungeAngleDeg"}}},
    "distanceCm": {"type": "number", "minimum": 0, "maximum": 66.9, "$comment": "toe-to-wall distance cannot be negative, and with the knee on the wall it is shorter than the shank: 0.246 x height (knee-to-ankle segment, Drillis & Contini 1966 as tabulated by Winter 2009) x 2.72 m, the tallest recorded height [derived]"},
    "bilateralDistanceCm": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/distanceCm"}, "right": {"$ref": "#/$defs/distanceCm"}}},
    "navicularDropMm": {"type": "number", "minimum": 0, "maximum": 106, "$comment": "navicular drop is sitting minus standing height; the navicular does not rise on loading, and cannot sink by more than its height, which is below the ankle: 0.039 x height (ankle height, Drillis & Contini 1966 as tabulated by Winter 2009) x 2720 mm, the tallest recorded height [derived]"},
    "bilateralNavicularDropMm": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/navicularDropMm"}, "right": {"$ref": "#/$defs/navicularDropMm"}}},
    "footPostureIndex": {"type": "integer", "minimum": -12, "maximum": 12, "$comment": "FPI-6 total is six items of -2..+2, so -12..+12"},
    "bilateralFootPostureIndex": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/footPostureIndex"}, "right": {"$ref": "#/$defs/footPostureIndex"}}},
    "count": {"type": "integer", "minimum": 0, "$comment": "a repetition count is a whole number, not negative"},
    "bilateralCount": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/count"}, "right": {"$ref": "#/$defs/count"}}},
    "seconds": {"type": "number", "minimum": 0, "$comment": "a duration cannot be negative"},
    "bilateralSeconds": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/seconds"}, "right": {"$ref": "#/$defs/seconds"}}},
    "forceN": {"type": "number", "minimum": 0, "$comment": "a pulling force measured at the ankle cannot be negative"},
    "bilateralForceN": {"type": "object", "additionalProperties": false, "properties": {"left": {"$ref": "#/$defs/forceN"}, "right": {"$ref": "#/$defs/forceN"}}},
    "itemZeroToFour": {"type": ["integer", "null"], "minimum": 0, "maximum": 4, "$comment": "item scored 0-4"},
    "itemZeroToTen": {"type": ["number", "null"], "minimum": 0, "maximum": 10, "$comment": "item scored 0-10"}
  }
}
)schema";
}  // namespace

std::string_view screenRecordSchemaText() {
  return kSchemaText;
}

const nlohmann::json& screenRecordSchema() {
  static const nlohmann::json schema = nlohmann::json::parse(kSchemaText);
  return schema;
}

}  // namespace kinchain::screen
