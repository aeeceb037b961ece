// The words for the record's codes (send_codes.proto and the views' enums), as a SENCO or a
// tribunal panel says them.
#include "absl/strings/str_cat.h"
#include "clients/report/labels.h"

namespace endeavour::report {
namespace {

constexpr char kNotRecorded[] = "not recorded";

// The school census's SEN type codes and what each stands for.
struct CensusType {
  v1::CensusNeedType type;
  const char* code;
  const char* meaning;
};
constexpr CensusType kCensusTypes[] = {
    {v1::CENSUS_NEED_TYPE_SPLD, "SpLD", "specific learning difficulty"},
    {v1::CENSUS_NEED_TYPE_MLD, "MLD", "moderate learning difficulty"},
    {v1::CENSUS_NEED_TYPE_SLD, "SLD", "severe learning difficulty"},
    {v1::CENSUS_NEED_TYPE_PMLD, "PMLD", "profound and multiple learning difficulty"},
    {v1::CENSUS_NEED_TYPE_SEMH, "SEMH", "social, emotional and mental health"},
    {v1::CENSUS_NEED_TYPE_SLCN, "SLCN", "speech, language and communication needs"},
    {v1::CENSUS_NEED_TYPE_HI, "HI", "hearing impairment"},
    {v1::CENSUS_NEED_TYPE_VI, "VI", "vision impairment"},
    {v1::CENSUS_NEED_TYPE_MSI, "MSI", "multi-sensory impairment"},
    {v1::CENSUS_NEED_TYPE_PD, "PD", "physical disability"},
    {v1::CENSUS_NEED_TYPE_ASD, "ASD", "autistic spectrum disorder"},
    {v1::CENSUS_NEED_TYPE_DS, "DS", "Down syndrome"},
    {v1::CENSUS_NEED_TYPE_OTH, "OTH", "other difficulty or disability"},
    {v1::CENSUS_NEED_TYPE_NSA, "NSA", "SEN support but no specialist assessment of type of need"},
};

const CensusType* FindCensusType(v1::CensusNeedType type) {
  for (const CensusType& known : kCensusTypes) {
    if (known.type == type) return &known;
  }
  return nullptr;
}

}  // namespace

std::string SenStatusText(v1::SenStatus status) {
  switch (status) {
    case v1::SEN_STATUS_NO_SEN:
      return "N (no special educational need)";
    case v1::SEN_STATUS_SEN_SUPPORT:
      return "K (SEN support)";
    case v1::SEN_STATUS_EHC_PLAN:
      return "E (education, health and care plan)";
    default:
      return kNotRecorded;
  }
}

std::string SenStatusCode(v1::SenStatus status) {
  switch (status) {
    case v1::SEN_STATUS_NO_SEN:
      return "N";
    case v1::SEN_STATUS_SEN_SUPPORT:
      return "K";
    case v1::SEN_STATUS_EHC_PLAN:
      return "E";
    default:
      return "";
  }
}

std::string AreaText(v1::AreaOfNeed area) {
  switch (area) {
    case v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION:
      return "Communication and interaction";
    case v1::AREA_OF_NEED_COGNITION_AND_LEARNING:
      return "Cognition and learning";
    case v1::AREA_OF_NEED_SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH:
      return "Social, emotional and mental health";
    case v1::AREA_OF_NEED_SENSORY_AND_PHYSICAL:
      return "Sensory and/or physical";
    default:
      return kNotRecorded;
  }
}

std::string CensusCode(v1::CensusNeedType type) {
  const CensusType* known = FindCensusType(type);
  return known == nullptr ? "" : known->code;
}

std::string CensusText(v1::CensusNeedType type) {
  const CensusType* known = FindCensusType(type);
  return known == nullptr ? kNotRecorded : absl::StrCat(known->code, " (", known->meaning, ")");
}

std::string RankText(v1::NeedRank rank) {
  switch (rank) {
    case v1::NEED_RANK_PRIMARY:
      return "primary need";
    case v1::NEED_RANK_SECONDARY:
      return "secondary need";
    default:
      return "rank not recorded";
  }
}

std::string EvidenceKindText(v1::EvidenceKind kind) {
  switch (kind) {
    case v1::EVIDENCE_KIND_ASSESSMENT:
      return "Assessment";
    case v1::EVIDENCE_KIND_OBSERVATION:
      return "Observation";
    case v1::EVIDENCE_KIND_ATTAINMENT_DATA:
      return "Attainment data";
    case v1::EVIDENCE_KIND_PARENT_VIEWS:
      return "Parents' views";
    case v1::EVIDENCE_KIND_PUPIL_VIEWS:
      return "Pupil's views";
    case v1::EVIDENCE_KIND_EXTERNAL_REPORT:
      return "External report";
    default:
      return "Evidence";
  }
}

std::string AgreementText(v1::Agreement agreement) {
  switch (agreement) {
    case v1::AGREEMENT_AGREES:
      return "agree";
    case v1::AGREEMENT_PARTLY_AGREES:
      return "partly agree";
    case v1::AGREEMENT_DISAGREES:
      return "disagree";
    case v1::AGREEMENT_NOT_YET_ASKED:
      return "not yet asked";
    default:
      return kNotRecorded;
  }
}

std::string WaveText(v1::Wave wave) {
  switch (wave) {
    case v1::WAVE_1:
      return "Wave 1 (quality-first teaching)";
    case v1::WAVE_2:
      return "Wave 2 (small-group catch-up)";
    case v1::WAVE_3:
      return "Wave 3 (individual, targeted)";
    default:
      return "wave not recorded";
  }
}

std::string AttendanceText(v1::Attendance attendance) {
  switch (attendance) {
    case v1::ATTENDANCE_ATTENDED:
      return "attended";
    case v1::ATTENDANCE_PUPIL_ABSENT:
      return "pupil absent";
    case v1::ATTENDANCE_STAFF_ABSENT:
      return "staff absent";
    case v1::ATTENDANCE_CANCELLED:
      return "cancelled";
    default:
      return kNotRecorded;
  }
}

std::string EngagementText(v1::Engagement engagement) {
  switch (engagement) {
    case v1::ENGAGEMENT_FULLY_ENGAGED:
      return "fully engaged";
    case v1::ENGAGEMENT_MOSTLY_ENGAGED:
      return "mostly engaged";
    case v1::ENGAGEMENT_PARTLY_ENGAGED:
      return "partly engaged";
    case v1::ENGAGEMENT_NOT_ENGAGED:
      return "not engaged";
    default:
      return "";
  }
}

std::string ProgressText(v1::OutcomeProgress progress) {
  switch (progress) {
    case v1::OUTCOME_PROGRESS_EXCEEDED:
      return "exceeded";
    case v1::OUTCOME_PROGRESS_MET:
      return "met";
    case v1::OUTCOME_PROGRESS_PARTLY_MET:
      return "partly met";
    case v1::OUTCOME_PROGRESS_NOT_MET:
      return "not met";
    default:
      return "not yet reviewed";
  }
}

std::string DecisionText(v1::ReviewDecision decision) {
  switch (decision) {
    case v1::REVIEW_DECISION_REDUCE_SUPPORT:
      return "Accelerated progress: reduce support to encourage independence";
    case v1::REVIEW_DECISION_CONTINUE:
      return "Expected progress: the support continues";
    case v1::REVIEW_DECISION_REFINE_PLAN:
      return "Less than expected progress: refine the plan";
    case v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE:
      return "Seek advice from specialist support services";
    case v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT:
      return "Significant concerns remain: request an EHC needs assessment";
    case v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT:
      return "Needs met by quality-first teaching: SEN support ends";
    default:
      return kNotRecorded;
  }
}

std::string ResourceChangeText(v1::ResourceChange change) {
  switch (change) {
    case v1::RESOURCE_CHANGE_NONE:
      return "same resource";
    case v1::RESOURCE_CHANGE_MORE:
      return "more resource";
    case v1::RESOURCE_CHANGE_LESS:
      return "less resource";
    default:
      return "resource change not recorded";
  }
}

std::string ServiceText(v1::ExternalService service) {
  switch (service) {
    case v1::EXTERNAL_SERVICE_EDUCATIONAL_PSYCHOLOGY:
      return "Educational psychology";
    case v1::EXTERNAL_SERVICE_SPEECH_AND_LANGUAGE_THERAPY:
      return "Speech and language therapy";
    case v1::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE:
      return "Specialist teaching service";
    case v1::EXTERNAL_SERVICE_PAEDIATRICIAN:
      return "Paediatrician";
    case v1::EXTERNAL_SERVICE_OCCUPATIONAL_THERAPY:
      return "Occupational therapy";
    case v1::EXTERNAL_SERVICE_CHILD_AND_ADOLESCENT_MENTAL_HEALTH:
      return "Child and adolescent mental health services";
    case v1::EXTERNAL_SERVICE_SENSORY_SUPPORT:
      return "Sensory support service";
    case v1::EXTERNAL_SERVICE_SOCIAL_CARE:
      return "Social care";
    case v1::EXTERNAL_SERVICE_OTHER:
      return "Other specialist service";
    default:
      return "Service not recorded";
  }
}

std::string RequesterText(v1::EhcRequester requester) {
  switch (requester) {
    case v1::EHC_REQUESTER_SCHOOL:
      return "the school";
    case v1::EHC_REQUESTER_PARENT:
      return "the parents";
    case v1::EHC_REQUESTER_YOUNG_PERSON:
      return "the young person";
    default:
      return "requester not recorded";
  }
}

std::string RoleText(v1::Role role) {
  switch (role) {
    case v1::ROLE_SENCO:
      return "SENCO";
    case v1::ROLE_TEACHER:
      return "teacher";
    case v1::ROLE_LEADER:
      return "school leader";
    case v1::ROLE_GOVERNOR:
      return "governor";
    case v1::ROLE_LA_OFFICER:
      return "local authority officer";
    case v1::ROLE_INSPECTOR:
      return "inspector";
    case v1::ROLE_FEED:
      return "feed";
    case v1::ROLE_ADMIN:
      return "administrator";
    default:
      return "role not recorded";
  }
}

std::string VerdictText(v1::ProgressVerdict verdict) {
  switch (verdict) {
    case v1::PROGRESS_VERDICT_NOT_YET_REVIEWED:
      return "Not yet reviewed";
    case v1::PROGRESS_VERDICT_ENOUGH:
      return "Enough: every outcome met or exceeded";
    case v1::PROGRESS_VERDICT_PARTLY:
      return "Partly: some outcomes only partly met, none not met";
    case v1::PROGRESS_VERDICT_NOT_ENOUGH:
      return "Not enough: at least one outcome not met";
    default:
      return "Not assessed";
  }
}

std::string VerdictShortText(v1::ProgressVerdict verdict) {
  switch (verdict) {
    case v1::PROGRESS_VERDICT_NOT_YET_REVIEWED:
      return "Not yet reviewed";
    case v1::PROGRESS_VERDICT_ENOUGH:
      return "Enough";
    case v1::PROGRESS_VERDICT_PARTLY:
      return "Partly";
    case v1::PROGRESS_VERDICT_NOT_ENOUGH:
      return "Not enough";
    default:
      return "Not assessed";
  }
}

std::string DecisionShortText(v1::ReviewDecision decision) {
  switch (decision) {
    case v1::REVIEW_DECISION_REDUCE_SUPPORT:
      return "Reduce support";
    case v1::REVIEW_DECISION_CONTINUE:
      return "Continue";
    case v1::REVIEW_DECISION_REFINE_PLAN:
      return "Refine the plan";
    case v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE:
      return "Seek specialist advice";
    case v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT:
      return "Request an EHC needs assessment";
    case v1::REVIEW_DECISION_NO_LONGER_NEEDS_SEN_SUPPORT:
      return "SEN support ends";
    default:
      return kNotRecorded;
  }
}

std::string BandText(v1::EvidenceBand band) {
  switch (band) {
    case v1::EVIDENCE_BAND_NOT_APPLICABLE:
      return "not applicable";
    case v1::EVIDENCE_BAND_NOT_YET_ADDRESSED:
      return "1-3: not yet addressed";
    case v1::EVIDENCE_BAND_BEING_ADDRESSED:
      return "4-6: being addressed";
    case v1::EVIDENCE_BAND_STRATEGICALLY_ADDRESSED:
      return "7-10: strategically addressed";
    default:
      return "not rated";
  }
}

std::string SectionShortName(v1::SelfEvaluationSection section) {
  switch (section) {
    case v1::SELF_EVALUATION_SECTION_OUTCOMES:
      return "Outcomes";
    case v1::SELF_EVALUATION_SECTION_LEADERSHIP:
      return "Leadership";
    case v1::SELF_EVALUATION_SECTION_TEACHING_AND_LEARNING:
      return "Teaching and learning";
    case v1::SELF_EVALUATION_SECTION_WORKING_WITH_PARENTS_AND_CARERS:
      return "Parents and carers";
    case v1::SELF_EVALUATION_SECTION_ASSESSMENT_AND_IDENTIFICATION:
      return "Assessment";
    case v1::SELF_EVALUATION_SECTION_MONITORING_TRACKING_AND_EVALUATION:
      return "Monitoring";
    case v1::SELF_EVALUATION_SECTION_EFFICIENT_USE_OF_RESOURCES:
      return "Use of resources";
    default:
      return "Section not recorded";
  }
}

}  // namespace endeavour::report
