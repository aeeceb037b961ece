#include "clients/cli/generic_call.h"

#include <grpcpp/generic/generic_stub.h>

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"

namespace endeavour::cli {
namespace {

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

bool FromBuffer(const grpc::ByteBuffer& buffer, std::string* bytes) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Valid() || !buffer.Dump(&slices).ok()) return false;
  for (const grpc::Slice& slice : slices) {
    bytes->append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return true;
}

}  // namespace

grpc::Status CallUnary(const Connection& connection,
                       const google::protobuf::MethodDescriptor& method,
                       const google::protobuf::Message& request, google::protobuf::Message& reply) {
  grpc::GenericStub stub(connection.channel());
  std::unique_ptr<grpc::ClientContext> context = connection.NewContext();
  grpc::CompletionQueue queue;
  const std::string path = absl::StrCat("/", method.service()->full_name(), "/", method.name());
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
      stub.PrepareUnaryCall(context.get(), path, ToBuffer(request.SerializeAsString()), &queue);
  call->StartCall();
  grpc::ByteBuffer answer;
  grpc::Status status;
  call->Finish(&answer, &status, nullptr);
  void* tag = nullptr;
  bool ok = false;
  queue.Next(&tag, &ok);
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  if (!status.ok()) return status;
  std::string bytes;
  if (!FromBuffer(answer, &bytes) || !reply.ParseFromString(bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        absl::StrCat("the reply is not a ", reply.GetDescriptor()->full_name()));
  }
  return status;
}

}  // namespace endeavour::cli
