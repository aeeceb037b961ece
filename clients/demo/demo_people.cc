// The people of the demo school and the specialists it asks. Every name is made up; pupils' names
// are a first name and a surname drawn separately, so no list entry is anyone's whole name.
#include "clients/demo/demo_catalogue.h"

namespace endeavour::demo {
namespace {

constexpr absl::string_view kFirstNames[] = {
    "Amelia",  "Oliver",  "Isla",   "Noah",     "Ava",    "Leo",    "Mia",     "Arthur", "Ivy",
    "Oscar",   "Freya",   "Theo",   "Grace",    "Finley", "Rosie",  "Harry",   "Poppy",  "Jacob",
    "Evie",    "Alfie",   "Sophia", "Muhammad", "Lily",   "George", "Willow",  "Henry",  "Maya",
    "Charlie", "Zara",    "Jude",   "Ruby",     "Reuben", "Hallie", "Kai",     "Esme",   "Ezra",
    "Aisha",   "Tobias",  "Nia",    "Ibrahim",  "Layla",  "Elijah", "Daisy",   "Rory",   "Anaya",
    "Felix",   "Matilda", "Arlo",   "Priya",    "Idris",  "Harper", "Stanley", "Orla",   "Yusuf",
    "Eliza",   "Ronan",   "Seren",  "Kofi",     "Imogen", "Dylan"};

constexpr absl::string_view kSurnames[] = {
    "Ashworth", "Bramley",   "Carraway", "Dunmore",   "Ellery",   "Fairbank",  "Garside",
    "Hollins",  "Ingleby",   "Jessop",   "Kettering", "Lockwood", "Marchbank", "Northcote",
    "Oakridge", "Pendleton", "Quarmby",  "Rushworth", "Sefton",   "Thackeray", "Underwood",
    "Varley",   "Whitlock",  "Yardley",  "Akande",    "Brennan",  "Chaudhry",  "Delaney",
    "Okonkwo",  "Fitzroy",   "Govender", "Haddad",    "Iqbal",    "Kowalczyk", "Lindqvist",
    "Mensah",   "Nakamura",  "O'Hare",   "Petrakis",  "Rahman",   "Sandoval",  "Trevelyan",
    "Uddin",    "Vance",     "Wojcik",   "Achebe",    "Baptiste", "Castellano"};

constexpr absl::string_view kParentNames[] = {
    "Sarah",   "James",  "Fatima", "Daniel", "Claire", "Tomasz", "Nadia", "Michael", "Joanne",
    "Adebayo", "Rachel", "Imran",  "Helen",  "Marcus", "Lucy",   "Samir", "Kerry",   "Paul"};

constexpr absl::string_view kClassTeachers[] = {
    "Mrs Alison Pryce (Reception teacher)", "Mr Tom Whitaker (Year 1 teacher)",
    "Ms Chloe Adeyemi (Year 2 teacher)",    "Mrs Ruth Calloway (Year 3 teacher)",
    "Mr Sunil Varma (Year 4 teacher)",      "Miss Hannah Greaves (Year 5 teacher)",
    "Mr Owen Lydiate (Year 6 teacher)"};

constexpr absl::string_view kTeachingAssistants[] = {"Mrs Jo Baxter (TA)", "Mr Dev Sharma (TA)",
                                                     "Ms Amira Khan (HLTA)", "Mrs Bev Doyle (TA)",
                                                     "Mr Callum Reid (TA)"};

constexpr absl::string_view kCancellationReasons[] = {
    "Class trip to the museum",       "Whole-school assembly overran",
    "Fire drill during the session",  "Year group performance rehearsal",
    "TA redeployed to cover a class", "Room needed for statutory assessments"};

constexpr AdviceSpec kAdvice[] = {
    {v1::EXTERNAL_SERVICE_EDUCATIONAL_PSYCHOLOGY, "Dr Miriam Esterhuizen, educational psychologist",
     "What is holding back progress despite two cycles of targeted support, and what should the "
     "next plan change?",
     "Cognitive assessment shows a marked weakness in working memory and phonological "
     "processing against average verbal reasoning; learning is best when new content is "
     "pre-taught and overlearnt.",
     "Daily precision teaching of 5 target items at a time", "Reduce copying from the board"},
    {v1::EXTERNAL_SERVICE_SPEECH_AND_LANGUAGE_THERAPY,
     "Ms Gwen Talbot, speech and language therapist",
     "Is there a language disorder behind the difficulties in following instructions and "
     "retelling?",
     "Standardised language assessment shows receptive and expressive language well below age; "
     "attention and listening are adequate in a quiet room.",
     "Language group three times a week using the therapist's programme",
     "Staff to use key-word signing and visual supports for instructions"},
    {v1::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE,
     "Mr Peter Hollingworth, specialist teacher (learning support service)",
     "Which approaches would help in class, and is the current intervention the right one?",
     "Observation in class and one-to-one work: responds well to structure and multisensory "
     "teaching; the current group is too large for the pace needed.",
     "Move to a group of two for the structured literacy programme",
     "Use a personalised word bank and writing frame in every lesson"},
    {v1::EXTERNAL_SERVICE_PAEDIATRICIAN, "Dr Anil Rao, community paediatrician",
     "Is there a medical or developmental explanation for the difficulties seen in school?",
     "Developmental assessment completed; findings shared with parents and the school with "
     "their consent; a diagnosis is recorded in the clinic letter.",
     "Continue the school's support plan and share the clinic letter with all staff",
     "Review in clinic in six months"},
    {v1::EXTERNAL_SERVICE_OCCUPATIONAL_THERAPY, "Ms Lauren Whitfield, occupational therapist",
     "What would help with handwriting, dressing and moving around the classroom?",
     "Reduced core stability and fine motor control; sensory seeking at times of low "
     "arousal.",
     "Daily fine motor circuit of 10 minutes", "Writing slope, pencil grip and wobble cushion"},
    {v1::EXTERNAL_SERVICE_CHILD_AND_ADOLESCENT_MENTAL_HEALTH,
     "Mr Jonah Ferreira, CAMHS primary mental health worker",
     "How should school respond to the anxiety and dysregulation seen in class?",
     "Anxiety is high around transitions and unstructured times; the pupil regulates well "
     "with a trusted adult and predictable routines.",
     "Named key adult and daily check-in", "Safe space with a visual regulation plan"},
    {v1::EXTERNAL_SERVICE_SENSORY_SUPPORT,
     "Mrs Fiona Maclean, qualified teacher of the deaf and VI",
     "What adjustments does the classroom need for the pupil's hearing or vision?",
     "Functional assessment in class: access is good with the right seating, lighting and "
     "equipment; fatigue builds over the day.",
     "Use the radio aid or enlarged resources in every lesson",
     "Planned rest breaks in the afternoon"},
    {v1::EXTERNAL_SERVICE_SOCIAL_CARE, "Ms Bethan Morgan, early help practitioner",
     "Is family support available alongside the school's plan?",
     "Family support worker allocated; parents engaging with a parenting programme.",
     "Joint meeting with the family every half-term", "Share the school's plan with early help"},
    {v1::EXTERNAL_SERVICE_OTHER, "Ms Rhiannon Pugh, physiotherapist",
     "What physical programme should school run, and how often?",
     "Programme of stretches and balance work set; to be delivered by trained staff.",
     "Physiotherapy programme three times a week", "Adapted PE with a partner"},
};

}  // namespace

std::span<const absl::string_view> FirstNames() { return kFirstNames; }
std::span<const absl::string_view> Surnames() { return kSurnames; }
std::span<const absl::string_view> ParentNames() { return kParentNames; }
absl::string_view SencoName() { return "Ms Harriet Lowe (SENCO)"; }
absl::string_view ClassTeacher(int year_group) {
  return kClassTeachers[year_group < 0 ? 0 : (year_group > 6 ? 6 : year_group)];
}
std::span<const absl::string_view> TeachingAssistants() { return kTeachingAssistants; }
std::span<const absl::string_view> CancellationReasons() { return kCancellationReasons; }

const AdviceSpec& AdviceFor(v1::ExternalService service) {
  for (const AdviceSpec& advice : kAdvice) {
    if (advice.service == service) return advice;
  }
  return kAdvice[std::size(kAdvice) - 1];
}

}  // namespace endeavour::demo
