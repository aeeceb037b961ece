// Given / when / then for deciders, in the shape of EventSourcing.NetCore's BusinessLogicTests:
//
//   Spec<PupilRecord>()
//       .Given({registered, need_identified})
//       .When(AgreePlan{...})
//       .Then({plan_agreed});          // or .ThenError(absl::StatusCode::kFailedPrecondition,
//                                      //                 "no need has been identified")
//
// An Aggregate provides State, Event, Command, Evolve(State, event_id, Event) and
// Decide(Command, State, CommandContext). Given events get ids "given-1", "given-2", ... unless
// given with ids explicitly (GivenWithIds), which tests of corrections use.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_DECIDER_SPEC_H_
#define ENDEAVOUR_SERVICES_DOMAIN_DECIDER_SPEC_H_

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/domain/command_context.h"
#include "services/domain/event_variant.h"

namespace endeavour::domain {

template <typename Aggregate>
class Spec {
 public:
  using Event = typename Aggregate::Event;
  using Command = typename Aggregate::Command;

  Spec& Given(std::vector<Event> events) {
    for (Event& e : events) given_.emplace_back(absl::StrCat("given-", given_.size() + 1), e);
    return *this;
  }
  Spec& GivenWithIds(std::vector<std::pair<std::string, Event>> events) {
    for (auto& e : events) given_.push_back(std::move(e));
    return *this;
  }
  Spec& When(Command command, CommandContext context = DefaultContext()) {
    typename Aggregate::State state{};
    for (const auto& [id, event] : given_) state = Aggregate::Evolve(std::move(state), id, event);
    state_ = state;
    result_ = Aggregate::Decide(command, state, context);
    return *this;
  }

  // The decided events, compared field by field.
  void Then(const std::vector<Event>& expected) const {
    ASSERT_TRUE(result_.has_value()) << "When() was not called";
    ASSERT_TRUE(result_->ok()) << "expected events, got " << result_->status();
    const std::vector<Event>& actual = **result_;
    ASSERT_EQ(actual.size(), expected.size()) << "number of events decided";
    for (size_t i = 0; i < actual.size(); ++i) {
      EXPECT_EQ(EventTypeName(actual[i]), EventTypeName(expected[i])) << "event " << i;
      if (actual[i].index() != expected[i].index()) continue;
      std::visit(
          [&](const auto& a) {
            const auto& b = std::get<std::decay_t<decltype(a)>>(expected[i]);
            std::string diff;
            google::protobuf::util::MessageDifferencer differ;
            differ.ReportDifferencesToString(&diff);
            EXPECT_TRUE(differ.Compare(b, a)) << "event " << i << " differs:\n" << diff;
          },
          actual[i]);
    }
  }

  // The command was already carried out: nothing new is decided.
  void ThenNothing() const { Then({}); }

  // Refused with `code`, and a message that contains `words` (the field and the rule).
  void ThenError(absl::StatusCode code, const std::string& words) const {
    ASSERT_TRUE(result_.has_value()) << "When() was not called";
    ASSERT_FALSE(result_->ok()) << "expected an error, got " << result_->value().size()
                                << " events";
    EXPECT_EQ(result_->status().code(), code) << result_->status();
    EXPECT_THAT(std::string(result_->status().message()), ::testing::HasSubstr(words));
  }

  // The state the given events folded to, for tests of Evolve.
  const typename Aggregate::State& state() const { return *state_; }

  static CommandContext DefaultContext() {
    CommandContext context;
    context.command_id = "command-1";
    context.today.set_year(2026);
    context.today.set_month(11);
    context.today.set_day(24);
    return context;
  }

 private:
  std::vector<std::pair<std::string, Event>> given_;
  std::optional<typename Aggregate::State> state_;
  std::optional<absl::StatusOr<std::vector<Event>>> result_;
};

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_DECIDER_SPEC_H_
