#include "kinchain/screen/clinical_thresholds.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace kinchain::screen {

namespace {

using C = Comparison;

// Source lines, as given in ../shared/research/clinical.md.
constexpr std::string_view kWbltReview =
    "https://scholars.uky.edu/en/publications/"
    "reliability-and-minimal-detectable-change-of-the-weight-bearing-l";
constexpr std::string_view kHoch =
    "https://clementnoelphysio.org/2020/05/08/"
    "normative-range-of-wblt-performance-asymmetry-in-healthy-adults/";
constexpr std::string_view kChisholm = "https://pmc.ncbi.nlm.nih.gov/articles/PMC3484905";
constexpr std::string_view kBackman = "https://read.qxmd.com/read/21917610/";
constexpr std::string_view kBaumbach =
    "http://bmcmusculoskeletdisord.biomedcentral.com/articles/10.1186/1471-2474-15-246";
constexpr std::string_view kRootOrienWeed =
    "http://www.scranton.edu/academics/pcps/physicaltherapy/programs/dpt/dpt-information/"
    "Goniometry/mtpdf.htm";
constexpr std::string_view kNawoczenski =
    "https://discovery.researcher.life/article/"
    "relationship-between-clinical-measurements-and-motion-of-the-first-metatarsophalangeal-joint-"
    "during-gait/dd0c131639743bbb8d51d3e903fa771d";
constexpr std::string_view kNavicularDrop =
    "https://www.thestudentphysicaltherapist.com/navicular-drop-test.html";
constexpr std::string_view kNavicularNorms = "https://link.springer.com/doi/10.1186/1757-1146-2-12";
constexpr std::string_view kFpiBands = "https://paragonorthotic.com/foot-posture-index/";
constexpr std::string_view kRedmond2008 = "https://pubmed.ncbi.nlm.nih.gov/18822155/";
constexpr std::string_view kIrving =
    "https://bmcmusculoskeletdisord.biomedcentral.com/articles/10.1186/1471-2474-8-41";
constexpr std::string_view kYildirim = "https://balkanmedicaljournal.org/text.php?lang=tr&id=2013";
constexpr std::string_view kNinetyNinety = "http://ed.newdu.com/k133370.html";
constexpr std::string_view kReurink = "https://pubmed.ncbi.nlm.nih.gov/23735425/";
constexpr std::string_view kSlr =
    "https://help.matassessment.com/en/articles/178-straight-leg-raise-test";
constexpr std::string_view kHebertLosier =
    "https://c.coek.info/download/"
    "updated-reliability-and-normative-values-for-the-standing-heel-rise-test-in-heal_"
    "5a099964d64ab22fa78dca48.html";
constexpr std::string_view kHealthHp =
    "https://www.healthhp.com.au/post/calf-strain-when-can-you-return-to-running";
constexpr std::string_view kBalanceProtocol =
    "https://dlib.si/stream/URN:NBN:SI:DOC-6Z8RZZWU/79b5297d-7bda-4f8d-9130-6f9e6e39c78a/TEXT";
constexpr std::string_view kOpar2013 =
    "https://www.mendeley.com/research-papers/"
    "novel-device-using-nordic-hamstring-exercise-assess-eccentric-knee-flexor-strength-"
    "reliability-retro/";
constexpr std::string_view kOpar2015 = "http://eprints.qut.edu.au/75526/";
constexpr std::string_view kTimmins = "https://bjsm.bmj.com/content/50/24/1524.abstract";
constexpr std::string_view kBourne = "https://pubmed.ncbi.nlm.nih.gov/26337245/";
constexpr std::string_view kHopLsi =
    "https://nata.kglmeridian.com/view/journals/attr/57/9-10/article-p946.xml";
constexpr std::string_view kFaam =
    "https://bmjopensem.bmj.com/lookup/"
    "external-ref?access_num=16309613&link_type=MED&atom=%2Fbmjosem%2F3%2F1%2Fe000234.atom ; "
    "https://yhocphuchoi.com/rehab-scales/le-scales/faam-english";
constexpr std::string_view kLefs = "http://ptjournal.apta.org/content/79/4/371.short";
constexpr std::string_view kVisaA = "https://pmc.ncbi.nlm.nih.gov/articles/PMC1724384";
constexpr std::string_view kVisaAMcid =
    "https://ryortho.com/breaking/whats-clinically-relevant-improvement-for-achilles-tendinopathy";
constexpr std::string_view kPainMcid = "https://www.clinit.app/docs/physio-module";
constexpr std::string_view kPainMonitoring =
    "https://read.qxmd.com/read/17307888/ ; https://bim.physio/the-pain-monitoring-model/";
constexpr std::string_view kTriageTiers =
    "clinical.md §3.6 suggested triage tiers (clinician within 1–2 weeks: no improvement in ~6 "
    "weeks)";
constexpr std::string_view kAcsm =
    "https://www.acsm.org/all-blog-posts/certification-blog/acsm-certified-blog/2021/03/18/"
    "stretching-and-flexibility-guidelines-update";

constexpr std::array kConstants = std::to_array<ClinicalConstant>({
    // --- 1.1 weight-bearing lunge test ------------------------------------------------------
    {"knee_to_wall.restricted", 9.0, "cm", C::Below,
     "restricted weight-bearing dorsiflexion (≈1 SD below the Hoch & McKeon mean; the common "
     "'<9–10 cm' convention has no single validating study)",
     "clinical.md §1.1 suggested default from Hoch & McKeon 2011 (n=35)", kHoch, "C", "[derived]"},
    {"knee_to_wall.norm_mean", 12.0, "cm", C::None, "healthy-adult mean toe-to-wall distance",
     "Hoch & McKeon 2011 (n=35)", kHoch, "C", ""},
    {"knee_to_wall.norm_sd", 2.8, "cm", C::None, "healthy-adult standard deviation",
     "Hoch & McKeon 2011 (n=35)", kHoch, "C", ""},
    {"knee_to_wall.asymmetry", 1.5, "cm", C::Above,
     "left–right difference beyond the typical healthy spread (68% ≤ 1.5 cm) and the MDC of "
     "the between-limb difference",
     "Hoch & McKeon 2011; Chisholm 2012 (n=53, MDC of difference 1.5 cm)", kChisholm, "C",
     "[derived]"},
    {"knee_to_wall.mdc", 1.9, "cm", C::None,
     "minimal detectable change, intra-rater (inter-rater 1.6 cm)",
     "Powden, Hoch & Hoch 2015 systematic review (12 studies)", kWbltReview, "A", ""},
    {"lunge_angle.restricted", 36.5, "deg", C::Below,
     "tibial inclination below which one-year patellar-tendinopathy risk was 18.5–29.4% vs "
     "1.8–2.1% (junior basketball population)",
     "Backman & Danielson 2011 (junior basketball)", kBackman, "B", ""},
    {"lunge_angle.norm_mean", 39.0, "deg", C::None,
     "healthy weight-bearing lunge angle, knee flexed (95% CI 36–42°)", "Baumbach 2014 (n=20)",
     kBaumbach, "C", ""},
    {"lunge_angle.mdc", 4.7, "deg", C::None,
     "minimal detectable change, intra-rater (inter-rater 4.6°)",
     "Powden, Hoch & Hoch 2015 systematic review (12 studies)", kWbltReview, "A", ""},
    // --- 1.2 first MTP dorsiflexion ------------------------------------------------------------
    {"first_mtp.limitus", 65.0, "deg", C::Below,
     "hallux limitus: passive first-MTP dorsiflexion below ~65° (structural definition)",
     "Root, Orien & Weed 1977 (convention; AMA lists 50°)", kRootOrienWeed, "C", "[convention]"},
    {"first_mtp.used_in_walking", 42.0, "deg", C::None,
     "first-MTP dorsiflexion actually used in walking (mean)", "Nawoczenski 1999 (n=33)",
     kNawoczenski, "B", ""},
    // --- 1.3 navicular drop --------------------------------------------------------------------
    {"navicular_drop.excessive", 10.0, "mm", C::Above,
     "excessive pronation (published upper limits of normal range 10–15 mm; test–retest "
     "agreement only fair)",
     "Mueller (via clinical.md §1.3); Brody 1982 protocol", kNavicularDrop, "C", ""},
    {"navicular_drop.rigid", 5.0, "mm", C::Below,
     "speculated 'rigid/supinated' foot — not established", "Mueller (via clinical.md §1.3)",
     kNavicularDrop, "C", "[unverified]"},
    {"navicular_drop.healthy_mean_low", 3.6, "mm", C::None, "lowest healthy mean (original method)",
     "clinical.md §1.3 norms", kNavicularNorms, "C", ""},
    {"navicular_drop.healthy_mean_high", 8.1, "mm", C::None,
     "highest healthy mean (original method)", "clinical.md §1.3 norms", kNavicularNorms, "C", ""},
    // --- 1.4 Foot Posture Index ----------------------------------------------------------------
    {"fpi.highly_supinated", -5.0, "score", C::AtOrBelow, "highly supinated band (−5 to −12)",
     "FPI-6 category bands (Redmond manual, secondary sources)", kFpiBands, "C", ""},
    {"fpi.supinated", -1.0, "score", C::AtOrBelow, "supinated band (−1 to −4) or lower",
     "FPI-6 category bands (Redmond manual, secondary sources)", kFpiBands, "C", ""},
    {"fpi.pronated", 6.0, "score", C::AtOrAbove, "pronated band (+6 to +9) or higher",
     "FPI-6 category bands (Redmond manual, secondary sources)", kFpiBands, "C", ""},
    {"fpi.highly_pronated", 10.0, "score", C::AtOrAbove, "highly pronated band (+10 to +12)",
     "FPI-6 category bands (Redmond manual, secondary sources)", kFpiBands, "C", ""},
    {"fpi.norm_mean", 4.0, "score", C::None,
     "healthy-adult mean (a slightly pronated foot is normal)",
     "Redmond 2008 (1,648 observations, 619 adults)", kRedmond2008, "A", ""},
    {"fpi.heel_pain_association", 4.0, "score", C::AtOrAbove,
     "FPI ≥ 4 independently associated with plantar heel pain (OR 3.7); not found after BMI "
     "matching (Landorf 2021)",
     "Irving 2007 (80 cases / 80 controls)", kIrving, "B", ""},
    // --- 1.6 hamstring flexibility -------------------------------------------------------------
    {"ake.tight_male", 33.0, "deg", C::Above,
     "active knee extension deficit above which men were classed tight (young adults 18–24)",
     "Yildirim 2018 (n=123)", kYildirim, "C", ""},
    {"ake.tight_female", 23.4, "deg", C::Above,
     "active knee extension deficit above which women were classed tight (young adults 18–24)",
     "Yildirim 2018 (n=123)", kYildirim, "C", ""},
    {"ake.tight_classic", 20.0, "deg", C::Above,
     "classic 90-90 rule: knee cannot reach within 20° of full extension (used when sex is "
     "not recorded)",
     "90-90 test convention", kNinetyNinety, "C", "[convention]"},
    {"ake.norm_male_mean", 17.8, "deg", C::None, "young-adult male mean (SD 9.1°)",
     "Yildirim 2018 (n=123)", kYildirim, "C", ""},
    {"ake.norm_female_mean", 13.4, "deg", C::None, "young-adult female mean (SD 6.0°)",
     "Yildirim 2018 (n=123)", kYildirim, "C", ""},
    {"ake.mdc", 15.0, "deg", C::None,
     "minimal detectable difference in acutely injured hamstrings (SEM 5.3°)",
     "Reurink 2013 (n=50)", kReurink, "B", ""},
    {"slr.restricted", 70.0, "deg", C::Below,
     "passive straight-leg raise below the commonly quoted range (70–80° convention; as a "
     "neurodynamic test the range is highly variable, 40–85°)",
     "clinical.md §7 (convention)", kSlr, "C", "[convention]"},
    {"slr.norm_low", 80.0, "deg", C::None, "lower end of the commonly quoted normal passive SLR",
     "clinical.md §1.6 (commonly quoted)", kSlr, "C", "[convention]"},
    {"slr.norm_high", 90.0, "deg", C::None, "upper end of the commonly quoted normal passive SLR",
     "clinical.md §1.6 (commonly quoted)", kSlr, "C", "[convention]"},
    {"slr.mdc", 21.0, "deg", C::None,
     "measurement error proxy: passive knee extension MDD in injured hamstrings (no SLR MDC "
     "found)",
     "Reurink 2013 (n=50)", kReurink, "B", "[derived]"},
    // --- 1.7 heel-rise endurance ---------------------------------------------------------------
    {"calf_raise.low", 25.0, "reps", C::Below,
     "historical 'normal ≈ 25 reps' benchmark (no validating study); also the return-to-run "
     "minimum",
     "clinic convention relayed with Hébert-Losier 2017", kHealthHp, "C", "[convention]"},
    {"calf_raise.asymmetry", 10.0, "%", C::AtOrAbove,
     "between-limb asymmetry at or above which clinic return-to-run criteria are not met",
     "clinic return-to-run criteria (healthhp)", kHealthHp, "C", ""},
    {"calf_raise.mdc", 6.0, "reps", C::None,
     "between-day limits of agreement ≈ ±6 reps; smaller changes may be noise",
     "Hébert-Losier 2017 (n=566)", kHebertLosier, "B", "[derived]"},
    // --- 1.8 balance ---------------------------------------------------------------------------
    {"balance.max_trial", 45.0, "s", C::None,
     "recommended maximum single-leg stance trial (barefoot, arms crossed, best of three); "
     "per-age norms not verified, so no cut-off is applied",
     "unipedal stance review (Springer 2007 norms unverified)", kBalanceProtocol, "C",
     "[unverified]"},
    // --- 1.9 Nordic eccentric strength ---------------------------------------------------------
    {"nordic.afl_preseason_start", 256.0, "N", C::Below,
     "research reference line: below this at the start of pre-season RR 2.7 (1.3–5.5) for "
     "hamstring strain (AFL, device-specific)",
     "Opar 2015 (AFL, n=210)", kOpar2015, "B", ""},
    {"nordic.afl_preseason_end", 279.0, "N", C::Below,
     "research reference line: below this at the end of pre-season RR 4.3 (AFL)",
     "Opar 2015 (AFL, n=210)", kOpar2015, "B", ""},
    {"nordic.soccer", 337.0, "N", C::Below,
     "research reference line: below this RR 4.4 (1.1–17.5) (soccer, device-specific)",
     "Timmins 2016 (soccer, n=152)", kTimmins, "B", ""},
    {"nordic.imbalance", 15.0, "%", C::AtOrAbove,
     "between-limb imbalance RR 2.4 (rugby union only; AFL found > 10% did not raise risk)",
     "Bourne 2015 (rugby union, n=178)", kBourne, "B", ""},
    {"nordic.imbalance_high", 20.0, "%", C::AtOrAbove, "between-limb imbalance RR 3.4 (rugby)",
     "Bourne 2015 (rugby union, n=178)", kBourne, "B", ""},
    {"nordic.mdc", 76.2, "N", C::None,
     "MDC95 upper bound of 60.1–76.2 N (the conservative end is used)",
     "Opar 2013 (NordBord reliability)", kOpar2013, "B", ""},
    // --- 1.10 hop tests ------------------------------------------------------------------------
    {"hop_lsi.low", 90.0, "%", C::Below,
     "usual return-to-sport limb symmetry criterion (after ACL reconstruction; not linked to "
     "better later outcomes)",
     "hop-test LSI review (J Athl Train 2022)", kHopLsi, "B", ""},
    // --- 4 questionnaires ----------------------------------------------------------------------
    {"faam_adl.items", 21.0, "items", C::None, "FAAM ADL item count (0–4 each)",
     "Martin 2005 FAAM (via clinical.md §4)", kFaam, "B", ""},
    {"faam_adl.min_answered", 19.0, "items", C::None, "FAAM ADL scored only if ≥ 19/21 answered",
     "Martin 2005 FAAM (via clinical.md §4)", kFaam, "B", ""},
    {"faam_adl.mcid", 8.0, "points", C::None, "FAAM ADL minimal clinically important difference",
     "Martin 2005 FAAM (via clinical.md §4)", kFaam, "B", ""},
    {"faam_adl.mdc", 5.7, "points", C::None, "FAAM ADL MDC95", "Martin 2005 FAAM", kFaam, "B", ""},
    {"faam_sport.items", 8.0, "items", C::None, "FAAM Sports item count (0–4 each)",
     "Martin 2005 FAAM (via clinical.md §4)", kFaam, "B", ""},
    {"faam_sport.min_answered", 7.0, "items", C::None, "FAAM Sports scored only if ≥ 7/8 answered",
     "Martin 2005 FAAM (via clinical.md §4)", kFaam, "B", ""},
    {"faam_sport.mcid", 9.0, "points", C::None,
     "FAAM Sports minimal clinically important difference", "Martin 2005 FAAM", kFaam, "B", ""},
    {"faam_sport.mdc", 12.3, "points", C::None, "FAAM Sports MDC95", "Martin 2005 FAAM", kFaam, "B",
     ""},
    {"faam.item_max", 4.0, "points", C::None, "FAAM item maximum (4 = no difficulty)",
     "Martin 2005 FAAM (via clinical.md §4)", kFaam, "B", ""},
    {"lefs.items", 20.0, "items", C::None, "LEFS item count (0–4 each, total 0–80)",
     "Binkley 1999 LEFS", kLefs, "B", ""},
    {"lefs.item_max", 4.0, "points", C::None, "LEFS item maximum", "Binkley 1999 LEFS", kLefs, "B",
     ""},
    {"lefs.mcid", 9.0, "points", C::None, "LEFS minimal clinically important difference (MDC 9)",
     "Binkley 1999 LEFS", kLefs, "B", ""},
    {"visa_a.items", 8.0, "items", C::None, "VISA-A question count", "Robinson 2001 VISA-A", kVisaA,
     "B", ""},
    {"visa_a.item_max", 10.0, "points", C::None, "VISA-A questions 1–7 maximum",
     "Robinson 2001 VISA-A", kVisaA, "B", ""},
    {"visa_a.last_item_max", 30.0, "points", C::None, "VISA-A question 8 maximum",
     "Robinson 2001 VISA-A", kVisaA, "B", ""},
    {"visa_a.recovered", 90.0, "points", C::Below,
     "VISA-A below 90 = not recovered (controls > 96)", "Robinson 2001 VISA-A", kVisaA, "B", ""},
    {"visa_a.mcid", 14.0, "points", C::None,
     "VISA-A MCID over 12 weeks (7 points over 24 weeks; a toolkit cites 15.4)",
     "JOSPT 2021 (n=61)", kVisaAMcid, "B", ""},
    {"visa_a.mcid_24_weeks", 7.0, "points", C::None, "VISA-A MCID over 24 weeks",
     "JOSPT 2021 (n=61)", kVisaAMcid, "B", ""},
    {"pain.mcid", 1.5, "points", C::None, "pain NRS minimal clinically important difference",
     "physio software documentation (clinit)", kPainMcid, "C", ""},
    // --- 6.2 pain-monitoring model -------------------------------------------------------------
    {"pain_monitoring.safe_max", 2.0, "points", C::Above,
     "pain during activity up to this is 'safe' (sources vary between 2 and 3)",
     "Silbernagel 2007 pain-monitoring model (RCT n=38)", kPainMonitoring, "B",
     "[check original figure]"},
    {"pain_monitoring.acceptable_max", 5.0, "points", C::Above,
     "pain during activity up to this is 'acceptable'; above is 'too much'",
     "Silbernagel 2007 pain-monitoring model (RCT n=38)", kPainMonitoring, "B", ""},
    // --- 3.6 triage tiers ----------------------------------------------------------------------
    {"triage.no_improvement_days", 42.0, "days", C::AtOrAbove,
     "complaint present ~6 weeks (6 × 7 days) → clinician within 1–2 weeks",
     "clinical.md §3.6 suggested triage tiers", kTriageTiers, "C", "[derived]"},
    {"timeline.mobilise_end_weeks", 2.0, "weeks", C::None,
     "typical end of gentle stretching / soft tissue / gradual strengthening (a guide, not a "
     "promise)",
     "kinetic-chain.md §4.5 timeline; clinical.md §6.7", "../shared/research/kinetic-chain.md", "C",
     ""},
    {"timeline.low_impact_end_weeks", 4.0, "weeks", C::None,
     "typical end of the low-impact phase (swimming, cycling)",
     "kinetic-chain.md §4.5 timeline; clinical.md §6.7", "../shared/research/kinetic-chain.md", "C",
     ""},
    {"timeline.return_end_weeks", 6.0, "weeks", C::None,
     "typical end of balance/proprioception and gradual return to weight-bearing sport",
     "kinetic-chain.md §4.5 timeline; clinical.md §6.7", "../shared/research/kinetic-chain.md", "C",
     ""},
    {"ottawa.thin_evidence_below_age", 6.0, "years", C::Below,
     "Ottawa rules: evidence in children younger than this is thin",
     "Ottawa ankle rules exclusions (wikimili summary)",
     "https://wikimili.com/en/Ottawa_ankle_rules", "C", ""},
    {"triage.soon_weeks_min", 1.0, "weeks", C::None,
     "'soon' tier: see a clinician within 1–2 weeks (lower end)",
     "clinical.md §3.6 suggested triage tiers", kTriageTiers, "C", ""},
    {"triage.soon_weeks_max", 2.0, "weeks", C::None,
     "'soon' tier: see a clinician within 1–2 weeks (upper end)",
     "clinical.md §3.6 suggested triage tiers", kTriageTiers, "C", ""},
    {"achilles.squeeze_sensitivity", 0.96, "fraction", C::None,
     "Thompson/Simmonds calf-squeeze test sensitivity for rupture (specificity 0.93)",
     "Maffulli 1998 (n=174)", "https://www.pubmed.gov/9548122/", "B", ""},
    {"ottawa.negative_lr_ankle", 0.08, "ratio", C::None,
     "negative likelihood ratio of the Ottawa ankle rule (sensitivity almost 100%)",
     "Bachmann 2003 (27 studies, 15,581 patients)", "https://dx.doi.org/10.1136%2Fbmj.326.7386.417",
     "A", ""},
});

// Hébert-Losier 2017 decade norms as relayed by two clinic pages (lower of the two values).
constexpr std::array kHeelRiseNorms = std::to_array<HeelRiseNorm>({
    {20.0, 30.0, 37.0, 30.0},
    {30.0, 40.0, 32.0, 27.0},
    {40.0, 50.0, 28.0, 24.0},
    {50.0, 60.0, 23.0, 21.0},
    {60.0, 70.0, 19.0, 19.0},
    {70.0, 80.0, 14.0, 16.0},
    {80.0, std::nullopt, 10.0, 14.0},
});

constexpr std::string_view kHeelRiseNormCitation =
    "Hébert-Losier 2017 (n=566) decade norms as relayed by two clinic pages differing by ±1 rep "
    "(lower value used) — [unverified]: read the paper's tables before relying on them; "
    "http://www.townsvillepodiatry.com.au/singlelegheelraises.html ; "
    "http://www.naasphysiotherapy.ie/blog/single-calf-leg-raises-how-many-can-you-do";

constexpr std::array kDoses = std::to_array<ExerciseDose>({
    {"static_stretch", "2–4 repetitions (≈60 s per muscle)", "",
     "10–30 s (30–60 s in older adults)", "",
     "≥ 2–3 days/week, daily best; static after, dynamic before sessions", "",
     "ACSM stretching guideline 2021", kAcsm, "C", ""},
    {"short_foot", "2–3", "10–15", "2–6 s", "", "daily", "",
     "clinic exercise pages (no trial-derived dose found)",
     "https://www.championshipchiropractic.com/wordpress/three-foot-strengthening-exercises/", "C",
     "[no trial-derived dose]"},
    {"barefoot_balance", "", "", "30 s per side", "", "", "",
     "clinic foot-control page (progress eyes closed, then foam)",
     "https://www.elevatechiropractic.co.nz/blog/"
     "3-exercises-to-help-regain-control-of-the-muscles-in-your-feet",
     "C", ""},
    {"rathleff_heel_raise", "3 → 4 → 5", "12 → 10 (loaded backpack) → 8 (adding load)",
     "2 s at the top", "3-2-3 (3 s up, 2 s hold, 3 s down)", "every 48 h",
     "weeks 1–2 3×12; then 4×10; then 5×8 to week 12", "Rathleff high-load protocol (2015)",
     "https://www.physiotutors.com/wiki/best-exercise-for-plantar-fasciitis/", "C", ""},
    {"heavy_slow_calf", "3 → 4", "15RM → 12RM → 10RM → 8RM → 6RM", "", "3-0-3",
     "3 sessions/week; 2–3 min between sets",
     "week 1 3×15RM, weeks 2–3 3×12RM, weeks 4–5 4×10RM, weeks 6–8 4×8RM, weeks 9–12 4×6RM",
     "Beyer 2015 heavy slow resistance RCT (Achilles tendinopathy)",
     "https://pro.uptodatefree.ir/Show/103058", "B", ""},
    {"alfredson_eccentric", "3 straight-knee + 3 bent-knee", "15", "", "",
     "twice daily, 7 days/week", "12 weeks", "Alfredson eccentric protocol",
     "https://222health.com/conditions-treatments/bones-joints-muscles/32078.html", "C", ""},
    {"nordic_ramp", "2 → 2 → 3 → 3 → 3", "5 → 6 → 6 → 8 → 12-10-8", "", "",
     "1/week → 2/week → 3/week; then 1 session/week maintenance",
     "weeks 1–6 ramp (27 sessions over 10 weeks in Petersen 2011)",
     "Petersen 2011 protocol; ramp from PMC6942028 table 2",
     "https://pmc.ncbi.nlm.nih.gov/articles/PMC6942028/table/Tab2", "A", ""},
    {"askling_l_protocol", "3", "Extender 12 / Diver 6 / Glider 4", "", "",
     "Extender twice daily; Diver every other day; Glider every third day", "from ~day 5",
     "Askling L-protocol", "https://www.physiotutors.com/wiki/askling-protocol/", "B", ""},
    {"single_leg_rdl", "2–3", "4–8 (6–10RM)", "", "", "", "",
     "later-stage posterior-chain conventions (+1 unilateral set when asymmetric)",
     "https://bmjopensem.bmj.com/highwire/markup/138888/expansion", "C", ""},
    {"run_throughs", "3", "5 run-throughs of 80 m at 50–60% pace on grass", "", "",
     "2×/week, no consecutive run days early", "≤ 20% distance increase per week",
     "clinical-trial appendix return-to-run rules",
     "https://pmc.ncbi.nlm.nih.gov/articles/PMC6356409/table/nutrients-11-00076-t0A2", "C", ""},
    {"uphill_walking", "", "", "", "", "", "",
     "coaching convention: uphill/stairs on the balls of the feet → hill intervals → flat; no "
     "trial found",
     "../shared/research/kinetic-chain.md §4 and clinical.md §6.8", "C", "[no published dose]"},
    {"no_published_dose", "", "", "", "", "", "", "no dose found in the reviewed sources",
     "clinical.md §6.5 [gap]", "C", "[gap: clinician sets the dose]"},
});

}  // namespace

