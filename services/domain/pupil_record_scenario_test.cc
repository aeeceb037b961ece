// Amelia through three Assess-Plan-Do-Review-Learn cycles in Year 4 (2025-26), as the seeds
// describe them: assessed and put on SEN support; plan 1 with daily precision teaching and group
// phonics, adjusted after half term, reviewed (refine); plan 2 carrying what was learnt, with an
// educational psychologist's advice asked for and received and a mistyped session corrected,
// reviewed (seek specialist advice); plan 3 built on that advice, its intervention modified on a
// specialist teacher's advice, reviewed (request an EHC needs assessment), and the request. Every
// command is decided on the record as it stands on the day it is given and what it decides is
// folded in, as the command handler does; the state is checked after each step.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

// 0 for Sunday, 1 for Monday, ... (Sakamoto's method).
int Weekday(const v1::Date& d) {
  static constexpr int kT[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = d.year() - (d.month() < 3 ? 1 : 0);
  return (y + y / 4 - y / 100 + y / 400 + kT[d.month() - 1] + d.day()) % 7;
}

v1::Date Next(v1::Date d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = d.year() % 4 == 0 && (d.year() % 100 != 0 || d.year() % 400 == 0);
  int days = d.month() == 2 && leap ? 29 : kDays[d.month() - 1];
  if (d.day() < days) return D(d.year(), d.month(), d.day() + 1);
  return d.month() == 12 ? D(d.year() + 1, 1, 1) : D(d.year(), d.month() + 1, 1);
}

std::string Iso(const v1::Date& d) {
  return absl::StrCat(d.year(), "-", d.month() < 10 ? "0" : "", d.month(), "-",
                      d.day() < 10 ? "0" : "", d.day());
}

bool Before(const v1::Date& a, const v1::Date& b) { return Iso(a) < Iso(b); }

// Everything a state recorded, as text: equal for states that recorded the same.
template <typename Message>
void Add(const Recorded<Message>& fact, std::string& out) {
  absl::StrAppend(&out, fact.event_id, "#", fact.ordinal, fact.retracted ? " retracted" : "", ": ",
                  fact.current.ShortDebugString(), " / ", fact.original().ShortDebugString(), "\n");
}
template <typename Facts>
void AddAll(const Facts& facts, std::string& out) {
  for (const auto& [key, fact] : facts) {
    absl::StrAppend(&out, key, " ");
    Add(fact, out);
  }
}
std::string Digest(const PupilState& s) {
  std::string out;
  std::map<std::string, const EventRef*> events;
  for (const auto& [id, ref] : s.events) events[id] = &ref;
  for (const auto& [id, ref] : events) {
    absl::StrAppend(&out, id, " ", ref->type(), " ", ref->key, " #", ref->ordinal,
                    ref->corrected() ? " corrected" : "", ref->retracted() ? " retracted" : "",
                    "\n");
  }
  if (s.pupil) Add(*s.pupil, out);
  for (const auto& change : s.status_changes) Add(change, out);
  for (const auto& plan : s.plans) Add(plan, out);
  AddAll(s.needs, out);
  AddAll(s.sessions, out);
  AddAll(s.reviews, out);
  AddAll(s.adjustments, out);
  AddAll(s.advice_requests, out);
  AddAll(s.advice_received, out);
  AddAll(s.ehc_requests, out);
  return out;
}

// One provision's timetable: its minutes and the weekdays it runs (1 = Monday).
struct Timetable {
  std::string provision;
  int minutes;
  std::vector<int> weekdays;
};

// A session that did not go as timetabled.
struct Exception {
  v1::Attendance attendance;
  std::string reason;
};

class ThreeCycles : public ::testing::Test {
 protected:
  // Decides `command` on the record as it stands on `today` and folds what was decided. Returns
  // the new events' ids.
  std::vector<std::string> Do(const PupilCommand& command, const v1::Date& today) {
    absl::StatusOr<std::vector<PupilEvent>> decided =
        PupilRecord::Decide(command, state_, Today(today.year(), today.month(), today.day()));
    EXPECT_TRUE(decided.ok()) << decided.status();
    std::vector<std::string> ids;
    if (!decided.ok()) return ids;
    for (const PupilEvent& event : *decided) {
      ids.push_back(absl::StrCat("event-", ++events_));
      state_ = PupilRecord::Evolve(std::move(state_), ids.back(), event);
      PupilRecord::EvolveInPlace(in_place_, ids.back(), PupilEvent(event));
    }
    return ids;
  }

  // Folding in place must record exactly what Evolve records.
  void TearDown() override { EXPECT_EQ(Digest(in_place_), Digest(state_)); }

  std::string DoOne(const PupilCommand& command, const v1::Date& today) {
    std::vector<std::string> ids = Do(command, today);
    EXPECT_EQ(ids.size(), 1u);
    return ids.empty() ? "" : ids.front();
  }

  // Logs the sessions of `plan_id` on each timetabled school day from `from` to `to`, except
  // during `holiday` (inclusive), with `exceptions` by session id.
  void Deliver(const std::string& plan_id, v1::Date from, const v1::Date& to,
               const std::vector<Timetable>& timetable,
               const std::map<std::string, Exception>& exceptions = {},
               std::pair<v1::Date, v1::Date> holiday = {}) {
    for (v1::Date day = from; !Before(to, day); day = Next(day)) {
      if (!Before(day, holiday.first) && !Before(holiday.second, day)) continue;
      for (const Timetable& t : timetable) {
        if (std::find(t.weekdays.begin(), t.weekdays.end(), Weekday(day)) == t.weekdays.end()) {
          continue;
        }
        v1::InterventionDelivered session = Session(
            absl::StrCat(plan_id, "/", t.provision, "/", Iso(day)), day, t.provision, plan_id);
        session.set_minutes(t.minutes);
        session.set_engagement(day.day() % 3 == 0 ? v1::ENGAGEMENT_MOSTLY_ENGAGED
                                                  : v1::ENGAGEMENT_FULLY_ENGAGED);
        if (auto e = exceptions.find(session.session_id()); e != exceptions.end()) {
          session.set_attendance(e->second.attendance);
          session.set_minutes(0);
          session.clear_engagement();
          if (e->second.attendance == v1::ATTENDANCE_CANCELLED) {
            session.set_cancellation_reason(e->second.reason);
          } else {
            session.set_note(e->second.reason);
          }
        }
        session_events_[session.session_id()] = DoOne(Log(session), day);
      }
    }
  }

  void ExpectTally(const std::string& plan_id, int logged, int attended, int pupil_absent,
                   int staff_absent, int cancelled, int minutes) {
    SessionTally t = state_.Tally(plan_id);
    EXPECT_EQ(t.logged, logged) << plan_id;
    EXPECT_EQ(t.attended, attended) << plan_id;
    EXPECT_EQ(t.pupil_absent, pupil_absent) << plan_id;
    EXPECT_EQ(t.staff_absent, staff_absent) << plan_id;
    EXPECT_EQ(t.cancelled, cancelled) << plan_id;
    EXPECT_EQ(t.minutes, minutes) << plan_id;
  }

  std::string ActivePlanId() const {
    return state_.ActivePlan() == nullptr ? "" : state_.ActivePlan()->current.plan_id();
  }

  void Assess();
  void FirstCycle();
  void SecondCycle();
  void SpecialistAdviceModifiesTheIntervention();
  void ThirdCycle();

  PupilState state_;
  PupilState in_place_;  // the same events folded with EvolveInPlace
  int events_ = 0;
  std::map<std::string, std::string> session_events_;
};

void ThreeCycles::Assess() {
  DoOne(Register(Amelia()), D(2021, 9, 6));
  EXPECT_TRUE(state_.registered());
  EXPECT_EQ(state_.status(), v1::SEN_STATUS_NO_SEN);

  DoOne(Identify(ReadingNeed()), D(2025, 10, 1));
  DoOne(Identify(LanguageNeed()), D(2025, 10, 1));
  ASSERT_NE(state_.PrimaryNeed(), nullptr);
  EXPECT_EQ(state_.PrimaryNeed()->current.need_id(), "need-reading");

  DoOne(Change(OntoSenSupport()), D(2025, 10, 6));
  EXPECT_EQ(state_.status(), v1::SEN_STATUS_SEN_SUPPORT);
  EXPECT_EQ(state_.ActivePlan(), nullptr);
  EXPECT_EQ(state_.LastCycle(), 0);
}

void ThreeCycles::FirstCycle() {
  DoOne(Agree(FirstPlan()), D(2025, 10, 8));
  EXPECT_EQ(ActivePlanId(), "plan-1");
  EXPECT_EQ(state_.LastCycle(), 1);

  const std::vector<Timetable> before_adjustment = {{"pt", 10, {1, 2, 3, 4, 5}},
                                                    {"phonics", 20, {1, 3, 5}}};
  Deliver("plan-1", D(2025, 10, 9), D(2025, 10, 24), before_adjustment,
          {{"plan-1/pt/2025-10-16", {v1::ATTENDANCE_PUPIL_ABSENT, "Dentist appointment"}}});
  ExpectTally("plan-1", 19, 18, 1, 0, 0, 110 + 140);

  // After half term: the group of four is not working; a smaller group, one more session.
  DoOne(Adjust(Adjustment()), D(2025, 11, 3));
  EXPECT_EQ(state_.FindProvision("plan-1", "phonics")->group_size(), 2);
  EXPECT_EQ(state_.FindProvision("plan-1", "phonics")->sessions_per_week(), 4);

  const std::vector<Timetable> after_adjustment = {{"pt", 10, {1, 2, 3, 4, 5}},
                                                   {"phonics", 20, {1, 2, 3, 5}}};
  Deliver("plan-1", D(2025, 11, 3), D(2025, 11, 25), after_adjustment,
          {{"plan-1/phonics/2025-11-05",
            {v1::ATTENDANCE_CANCELLED, "Year 4 swimming moved into the intervention slot"}},
           {"plan-1/pt/2025-11-11", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}},
           {"plan-1/phonics/2025-11-11", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}},
           {"plan-1/pt/2025-11-18", {v1::ATTENDANCE_STAFF_ABSENT, "TA on a course"}},
           {"plan-1/phonics/2025-11-18", {v1::ATTENDANCE_STAFF_ABSENT, "TA on a course"}}});
  ExpectTally("plan-1", 50, 44, 3, 2, 1, 260 + 360);

  // The TA's tablet sends a session twice: recorded once.
  v1::InterventionDelivered again = state_.sessions.at("plan-1/pt/2025-11-25").original();
  EXPECT_TRUE(Do(Log(again), D(2025, 11, 25)).empty());
  ExpectTally("plan-1", 50, 44, 3, 2, 1, 620);

  DoOne(Review(FirstReview()), D(2025, 11, 26));
  EXPECT_EQ(state_.ActivePlan(), nullptr);
  EXPECT_EQ(state_.ReviewOf("plan-1")->current.decision(), v1::REVIEW_DECISION_REFINE_PLAN);
}

