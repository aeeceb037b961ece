// A pupil is registered once; nothing is accepted before; a transfer in acts as the registration
// and a transfer out closes the record.
#include "services/domain/pupil_record_test_util.h"

namespace endeavour::domain::testing {
namespace {

using absl::StatusCode;
using Pupil = Spec<PupilRecord>;

TEST(Registration, ANewPupilIsRegistered) {
  Pupil().Given({}).When(Register(Amelia())).Then({Amelia()});
}

TEST(Registration, RegisteringTheSamePupilAgainDecidesNothing) {
  Pupil().Given({Amelia()}).When(Register(Amelia())).ThenNothing();
}

TEST(Registration, APupilIsRegisteredOnce) {
  v1::PupilRegistered other = Amelia();
  other.set_display_name("Amelia Hughes-Jones");
  Pupil()
      .Given({Amelia()})
      .When(Register(other))
      .ThenError(StatusCode::kAlreadyExists, "the pupil is already registered");
}

TEST(Registration, NeedsTheNameStaffKnowThePupilBy) {
  v1::PupilRegistered pupil = Amelia();
  pupil.clear_display_name();
  Pupil().When(Register(pupil)).ThenError(StatusCode::kInvalidArgument, "pupil.display_name");
}

TEST(Registration, NeedsARealDateOfBirth) {
  v1::PupilRegistered pupil = Amelia();
  *pupil.mutable_date_of_birth() = D(2017, 2, 30);
  Pupil()
      .When(Register(pupil))
      .ThenError(StatusCode::kInvalidArgument,
                 "pupil.date_of_birth: 2017-02-30 is not a real date");
}

TEST(Registration, CannotBeDatedAfterToday) {
  v1::PupilRegistered pupil = Amelia();
  *pupil.mutable_registered_on() = D(2026, 11, 25);
  Pupil()
      .When(Register(pupil))
      .ThenError(StatusCode::kInvalidArgument,
                 "pupil.registered_on: 2026-11-25 is after today (2026-11-24)");
}

TEST(Registration, NothingElseIsAcceptedForAnUnregisteredPupil) {
  Pupil()
      .Given({})
      .When(Identify(ReadingNeed()))
      .ThenError(StatusCode::kNotFound, "no pupil is registered on this record");
}

TEST(Registration, NoPlanIsAgreedForAnUnregisteredPupil) {
  Pupil().Given({}).When(Agree(FirstPlan())).ThenError(StatusCode::kNotFound, "register the pupil");
}

TEST(Registration, ACommandWithoutARealTodayIsRefused) {
  CommandContext context = Pupil::DefaultContext();
  context.today = v1::Date();
  Pupil().When(Register(Amelia()), context).ThenError(StatusCode::kInvalidArgument, "today");
}

TEST(TransferIn, OpensAnEmptyRecord) {
  Pupil().Given({}).When(ArriveFrom(TransferIn())).Then({TransferIn()});
}

TEST(TransferIn, ActsAsTheRegistration) {
  Pupil().Given({TransferIn()}).When(Identify(ReadingNeed())).Then({ReadingNeed()});
}

TEST(TransferIn, KeepsThePupilAndWhereTheHistoryContinuesFrom) {
  PupilState state = Fold({TransferIn()});
  ASSERT_TRUE(state.registered());
  EXPECT_EQ(state.pupil->current.display_name(), "Amelia Hughes");
  ASSERT_TRUE(state.transferred_in.has_value());
  EXPECT_EQ(state.transferred_in->from_head_position(), 918273u);
  EXPECT_EQ(state.status(), v1::SEN_STATUS_NO_SEN);
}

TEST(TransferIn, TheSameTransferAgainDecidesNothing) {
  Pupil().Given({TransferIn()}).When(ArriveFrom(TransferIn())).ThenNothing();
}

TEST(TransferIn, MustBeTheFirstEventOfTheRecord) {
  Pupil()
      .Given({Amelia()})
      .When(ArriveFrom(TransferIn()))
      .ThenError(StatusCode::kFailedPrecondition,
                 "a transfer in must be the first event of a pupil's record");
}

TEST(TransferIn, NamesTheSendingRecord) {
  v1::PupilTransferred transfer = TransferIn();
  transfer.set_from_stream_id("adm-20417");
  Pupil()
      .When(ArriveFrom(transfer))
      .ThenError(StatusCode::kInvalidArgument, "transfer.from_stream_id");
}

TEST(TransferIn, NamesTheSendingRecordsHeadPosition) {
  v1::PupilTransferred transfer = TransferIn();
  transfer.set_from_head_position(0);
  Pupil()
      .When(ArriveFrom(transfer))
      .ThenError(StatusCode::kInvalidArgument, "transfer.from_head_position");
}

TEST(TransferIn, CarriesA32ByteLeafHash) {
  v1::PupilTransferred transfer = TransferIn();
  transfer.set_from_head_leaf_hash(std::string(20, 'x'));
  Pupil()
      .When(ArriveFrom(transfer))
      .ThenError(StatusCode::kInvalidArgument,
                 "transfer.from_head_leaf_hash: give the 32-byte SHA-256 leaf hash");
}

TEST(TransferIn, CarriesThePupil) {
  v1::PupilTransferred transfer = TransferIn();
  transfer.clear_pupil();
  Pupil().When(ArriveFrom(transfer)).ThenError(StatusCode::kInvalidArgument, "transfer.pupil");
}

TEST(TransferIn, ChecksThePupilItCarries) {
  v1::PupilTransferred transfer = TransferIn();
  transfer.mutable_pupil()->clear_pupil_id();
  Pupil()
      .When(ArriveFrom(transfer))
      .ThenError(StatusCode::kInvalidArgument, "transfer.pupil.pupil_id");
}

TEST(TransferIn, IsADirectionIn) {
  v1::PupilTransferred transfer = TransferIn();
  transfer.set_direction(v1::PupilTransferred::DIRECTION_OUT);
  Pupil().When(ArriveFrom(transfer)).ThenError(StatusCode::kInvalidArgument, "transfer.direction");
}

TEST(TransferIn, APupilWhoTransferredInIsNotRegisteredAgain) {
  Pupil()
      .Given({TransferIn()})
      .When(Register(Amelia()))
      .ThenError(StatusCode::kAlreadyExists, "they transferred in from school-0112");
}

TEST(TransferOut, ClosesTheRecord) {
  Pupil().Given({Amelia(), ReadingNeed()}).When(LeaveFor(TransferOut())).Then({TransferOut()});
}

TEST(TransferOut, AfterwardsEveryCommandIsRefused) {
  Pupil()
      .Given(WithActivePlan())
      .Given({TransferOut()})
      .When(Log(Session("s-1", D(2026, 4, 20))))
      .ThenError(StatusCode::kFailedPrecondition,
                 "the pupil has transferred to school-0381 (on 2026-04-17)");
}

TEST(TransferOut, AfterwardsEvenARegistrationIsRefused) {
  v1::PupilRegistered pupil = Amelia();
  *pupil.mutable_registered_on() = D(2026, 9, 2);
  Pupil()
      .Given({Amelia(), TransferOut()})
      .When(Register(pupil))
      .ThenError(StatusCode::kFailedPrecondition, "the pupil has transferred to school-0381");
}

TEST(TransferOut, ARetryOfSomethingDoneBeforeDecidesNothing) {
  Facts facts = WithActivePlan();
  facts.push_back(Session("s-1", D(2026, 4, 16)));
  facts.push_back(TransferOut());
  Pupil().Given(facts).When(Log(Session("s-1", D(2026, 4, 16)))).ThenNothing();
}

TEST(TransferOut, TheSameTransferAgainDecidesNothing) {
  Pupil().Given({Amelia(), TransferOut()}).When(LeaveFor(TransferOut())).ThenNothing();
}

TEST(TransferOut, SaysWhichSchoolThePupilMovesTo) {
  v1::PupilTransferred transfer = TransferOut();
  transfer.clear_other_school();
  Pupil()
      .Given({Amelia()})
      .When(LeaveFor(transfer))
      .ThenError(StatusCode::kInvalidArgument, "transfer.other_school");
}

TEST(TransferOut, CannotBeDatedAfterToday) {
  v1::PupilTransferred transfer = TransferOut();
  *transfer.mutable_transferred_on() = D(2027, 1, 4);
  Pupil()
      .Given({Amelia()})
      .When(LeaveFor(transfer))
      .ThenError(StatusCode::kInvalidArgument,
                 "transfer.transferred_on: 2027-01-04 is after today");
}

}  // namespace
}  // namespace endeavour::domain::testing
