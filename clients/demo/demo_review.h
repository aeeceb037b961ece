// Inside the demo generator: the words of a demo pupil's cycle (views, notes, what was learnt),
// the review that ends it, and how each decision changes the next plan's provision.
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_REVIEW_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_REVIEW_H_

#include <string>

#include "absl/strings/string_view.h"
#include "clients/demo/demo_cycle.h"

namespace endeavour::demo {

// What a cycle's sessions came to: planned by the timetable, and attended.
struct Delivery {
  int planned = 0;
  int attended = 0;
};

// Reduce support, continue, no longer needs SEN support: the pupil made the progress hoped for.
bool GoodDecision(v1::ReviewDecision decision);

// The class teacher of the pupil's class on `date` (they move up each September).
absl::string_view ClassTeacherOn(const StoryState& state, const v1::Date& date);

std::string ParentPlanView(StoryState& state);
std::string PupilPlanView(StoryState& state, const ProvisionChoice& provision);
// What the previous cycle taught, and any advice received since, for a new plan.
std::string LearntForPlan(StoryState& state, const v1::Date& agreed_on);

v1::Engagement SessionEngagement(StoryState& state, bool good);
std::string SessionNote(StoryState& state, bool good);

v1::ReviewHeld BuildReview(StoryState& state, const v1::PlanAgreed& plan, const CycleDates& dates,
                           v1::ReviewDecision decision, const v1::Date& next_review,
                           const Delivery& delivery);

// Parent views sent in after the meeting: the review corrected a few days later.
void CorrectReview(StoryState& state, const v1::ReviewHeld& review, const std::string& event_id);

// The next plan's provision after `decision`: the same, more, less, or done differently.
void ChangeProvisions(StoryState& state, v1::ReviewDecision decision);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_REVIEW_H_