v1::PlanAgreed ScenarioSecondPlan() {
  v1::PlanAgreed plan = SecondPlan();
  plan.mutable_outcomes(1)->set_outcome_id("blends");
  plan.mutable_outcomes(1)->set_success_criteria(
      "Spells 6 of 10 unseen CCVC words correctly in a weekly dictation");
  *plan.mutable_provisions(1) = Provision("tbt", "Toe by Toe", v1::WAVE_3, 3, 15, 1, 1125);
  return plan;
}

void ThreeCycles::SecondCycle() {
  DoOne(Agree(ScenarioSecondPlan()), D(2025, 12, 1));
  EXPECT_EQ(ActivePlanId(), "plan-2");
  EXPECT_EQ(state_.LastCycle(), 2);
  EXPECT_THAT(state_.ActivePlan()->current.learnt_from_previous_cycle(),
              ::testing::HasSubstr("one-to-one"));

  DoOne(AskAdvice(AdviceRequest()), D(2025, 12, 10));
  EXPECT_FALSE(state_.advice_received.contains("ep-1"));

  const std::vector<Timetable> timetable = {{"pt", 10, {1, 2, 3, 4, 5}}, {"tbt", 15, {1, 3, 5}}};
  Deliver("plan-2", D(2025, 12, 2), D(2026, 1, 19), timetable,
          {{"plan-2/pt/2025-12-09", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}},
           {"plan-2/tbt/2025-12-17", {v1::ATTENDANCE_CANCELLED, "Christmas play dress rehearsal"}},
           {"plan-2/pt/2026-01-14", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}},
           {"plan-2/tbt/2026-01-14", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}}},
          {D(2025, 12, 20), D(2026, 1, 5)});

  // 100 minutes typed for a 10-minute session, corrected the next day.
  v1::InterventionDelivered mistyped =
      Session("plan-2/pt/2026-01-20", D(2026, 1, 20), "pt", "plan-2");
  mistyped.set_minutes(100);
  const std::string mistyped_event = DoOne(Log(mistyped), D(2026, 1, 20));
  ExpectTally("plan-2", 39, 35, 3, 0, 1, 220 + 100 + 180);
  v1::InterventionDelivered fixed = mistyped;
  fixed.set_minutes(10);
  DoOne(Correct(Correction(mistyped_event, fixed, "100 typed for 10; the TA's log says 10")),
        D(2026, 1, 21));
  EXPECT_TRUE(state_.IsCorrected(mistyped_event));
  EXPECT_FALSE(state_.IsRetracted(mistyped_event));
  EXPECT_EQ(state_.sessions.at("plan-2/pt/2026-01-20").original().minutes(), 100);
  EXPECT_EQ(state_.sessions.at("plan-2/pt/2026-01-20").current.minutes(), 10);
  ExpectTally("plan-2", 39, 35, 3, 0, 1, 220 + 10 + 180);

  Deliver("plan-2", D(2026, 1, 21), D(2026, 1, 23), timetable);
  DoOne(ReceiveAdvice(Advice()), D(2026, 1, 26));
  EXPECT_TRUE(state_.advice_received.contains("ep-1"));
  Deliver("plan-2", D(2026, 1, 26), D(2026, 2, 3), timetable);
  ExpectTally("plan-2", 55, 51, 3, 0, 1, 330 + 270);

  v1::ReviewHeld review = FirstReview();
  review.set_review_id("review-2");
  review.set_plan_id("plan-2");
  *review.mutable_held_on() = D(2026, 2, 4);
  *review.mutable_invitees(0)->mutable_invited_on() = D(2026, 1, 21);
  *review.mutable_outcomes(0) = Progress("hfw", v1::OUTCOME_PROGRESS_MET, "Probe: 72 of 100");
  *review.mutable_outcomes(1) = Progress("blends", v1::OUTCOME_PROGRESS_NOT_MET, "2 of 10");
  review.set_professional_views("EP: phonological processing is the barrier; see report.");
  review.set_decision(v1::REVIEW_DECISION_SEEK_SPECIALIST_ADVICE);
  review.set_learnt(
      "Sight vocabulary responds to precision teaching; spelling needs a "
      "multisensory programme and a specialist teacher's advice.");
  *review.mutable_next_review_date() = D(2026, 3, 25);
  DoOne(Review(review), D(2026, 2, 4));
  EXPECT_EQ(state_.ActivePlan(), nullptr);
  EXPECT_EQ(state_.LastCycle(), 2);
}

