// Calling any method of api.proto by name, for the auth matrix (auth_matrix_fixture.h): the methods
// come from the generated descriptors, requests are edited through reflection, and a
// grpc::GenericStub sends them serialized, so an RPC added later is called like the others.
#ifndef ENDEAVOUR_TESTS_E2E_GENERIC_CLIENT_H_
#define ENDEAVOUR_TESTS_E2E_GENERIC_CLIENT_H_

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace endeavour::testing::auth_matrix {

// Every method of every service of api.proto, from the generated descriptors.
std::vector<const google::protobuf::MethodDescriptor*> ApiMethods();

// --- Requests, edited through reflection ------------------------------------------------------

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type);

// The request's `string school` field (the school a granted role reads), if it has one.
const google::protobuf::FieldDescriptor* SchoolField(const google::protobuf::Descriptor& request);

// A singular message field named `name` of `type`, or nullptr.
const google::protobuf::FieldDescriptor* MessageField(const google::protobuf::Descriptor& type,
                                                      const std::string& name);

// The request's options.as_of.position field (an as-of query), if it has one.
const google::protobuf::FieldDescriptor* AsOfPositionField(
    const google::protobuf::Descriptor& request);

// How a request is varied: which school it names, and whether it asks for a past point.
struct Variant {
  std::string school;  // "" leaves the field unset: the caller's own tenant
  bool as_of = false;

  std::string Describe() const {
    std::string out = school.empty() ? "own tenant" : absl::StrCat("school \"", school, "\"");
    if (as_of) absl::StrAppend(&out, ", as of a position");
    return out;
  }
};

std::string Apply(const google::protobuf::MethodDescriptor& method, const std::string& request,
                  const Variant& variant, uint64_t as_of_position);

// The start of a message's text, for failure messages.
std::string Brief(const google::protobuf::Message& message);

// --- Calling any method by name --------------------------------------------------------------

struct Reply {
  grpc::Status status;
  int messages = 0;   // messages received
  std::string bytes;  // their serialized bytes, concatenated
};

// "PERMISSION_DENIED", ...: gRPC's codes are absl's canonical codes.
std::string CodeName(grpc::StatusCode code);

std::string Describe(const grpc::Status& status);

class GenericClient {
 public:
  explicit GenericClient(std::shared_ptr<grpc::Channel> channel) : stub_(std::move(channel)) {}

  // Calls `method` with the serialized `request`, sending `authorization` (when set) as the
  // metadata of that name. A streaming call is cancelled after its first message: one is enough
  // to show it was let through.
  Reply Call(const google::protobuf::MethodDescriptor& method, const std::string& request,
             const std::optional<std::string>& authorization);

 private:
  Reply Unary(grpc::ClientContext& context, grpc::CompletionQueue& cq, const std::string& path,
              const std::string& request);

  Reply Stream(grpc::ClientContext& context, grpc::CompletionQueue& cq, const std::string& path,
               const std::string& request);

  grpc::GenericStub stub_;
};

}  // namespace endeavour::testing::auth_matrix

#endif  // ENDEAVOUR_TESTS_E2E_GENERIC_CLIENT_H_
