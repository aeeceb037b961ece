// Assess: needs identified, with census codes valid for the status and one primary need at a
// time; the SEN status and its change, with the decision and when parents were told.
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

using absl::StatusCode;
using Pupil = Spec<PupilRecord>;

v1::NeedIdentified Nsa() {
  v1::NeedIdentified need = LanguageNeed();
  need.set_need_id("need-nsa");
  need.set_census_type(v1::CENSUS_NEED_TYPE_NSA);
  return need;
}

v1::NeedIdentified NewPrimary() {
  v1::NeedIdentified need = LanguageNeed();
  need.set_need_id("need-dld");
  need.set_rank(v1::NEED_RANK_PRIMARY);
  need.set_views("Speech and language therapist: developmental language disorder is the root.");
  return need;
}

TEST(Need, AnIdentifiedNeedIsRecorded) {
  Pupil().Given({Amelia()}).When(Identify(ReadingNeed())).Then({ReadingNeed()});
}

TEST(Need, TheSameNeedAgainDecidesNothing) {
  Pupil().Given({Amelia(), ReadingNeed()}).When(Identify(ReadingNeed())).ThenNothing();
}

TEST(Need, ANeedIdIsNotReusedForOtherContent) {
  v1::NeedIdentified need = ReadingNeed();
  need.set_census_type(v1::CENSUS_NEED_TYPE_MLD);
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Identify(need))
      .ThenError(StatusCode::kAlreadyExists, "need.need_id: need \"need-reading\" is already");
}

TEST(Need, RestsOnEvidence) {
  v1::NeedIdentified need = ReadingNeed();
  need.clear_evidence();
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.evidence: say what the identification rests");
}

TEST(Need, EvidenceSaysWhatItShows) {
  v1::NeedIdentified need = ReadingNeed();
  need.mutable_evidence(1)->clear_summary();
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.evidence[1].summary");
}

TEST(Need, EvidenceIsNotDatedAfterToday) {
  v1::NeedIdentified need = ReadingNeed();
  *need.mutable_evidence(0)->mutable_dated() = D(2026, 12, 1);
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.evidence[0].dated: 2026-12-01 is after today");
}

TEST(Need, IsDated) {
  v1::NeedIdentified need = ReadingNeed();
  need.clear_identified_on();
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.identified_on");
}

TEST(Need, IsNotIdentifiedAfterToday) {
  v1::NeedIdentified need = ReadingNeed();
  *need.mutable_identified_on() = D(2026, 11, 25);
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.identified_on");
}

TEST(Need, SaysWhetherParentsAgree) {
  v1::NeedIdentified need = ReadingNeed();
  need.clear_parents_agree();
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.parents_agree");
}

TEST(Need, HasACensusType) {
  v1::NeedIdentified need = ReadingNeed();
  need.clear_census_type();
  Pupil()
      .Given({Amelia()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.census_type");
}

TEST(CensusCodes, NsaIsAcceptedForAPupilOnSenSupport) {
  Pupil().Given({Amelia(), ReadingNeed(), OntoSenSupport()}).When(Identify(Nsa())).Then({Nsa()});
}

TEST(CensusCodes, NsaIsOnlyForAPupilOnSenSupport) {
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Identify(Nsa()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "need.census_type: NSA (SEN support, no specialist assessment of the type of "
                 "need) is only for a pupil on SEN support (K); this pupil's status is N");
}

TEST(CensusCodes, AnEhcPlanNeedsAnAssessedTypeOfNeed) {
  v1::NeedIdentified need = ReadingNeed();
  need.set_census_type(v1::CENSUS_NEED_TYPE_NSA);
  Pupil()
      .Given({Amelia()})
      .GivenWithIds({{"nsa-primary", need}})
      .Given({OntoSenSupport()})
      .When(Change(StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_EHC_PLAN)))
      .ThenError(StatusCode::kFailedPrecondition,
                 "change.to_status: need \"need-reading\" is recorded as NSA");
}

TEST(PrimaryNeed, ASecondaryNeedSitsBesideThePrimaryOne) {
  Pupil().Given({Amelia(), ReadingNeed()}).When(Identify(LanguageNeed())).Then({LanguageNeed()});
}

TEST(PrimaryNeed, OneAtATime) {
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Identify(NewPrimary()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "need.replaces_need_id: the pupil already has a primary need \"need-reading\"");
}

TEST(PrimaryNeed, ANewPrimaryNeedReplacesTheCurrentOne) {
  v1::NeedIdentified need = NewPrimary();
  need.set_replaces_need_id("need-reading");
  Pupil().Given({Amelia(), ReadingNeed()}).When(Identify(need)).Then({need});
}

TEST(PrimaryNeed, TheReplacingNeedBecomesThePrimaryNeed) {
  v1::NeedIdentified need = NewPrimary();
  need.set_replaces_need_id("need-reading");
  PupilState state = Fold({Amelia(), ReadingNeed(), need});
  ASSERT_NE(state.PrimaryNeed(), nullptr);
  EXPECT_EQ(state.PrimaryNeed()->current.need_id(), "need-dld");
  EXPECT_EQ(state.ReplacedBy("need-reading"), "need-dld");
  EXPECT_FALSE(state.Standing("need-reading"));
}

TEST(PrimaryNeed, TheReplacedNeedMustExist) {
  v1::NeedIdentified need = NewPrimary();
  need.set_replaces_need_id("need-maths");
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Identify(need))
      .ThenError(StatusCode::kNotFound, "need.replaces_need_id: no need \"need-maths\"");
}

