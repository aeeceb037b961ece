// The one way a command becomes events: load the stream, fold it with Evolve, Decide, and append
// what was decided with the version that was read as the expected version. When another writer
// got there first (ABORTED), it reads on and decides again, a bounded number of times. Folded
// states of recently written streams are kept (FoldedStreamCache), so a command reads only what
// was appended since, usually nothing. HandleAsync does the same without a thread waiting for the
// append: the store's callback settles the command, or decides it again after a conflict.
//
// An Aggregate provides State, Event (a std::variant of event messages), Command, and
//   static State Evolve(State, const std::string& event_id, const Event&);
//   static absl::StatusOr<std::vector<Event>> Decide(const Command&, const State&,
//                                                    const domain::CommandContext&);
// Thread-safe: the store serialises what needs serialising.
#ifndef ENDEAVOUR_SERVICES_COMMAND_HANDLER_H_
#define ENDEAVOUR_SERVICES_COMMAND_HANDLER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "endeavour/v1/envelope.pb.h"
#include "eventstore/event_store.h"
#include "services/domain/command_context.h"
#include "services/domain/event_variant.h"
#include "services/folded_stream_cache.h"

namespace endeavour::services {

// What the caller says about the events besides their content.
struct EnvelopeFields {
  std::string tenant;
  endeavour::v1::Actor actor;
  endeavour::v1::Date occurred_on;
  std::string correlation_id;
};

struct CommandResult {
  // The stream's version after the command, and the log position a query can wait for.
  uint64_t stream_version = 0;
  uint64_t position = 0;
  // Ids of the events appended; empty when the command had already been carried out.
  std::vector<std::string> event_ids;
};

// INVALID_ARGUMENT unless `command_id` is 1-100 letters, digits, '-', '_', '.' or ':' (a UUID).
absl::Status ValidateCommandId(const std::string& command_id);

// The id of the i-th event a command decides: retrying the command yields the same ids, so the
// store recognises the retry.
std::string DecidedEventId(const std::string& command_id, size_t index);

// Builds the envelopes of decided events (everything but what the store assigns).
template <typename Event>
std::vector<endeavour::v1::EventEnvelope> EnvelopesFor(const std::vector<Event>& events,
                                                       const domain::CommandContext& context,
                                                       const EnvelopeFields& fields) {
  std::vector<endeavour::v1::EventEnvelope> envelopes;
  for (size_t i = 0; i < events.size(); ++i) {
    endeavour::v1::EventEnvelope& e = envelopes.emplace_back();
    e.set_event_id(DecidedEventId(context.command_id, i));
    e.set_event_type(domain::EventTypeName(events[i]));
    e.set_tenant(fields.tenant);
    *e.mutable_actor() = fields.actor;
    *e.mutable_occurred_on() = fields.occurred_on;
    e.set_correlation_id(fields.correlation_id.empty() ? context.command_id
                                                       : fields.correlation_id);
    e.set_causation_id(context.command_id);
    e.set_payload(domain::SerializeEvent(events[i]));
  }
  return envelopes;
}

// Folds what the store holds past `loaded.version` into `loaded`.
template <typename Aggregate>
absl::Status CatchUp(const eventstore::EventStore& store, const std::string& stream_id,
                     LoadedStream<Aggregate>& loaded) {
  for (uint64_t from = loaded.version + 1;;) {
    absl::StatusOr<eventstore::StreamPage> page =
        store.ReadStream(stream_id, from, eventstore::ReadDirection::kForwards, 1000);
    if (!page.ok()) return page.status();
    for (const eventstore::StoredEvent& stored : page->events) {
      const endeavour::v1::EventEnvelope& envelope = stored.envelope;
      absl::StatusOr<typename Aggregate::Event> event =
          domain::ParseEvent<typename Aggregate::Event>(envelope.event_type(), envelope.payload());
      if (!event.ok()) {
        return absl::DataLossError(absl::StrCat("stream ", stream_id, " version ",
                                                envelope.stream_version(), ": ",
                                                event.status().message()));
      }
      loaded.state =
          Aggregate::Evolve(std::move(loaded.state), envelope.event_id(), std::move(*event));
      loaded.version = envelope.stream_version();
      loaded.last_position = envelope.position();
      if (!envelope.causation_id().empty()) {
        loaded.commands[envelope.causation_id()] = {loaded.version, loaded.last_position};
      }
    }
    if (page->end_of_stream) return absl::OkStatus();
    from = page->next_version;
  }
}

// The whole stream folded.
template <typename Aggregate>
absl::StatusOr<LoadedStream<Aggregate>> LoadStream(const eventstore::EventStore& store,
                                                   const std::string& stream_id) {
  LoadedStream<Aggregate> loaded;
  if (absl::Status s = CatchUp(store, stream_id, loaded); !s.ok()) return s;
  return loaded;
}

template <typename Aggregate>
class CommandHandler {
 public:
  using Command = typename Aggregate::Command;
  using Done = absl::AnyInvocable<void(absl::StatusOr<CommandResult>)>;

