// What the auth matrix calls each method with (auth_matrix_fixture.h): the operation each method
// must check, the variants of a request, and a valid request for each method the test knows.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "endeavour/v1/api.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "services/auth/access_policy.h"
#include "services/domain/pupil_record_test_util.h"
#include "services/domain/self_evaluation_testing.h"
#include "tests/e2e/auth_matrix_fixture.h"
#include "tests/e2e/generic_client.h"

namespace endeavour::testing::auth_matrix {

namespace pb = google::protobuf;
namespace t = domain::testing;
using auth::Operation;

const std::map<std::string, Operation>& ExpectedOperations() {
  static const auto* const kTable = new std::map<std::string, Operation>{
      {"endeavour.v1.PupilRecordService.RegisterPupil", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.IdentifyNeed", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.ChangeSenStatus", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.AgreePlan", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.LogIntervention", Operation::kLogIntervention},
      {"endeavour.v1.PupilRecordService.RecordReview", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.AdjustPlan", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.RequestExternalAdvice", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.RecordExternalAdvice", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.RequestEhcNeedsAssessment", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.TransferPupilOut", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.ReceivePupilTransfer", Operation::kRecordPupilFact},
      {"endeavour.v1.PupilRecordService.CorrectRecord", Operation::kCorrectPupilRecord},
      {"endeavour.v1.PupilRecordService.RetractRecord", Operation::kCorrectPupilRecord},
      {"endeavour.v1.SelfEvaluationService.RecordRating", Operation::kRecordSelfEvaluation},
      {"endeavour.v1.SelfEvaluationService.PlanImprovementAction",
       Operation::kRecordSelfEvaluation},
      {"endeavour.v1.QueryService.GetCurrentPlan", Operation::kReadPlan},
      {"endeavour.v1.QueryService.GetHistory", Operation::kReadHistory},
      {"endeavour.v1.QueryService.GetSelfEvaluationTrends", Operation::kReadSelfEvaluation},
      {"endeavour.v1.QueryService.GetSchoolOverview", Operation::kReadOverview},
      {"endeavour.v1.EventStreamService.ReadStream", Operation::kReadFeed},
      {"endeavour.v1.EventStreamService.ReadAll", Operation::kReadFeed},
      {"endeavour.v1.EventStreamService.Subscribe", Operation::kReadFeed},
      {"endeavour.v1.AuditService.GetTreeHead", Operation::kReadAudit},
      {"endeavour.v1.AuditService.Verify", Operation::kVerify},
      {"endeavour.v1.AuditService.ReadAccessLog", Operation::kReadAccessLog},
      {"endeavour.v1.AuditService.GetPublicKey", Operation::kReadAudit},
      {"endeavour.v1.AuditService.SignTreeHead", Operation::kReadAudit},
      {"endeavour.v1.AuditService.ListSignedTreeHeads", Operation::kReadAudit},
      {"endeavour.v1.AuditService.GetSignedTreeHead", Operation::kReadAudit},
      {"endeavour.v1.AuditService.GetInclusionProof", Operation::kReadEventProof},
      {"endeavour.v1.AuditService.GetConsistencyProof", Operation::kReadAudit},
  };
  return *kTable;
}

std::vector<Variant> VariantsOf(const pb::MethodDescriptor& method) {
  std::vector<Variant> variants = {{"", false}};
  if (SchoolField(*method.input_type()) != nullptr) {
    variants.push_back({kSchool, false});
    variants.push_back({kOtherSchool, false});
  }
  if (AsOfPositionField(*method.input_type()) != nullptr) {
    const size_t now = variants.size();
    for (size_t i = 0; i < now; ++i) variants.push_back({variants[i].school, true});
  }
  return variants;
}

void AuthMatrixTest::MakeBuilders() {
  auto pupil = [this](const std::string& method, std::function<std::string()> build) {
    builders_[absl::StrCat("endeavour.v1.PupilRecordService.", method)] = std::move(build);
  };
  pupil("RegisterPupil", [this] {
    const std::string id = Unique("reg");
    auto r = ForPupil<v1::RegisterPupilRequest>(id);
    *r.mutable_command()->mutable_pupil() = NewPupil(id, "New Pupil");
    return r.SerializeAsString();
  });
  pupil("IdentifyNeed", [this] {
    auto r = ForPupil<v1::IdentifyNeedRequest>(kPupil);
    v1::NeedIdentified need = t::LanguageNeed();
    need.set_need_id(Unique("need"));
    *r.mutable_command()->mutable_need() = need;
    return r.SerializeAsString();
  });
  pupil("ChangeSenStatus", [this] {
    auto r = ForPupil<v1::ChangeSenStatusRequest>(kSecondPupil);
    *r.mutable_command()->mutable_change() = t::OntoSenSupport();
    return r.SerializeAsString();
  });
  pupil("AgreePlan", [this] {  // plan-2 again: already agreed, so nothing new
    auto r = ForPupil<v1::AgreePlanRequest>(kPupil);
    *r.mutable_command()->mutable_plan() = t::SecondPlan();
    return r.SerializeAsString();
  });
  pupil("LogIntervention", [this] {
    auto r = ForPupil<v1::LogInterventionRequest>(kPupil);
    *r.mutable_command()->mutable_session() =
        t::Session(Unique("s"), t::D(2025, 12, 3), "pt", "plan-2");
    return r.SerializeAsString();
  });
  pupil("RecordReview", [this] {  // review-1 again: already held, so nothing new
    auto r = ForPupil<v1::RecordReviewRequest>(kPupil);
    *r.mutable_command()->mutable_review() = t::FirstReview();
    return r.SerializeAsString();
  });
  pupil("AdjustPlan", [this] {
    auto r = ForPupil<v1::AdjustPlanRequest>(kPupil);
    v1::PlanAdjusted adjustment = t::Adjustment();
    adjustment.set_adjustment_id(Unique("adj"));
    adjustment.set_plan_id("plan-2");
    *adjustment.mutable_adjusted_on() = t::D(2025, 12, 5);
    *r.mutable_command()->mutable_adjustment() = adjustment;
    return r.SerializeAsString();
  });
  pupil("RequestExternalAdvice", [this] {
    auto r = ForPupil<v1::RequestExternalAdviceRequest>(kPupil);
    v1::ExternalAdviceRequested request = t::AdviceRequest();
    request.set_request_id(Unique("ep"));
    *r.mutable_command()->mutable_request() = request;
    return r.SerializeAsString();
  });
  pupil("RecordExternalAdvice", [this] {  // answers the seeded request ep-1
    auto r = ForPupil<v1::RecordExternalAdviceRequest>(kPupil);
    *r.mutable_command()->mutable_advice() = t::Advice();
    return r.SerializeAsString();
  });
  pupil("RequestEhcNeedsAssessment", [this] {
    auto r = ForPupil<v1::RequestEhcNeedsAssessmentRequest>(kPupil);
    v1::EhcNeedsAssessmentRequested request = t::EhcRequest();
    request.set_request_id(Unique("ehc"));
    *r.mutable_command()->mutable_request() = request;
    return r.SerializeAsString();
  });
  pupil("TransferPupilOut", [this] {
    auto r = ForPupil<v1::TransferPupilOutRequest>(kSecondPupil);
    *r.mutable_command()->mutable_transfer() = t::TransferOut();
    return r.SerializeAsString();
  });
  pupil("ReceivePupilTransfer", [this] {
    const std::string id = Unique("in");
    auto r = ForPupil<v1::ReceivePupilTransferRequest>(id);
    v1::PupilTransferred transfer = t::TransferIn();
    transfer.set_from_stream_id("pupil/school-0112/" + id);
    *transfer.mutable_pupil() = NewPupil(id, "Arriving Pupil");
    *r.mutable_command()->mutable_transfer() = transfer;
    return r.SerializeAsString();
  });
  pupil("CorrectRecord", [this] {
    auto r = ForPupil<v1::CorrectRecordRequest>(kPupil);
    v1::NeedIdentified corrected = t::ReadingNeed();
    corrected.set_views("Class teacher, parents and the SENCO agree reading is the main barrier.");
    *r.mutable_command()->mutable_correction() = t::Correction(need_event_id_, corrected);
    return r.SerializeAsString();
  });
  pupil("RetractRecord", [this] {
    auto r = ForPupil<v1::RetractRecordRequest>(kPupil);
    *r.mutable_command()->mutable_retraction() = t::Retraction(session_event_id_);
    return r.SerializeAsString();
  });

  builders_["endeavour.v1.SelfEvaluationService.RecordRating"] = [this] {
    v1::RecordRatingRequest r;
    *r.mutable_header() = Header();
    *r.mutable_command()->mutable_rating() = Rating();
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.SelfEvaluationService.PlanImprovementAction"] = [this] {
    v1::PlanImprovementActionRequest r;
    *r.mutable_header() = Header();
    v1::ImprovementActionPlanned action = t::GovernorTraining();
    action.set_action_id(Unique("action"));
    *action.mutable_planned_on() = t::D(2026, 4, 21);
    *r.mutable_command()->mutable_action() = action;
    return r.SerializeAsString();
  };

  builders_["endeavour.v1.QueryService.GetCurrentPlan"] = [this] {
    return PupilView(kPupil).SerializeAsString();
  };
  builders_["endeavour.v1.QueryService.GetHistory"] = [this] {
    return PupilView(kPupil).SerializeAsString();
  };
  builders_["endeavour.v1.QueryService.GetSelfEvaluationTrends"] = [this] {
    v1::SchoolViewRequest r;
    *r.mutable_options() = Options();
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.QueryService.GetSchoolOverview"] = [this] {
    v1::OverviewRequest r;
    *r.mutable_options() = Options();
    return r.SerializeAsString();
  };

  builders_["endeavour.v1.EventStreamService.ReadStream"] = [] {
    v1::ReadStreamRequest r;
    r.set_pupil_id(kPupil);
    r.set_from_version(1);
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.EventStreamService.ReadAll"] = [] {
    v1::ReadAllRequest r;
    r.set_from_position(1);
    r.set_max_count(1000);
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.EventStreamService.Subscribe"] = [] {
    v1::SubscribeRequest r;
    r.set_from_position(1);
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.AuditService.ReadAccessLog"] = [] {
    v1::AccessLogRequest r;
    r.set_from_version(1);
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.AuditService.GetPublicKey"] = [] {
    return v1::PublicKeyRequest().SerializeAsString();
  };
  builders_["endeavour.v1.AuditService.SignTreeHead"] = [] {
    return v1::SignTreeHeadRequest().SerializeAsString();
  };
  builders_["endeavour.v1.AuditService.ListSignedTreeHeads"] = [] {
    v1::ListSignedTreeHeadsRequest r;
    r.set_from_tree_size(1);
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.AuditService.GetSignedTreeHead"] = [this] {
    v1::GetSignedTreeHeadRequest r;
    r.set_tree_size(second_signed_size_);
    return r.SerializeAsString();
  };
  // Amelia's need, at school-1: a caller that may read school-1's records gets it.
  builders_["endeavour.v1.AuditService.GetInclusionProof"] = [this] {
    v1::InclusionProofRequest r;
    r.set_position(need_position_);
    r.set_tree_size(second_signed_size_);
    return r.SerializeAsString();
  };
  builders_["endeavour.v1.AuditService.GetConsistencyProof"] = [this] {
    v1::ConsistencyProofRequest r;
    r.set_first_tree_size(first_signed_size_);
    r.set_second_tree_size(second_signed_size_);
    return r.SerializeAsString();
  };
}

std::string AuthMatrixTest::RequestFor(const pb::MethodDescriptor& method) {
  if (auto it = builders_.find(method.full_name()); it != builders_.end()) return it->second();
  return NewMessage(*method.input_type())->SerializeAsString();
}

}  // namespace endeavour::testing::auth_matrix
