#include "eventstore/thread_name.h"

#include <string>
#include <thread>

#include "gtest/gtest.h"

namespace endeavour::eventstore {
namespace {

// What a new thread is called after naming itself `name`.
std::string NameTakenBy(const std::string& name) {
  std::string taken;
  std::thread thread([&] {
    NameThisThread(name);
    taken = ThisThreadName();
  });
  thread.join();
  return taken;
}

TEST(ThreadNameTest, ThreadTakesTheName) { EXPECT_EQ(NameTakenBy("store-leader"), "store-leader"); }

TEST(ThreadNameTest, LongNameKeepsItsFirstFifteenBytes) {
  EXPECT_EQ(NameTakenBy("views self_evaluation"), "views self_eval");
}

TEST(ThreadNameTest, NamingOneThreadLeavesItsStarterAlone) {
  const std::string before = ThisThreadName();
  ASSERT_EQ(NameTakenBy("someone-else"), "someone-else");
  EXPECT_EQ(ThisThreadName(), before);
}

}  // namespace
}  // namespace endeavour::eventstore