v1::PlanAgreed ThirdPlan() {
  v1::PlanAgreed plan = ScenarioSecondPlan();
  plan.set_plan_id("plan-3");
  plan.set_cycle(3);
  *plan.mutable_agreed_on() = D(2026, 2, 9);
  *plan.mutable_review_date() = D(2026, 3, 25);
  plan.mutable_outcomes()->DeleteSubrange(0, 1);
  *plan.add_outcomes() =
      Outcome("phonemes", "Segments and blends four-phoneme words orally",
              "Segments 8 of 10 spoken CCVC words into phonemes on two probes in a row",
              "Fortnightly phonological awareness probe", "Ms Adeyemi (specialist teacher)",
              D(2026, 3, 25));
  for (auto& outcome : *plan.mutable_outcomes()) *outcome.mutable_target_date() = D(2026, 3, 25);
  *plan.mutable_provisions(1) = Provision(
      "sms", "Multisensory structured spelling (Units of Sound)", v1::WAVE_3, 5, 20, 1, 2500);
  plan.set_learnt_from_previous_cycle(
      "Precision teaching secured sight words (outcome met); Toe by Toe did not move spelling. EP "
      "found weak phonological awareness and verbal working memory with visual strengths: daily "
      "multisensory spelling replaces Toe by Toe.");
  return plan;
}

