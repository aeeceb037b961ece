// The four broad areas of need as the demo school writes about them (SEND Code of Practice
// 6.28-6.35 for the areas; the census types that belong to each).
#include "clients/demo/demo_catalogue.h"

namespace endeavour::demo {
namespace {

namespace e = v1;

// --- Communication and interaction ---------------------------------------------------------------
constexpr CensusChoice kCiCensus[] = {{e::CENSUS_NEED_TYPE_SLCN, 60},
                                      {e::CENSUS_NEED_TYPE_ASD, 40}};
constexpr absl::string_view kCiConcerns[] = {
    "$0 finds it hard to follow instructions with more than one step and rarely joins class "
    "discussion.",
    "$0 struggles to retell events in order and uses a narrow range of vocabulary.",
    "$0 finds changes of routine very hard and plays alone at break; parents see the same at "
    "home."};
constexpr EvidenceSpec kCiEvidence[] = {
    {e::EVIDENCE_KIND_OBSERVATION,
     "Observed in three lessons: followed one-step instructions only, with a visual prompt"},
    {e::EVIDENCE_KIND_ASSESSMENT,
     "Language screening in school: understanding and vocabulary well below age-related levels"},
    {e::EVIDENCE_KIND_PARENT_VIEWS,
     "Parents say $0 gets frustrated when not understood and avoids speaking to adults"},
    {e::EVIDENCE_KIND_PUPIL_VIEWS, "$0 says talking in front of the class is scary"}};
constexpr InterventionSpec kCiInterventions[] = {
    {"Language group (vocabulary and narrative)", e::WAVE_2, 3, 30, 4, false},
    {"Social communication group (building-brick play)", e::WAVE_2, 1, 45, 3, false},
    {"Speech sound practice (therapist's programme)", e::WAVE_3, 3, 15, 1, false},
    {"Attention and listening group", e::WAVE_2, 2, 20, 4, false},
    {"Social stories and comic-strip conversations", e::WAVE_3, 2, 15, 1, false}};
constexpr OutcomeSpec kCiOutcomes[] = {
    {"$0 follows two-step instructions in class without a visual prompt",
     "4 of 5 observed instructions followed first time", "Structured observation in lessons",
     "Class teacher"},
    {"$0 retells a familiar story in sequence using 'first', 'next' and 'last'",
     "Retells a 4-part story with the sequence words unprompted", "Recorded narrative task",
     "Teaching assistant"},
    {"$0 takes turns in a structured game with two peers for ten minutes",
     "Three sessions in a row without adult support", "Observation in the social group",
     "Teaching assistant"},
    {"$0 uses the visual timetable to manage transitions independently",
     "Independent transitions on 4 of 5 days for two weeks", "Daily transition log",
     "Class teacher"},
    {"$0 asks an adult for help using a help card or words",
     "Asks for help at least once a day over two weeks", "Tally kept by the class team",
     "Class teacher"}};
constexpr absl::string_view kCiAdjustments[] = {
    "Visual timetable on the desk", "Instructions chunked and checked back", "Now-and-next board",
    "Advance warning of changes to routine", "Key vocabulary pre-taught before each topic"};
constexpr absl::string_view kCiHome[] = {
    "Talk about the day using the home-school photo book each evening",
    "Play the turn-taking game sent home twice a week",
    "Use the same now-and-next board at home for the morning routine"};
constexpr e::ExternalService kCiServices[] = {e::EXTERNAL_SERVICE_SPEECH_AND_LANGUAGE_THERAPY,
                                              e::EXTERNAL_SERVICE_PAEDIATRICIAN,
                                              e::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE};

// --- Cognition and learning ----------------------------------------------------------------------
constexpr CensusChoice kClCensus[] = {{e::CENSUS_NEED_TYPE_SPLD, 45},
                                      {e::CENSUS_NEED_TYPE_MLD, 45},
                                      {e::CENSUS_NEED_TYPE_SLD, 5},
                                      {e::CENSUS_NEED_TYPE_DS, 5}};
constexpr absl::string_view kClConcerns[] = {
    "$0's reading and spelling lag well behind peers despite quality-first phonics teaching.",
    "$0 has made little progress in reading, writing and maths since the start of the year and "
    "needs adult support for most tasks.",
    "$0 forgets new learning quickly and relies on counting on fingers for simple sums."};
constexpr EvidenceSpec kClEvidence[] = {
    {e::EVIDENCE_KIND_ASSESSMENT,
     "Standardised reading test: reading age about two years below chronological age"},
    {e::EVIDENCE_KIND_ATTAINMENT_DATA,
     "Working towards the expected standard in reading, writing and maths for two terms"},
    {e::EVIDENCE_KIND_PARENT_VIEWS,
     "Parents say $0 avoids reading at home and gets upset at spelling tests"},
    {e::EVIDENCE_KIND_OBSERVATION,
     "Needs adult prompting to start written tasks; copies little from the board"}};
constexpr InterventionSpec kClInterventions[] = {
    {"Precision teaching (high-frequency words)", e::WAVE_3, 3, 10, 1, false},
    {"Phonics catch-up group", e::WAVE_2, 4, 20, 4, false},
    {"Number sense group with concrete apparatus", e::WAVE_2, 2, 30, 3, false},
    {"Structured multisensory spelling", e::WAVE_3, 2, 20, 2, true},
    {"Paired reading", e::WAVE_2, 3, 15, 2, false}};
constexpr OutcomeSpec kClOutcomes[] = {
    {"$0 reads 40 words a minute from a book at the current phonics phase",
     "40 wpm with 95% accuracy on an unseen book", "Timed reading probe every fortnight",
     "Teaching assistant"},
    {"$0 spells 8 of 10 taught common exception words in dictation",
     "8/10 on two dictations a week apart", "Dictation check", "Class teacher"},
    {"$0 recalls number bonds to 10 within three seconds",
     "18 of 20 bonds correct in a timed check", "Precision teaching chart", "Teaching assistant"},
    {"$0 writes three sentences independently with capital letters and full stops",
     "Three independent pieces meet the criteria", "Work samples in books", "Class teacher"},
    {"$0 reads and understands the weekly class text with pre-teaching",
     "Answers 4 of 5 comprehension questions", "Guided reading record", "Class teacher"}};
constexpr absl::string_view kClAdjustments[] = {
    "Word mat and phonics mat on the desk", "Extra processing time; one instruction at a time",
    "Number line and concrete apparatus always available", "Coloured overlay and cream paper",
    "Writing frames for extended writing"};
constexpr absl::string_view kClHome[] = {
    "Read the phonics book together for ten minutes each evening",
    "Practise five target words with the flashcards three times a week",
    "Play the number bonds game sent home at weekends"};
constexpr e::ExternalService kClServices[] = {e::EXTERNAL_SERVICE_EDUCATIONAL_PSYCHOLOGY,
                                              e::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE};

// --- Social, emotional and mental health ---------------------------------------------------------
constexpr CensusChoice kSemhCensus[] = {{e::CENSUS_NEED_TYPE_SEMH, 100}};
constexpr absl::string_view kSemhConcerns[] = {
    "$0 becomes very distressed at transitions and unstructured times and leaves the classroom "
    "several times a week.",
    "$0 is withdrawn, anxious about coming to school and often says tummy aches in the morning.",
    "$0 finds it hard to manage anger at playtime; incidents have risen this term."};
constexpr EvidenceSpec kSemhEvidence[] = {
    {e::EVIDENCE_KIND_OBSERVATION,
     "Behaviour log: incidents mostly at lunchtime and after changes to routine"},
    {e::EVIDENCE_KIND_ASSESSMENT,
     "Strengths and difficulties questionnaire: high on emotional symptoms"},
    {e::EVIDENCE_KIND_PARENT_VIEWS,
     "Parents see anxiety at bedtime and on Sunday evenings before school"},
    {e::EVIDENCE_KIND_PUPIL_VIEWS, "$0 says the playground is too loud and nobody plays fair"}};
constexpr InterventionSpec kSemhInterventions[] = {
    {"Emotional literacy support sessions", e::WAVE_3, 1, 45, 1, false},
    {"Nurture group", e::WAVE_2, 2, 45, 6, true},
    {"Regulation skills group (zones of feelings)", e::WAVE_2, 1, 30, 4, false},
    {"Morning check-in with a key adult", e::WAVE_3, 5, 10, 1, false},
    {"Lunchtime social skills club", e::WAVE_2, 2, 30, 5, false}};
constexpr OutcomeSpec kSemhOutcomes[] = {
    {"$0 names the feeling and chooses a calming strategy with one prompt",
     "Does so in 4 of 5 logged incidents", "Regulation log", "Key adult"},
    {"$0 returns to learning within five minutes after an upset", "On 4 of 5 days over two weeks",
     "Behaviour log", "Class teacher"},
    {"$0 joins a playground game with peers at least three lunchtimes a week",
     "Three lunchtimes a week for three weeks", "Lunchtime observation", "Teaching assistant"},
    {"$0 arrives and settles in class calmly after the morning check-in",
     "Settled within ten minutes on 9 of 10 days", "Check-in record", "Key adult"},
    {"$0's attendance rises above 95% over the half-term", "Attendance of 95% or more",
     "Attendance register", "SENCO"}};
constexpr absl::string_view kSemhAdjustments[] = {
    "Time-out card and a calm corner", "Meet and greet at the gate by the key adult",
    "Seat near the teacher, away from the door", "Movement break every 20 minutes",
    "Warning five minutes before each transition"};
constexpr absl::string_view kSemhHome[] = {
    "Use the feelings chart at bedtime and send a note in the home-school book",
    "Keep the same calm morning routine and arrive five minutes early",
    "Praise and record one brave thing each day"};
constexpr e::ExternalService kSemhServices[] = {
    e::EXTERNAL_SERVICE_CHILD_AND_ADOLESCENT_MENTAL_HEALTH,
    e::EXTERNAL_SERVICE_EDUCATIONAL_PSYCHOLOGY, e::EXTERNAL_SERVICE_SOCIAL_CARE};

// --- Sensory and/or physical ---------------------------------------------------------------------
constexpr CensusChoice kSpCensus[] = {{e::CENSUS_NEED_TYPE_HI, 30},
                                      {e::CENSUS_NEED_TYPE_VI, 25},
                                      {e::CENSUS_NEED_TYPE_PD, 35},
                                      {e::CENSUS_NEED_TYPE_MSI, 10}};
constexpr absl::string_view kSpConcerns[] = {
    "$0 misses instructions in noisy rooms and tires by the afternoon.",
    "$0's handwriting is slow and hard to read and $0 needs help with dressing for PE.",
    "$0 struggles to see the board and class texts without enlargement."};
constexpr EvidenceSpec kSpEvidence[] = {
    {e::EVIDENCE_KIND_EXTERNAL_REPORT,
     "Hospital clinic letter confirms the diagnosis and recommends support in school"},
    {e::EVIDENCE_KIND_OBSERVATION,
     "Observed in class: misses information when not facing the speaker; fatigue after lunch"},
    {e::EVIDENCE_KIND_PARENT_VIEWS, "Parents report $0 is exhausted after school"},
    {e::EVIDENCE_KIND_ATTAINMENT_DATA, "Writing output well below peers; reading at age level"}};
constexpr InterventionSpec kSpInterventions[] = {
    {"Fine motor skills group", e::WAVE_2, 2, 20, 4, false},
    {"Physiotherapy programme set by the physiotherapist", e::WAVE_3, 3, 15, 1, false},
    {"Pre-tutoring of topic vocabulary", e::WAVE_3, 2, 20, 1, false},
    {"Touch-typing programme", e::WAVE_2, 3, 20, 3, false},
    {"Mobility and orientation practice", e::WAVE_3, 1, 30, 1, false}};
constexpr OutcomeSpec kSpOutcomes[] = {
    {"$0 forms letters correctly on the line in a five-sentence piece of writing",
     "Three pieces meet the criteria", "Work samples", "Class teacher"},
    {"$0 checks the radio aid is on and asks for repetition when needed",
     "Does so independently in every lesson for two weeks", "Class team checklist",
     "Teaching assistant"},
    {"$0 moves around the school safely and independently between lessons",
     "Independent on every move for two weeks", "Mobility log", "Teaching assistant"},
    {"$0 types 15 words a minute with correct finger placement", "15 wpm in a two-minute test",
     "Typing programme record", "Teaching assistant"},
    {"$0 uses enlarged resources or a magnifier to read class texts independently",
     "Reads the weekly class text without adult help", "Guided reading record", "Class teacher"}};
constexpr absl::string_view kSpAdjustments[] = {
    "Seated near the front, facing the teacher, with good light",
    "Radio aid used by every adult teaching the class", "Enlarged print (N24) resources",
    "Writing slope and pencil grip", "Extra time to move between rooms; lift pass"};
constexpr absl::string_view kSpHome[] = {"Do the physiotherapy stretches each evening",
                                         "Check the hearing aids and charge the radio aid nightly",
                                         "Practise the fine motor activities pack at weekends"};
constexpr e::ExternalService kSpServices[] = {e::EXTERNAL_SERVICE_SENSORY_SUPPORT,
                                              e::EXTERNAL_SERVICE_OCCUPATIONAL_THERAPY,
                                              e::EXTERNAL_SERVICE_PAEDIATRICIAN};

constexpr AreaCatalogue kAreas[] = {
    {e::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION, "communication and interaction", kCiCensus,
     kCiConcerns, kCiEvidence, kCiInterventions, kCiOutcomes, kCiAdjustments, kCiHome, kCiServices,
     "Less than expected progress in language and interaction despite quality-first teaching; "
     "targeted provision is needed."},
    {e::AREA_OF_NEED_COGNITION_AND_LEARNING, "cognition and learning", kClCensus, kClConcerns,
     kClEvidence, kClInterventions, kClOutcomes, kClAdjustments, kClHome, kClServices,
     "Attainment well below peers and slow progress despite differentiation and catch-up; "
     "special educational provision is needed."},
    {e::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH, "social, emotional and mental health",
     kSemhCensus, kSemhConcerns, kSemhEvidence, kSemhInterventions, kSemhOutcomes, kSemhAdjustments,
     kSemhHome, kSemhServices,
     "Anxiety and dysregulation are a barrier to learning that the whole-class behaviour approach "
     "has not met; provision different from peers is needed."},
    {e::AREA_OF_NEED_SENSORY_AND_PHYSICAL, "sensory and/or physical", kSpCensus, kSpConcerns,
     kSpEvidence, kSpInterventions, kSpOutcomes, kSpAdjustments, kSpHome, kSpServices,
     "A diagnosed sensory or physical need means the pupil needs equipment and provision beyond "
     "reasonable adjustments to access learning."},
};

}  // namespace

std::span<const AreaCatalogue> Areas() { return kAreas; }

const AreaCatalogue& CatalogueFor(v1::AreaOfNeed area) {
  for (const AreaCatalogue& catalogue : kAreas) {
    if (catalogue.area == area) return catalogue;
  }
  return kAreas[0];
}

}  // namespace endeavour::demo
