#include "projections/views.h"

#include <map>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "projections/best_endeavours_history.h"
#include "projections/current_plan.h"
#include "projections/pupil_file.h"
#include "projections/register_entry.h"
#include "projections/school_overview.h"
#include "projections/self_evaluation_file.h"
#include "projections/self_evaluation_trends.h"
#include "projections/stored_view.h"
#include "services/domain/dates.h"
#include "services/domain/streams.h"

namespace endeavour::projections {
namespace {

absl::Status CheckTenant(const std::string& tenant) {
  if (tenant.empty()) return absl::InvalidArgumentError("tenant: must not be empty");
  if (absl::StrContains(tenant, '/')) {
    return absl::InvalidArgumentError("tenant: must not contain '/'");
  }
  return absl::OkStatus();
}

absl::Status CheckPupil(const std::string& tenant, const std::string& pupil_id) {
  if (absl::Status s = CheckTenant(tenant); !s.ok()) return s;
  if (pupil_id.empty()) return absl::InvalidArgumentError("pupil_id: must not be empty");
  return absl::OkStatus();
}

v1::Date DateOf(absl::Time time) {
  const absl::CivilDay day = absl::ToCivilDay(time, absl::UTCTimeZone());
  v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

v1::Date Today(const ViewQuery& query) {
  if (domain::IsDateSet(query.today)) return query.today;
  switch (query.as_of.kind) {
    case AsOf::Kind::kOccurredOn:
      return query.as_of.occurred_on;
    case AsOf::Kind::kRecordedAt:
      return DateOf(query.as_of.recorded_at);
    default:
      return DateOf(absl::Now());
  }
}

absl::Status CheckAsOf(const eventstore::EventStore& store, const AsOf& as_of) {
  if (as_of.kind == AsOf::Kind::kPosition && as_of.position > store.HeadPosition()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "as_of.position: ", as_of.position, " is past the log's head, ", store.HeadPosition()));
  }
  if (as_of.kind == AsOf::Kind::kOccurredOn && !domain::IsRealDate(as_of.occurred_on)) {
    return absl::InvalidArgumentError("as_of.occurred_on: not a real date between 1900 and 2200");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::EventEnvelope>> ReadWholeStream(const eventstore::EventStore& store,
                                                               const std::string& stream_id) {
  std::vector<v1::EventEnvelope> events;
  uint64_t from = 1;
  while (true) {
    absl::StatusOr<eventstore::StreamPage> page =
        store.ReadStream(stream_id, from, eventstore::ReadDirection::kForwards, 1000);
    if (!page.ok()) return page.status();
    for (eventstore::StoredEvent& event : page->events) events.push_back(std::move(event.envelope));
    if (page->end_of_stream) return events;
    from = page->next_version;
  }
}

// Folds the selected events of a stream into a scratch file; NOT_FOUND when none is selected.
template <typename File>
absl::StatusOr<File> FoldAsOf(const std::vector<v1::EventEnvelope>& stream, const AsOf& as_of,
                              const std::string& not_found) {
  absl::StatusOr<std::vector<const v1::EventEnvelope*>> selected = SelectAsOf(stream, as_of);
  if (!selected.ok()) return selected.status();
  if (selected->empty()) return absl::NotFoundError(not_found);
  File file;
  for (const v1::EventEnvelope* e : *selected) {
    if (absl::Status s = file.Apply(*e); !s.ok()) return s;
  }
  return file;
}

template <typename View>
absl::StatusOr<View> ReadStored(const ProjectionRunner& runner, const std::string& key,
                                const ViewQuery& query, const std::string& not_found) {
  if (query.wait_for_position > 0) {
    if (absl::Status s = runner.WaitFor(query.wait_for_position, query.wait_deadline); !s.ok()) {
      return s;
    }
  }
  absl::StatusOr<std::optional<std::string>> stored = runner.Get(key);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return absl::NotFoundError(not_found);
  View view;
  if (absl::Status s = DecodeView(**stored, key, &view); !s.ok()) return s;
  return view;
}

std::string NoPupil(const std::string& tenant, const std::string& pupil_id) {
  return absl::StrCat("pupil_id: school ", tenant, " has no record of pupil ", pupil_id);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Views>> Views::Start(eventstore::EventStore& store,
                                                    eventstore::StateStore& state,
                                                    ViewsOptions options) {
  std::unique_ptr<Views> views(new Views(store));
  absl::StatusOr<std::unique_ptr<ProjectionRunner>> pupil = ProjectionRunner::Start(
      store, state, MakePupilViewsProjection(store, options.cache), options.runner);
  if (!pupil.ok()) return pupil.status();
  views->pupil_runner_ = std::move(*pupil);
  absl::StatusOr<std::unique_ptr<ProjectionRunner>> school = ProjectionRunner::Start(
      store, state, MakeSelfEvaluationProjection(store, options.cache), options.runner);
  if (!school.ok()) return school.status();
  views->school_runner_ = std::move(*school);
  return views;
}

absl::StatusOr<v1::CurrentPlan> Views::CurrentPlan(const std::string& tenant,
                                                   const std::string& pupil_id,
                                                   const ViewQuery& query) const {
  if (absl::Status s = CheckPupil(tenant, pupil_id); !s.ok()) return s;
  if (absl::Status s = CheckAsOf(store_, query.as_of); !s.ok()) return s;
  const std::string stream = domain::PupilStreamId(tenant, pupil_id);
  absl::StatusOr<v1::CurrentPlan> plan;
  if (query.as_of.kind == AsOf::Kind::kNow) {
    plan = ReadStored<v1::CurrentPlan>(*pupil_runner_, PlanKey(stream), query,
                                       NoPupil(tenant, pupil_id));
  } else {
    absl::StatusOr<std::vector<v1::EventEnvelope>> events = ReadWholeStream(store_, stream);
    if (!events.ok()) return events.status();
    absl::StatusOr<PupilFile> file =
        FoldAsOf<PupilFile>(*events, query.as_of, NoPupil(tenant, pupil_id));
    if (!file.ok()) return file.status();
    plan = RenderCurrentPlan(*file);
  }
  if (plan.ok()) FillCurrentPlanAsOf(Today(query), *plan);
  return plan;
}

absl::StatusOr<v1::BestEndeavoursHistory> Views::History(const std::string& tenant,
                                                         const std::string& pupil_id,
                                                         const ViewQuery& query) const {
  if (absl::Status s = CheckPupil(tenant, pupil_id); !s.ok()) return s;
  if (absl::Status s = CheckAsOf(store_, query.as_of); !s.ok()) return s;
  const std::string stream = domain::PupilStreamId(tenant, pupil_id);
  if (query.as_of.kind == AsOf::Kind::kNow) {
    return ReadStored<v1::BestEndeavoursHistory>(*pupil_runner_, HistoryKey(stream), query,
                                                 NoPupil(tenant, pupil_id));
  }
  absl::StatusOr<std::vector<v1::EventEnvelope>> events = ReadWholeStream(store_, stream);
  if (!events.ok()) return events.status();
  absl::StatusOr<PupilFile> file =
      FoldAsOf<PupilFile>(*events, query.as_of, NoPupil(tenant, pupil_id));
  if (!file.ok()) return file.status();
  return RenderHistory(*file);
}

absl::StatusOr<v1::SelfEvaluationTrends> Views::SelfEvaluationTrends(const std::string& tenant,
                                                                     const ViewQuery& query) const {
  if (absl::Status s = CheckTenant(tenant); !s.ok()) return s;
  if (absl::Status s = CheckAsOf(store_, query.as_of); !s.ok()) return s;
  const std::string stream = domain::SelfEvaluationStreamId(tenant);
  const std::string none = absl::StrCat("tenant: school ", tenant, " has no self-evaluation");
  absl::StatusOr<v1::SelfEvaluationTrends> trends;
  if (query.as_of.kind == AsOf::Kind::kNow) {
    trends = ReadStored<v1::SelfEvaluationTrends>(*school_runner_, TrendsKey(stream), query, none);
  } else {
    absl::StatusOr<std::vector<v1::EventEnvelope>> events = ReadWholeStream(store_, stream);
    if (!events.ok()) return events.status();
    absl::StatusOr<SelfEvaluationFile> file =
        FoldAsOf<SelfEvaluationFile>(*events, query.as_of, none);
    if (!file.ok()) return file.status();
    trends = RenderTrends(*file);
  }
  if (trends.ok()) FillTrendsAsOf(Today(query), *trends);
  return trends;
}

absl::StatusOr<v1::SchoolOverview> Views::Overview(const std::string& tenant,
                                                   const ViewQuery& query,
                                                   int due_within_days) const {
  if (absl::Status s = CheckTenant(tenant); !s.ok()) return s;
  if (absl::Status s = CheckAsOf(store_, query.as_of); !s.ok()) return s;
  if (due_within_days < 0 || due_within_days > 366) {
    return absl::InvalidArgumentError("due_within_days: must be 0-366");
  }
  const std::string prefix = absl::StrCat(domain::PupilStreamId(tenant, ""));
  std::vector<v1::RegisterEntry> entries;
  if (query.as_of.kind == AsOf::Kind::kNow) {
    if (query.wait_for_position > 0) {
      absl::Status waited = pupil_runner_->WaitFor(query.wait_for_position, query.wait_deadline);
      if (!waited.ok()) return waited;
    }
    absl::Status parse_error;
    absl::Status scanned = pupil_runner_->Scan(
        RegisterKey(prefix), [&](absl::string_view key, absl::string_view value) {
          parse_error = DecodeView(value, key, &entries.emplace_back());
          return parse_error.ok();
        });
    if (!scanned.ok()) return scanned;
    if (!parse_error.ok()) return parse_error;
  } else {
    // Every pupil stream of the school, from the log, up to the point asked for.
    eventstore::EventFilter filter;
    filter.stream_prefix = prefix;
    const uint64_t head =
        query.as_of.kind == AsOf::Kind::kPosition ? query.as_of.position : store_.HeadPosition();
    std::map<std::string, std::vector<v1::EventEnvelope>> streams;
    for (uint64_t from = 1; from <= head;) {
      absl::StatusOr<eventstore::LogPage> page = store_.ReadAll(from, 10000, filter);
      if (!page.ok()) return page.status();
      for (eventstore::StoredEvent& event : page->events) {
        if (event.envelope.position() > head) break;
        streams[event.envelope.stream_id()].push_back(std::move(event.envelope));
      }
      if (page->next_position <= from) break;
      from = page->next_position;
    }
    for (const auto& [stream, events] : streams) {
      absl::StatusOr<PupilFile> file = FoldAsOf<PupilFile>(events, query.as_of, stream);
      if (absl::IsNotFound(file.status())) continue;
      if (!file.ok()) return file.status();
      entries.push_back(RenderRegisterEntry(*file));
    }
  }
  return BuildOverview(tenant, entries, Today(query), due_within_days);
}

}  // namespace endeavour::projections