// The specialist teacher's advice arrives mid-cycle and modifies the intervention; the resource
// stays the same.
void ThreeCycles::SpecialistAdviceModifiesTheIntervention() {
  v1::ExternalAdviceReceived sts = Advice();
  sts.set_request_id("sts-1");
  *sts.mutable_received_on() = D(2026, 2, 27);
  sts.set_advised_by("Ms Adeyemi, specialist teacher (literacy)");
  sts.set_summary("Units of Sound is the right programme; add daily overlearning.");
  DoOne(ReceiveAdvice(sts), D(2026, 2, 27));
  EXPECT_TRUE(state_.advice_received.contains("sts-1"));

  v1::PlanAdjusted overlearning = Adjustment();
  overlearning.set_adjustment_id("adj-2");
  overlearning.set_plan_id("plan-3");
  overlearning.set_provision_id("sms");
  *overlearning.mutable_adjusted_on() = D(2026, 3, 2);
  overlearning.set_resource_change(v1::RESOURCE_CHANGE_NONE);
  overlearning.set_intervention_modified(true);
  *overlearning.mutable_provision() = ThirdPlan().provisions(1);
  overlearning.mutable_provision()->set_intervention(
      "Multisensory structured spelling (Units of Sound) with daily overlearning cards");
  overlearning.set_reason("Specialist teacher's advice of 2026-02-27");
  DoOne(Adjust(overlearning), D(2026, 3, 2));
  EXPECT_THAT(state_.FindProvision("plan-3", "sms")->intervention(),
              ::testing::HasSubstr("overlearning"));
}