  // `store` must outlive the handler. Up to `cached_streams` folded states are kept between
  // commands (0 folds every stream from the store for every command).
  // HandleAsync runs the commands on one stream one after another, with at most
  // `max_waiting_per_stream` waiting behind the one under way.
  explicit CommandHandler(eventstore::EventStore* store, int max_attempts = 8,
                          size_t cached_streams = 4096, size_t max_waiting_per_stream = 64)
      : store_(store),
        max_attempts_(max_attempts),
        max_waiting_per_stream_(max_waiting_per_stream),
        cache_(cached_streams) {}

  absl::StatusOr<CommandResult> Handle(const std::string& stream_id, const Command& command,
                                       const domain::CommandContext& context,
                                       const EnvelopeFields& fields) {
    if (absl::Status valid = ValidateCommandId(context.command_id); !valid.ok()) return valid;
    Attempts attempts;
    attempts.loaded = cache_.CheckOut(stream_id).value_or(LoadedStream<Aggregate>{});
    while (true) {
      Decision decision = DecideNext(stream_id, command, context, fields, attempts);
      if (decision.outcome) return *std::move(decision.outcome);
      std::optional<absl::StatusOr<CommandResult>> settled = Settle(
          stream_id, context, attempts,
          store_->Append(stream_id, eventstore::ExpectedVersion::Exact(attempts.loaded.version),
                         std::move(decision.envelopes)));
      if (settled) return *std::move(settled);
    }
  }

  // As Handle, but no thread waits for the append: `done` runs once with what Handle would
  // return, on the calling thread or, once the append is durable, on a thread of the store's.
  // Commands on one stream run in turn, each deciding on the state the one before left, so they
  // never conflict with each other; RESOURCE_EXHAUSTED when too many wait for one stream.
  void HandleAsync(std::string stream_id, Command command, domain::CommandContext context,
                   EnvelopeFields fields, Done done) {
    if (absl::Status valid = ValidateCommandId(context.command_id); !valid.ok()) {
      done(std::move(valid));
      return;
    }
    auto call = std::make_unique<AsyncCommand>(AsyncCommand{std::move(stream_id),
                                                            std::move(command),
                                                            std::move(context),
                                                            std::move(fields),
                                                            {},
                                                            std::move(done)});
    bool refused = false;
    {
      absl::MutexLock lock(&queues_mu_);
      auto [queue, first] = queues_.try_emplace(call->stream_id);
      if (!first) {
        if (queue->second.size() < max_waiting_per_stream_) {
          queue->second.push_back(std::move(call));
          return;
        }
        refused = true;
      }
    }
    if (refused) {
      // Outside the lock: `done` may send the next command to this handler.
      call->done(absl::ResourceExhaustedError(
          absl::StrCat(max_waiting_per_stream_, " commands already wait for ", call->stream_id,
                       "; try again shortly")));
      return;
    }
    Begin(std::move(call));
  }

 private:
  using Event = typename Aggregate::Event;

  // What a command carries from one attempt to the next.
  struct Attempts {
    LoadedStream<Aggregate> loaded;
    int made = 0;
    absl::Status last_conflict;
    std::vector<Event> decided;    // the last attempt's events
    std::vector<std::string> ids;  // and their ids
  };
  // Either the command's outcome, or the envelopes to append at loaded.version.
  struct Decision {
    std::optional<absl::StatusOr<CommandResult>> outcome;
    std::vector<endeavour::v1::EventEnvelope> envelopes;
  };
  static Decision Outcome(absl::StatusOr<CommandResult> outcome) {
    Decision decision;
    decision.outcome = std::move(outcome);
    return decision;
  }
  struct AsyncCommand {
    std::string stream_id;
    Command command;
    domain::CommandContext context;
    EnvelopeFields fields;
    Attempts attempts;
    Done done;
  };

  Decision DecideNext(const std::string& stream_id, const Command& command,
                      const domain::CommandContext& context, const EnvelopeFields& fields,
                      Attempts& a) {
    if (a.made == max_attempts_) {
      return Outcome(absl::AbortedError(absl::StrCat("gave up after ", max_attempts_,
                                                     " concurrent changes to ", stream_id,
                                                     "; last: ", a.last_conflict.message())));
    }
    ++a.made;
    LoadedStream<Aggregate>& loaded = a.loaded;
    // After a conflict this folds in what the other writer appended.
    if (absl::Status s = CatchUp(*store_, stream_id, loaded); !s.ok()) return Outcome(s);
    absl::StatusOr<std::vector<Event>> decided = Aggregate::Decide(command, loaded.state, context);
    if (!decided.ok() || decided->empty()) {
      // A command sent again after the record moved on may no longer be decided as it was
      // (its rule now refuses it): it was carried out, so it gets its original result. A
      // different command reusing the id is refused by the store whenever it would record
      // anything; one the rules refuse is answered the same way, as the id's command is done.
      CommandResult unchanged{loaded.version, loaded.last_position, {}};
      bool done_before = false;
      if (auto mark = loaded.commands.find(context.command_id); mark != loaded.commands.end()) {
        unchanged = CommandResult{mark->second.version, mark->second.position, {}};
        done_before = true;
      }
      cache_.CheckIn(stream_id, std::move(loaded));
      if (!decided.ok() && !done_before) return Outcome(decided.status());
      return Outcome(unchanged);
    }
    Decision decision;
    decision.envelopes = EnvelopesFor(*decided, context, fields);
    a.ids.clear();
    for (const auto& e : decision.envelopes) a.ids.push_back(e.event_id());
    a.decided = std::move(*decided);
    return decision;
  }

