// What follows a review in a demo pupil's record: specialist advice asked for and received (and
// the more exact primary need it can bring), an EHC needs assessment request; and the transfer in
// that opens the record of a pupil who arrived from another school.
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "clients/demo/demo_cycle.h"

namespace endeavour::demo {
namespace {

using domain::AddDays;
using domain::CompareDates;
using domain::FormatDate;

constexpr char kSendingSchool[] = "demo-brookfield-primary";

v1::Evidence MakeEvidence(v1::EvidenceKind kind, std::string summary, const v1::Date& dated) {
  v1::Evidence evidence;
  evidence.set_kind(kind);
  evidence.set_summary(std::move(summary));
  *evidence.mutable_dated() = dated;
  return evidence;
}

}  // namespace

// The specialist's advice asked for after a review, and (when it comes back in time) received;
// for an escalating pupil it can bring a better-understood primary need.
void SeekAdvice(StoryState& s, const v1::Date& after_review) {
  const auto& services = s.area->services;
  const v1::ExternalService service = services[s.advice_requests % services.size()];
  const AdviceSpec& advice = AdviceFor(service);
  const std::string request_id = absl::StrCat("advice-", ++s.advice_requests);
  const v1::Date asked = AddSchoolDays(after_review, s.rng.Between(2, 6));
  if (CompareDates(asked, s.frame.end) > 0) return;
  v1::RequestExternalAdviceRequest ask;
  v1::ExternalAdviceRequested* request = ask.mutable_command()->mutable_request();
  request->set_request_id(request_id);
  request->set_service(service);
  *request->mutable_requested_on() = asked;
  request->set_question(std::string(advice.question));
  s.script.Add(asked, ask);
  const v1::Date received = AddSchoolDays(asked, s.rng.Between(20, 35));
  if (CompareDates(received, s.frame.end) > 0) return;  // still waiting at the end
  v1::RecordExternalAdviceRequest record;
  v1::ExternalAdviceReceived* answer = record.mutable_command()->mutable_advice();
  answer->set_request_id(request_id);
  *answer->mutable_received_on() = received;
  answer->set_advised_by(std::string(advice.advised_by));
  answer->set_summary(std::string(advice.summary));
  answer->add_recommendations(std::string(advice.recommendation_1));
  answer->add_recommendations(std::string(advice.recommendation_2));
  s.script.Add(received, record);
  s.specialist = std::string(advice.advised_by);
  s.specialist_from = received;
  s.advice_summary = std::string(advice.summary);
  if (s.provisions.size() < 2) {
    s.provisions.push_back(ChooseProvision(s, *s.area, UnusedIntervention(s, *s.area)));
  }
  // An assessment that names the need more exactly: the census type changes, the area does not.
  const v1::CensusNeedType from = s.area->area == v1::AREA_OF_NEED_COMMUNICATION_AND_INTERACTION
                                      ? v1::CENSUS_NEED_TYPE_SLCN
                                      : v1::CENSUS_NEED_TYPE_MLD;
  const v1::CensusNeedType to =
      from == v1::CENSUS_NEED_TYPE_SLCN ? v1::CENSUS_NEED_TYPE_ASD : v1::CENSUS_NEED_TYPE_SPLD;
  if (s.profile.story != Story::kEscalating || !s.replacing_need.empty() ||
      s.primary_need != "need-1" || s.first_census != from) {
    return;
  }
  const v1::Date identified = AddSchoolDays(received, s.rng.Between(2, 6));
  if (CompareDates(identified, s.frame.end) > 0) return;
  v1::IdentifyNeedRequest identify;
  v1::NeedIdentified* need = identify.mutable_command()->mutable_need();
  need->set_need_id("need-3");
  need->set_area(s.area->area);
  need->set_census_type(to);
  need->set_rank(v1::NEED_RANK_PRIMARY);
  *need->add_evidence() =
      MakeEvidence(v1::EVIDENCE_KIND_EXTERNAL_REPORT,
                   absl::StrCat(advice.advised_by, ": ", advice.summary), received);
  need->set_parents_agree(v1::AGREEMENT_AGREES);
  need->set_professionals_agree(v1::AGREEMENT_AGREES);
  need->set_views(absl::StrCat("The specialist assessment explains ", s.pupil.first_name,
                               "'s difficulties more exactly; the primary need is updated."));
  need->set_replaces_need_id("need-1");
  *need->mutable_identified_on() = identified;
  s.script.Add(identified, identify);
  s.replacing_need = "need-3";
  s.replacing_from = identified;
}

void RequestEhcAssessment(StoryState& s, const v1::Date& after_review, const v1::Date& first_plan) {
  const v1::Date on = AddSchoolDays(after_review, s.rng.Between(3, 8));
  if (CompareDates(on, s.frame.end) > 0) return;
  v1::RequestEhcNeedsAssessmentRequest request;
  v1::EhcNeedsAssessmentRequested* ehc = request.mutable_command()->mutable_request();
  ehc->set_request_id("ehc-1");
  *ehc->mutable_requested_on() = on;
  ehc->set_requested_by(s.pupil.index % 2 == 0 ? v1::EHC_REQUESTER_SCHOOL
                                               : v1::EHC_REQUESTER_PARENT);
  ehc->set_evidence_summary(absl::StrCat(
      "Cycles of SEN support since ", FormatDate(first_plan),
      " with wave 2 and wave 3 interventions, refined at each review; specialist advice from ",
      s.specialist.empty() ? "the local authority's services" : s.specialist,
      " put in place; outcomes not met at the last two reviews."));
  s.script.Add(on, request);
}

void WriteTransferIn(StoryState& s, const v1::Date& arrival) {
  v1::ReceivePupilTransferRequest request;
  v1::PupilTransferred* transfer = request.mutable_command()->mutable_transfer();
  transfer->set_direction(v1::PupilTransferred::DIRECTION_IN);
  *transfer->mutable_transferred_on() = AddDays(arrival, -s.rng.Between(3, 10));
  transfer->set_other_school(kSendingSchool);
  transfer->set_from_stream_id(
      absl::StrCat("pupil/", kSendingSchool, "/bf-", s.rng.Between(3000, 3999)));
  transfer->set_from_head_position(static_cast<uint64_t>(s.rng.Between(10000, 99999)));
  std::string hash;
  for (int i = 0; i < 4; ++i) {
    const uint64_t word = s.rng.Next();
    for (int b = 0; b < 8; ++b) hash.push_back(static_cast<char>((word >> (8 * b)) & 0xff));
  }
  transfer->set_from_head_leaf_hash(hash);
  *transfer->mutable_pupil() = Registration(s.pupil);
  s.script.Add(arrival, request);
  s.learnt = absl::StrCat("From Brookfield Primary's last review: ", s.pupil.first_name,
                          " makes most progress with short daily sessions; that carries forward "
                          "into this plan.");
}

}  // namespace endeavour::demo
