// Who the pupils are, how a script of requests is put in order, and the pupils with no SEN.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "clients/demo/demo_catalogue.h"
#include "clients/demo/demo_story.h"

namespace endeavour::demo {
namespace {

// The school year (by the calendar year it begins in) that `date` falls in.
int SchoolYearOf(const v1::Date& date) { return date.month() >= 9 ? date.year() : date.year() - 1; }

// A plausible typing slip: two letters of the surname swapped.
std::string Misspell(const std::string& surname) {
  std::string slip = surname;
  if (slip.size() >= 4) std::swap(slip[2], slip[3]);
  if (slip == surname) slip += "e";
  return slip;
}

}  // namespace

std::vector<PupilRequest> PupilScript::Finish() && {
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.day < b.day; });
  std::vector<PupilRequest> requests;
  requests.reserve(entries_.size());
  for (Entry& entry : entries_) requests.push_back(std::move(entry.request));
  return requests;
}

PupilBasics MakeBasics(const SchoolFrame& frame, int index) {
  DemoRandom rng = DemoRandom::For(frame.seed, "pupil", static_cast<uint64_t>(index));
  PupilBasics pupil;
  pupil.index = index;
  pupil.pupil_id = absl::StrCat(frame.id_prefix, "-", 1001 + index);
  const auto [first, surname] = frame.names[static_cast<size_t>(index) % frame.names.size()];
  pupil.first_name = std::string(FirstNames()[static_cast<size_t>(first)]);
  pupil.surname = std::string(Surnames()[static_cast<size_t>(surname)]);
  pupil.year_group = index % 7;
  // Born in the school year that puts them in their year group: September to August.
  const int cohort = SchoolYearOf(frame.start) - pupil.year_group;
  pupil.date_of_birth = domain::AddDays(MakeDate(cohort - 5, 9, 1), rng.Between(0, 364));
  // Most started in Reception; some joined later.
  const v1::Date reception = NextSchoolDay(MakeDate(cohort, 9, 3));
  pupil.registered_on = reception;
  if (pupil.year_group > 0 && rng.Percent(15)) {
    pupil.registered_on =
        NextSchoolDay(domain::AddDays(reception, rng.Between(60, 365 * pupil.year_group)));
  }
  if (domain::CompareDates(pupil.registered_on, frame.start) > 0) pupil.registered_on = frame.start;
  const char* title = rng.Percent(70) ? "Mrs" : "Mr";
  pupil.parent = absl::StrCat(title, " ", rng.Pick(ParentNames()), " ", pupil.surname);
  return pupil;
}

v1::PupilRegistered Registration(const PupilBasics& pupil) {
  v1::PupilRegistered registered;
  registered.set_pupil_id(pupil.pupil_id);
  registered.set_display_name(absl::StrCat(pupil.first_name, " ", pupil.surname));
  *registered.mutable_date_of_birth() = pupil.date_of_birth;
  registered.set_year_group(pupil.year_group);
  *registered.mutable_registered_on() = pupil.registered_on;
  return registered;
}

DemoPupil OrdinaryPupil(const SchoolFrame& frame, const PupilBasics& pupil, bool misspelt) {
  PupilScript script(pupil.pupil_id);
  const v1::PupilRegistered right = Registration(pupil);
  v1::RegisterPupilRequest request;
  *request.mutable_command()->mutable_pupil() = right;
  if (misspelt) {
    request.mutable_command()->mutable_pupil()->set_display_name(
        absl::StrCat(pupil.first_name, " ", Misspell(pupil.surname)));
  }
  const std::string registration = script.Add(frame.start, request);
  if (misspelt) {
    v1::CorrectRecordRequest correct;
    v1::RecordCorrected* correction = correct.mutable_command()->mutable_correction();
    correction->set_corrected_event_id(registration);
    correction->set_reason("Surname misspelt at registration; corrected from the admission form");
    correction->set_corrected_event_type(v1::PupilRegistered::descriptor()->full_name());
    correction->set_corrected_payload(right.SerializeAsString());
    script.Add(AddSchoolDays(frame.start, 6), correct);
  }
  return DemoPupil{pupil.pupil_id, right.display_name(), std::move(script).Finish()};
}

}  // namespace endeavour::demo