  // The command's outcome once its append is answered; nullopt to decide again, when another
  // writer got there first.
  std::optional<absl::StatusOr<CommandResult>> Settle(
      const std::string& stream_id, const domain::CommandContext& context, Attempts& a,
      absl::StatusOr<eventstore::AppendResult> appended) {
    LoadedStream<Aggregate>& loaded = a.loaded;
    if (appended.ok()) {
      // A retried command gets its original result back, and the state already holds its
      // events; otherwise the state moves on by exactly what was appended.
      const bool recorded_now = appended->stream_version == loaded.version + a.decided.size();
      if (recorded_now) {
        for (size_t i = 0; i < a.decided.size(); ++i) {
          loaded.state =
              Aggregate::Evolve(std::move(loaded.state), a.ids[i], std::move(a.decided[i]));
        }
        loaded.version = appended->stream_version;
        loaded.last_position = appended->last_position;
        loaded.commands[context.command_id] = {loaded.version, loaded.last_position};
      }
      cache_.CheckIn(stream_id, std::move(loaded));
      if (!recorded_now) a.ids.clear();  // nothing new: as for a command the decider found done
      return CommandResult{appended->stream_version, appended->last_position, std::move(a.ids)};
    }
    if (appended.status().code() == absl::StatusCode::kAlreadyExists) {
      return absl::AlreadyExistsError(
          absl::StrCat("command_id: \"", context.command_id,
                       "\" was already used for a different command; use a new id"));
    }
    if (appended.status().code() != absl::StatusCode::kAborted) return appended.status();
    a.last_conflict = appended.status();  // someone else wrote first: decide again on their result
    return std::nullopt;
  }

  // Starts a command whose turn it is on its stream.
  void Begin(std::unique_ptr<AsyncCommand> call) {
    call->attempts.loaded = cache_.CheckOut(call->stream_id).value_or(LoadedStream<Aggregate>{});
    Continue(std::move(call));
  }

  // Reports the command's outcome and starts the next on its stream, which finds the state this
  // one checked in. The recursion this can make (a next command refused at once) is bounded by
  // max_waiting_per_stream_.
  void Finish(std::unique_ptr<AsyncCommand> call, absl::StatusOr<CommandResult> outcome) {
    std::unique_ptr<AsyncCommand> next;
    {
      absl::MutexLock lock(&queues_mu_);
      auto queue = queues_.find(call->stream_id);
      if (queue->second.empty()) {
        queues_.erase(queue);
      } else {
        next = std::move(queue->second.front());
        queue->second.pop_front();
      }
    }
    call->done(std::move(outcome));
    call.reset();
    if (next != nullptr) Begin(std::move(next));
  }

  // Decides and appends; on a conflict the store's callback decides again.
  void Continue(std::unique_ptr<AsyncCommand> call) {
    Decision decision =
        DecideNext(call->stream_id, call->command, call->context, call->fields, call->attempts);
    if (decision.outcome) {
      Finish(std::move(call), *std::move(decision.outcome));
      return;
    }
    std::string stream_id = call->stream_id;
    const auto expected = eventstore::ExpectedVersion::Exact(call->attempts.loaded.version);
    store_->AppendAsync(
        std::move(stream_id), expected, std::move(decision.envelopes),
        [this, call = std::move(call)](absl::StatusOr<eventstore::AppendResult> appended) mutable {
          std::optional<absl::StatusOr<CommandResult>> settled =
              Settle(call->stream_id, call->context, call->attempts, std::move(appended));
          if (settled) {
            Finish(std::move(call), *std::move(settled));
          } else {
            Continue(std::move(call));
          }
        });
  }

  eventstore::EventStore* const store_;
  const int max_attempts_;
  const size_t max_waiting_per_stream_;
  FoldedStreamCache<Aggregate> cache_;
  // Streams with an asynchronous command under way, and the commands waiting behind it.
  absl::Mutex queues_mu_;
  absl::flat_hash_map<std::string, std::deque<std::unique_ptr<AsyncCommand>>> queues_
      ABSL_GUARDED_BY(queues_mu_);
};

}  // namespace endeavour::services

#endif  // ENDEAVOUR_SERVICES_COMMAND_HANDLER_H_