std::span<const ClinicalConstant> clinicalConstants() {
  return kConstants;
}

const ClinicalConstant& clinicalConstant(std::string_view id) {
  for (const auto& constant : kConstants) {
    if (constant.id == id) return constant;
  }
  throw std::logic_error("unknown clinical constant '" + std::string(id) + "'");
}

double thresholdValue(std::string_view id) {
  return clinicalConstant(id).value;
}

bool isFlagged(const ClinicalConstant& constant, double measured) {
  switch (constant.flag_when) {
    case Comparison::Below:
      return measured < constant.value;
    case Comparison::AtOrBelow:
      return measured <= constant.value;
    case Comparison::Above:
      return measured > constant.value;
    case Comparison::AtOrAbove:
      return measured >= constant.value;
    case Comparison::None:
      return false;
  }
  return false;
}

std::optional<HeelRiseNorm> heelRiseNormForAge(double age_years) {
  for (const auto& norm : kHeelRiseNorms) {
    if (age_years >= norm.age_from_years && (!norm.age_below || age_years < *norm.age_below)) {
      return norm;
    }
  }
  return std::nullopt;
}

std::span<const HeelRiseNorm> heelRiseNorms() {
  return kHeelRiseNorms;
}
std::string_view heelRiseNormCitation() {
  return kHeelRiseNormCitation;
}

const ExerciseDose& exerciseDose(std::string_view exercise_id) {
  for (const auto& dose : kDoses) {
    if (dose.exercise_id == exercise_id) return dose;
  }
  throw std::logic_error("unknown exercise dose '" + std::string(exercise_id) + "'");
}

std::span<const ExerciseDose> exerciseDoses() {
  return kDoses;
}

std::string_view comparisonSymbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::Below:
      return "<";
    case Comparison::AtOrBelow:
      return "≤";
    case Comparison::Above:
      return ">";
    case Comparison::AtOrAbove:
      return "≥";
    case Comparison::None:
      return "";
  }
  return "";
}

}  // namespace kinchain::screen