void ThreeCycles::ThirdCycle() {
  DoOne(AskAdvice([] {
          v1::ExternalAdviceRequested r = AdviceRequest();
          r.set_request_id("sts-1");
          r.set_service(v1::EXTERNAL_SERVICE_SPECIALIST_TEACHING_SERVICE);
          *r.mutable_requested_on() = D(2026, 2, 5);
          r.set_question("How should the EP's recommendations be put into a daily programme?");
          return r;
        }()),
        D(2026, 2, 5));
  DoOne(Agree(ThirdPlan()), D(2026, 2, 9));
  EXPECT_EQ(ActivePlanId(), "plan-3");
  EXPECT_EQ(state_.LastCycle(), 3);

  const std::vector<Timetable> timetable = {{"pt", 10, {1, 2, 3, 4, 5}},
                                            {"sms", 20, {1, 2, 3, 4, 5}}};
  Deliver("plan-3", D(2026, 2, 10), D(2026, 2, 27), timetable, {},
          {D(2026, 2, 14), D(2026, 2, 22)});
  ExpectTally("plan-3", 18, 18, 0, 0, 0, 90 + 180);

  SpecialistAdviceModifiesTheIntervention();
  Deliver("plan-3", D(2026, 3, 2), D(2026, 3, 24), timetable,
          {{"plan-3/pt/2026-03-04", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}},
           {"plan-3/sms/2026-03-04", {v1::ATTENDANCE_PUPIL_ABSENT, "Ill"}},
           {"plan-3/sms/2026-03-12",
            {v1::ATTENDANCE_CANCELLED, "Multiplication check practice for the whole class"}}});
  ExpectTally("plan-3", 52, 49, 2, 0, 1, 250 + 480);

  v1::ReviewHeld review = FirstReview();
  review.set_review_id("review-3");
  review.set_plan_id("plan-3");
  *review.mutable_held_on() = D(2026, 3, 25);
  *review.mutable_invitees(0)->mutable_invited_on() = D(2026, 3, 4);
  review.clear_outcomes();
  *review.add_outcomes() = Progress("blends", v1::OUTCOME_PROGRESS_NOT_MET, "3 of 10 unseen");
  *review.add_outcomes() = Progress("phonemes", v1::OUTCOME_PROGRESS_PARTLY_MET, "5 of 10");
  review.set_decision(v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT);
  review.set_decision_reason(
      "Significant concerns remain after three rigorous cycles and two "
      "specialists' advice put in place; the gap to peers is widening.");
  *review.mutable_next_review_date() = D(2026, 5, 20);
  DoOne(Review(review), D(2026, 3, 25));
  EXPECT_EQ(state_.ActivePlan(), nullptr);
  EXPECT_EQ(state_.ReviewOf("plan-3")->current.decision(),
            v1::REVIEW_DECISION_REQUEST_EHC_NEEDS_ASSESSMENT);

  DoOne(AskEhc(EhcRequest()), D(2026, 3, 30));
  EXPECT_TRUE(state_.ehc_requests.contains("ehc-1"));
}

TEST_F(ThreeCycles, AssessThenTheFirstCycleIsRefined) {
  Assess();
  FirstCycle();
}

TEST_F(ThreeCycles, TheSecondCycleCarriesWhatWasLearntAndSeeksAdvice) {
  Assess();
  FirstCycle();
  SecondCycle();
}

TEST_F(ThreeCycles, TheThirdCycleEscalatesToAnEhcNeedsAssessment) {
  Assess();
  FirstCycle();
  SecondCycle();
  ThirdCycle();
  EXPECT_EQ(state_.plans.size(), 3u);
  EXPECT_EQ(state_.reviews.size(), 3u);
  EXPECT_EQ(state_.sessions.size(), 50u + 55u + 52u);
  EXPECT_EQ(state_.status(), v1::SEN_STATUS_SEN_SUPPORT);
  int corrected = 0;
  for (const auto& [id, ref] : state_.events) corrected += ref.corrected() ? 1 : 0;
  EXPECT_EQ(corrected, 1);
  // Nothing more can happen in the cycle that has ended.
  absl::StatusOr<std::vector<PupilEvent>> late = PupilRecord::Decide(
      Log(Session("plan-3/pt/late", D(2026, 3, 24), "pt", "plan-3")), state_, Today(2026, 3, 31));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace endeavour::domain::testing