TEST(PrimaryNeed, TheReplacedNeedMustBeThePrimaryOne) {
  v1::NeedIdentified need = NewPrimary();
  need.set_replaces_need_id("need-language");
  Pupil()
      .Given({Amelia(), ReadingNeed(), LanguageNeed()})
      .When(Identify(need))
      .ThenError(StatusCode::kFailedPrecondition,
                 "\"need-language\" is not the pupil's primary need; the primary need is "
                 "\"need-reading\"");
}

TEST(PrimaryNeed, OnlyAPrimaryNeedReplacesAnother) {
  v1::NeedIdentified need = LanguageNeed();
  need.set_replaces_need_id("need-reading");
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Identify(need))
      .ThenError(StatusCode::kInvalidArgument, "need.replaces_need_id: only a new primary need");
}

TEST(SenStatus, AChangeRecordsTheDecisionAndWhenParentsWereTold) {
  PupilState before = Fold({Amelia(), ReadingNeed()});
  EXPECT_EQ(before.status(), v1::SEN_STATUS_NO_SEN);
  Pupil().Given({Amelia(), ReadingNeed()}).When(Change(OntoSenSupport())).Then({OntoSenSupport()});
  EXPECT_EQ(Fold({Amelia(), ReadingNeed(), OntoSenSupport()}).status(), v1::SEN_STATUS_SEN_SUPPORT);
}

TEST(SenStatus, TheSameChangeAgainDecidesNothing) {
  Pupil()
      .Given({Amelia(), ReadingNeed(), OntoSenSupport()})
      .When(Change(OntoSenSupport()))
      .ThenNothing();
}

TEST(SenStatus, NeedsTheDateParentsWereTold) {
  v1::SenStatusChanged change = OntoSenSupport();
  change.clear_parents_informed_on();
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Change(change))
      .ThenError(StatusCode::kInvalidArgument, "change.parents_informed_on: the date is required");
}

TEST(SenStatus, NeedsTheDecisionDate) {
  v1::SenStatusChanged change = OntoSenSupport();
  change.clear_decided_on();
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Change(change))
      .ThenError(StatusCode::kInvalidArgument, "change.decided_on: the date is required");
}

TEST(SenStatus, ParentsAreToldOnOrAfterTheDecision) {
  v1::SenStatusChanged change = OntoSenSupport();
  *change.mutable_parents_informed_on() = D(2025, 10, 2);
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Change(change))
      .ThenError(StatusCode::kInvalidArgument,
                 "change.parents_informed_on: parents are told of a decision on or after it is "
                 "made (2025-10-03)");
}

TEST(SenStatus, ParentsToldOnTheDayOfTheDecisionIsAccepted) {
  v1::SenStatusChanged change = OntoSenSupport();
  *change.mutable_parents_informed_on() = D(2025, 10, 3);
  Pupil().Given({Amelia(), ReadingNeed()}).When(Change(change)).Then({change});
}

TEST(SenStatus, IsNotDecidedAfterToday) {
  v1::SenStatusChanged change = OntoSenSupport();
  *change.mutable_decided_on() = D(2026, 11, 25);
  *change.mutable_parents_informed_on() = D(2026, 11, 25);
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Change(change))
      .ThenError(StatusCode::kInvalidArgument, "change.decided_on: 2026-11-25 is after today");
}

TEST(SenStatus, StartsFromTheCurrentStatus) {
  Pupil()
      .Given({Amelia(), ReadingNeed(), OntoSenSupport()})
      .When(Change(StatusChange(v1::SEN_STATUS_NO_SEN, v1::SEN_STATUS_EHC_PLAN)))
      .ThenError(StatusCode::kFailedPrecondition,
                 "change.from_status: the pupil's status is K (SEN support), not N");
}

TEST(SenStatus, ChangesToAnotherStatus) {
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Change(StatusChange(v1::SEN_STATUS_NO_SEN, v1::SEN_STATUS_NO_SEN)))
      .ThenError(StatusCode::kInvalidArgument, "change.to_status: the new status must differ");
}

TEST(SenStatus, SenSupportNeedsAPrimaryNeedOnTheCensus) {
  Pupil()
      .Given({Amelia(), LanguageNeed()})
      .When(Change(OntoSenSupport()))
      .ThenError(StatusCode::kFailedPrecondition, "change.to_status: a pupil on SEN support");
}

TEST(SenStatus, SupportCanEnd) {
  v1::SenStatusChanged off = StatusChange(v1::SEN_STATUS_SEN_SUPPORT, v1::SEN_STATUS_NO_SEN);
  Pupil().Given({Amelia(), ReadingNeed(), OntoSenSupport()}).When(Change(off)).Then({off});
}

TEST(SenStatus, SaysWhy) {
  v1::SenStatusChanged change = OntoSenSupport();
  change.set_reason("  ");
  Pupil()
      .Given({Amelia(), ReadingNeed()})
      .When(Change(change))
      .ThenError(StatusCode::kInvalidArgument, "change.reason");
}

}  // namespace
}  // namespace endeavour::domain::testing
