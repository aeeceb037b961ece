#include "services/auth/access_policy.h"

#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/token_store.h"

namespace endeavour::auth {
namespace {

using ::testing::HasSubstr;

const std::vector<v1::Role> kRoles = {
    v1::ROLE_SENCO,      v1::ROLE_TEACHER,   v1::ROLE_LEADER, v1::ROLE_GOVERNOR,
    v1::ROLE_LA_OFFICER, v1::ROLE_INSPECTOR, v1::ROLE_FEED,   v1::ROLE_ADMIN,
};

// The matrix from the issue, written out again by hand. Columns, in kRoles order:
//                     senco teacher leader governor la_officer inspector feed admin
struct Row {
  Operation op;
  std::string allowed;  // one character per role: 'x' allowed, '.' not
};
const std::vector<Row> kExpected = {
    {Operation::kRecordPupilFact, "x......."},    {Operation::kLogIntervention, "xx......"},
    {Operation::kCorrectPupilRecord, "x......."}, {Operation::kRecordSelfEvaluation, "x.x....."},
    {Operation::kReadPlan, "xx......"},           {Operation::kReadHistory, "x...x..."},
    {Operation::kReadSelfEvaluation, "x.xx...."}, {Operation::kReadOverview, "x.xx...."},
    {Operation::kReadAsOf, "x....x.."},           {Operation::kReadFeed, "......x."},
    {Operation::kReadAccessLog, "x......x"},      {Operation::kVerify, ".......x"},
    {Operation::kReadAudit, "x...xx.x"},          {Operation::kManageTokens, ".......x"},
    {Operation::kReadEventProof, "x...xx.."},
};

Principal School(v1::Role role, std::string tenant) {
  return Principal{"staff/1", role, std::move(tenant), {}};
}

Principal Granted(v1::Role role, std::vector<std::string> granted) {
  return Principal{"la/1", role, "leeds-la", std::move(granted)};
}

TEST(AccessPolicyTest, EveryRoleAndOperationIsAsTheMatrixSays) {
  ASSERT_EQ(kExpected.size(), std::size(kAllOperations));
  for (const Row& row : kExpected) {
    ASSERT_EQ(row.allowed.size(), kRoles.size());
    for (size_t i = 0; i < kRoles.size(); ++i) {
      EXPECT_EQ(Allows(kRoles[i], row.op), row.allowed[i] == 'x')
          << RoleName(kRoles[i]) << " " << OperationName(row.op);
    }
    EXPECT_FALSE(Allows(v1::ROLE_UNSPECIFIED, row.op)) << OperationName(row.op);
    EXPECT_FALSE(Allows(static_cast<v1::Role>(42), row.op)) << OperationName(row.op);
  }
}

TEST(AccessPolicyTest, OperationsHaveDistinctSnakeCaseNames) {
  std::set<std::string> names;
  for (Operation op : kAllOperations) {
    const std::string name = OperationName(op);
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << name;
    EXPECT_TRUE(names.insert(name).second) << name;
  }
  EXPECT_EQ(OperationName(Operation::kReadAsOf), "read_as_of");
}

TEST(AccessPolicyTest, WritesAreTheOperationsThatChangeRecordsOrTokens) {
  std::set<Operation> writes;
  for (Operation op : kAllOperations) {
    if (IsWrite(op)) writes.insert(op);
  }
  EXPECT_EQ(writes,
            (std::set<Operation>{Operation::kRecordPupilFact, Operation::kLogIntervention,
                                 Operation::kCorrectPupilRecord, Operation::kRecordSelfEvaluation,
                                 Operation::kManageTokens}));
}

TEST(AccessPolicyTest, SchoolRolesActOnTheirOwnTenant) {
  for (v1::Role role : kRoles) {
    if (role == v1::ROLE_LA_OFFICER || role == v1::ROLE_INSPECTOR) continue;
    for (Operation op : kAllOperations) {
      if (!Allows(role, op)) continue;
      EXPECT_TRUE(CheckAccess(School(role, "oakfield"), op, "oakfield").ok())
          << RoleName(role) << " " << OperationName(op);
    }
  }
}

TEST(AccessPolicyTest, SchoolRolesAreRefusedAnotherTenantWithoutLearningWhetherItExists) {
  const Principal senco = School(v1::ROLE_SENCO, "oakfield");
  absl::Status status = CheckAccess(senco, Operation::kReadPlan, "elmwood");
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(status.message()), HasSubstr("senco"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("read_plan"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("own tenant"));
  EXPECT_EQ(CheckAccess(senco, Operation::kReadPlan, "no-such-school"), status);
  EXPECT_EQ(CheckAccess(senco, Operation::kRecordPupilFact, "elmwood").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckAccess(senco, Operation::kReadPlan, "").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckAccess(School(v1::ROLE_SENCO, ""), Operation::kReadPlan, "").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, ARoleIsRefusedWhatTheMatrixDoesNotGiveItEvenOnItsOwnTenant) {
  absl::Status status =
      CheckAccess(School(v1::ROLE_TEACHER, "oakfield"), Operation::kRecordPupilFact, "oakfield");
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(), "role teacher may not record_pupil_fact");
  EXPECT_EQ(CheckAccess(School(v1::ROLE_UNSPECIFIED, "oakfield"), Operation::kReadPlan, "oakfield")
                .code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, LaOfficerReadsHistoriesAndAuditOfGrantedSchoolsOnly) {
  const Principal la = Granted(v1::ROLE_LA_OFFICER, {"oakfield", "elmwood"});
  EXPECT_TRUE(CheckAccess(la, Operation::kReadHistory, "oakfield").ok());
  EXPECT_TRUE(CheckAccess(la, Operation::kReadAudit, "elmwood").ok());

  absl::Status other = CheckAccess(la, Operation::kReadHistory, "ashgrove");
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(other.message()), HasSubstr("la_officer"));
  EXPECT_THAT(std::string(other.message()), HasSubstr("granted"));
  EXPECT_EQ(CheckAccess(la, Operation::kReadHistory, "no-such-school"), other);
  // Its own tenant is not one of the schools granted to it.
  EXPECT_EQ(CheckAccess(la, Operation::kReadHistory, "leeds-la").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckAccess(la, Operation::kReadPlan, "oakfield").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(AccessPolicyTest, AGrantedTenantNeverAllowsAWrite) {
  for (v1::Role role : {v1::ROLE_LA_OFFICER, v1::ROLE_INSPECTOR}) {
    const Principal principal = Granted(role, {"oakfield"});
    for (Operation op : kAllOperations) {
      if (!IsWrite(op)) continue;
      absl::Status status = CheckAccess(principal, op, "oakfield");
      EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied)
          << RoleName(role) << " " << OperationName(op);
      EXPECT_THAT(std::string(status.message()), HasSubstr(OperationName(op)));
    }
  }
}

TEST(AccessPolicyTest, InspectorReadsGrantedSchoolsAsOfADateButNotAsTheyStand) {
  const Principal inspector = Granted(v1::ROLE_INSPECTOR, {"oakfield"});
  for (Operation view : {Operation::kReadPlan, Operation::kReadHistory,
                         Operation::kReadSelfEvaluation, Operation::kReadOverview}) {
    EXPECT_TRUE(CheckViewAccess(inspector, view, /*as_of=*/true, "oakfield").ok())
        << OperationName(view);
    EXPECT_EQ(CheckViewAccess(inspector, view, /*as_of=*/false, "oakfield").code(),
              absl::StatusCode::kPermissionDenied)
        << OperationName(view);
    EXPECT_EQ(CheckViewAccess(inspector, view, /*as_of=*/true, "elmwood").code(),
              absl::StatusCode::kPermissionDenied)
        << OperationName(view);
  }
  EXPECT_TRUE(CheckAccess(inspector, Operation::kReadAsOf, "oakfield").ok());
}

TEST(AccessPolicyTest, AsOfReadsOfOtherViewsNeedReadAsOf) {
  const Principal la = Granted(v1::ROLE_LA_OFFICER, {"oakfield"});
  EXPECT_TRUE(CheckViewAccess(la, Operation::kReadHistory, /*as_of=*/true, "oakfield").ok());
  EXPECT_FALSE(CheckViewAccess(la, Operation::kReadHistory, /*as_of=*/true, "elmwood").ok());
  EXPECT_FALSE(CheckViewAccess(la, Operation::kReadPlan, /*as_of=*/true, "oakfield").ok());

  const Principal teacher = School(v1::ROLE_TEACHER, "oakfield");
  EXPECT_TRUE(CheckViewAccess(teacher, Operation::kReadPlan, /*as_of=*/false, "oakfield").ok());
  absl::Status status = CheckViewAccess(teacher, Operation::kReadPlan, /*as_of=*/true, "oakfield");
  EXPECT_EQ(status.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(status.message()), HasSubstr("read_as_of"));
  EXPECT_FALSE(CheckViewAccess(School(v1::ROLE_GOVERNOR, "oakfield"), Operation::kReadOverview,
                               /*as_of=*/true, "oakfield")
                   .ok());

  const Principal senco = School(v1::ROLE_SENCO, "oakfield");
  EXPECT_TRUE(CheckViewAccess(senco, Operation::kReadOverview, /*as_of=*/true, "oakfield").ok());
  EXPECT_FALSE(CheckViewAccess(senco, Operation::kReadOverview, /*as_of=*/true, "elmwood").ok());
  EXPECT_FALSE(CheckViewAccess(senco, Operation::kReadAccessLog, /*as_of=*/true, "oakfield").ok());
}

TEST(AccessPolicyTest, AuditDataIsReadForOwnOrGrantedSchoolsOnly) {
  const Principal admin = School(v1::ROLE_ADMIN, "oakfield");
  EXPECT_TRUE(CheckAccess(admin, Operation::kReadAudit, "oakfield").ok());
  EXPECT_FALSE(CheckAccess(admin, Operation::kReadAudit, "elmwood").ok());
  const Principal inspector = Granted(v1::ROLE_INSPECTOR, {"oakfield"});
  EXPECT_TRUE(CheckAccess(inspector, Operation::kReadAudit, "oakfield").ok());
  EXPECT_FALSE(CheckAccess(inspector, Operation::kReadAudit, "leeds-la").ok());
  const Principal ungranted = Granted(v1::ROLE_LA_OFFICER, {});
  EXPECT_FALSE(CheckAccess(ungranted, Operation::kReadAudit, "leeds-la").ok());
  EXPECT_FALSE(CheckAccess(ungranted, Operation::kReadAudit, "").ok());
}

TEST(AccessPolicyTest, EventProofsGoToThoseWhoMayReadTheSchoolsRecordsButNotToAdmin) {
  EXPECT_TRUE(
      CheckAccess(School(v1::ROLE_SENCO, "oakfield"), Operation::kReadEventProof, "oakfield").ok());
  EXPECT_FALSE(
      CheckAccess(School(v1::ROLE_SENCO, "oakfield"), Operation::kReadEventProof, "elmwood").ok());
  for (v1::Role role : {v1::ROLE_LA_OFFICER, v1::ROLE_INSPECTOR}) {
    const Principal granted = Granted(role, {"oakfield"});
    EXPECT_TRUE(CheckAccess(granted, Operation::kReadEventProof, "oakfield").ok());
    EXPECT_FALSE(CheckAccess(granted, Operation::kReadEventProof, "elmwood").ok());
  }
  absl::Status admin =
      CheckAccess(School(v1::ROLE_ADMIN, "oakfield"), Operation::kReadEventProof, "oakfield");
  EXPECT_EQ(admin.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(admin.message(), "role admin may not read_event_proof");
  for (v1::Role role : {v1::ROLE_TEACHER, v1::ROLE_LEADER, v1::ROLE_GOVERNOR, v1::ROLE_FEED}) {
    EXPECT_FALSE(CheckAccess(School(role, "oakfield"), Operation::kReadEventProof, "oakfield").ok())
        << RoleName(role);
  }
}

}  // namespace
}  // namespace endeavour::auth
