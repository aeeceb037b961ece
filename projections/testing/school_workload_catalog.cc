#include "projections/testing/school_workload_catalog.h"

namespace endeavour::projections::testing::workload {
namespace {

using v1::EVIDENCE_KIND_ASSESSMENT;
using v1::EVIDENCE_KIND_ATTAINMENT_DATA;
using v1::EVIDENCE_KIND_EXTERNAL_REPORT;
using v1::EVIDENCE_KIND_OBSERVATION;
using v1::EVIDENCE_KIND_PARENT_VIEWS;
using v1::EVIDENCE_KIND_PUPIL_VIEWS;
using v1::WAVE_1;
using v1::WAVE_2;
using v1::WAVE_3;

// Staff indexes used by the interventions below.
constexpr int kTa = 1, kTa2 = 2, kHlta = 3, kTeacher = 4, kElsa = 5;

constexpr StaffMember kStaff[] = {
    {"staff/1001", "Mrs Green (SENCO)", v1::ROLE_SENCO, 50},
    {"staff/1042", "Mrs Patel (teaching assistant)", v1::ROLE_TEACHER, 25},
    {"staff/1043", "Mr Ahmed (teaching assistant)", v1::ROLE_TEACHER, 25},
    {"staff/1017", "Ms Byrne (HLTA)", v1::ROLE_TEACHER, 30},
    {"staff/1008", "Mr Okafor (class teacher)", v1::ROLE_TEACHER, 45},
    {"staff/1051", "Miss Lewis (ELSA)", v1::ROLE_TEACHER, 28},
};

// Weights follow the national picture for SEN support: speech and language and SEMH most common,
// sensory and physical needs rare.
const NeedProfile kProfiles[] = {
    {v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION,
     v1::CENSUS_NEED_TYPE_SLCN,
     24,
     "Class teacher and parents agree that understanding spoken language is the main barrier.",
     {{{EVIDENCE_KIND_ASSESSMENT, "WellComm screen: red band for understanding language"},
       {EVIDENCE_KIND_OBSERVATION, "Struggles to retell a short story in sequence"},
       {EVIDENCE_KIND_EXTERNAL_REPORT,
        "NHS speech and language therapy report: expressive language delay"}}},
     {{{"instructions", "Follows ", 2, 1, 4, "-part spoken instructions in class",
        "Does so in 4 of 5 observed lessons", "Observation in class, weekly",
        "Mr Okafor (class teacher)"},
       {"vocabulary", "Uses ", 5, 5, 30, " new topic words correctly in a sentence",
        "Uses each word unprompted in two different lessons", "Vocabulary checklist, fortnightly",
        "Mrs Patel (teaching assistant)"},
       {"retell", "Retells a familiar story in ", 3, 1, 6, " sequenced parts",
        "Retells with picture prompts removed", "Recorded retell, every three weeks",
        "Ms Byrne (HLTA)"}}},
     {{{"talk-boost", "Talk Boost", WAVE_2, 3, 30, 4, kHlta},
       {"colourful-semantics", "Colourful Semantics", WAVE_3, 2, 20, 1, kTa},
       {"word-aware", "Word Aware vocabulary group", WAVE_2, 2, 20, 4, kTa2}}},
     {v1::EXTERNAL_SERVICE_SPEECH_AND_LANGUAGE_THERAPY,
      "What is the profile of receptive and expressive language, and what should school target?",
      "Ms Joanna Reid, speech and language therapist",
      "Receptive language two years behind; expressive vocabulary a relative strength.",
      {"Visual support for every spoken instruction",
       "Daily small-group vocabulary work with pre-taught topic words"}}},
    {v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH,
     v1::CENSUS_NEED_TYPE_SEMH,
     20,
     "Parents see the anxiety at home; staff see it mostly around unstructured times.",
     {{{EVIDENCE_KIND_OBSERVATION, "Leaves the classroom three or four times a week"},
       {EVIDENCE_KIND_PARENT_VIEWS, "Parents report anxiety about school on Sunday evenings"},
       {EVIDENCE_KIND_PUPIL_VIEWS, "Says playtimes are scary and nobody wants to play"}}},
     {{{"calm", "Uses a calm-down strategy without prompting on ", 2, 1, 5, " of 5 days",
        "Seen on two weeks in a row", "Behaviour log, daily", "Miss Lewis (ELSA)"},
       {"in-class", "Stays in the classroom for ", 6, 1, 10, " of 10 observed lessons",
        "Two fortnights in a row", "Lesson observation tally", "Mr Okafor (class teacher)"},
       {"feelings", "Names ", 4, 2, 12, " emotions and what triggers them",
        "Explains them to an adult in an ELSA session", "ELSA session record",
        "Miss Lewis (ELSA)"}}},
     {{{"elsa", "ELSA sessions", WAVE_3, 1, 30, 1, kElsa},
       {"zones", "Zones of Regulation group", WAVE_2, 2, 20, 5, kElsa},
       {"lego", "Lego-based therapy", WAVE_2, 1, 45, 3, kTa}}},
     {v1::EXTERNAL_SERVICE_CHILD_AND_ADOLESCENT_MENTAL_HEALTH,
      "Is there an anxiety disorder, and how should school respond to episodes of distress?",
      "CAMHS primary mental health worker",
      "Generalised anxiety with school as the main trigger; no need for specialist treatment yet.",
      {"A named key adult and a safe space", "Predictable routine with warnings of change"}}},
    {v1::AREA_OF_NEED_COGNITION_AND_LEARNING,
     v1::CENSUS_NEED_TYPE_SPLD,
     16,
     "Class teacher and parents agree that reading is the main barrier.",
     {{{EVIDENCE_KIND_ASSESSMENT,
        "Salford sentence reading test: reading age 18 months below chronological age"},
       {EVIDENCE_KIND_ATTAINMENT_DATA,
        "Working towards the expected standard in reading since Year 2"},
       {EVIDENCE_KIND_PARENT_VIEWS, "Parents say reading at home often ends in tears"}}},
     {{{"hfw", "Reads ", 40, 15, 100, " of the first 100 high-frequency words on sight",
        "Correct within one second each on two probes in a row", "One-minute probe, daily",
        "Mrs Patel (teaching assistant)"},
       {"spelling", "Spells ", 5, 1, 10, " of 10 unseen CCVC words in dictation",
        "On two weekly dictations in a row", "Weekly dictation", "Mr Okafor (class teacher)"},
       {"fluency", "Reads a book at the right level at ", 40, 10, 90, " words a minute",
        "With 95% accuracy", "Running record, every three weeks",
        "Mrs Patel (teaching assistant)"}}},
     {{{"pt", "Precision teaching", WAVE_3, 3, 10, 1, kTa},
       {"phonics", "Little Wandle Rapid Catch-up", WAVE_2, 3, 20, 4, kTa2},
       {"toe-by-toe", "Toe by Toe", WAVE_3, 2, 15, 1, kHlta}}},
     {v1::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE,
      "Is there a specific difficulty with phonological processing, and what would help spelling?",
      "Mr David Shaw, specialist teacher (literacy)",
      "Phonological awareness well below average; visual memory a relative strength.",
      {"Multisensory structured spelling programme, daily",
       "Pre-teach topic vocabulary with pictures"}}},
    {v1::AREA_OF_NEED_COGNITION_AND_LEARNING,
     v1::CENSUS_NEED_TYPE_MLD,
     14,
     "Staff and parents agree the difficulties are general rather than specific.",
     {{{EVIDENCE_KIND_ASSESSMENT, "Sandwell early numeracy test: standardised score 72"},
       {EVIDENCE_KIND_OBSERVATION, "Relies on counting in ones; loses track of multi-step tasks"},
       {EVIDENCE_KIND_ATTAINMENT_DATA,
        "Well below age-related expectations in all core subjects"}}},
     {{{"facts", "Recalls ", 8, 3, 20, " of 20 number facts instantly",
        "On two weekly checks in a row", "Weekly number-fact check",
        "Mr Ahmed (teaching assistant)"},
       {"problems", "Solves ", 4, 1, 10, " of 10 one-step word problems with apparatus",
        "Without adult support", "Fortnightly problem set", "Mr Okafor (class teacher)"},
       {"counting", "Counts reliably forwards and back to ", 50, 25, 200, "",
        "From any starting number", "Oral check, fortnightly", "Mr Ahmed (teaching assistant)"}}},
     {{{"numbers-count", "Numbers Count", WAVE_3, 3, 30, 1, kHlta},
       {"first-class", "First Class@Number", WAVE_2, 3, 30, 4, kTa2},
       {"pre-teach", "Pre-teaching maths vocabulary", WAVE_1, 2, 10, 6, kTeacher}}},
     {v1::EXTERNAL_SERVICE_EDUCATIONAL_PSYCHOLOGY,
      "What is the cognitive profile, and is progress in line with ability?",
      "Dr Nadia Rahman, educational psychologist",
      "General learning difficulty; working memory and processing speed the weakest areas.",
      {"Small steps with overlearning", "Concrete apparatus in every maths lesson"}}},
    {v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION,
     v1::CENSUS_NEED_TYPE_ASD,
     14,
     "Parents and the paediatrician agree; the class teacher sees the same patterns.",
     {{{EVIDENCE_KIND_EXTERNAL_REPORT, "Community paediatrics letter: diagnosis of autism"},
       {EVIDENCE_KIND_OBSERVATION, "Distressed by changes to routine; covers ears in assembly"},
       {EVIDENCE_KIND_PARENT_VIEWS, "Parents say transitions at home end in meltdowns"}}},
     {{{"changes", "Manages ", 1, 1, 5, " unplanned changes a week with a visual warning",
        "Without leaving the room", "Behaviour log, daily", "Ms Byrne (HLTA)"},
       {"group-game", "Takes part in a structured group game for ", 5, 5, 30, " minutes",
        "Takes turns without adult prompting", "Observation, weekly",
        "Mrs Patel (teaching assistant)"},
       {"help-card", "Asks for help with a help card on ", 2, 1, 5, " of 5 days",
        "Two weeks in a row", "Help-card tally", "Mr Okafor (class teacher)"}}},
     {{{"social-stories", "Social stories", WAVE_3, 2, 10, 1, kHlta},
       {"attention-autism", "Attention Autism", WAVE_2, 3, 20, 4, kTa},
       {"sensory-circuit", "Sensory circuit", WAVE_2, 3, 15, 6, kTa2}}},
     {v1::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE,
      "How can the classroom be adapted to reduce sensory overload and anxiety?",
      "Autism outreach team, specialist teacher",
      "Sensory sensitivity to noise is the main trigger; strong visual learner.",
      {"Ear defenders and a low-arousal work station", "Visual timetable checked each morning"}}},
    {v1::AREA_OF_NEED_SENSORY_AND_PHYSICAL,
     v1::CENSUS_NEED_TYPE_PD,
     6,
     "Parents and the physiotherapist agree; school sees the fatigue in the afternoons.",
     {{{EVIDENCE_KIND_EXTERNAL_REPORT, "Physiotherapy report: hypermobility, weak core stability"},
       {EVIDENCE_KIND_OBSERVATION, "Handwriting slow and tiring; avoids climbing in PE"},
       {EVIDENCE_KIND_ATTAINMENT_DATA, "Writes 15 words in 10 minutes; class average 60"}}},
     {{{"handwriting", "Writes ", 20, 10, 80, " legible words in 10 minutes",
        "On two timed samples in a row", "Timed writing sample", "Mr Okafor (class teacher)"},
       {"dressing", "Manages buttons and zips independently on ", 2, 1, 5, " of 5 days",
        "After PE, two weeks in a row", "Daily checklist", "Mr Ahmed (teaching assistant)"},
       {"pe", "Takes part in ", 2, 1, 6, " PE activities with adaptations",
        "Without asking to sit out", "PE teacher's record", "Mr Okafor (class teacher)"}}},
     {{{"fizzy", "Fizzy programme", WAVE_2, 3, 15, 4, kTa2},
       {"handwriting", "Write from the Start", WAVE_3, 2, 20, 1, kTa},
       {"physio", "Physiotherapy exercises", WAVE_3, 3, 10, 1, kTa2}}},
     {v1::EXTERNAL_SERVICE_OCCUPATIONAL_THERAPY,
      "What equipment and exercises would make writing and dressing easier?",
      "Ms Priya Nair, occupational therapist",
      "Reduced hand strength and postural control; writing slope and pencil grip will help.",
      {"Writing slope and chunky pencil grip", "Daily fine-motor warm-up before writing"}}},
    {v1::AREA_OF_NEED_SENSORY_AND_PHYSICAL,
     v1::CENSUS_NEED_TYPE_HI,
     4,
     "Parents and the Teacher of the Deaf agree on what helps.",
     {{{EVIDENCE_KIND_EXTERNAL_REPORT, "Audiology: moderate bilateral hearing loss, aids fitted"},
       {EVIDENCE_KIND_OBSERVATION, "Misses instructions given from the back of the room"},
       {EVIDENCE_KIND_ASSESSMENT, "Listening comprehension well below reading comprehension"}}},
     {{{"checks", "Checks instructions with an adult in ", 2, 1, 5, " of 5 lessons",
        "Without prompting", "Observation, weekly", "Mr Okafor (class teacher)"},
       {"aids", "Manages hearing aids and radio aid alone on ", 2, 1, 5, " of 5 days",
        "Two weeks in a row", "Daily checklist", "Mrs Patel (teaching assistant)"},
       {"pre-taught", "Recalls ", 5, 1, 10, " of 10 pre-taught topic words",
        "A week after teaching", "Vocabulary check", "Mrs Patel (teaching assistant)"}}},
     {{{"pre-teach", "Pre-teaching topic vocabulary", WAVE_3, 2, 15, 1, kTa},
       {"listening", "Listening skills group", WAVE_2, 2, 20, 4, kHlta},
       {"tod", "Teacher of the Deaf monitoring", WAVE_3, 1, 30, 1, kTeacher}}},
     {v1::EXTERNAL_SERVICE_SENSORY_SUPPORT,
      "Is the radio aid used well, and what else should the classroom provide?",
      "Mrs Helen Ward, Teacher of the Deaf",
      "Radio aid used inconsistently; seating and acoustics can be improved.",
      {"Radio aid worn in every lesson", "Seat near the front, away from the door"}}},
    {v1::AREA_OF_NEED_SENSORY_AND_PHYSICAL,
     v1::CENSUS_NEED_TYPE_VI,
     2,
     "Parents and the qualified teacher of vision impairment agree.",
     {{{EVIDENCE_KIND_EXTERNAL_REPORT, "Ophthalmology: nystagmus, acuity 6/24 corrected"},
       {EVIDENCE_KIND_OBSERVATION, "Holds books very close; tires quickly with standard print"},
       {EVIDENCE_KIND_ASSESSMENT, "Touch-typing baseline 5 words a minute"}}},
     {{{"typing", "Touch-types at ", 10, 5, 40, " words a minute", "On two timed tests",
        "Typing programme record", "Mr Ahmed (teaching assistant)"},
       {"magnifier", "Uses the magnifier app alone in ", 2, 1, 5, " of 5 lessons",
        "Without prompting", "Observation, weekly", "Mr Okafor (class teacher)"},
       {"resources", "Organises own enlarged resources on ", 2, 1, 5, " of 5 days",
        "Two weeks in a row", "Daily checklist", "Mr Ahmed (teaching assistant)"}}},
     {{{"typing", "Touch-typing programme", WAVE_3, 3, 15, 1, kTa2},
       {"habilitation", "Habilitation session", WAVE_3, 1, 30, 1, kHlta},
       {"large-print", "Enlarged-print reading group", WAVE_2, 2, 20, 3, kTa}}},
     {v1::EXTERNAL_SERVICE_SENSORY_SUPPORT,
      "What access arrangements and equipment does the pupil need?",
      "Mr Tom Hale, qualified teacher of vision impairment",
      "Needs N24 print or a screen; fatigue by the afternoon is expected.",
      {"All resources in N24 or on a tablet", "Rest breaks in long writing tasks"}}},
};

constexpr const char* kFirstNames[] = {
    "Amelia", "Oliver",   "Isla",  "Noah",  "Ava",      "Leo",    "Mia",    "Arthur",
    "Freya",  "Muhammad", "Ivy",   "Harry", "Florence", "Oscar",  "Willow", "George",
    "Sophia", "Jack",     "Aisha", "Theo",  "Grace",    "Finley", "Zara",   "Alfie",
    "Poppy",  "Ethan",    "Ruby",  "Kai",   "Maya",     "Reuben", "Esme",   "Tomasz"};
constexpr const char* kSurnames[] = {
    "Hughes", "Smith",   "Khan",   "Jones",  "Williams", "Patel",   "Brown",  "Taylor",
    "Davies", "Evans",   "Wilson", "Thomas", "Johnson",  "Roberts", "Ahmed",  "Walker",
    "Wright", "Hussain", "Green",  "Clarke", "Nowak",    "Okafor",  "Hall",   "Wood",
    "Turner", "Begum",   "Cooper", "Mensah", "Ali",      "Kelly",   "Murphy", "Singh"};

constexpr const char* kClassroomAdjustments[] = {
    "Seated near the front, facing the teacher",
    "Visual timetable on the desk",
    "Instructions given one step at a time and written on the board",
    "Task broken into chunks with a checklist",
    "Word mat of key vocabulary on the table",
    "Movement break every 20 minutes",
    "Coloured overlay and buff paper",
    "Extra processing time before answering"};
constexpr const char* kActionsAtHome[] = {
    "Ten minutes of shared reading each evening", "Practise the week's words with the flash cards",
    "Talk through the visual timetable each morning",
    "Play the number-fact game three times a week", "Use the calm-down plan at bedtime"};
constexpr const char* kTrainingNeeds[] = {
    "Refresher on the intervention with the SENCO",
    "Training on the new programme from the specialist teacher",
    "Whole-staff briefing on the pupil's plan"};
constexpr const char* kPupilViews[] = {
    "I like the small group, it is quiet.", "The games are fun but it is hard sometimes.",
    "I want to be able to do it on my own.", "I don't like missing playtime for it.",
    "It helps when Miss shows me first."};
constexpr const char* kParentViews[] = {
    "We can see a difference at home.", "Still a battle at home, but calmer.",
    "Happy with the plan; worried about next year.", "Would like more updates between reviews.",
    "Pleased with how staff have supported."};
constexpr const char* kStaffViews[] = {
    "Good gains in the sessions; less transfer into class.", "Steady progress when sessions run.",
    "Engagement better in the mornings.", "Needs more practice outside the sessions.",
    "Growing in confidence week by week."};
constexpr const char* kCancellationReasons[] = {"School trip", "Class assembly rehearsal",
                                                "Staff needed to cover a class", "Fire drill",
                                                "Phonics screening check"};
constexpr const char* kSessionNotes[] = {"Tired after PE", "Best session so far",
                                         "Needed several prompts to start",
                                         "Worked well with a partner", "Upset after lunch"};
constexpr const char* kRetractionReasons[] = {"Logged twice: the same session was already recorded",
                                              "Logged for the wrong pupil",
                                              "Planned session typed in before it happened"};
constexpr const char* kStatusReasons[] = {
    "Less than expected progress despite quality-first teaching and differentiation.",
    "Needs identified through assessment require provision different from and additional to "
    "what the class provides.",
    "Gap to peers widening despite targeted class support."};

}  // namespace

std::span<const StaffMember> Staff() { return kStaff; }
std::span<const NeedProfile> NeedProfiles() { return kProfiles; }

const NeedProfile& NeedProfileFor(int roll) {
  for (const NeedProfile& profile : kProfiles) {
    if (roll < profile.weight) return profile;
    roll -= profile.weight;
  }
  return kProfiles[0];
}

std::span<const char* const> FirstNames() { return kFirstNames; }
std::span<const char* const> Surnames() { return kSurnames; }
std::span<const char* const> ClassroomAdjustments() { return kClassroomAdjustments; }
std::span<const char* const> ActionsAtHome() { return kActionsAtHome; }
std::span<const char* const> TrainingNeeds() { return kTrainingNeeds; }
std::span<const char* const> PupilViews() { return kPupilViews; }
std::span<const char* const> ParentViews() { return kParentViews; }
std::span<const char* const> StaffViews() { return kStaffViews; }
std::span<const char* const> CancellationReasons() { return kCancellationReasons; }
std::span<const char* const> SessionNotes() { return kSessionNotes; }
std::span<const char* const> RetractionReasons() { return kRetractionReasons; }
std::span<const char* const> StatusReasons() { return kStatusReasons; }

const char* LearntFor(v1::ReviewDecision decision) {
  switch (decision) {
    case v1::REVIEW_DECISION_REDUCE_SUPPORT:
      return "Ready for more independence: fade adult support and keep the strategies in class.";
    case v1::REVIEW_DECISION_CONTINUE:
      return "The approach works: keep the same sessions and raise the targets.";
    case v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE:
      return "Our own strategies have gone as far as they can: specialist advice is needed.";
    case v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT:
      return "Rigorous cycles have not closed the gap: the needs exceed what SEN support provides.";
    case v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT:
      return "Needs now met through quality-first teaching in class.";
    default:
      return "One-to-one work moved things more than group work; short daily sessions work best.";
  }
}

const char* DecisionReasonFor(v1::ReviewDecision decision) {
  switch (decision) {
    case v1::REVIEW_DECISION_REDUCE_SUPPORT:
      return "Outcomes met or exceeded: accelerated progress.";
    case v1::REVIEW_DECISION_CONTINUE:
      return "Expected progress on the outcomes.";
    case v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE:
      return "Progress stalled on outcomes that matter most.";
    case v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT:
      return "Significant concerns remain after repeated cycles with outcomes not met.";
    case v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT:
      return "All outcomes met; the pupil keeps up with quality-first teaching alone.";
    default:
      return "Less than expected progress: the intervention is refined.";
  }
}

const char* ProgressEvidenceFor(v1::OutcomeProgress progress) {
  switch (progress) {
    case v1::OUTCOME_PROGRESS_EXCEEDED:
      return "Target passed early and held on every check since";
    case v1::OUTCOME_PROGRESS_MET:
      return "Target reached on the last two checks";
    case v1::OUTCOME_PROGRESS_PARTLY_MET:
      return "About half way from the baseline to the target";
    default:
      return "Little change from the baseline";
  }
}

}  // namespace endeavour::projections::testing::workload
