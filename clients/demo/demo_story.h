// Inside the demo school's generator: how one pupil's requests are gathered and ordered, who the
// pupil is, and the story their SEN record tells. Used by the demo_*.cc files only.
#ifndef ENDEAVOUR_CLIENTS_DEMO_DEMO_STORY_H_
#define ENDEAVOUR_CLIENTS_DEMO_DEMO_STORY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/demo/demo_calendar.h"
#include "clients/demo/demo_random.h"
#include "clients/demo/demo_school.h"
#include "services/domain/dates.h"

namespace endeavour::demo {

// What every pupil's story shares.
struct SchoolFrame {
  uint64_t seed = 1;
  v1::Date start;
  v1::Date end;
  std::vector<Term> terms;
  // "demo1": begins every pupil id and command id of this seed.
  std::string id_prefix;
  // Pupil i's first name and surname (indices into FirstNames() and Surnames()): every pair
  // shuffled once, so no two pupils share a whole name until the pairs run out.
  std::vector<std::pair<int, int>> names;
};

struct PupilBasics {
  int index = 0;
  std::string pupil_id;
  std::string first_name;
  std::string surname;
  v1::Date date_of_birth;
  // At the start of the record (Reception = 0).
  int year_group = 0;
  // When the pupil joined their first school.
  v1::Date registered_on;
  // "Mrs Sarah Ashworth".
  std::string parent;
};

enum class Story {
  kSteady,       // continue and refine
  kImproving,    // support reduced as the pupil makes accelerated progress
  kEscalating,   // specialist advice sought, sometimes a new primary need
  kEhcRequest,   // rigorous cycles, advice, then an EHC needs assessment request
  kEhcPlan,      // already has an EHC plan when the record begins
  kOffRegister,  // no longer needs SEN support: off the register before the end
  kTransferIn,   // arrived from another school with their history
};

struct SenProfile {
  Story story = Story::kSteady;
  v1::AreaOfNeed area = v1::AREA_OF_NEED_UNSPECIFIED;
  // Assess-Plan-Do-Review cycles, 1 to 4.
  int cycles = 1;
  // Slips the SENCO makes in this pupil's record and puts right.
  bool corrects_session = false;
  bool retracts_duplicate_session = false;
  bool corrects_need = false;
  bool corrects_review = false;
};

// The event a command records: endeavourd names the i-th event a command decides
// "<command id>.<i>" (services/command_handler.h, DecidedEventId), and every pupil command decides
// one, so a correction can name its target before anything is sent.
inline std::string EventIdOf(const std::string& command_id) { return command_id + ".0"; }

// One pupil's requests as they are made up, each with the day it is given on. Finish orders them
// by that day, those of one day in the order added, so a fact added with a later date (advice that
// arrives weeks after it was asked for) lands where it belongs.
class PupilScript {
 public:
  explicit PupilScript(std::string pupil_id) : pupil_id_(std::move(pupil_id)) {}

  // Adds `request` given on `today` under the next command id; returns the id of its event.
  template <typename Request>
  std::string Add(const v1::Date& today, Request request) {
    const std::string command_id =
        absl::StrCat(pupil_id_, "-", absl::StrFormat("%04d", entries_.size() + 1));
    request.mutable_header()->set_command_id(command_id);
    *request.mutable_header()->mutable_today() = today;
    request.set_pupil_id(pupil_id_);
    entries_.push_back(Entry{domain::DayNumber(today), PupilRequest(std::move(request))});
    return EventIdOf(command_id);
  }

  std::vector<PupilRequest> Finish() &&;

 private:
  struct Entry {
    int64_t day;
    PupilRequest request;
  };
  std::string pupil_id_;
  std::vector<Entry> entries_;
};

// Who pupil `index` is: name, date of birth, year group (Reception to Year 6).
PupilBasics MakeBasics(const SchoolFrame& frame, int index);
v1::PupilRegistered Registration(const PupilBasics& pupil);

// A pupil with no special educational needs: registered on the first day. `misspelt`: the name
// was typed wrongly and the registration is corrected a few days later.
DemoPupil OrdinaryPupil(const SchoolFrame& frame, const PupilBasics& pupil, bool misspelt);

// A pupil on the SEN register at some point (demo_sen_pupil.cc, demo_cycle.cc).
DemoPupil SenPupil(const SchoolFrame& frame, const PupilBasics& pupil, const SenProfile& profile);

// The self-evaluation: two rounds of ratings of every key statement, each with improvement
// actions for the largest gaps (demo_self_evaluation.cc).
std::vector<SchoolRequest> SelfEvaluationRequests(const SchoolFrame& frame);

}  // namespace endeavour::demo

#endif  // ENDEAVOUR_CLIENTS_DEMO_DEMO_STORY_H_
