#include "tests/e2e/generic_client.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"

namespace endeavour::testing::auth_matrix {

namespace pb = google::protobuf;

std::vector<const pb::MethodDescriptor*> ApiMethods() {
  std::vector<const pb::MethodDescriptor*> methods;
  const pb::FileDescriptor* file =
      pb::DescriptorPool::generated_pool()->FindFileByName("endeavour/v1/api.proto");
  EXPECT_NE(file, nullptr) << "endeavour/v1/api.proto is not in the generated pool";
  if (file == nullptr) return methods;
  for (int s = 0; s < file->service_count(); ++s) {
    for (int m = 0; m < file->service(s)->method_count(); ++m) {
      methods.push_back(file->service(s)->method(m));
    }
  }
  return methods;
}

std::unique_ptr<pb::Message> NewMessage(const pb::Descriptor& type) {
  return std::unique_ptr<pb::Message>(
      pb::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

const pb::FieldDescriptor* SchoolField(const pb::Descriptor& request) {
  const pb::FieldDescriptor* field = request.FindFieldByName("school");
  if (field == nullptr || field->is_repeated() ||
      field->type() != pb::FieldDescriptor::TYPE_STRING) {
    return nullptr;
  }
  return field;
}

const pb::FieldDescriptor* MessageField(const pb::Descriptor& type, const std::string& name) {
  const pb::FieldDescriptor* field = type.FindFieldByName(name);
  if (field == nullptr || field->is_repeated() ||
      field->type() != pb::FieldDescriptor::TYPE_MESSAGE) {
    return nullptr;
  }
  return field;
}

const pb::FieldDescriptor* AsOfPositionField(const pb::Descriptor& request) {
  const pb::FieldDescriptor* options = MessageField(request, "options");
  if (options == nullptr) return nullptr;
  const pb::FieldDescriptor* as_of = MessageField(*options->message_type(), "as_of");
  if (as_of == nullptr) return nullptr;
  const pb::FieldDescriptor* position = as_of->message_type()->FindFieldByName("position");
  if (position == nullptr || position->type() != pb::FieldDescriptor::TYPE_UINT64) return nullptr;
  return position;
}

std::string Apply(const pb::MethodDescriptor& method, const std::string& request,
                  const Variant& variant, uint64_t as_of_position) {
  if (variant.school.empty() && !variant.as_of) return request;
  std::unique_ptr<pb::Message> message = NewMessage(*method.input_type());
  EXPECT_TRUE(message->ParseFromString(request)) << method.full_name();
  if (!variant.school.empty()) {
    message->GetReflection()->SetString(message.get(), SchoolField(*method.input_type()),
                                        variant.school);
  }
  if (variant.as_of) {
    const pb::Descriptor& type = *method.input_type();
    pb::Message* options =
        message->GetReflection()->MutableMessage(message.get(), MessageField(type, "options"));
    pb::Message* as_of = options->GetReflection()->MutableMessage(
        options, MessageField(*options->GetDescriptor(), "as_of"));
    as_of->GetReflection()->SetUInt64(as_of, AsOfPositionField(type), as_of_position);
  }
  return message->SerializeAsString();
}

std::string Brief(const pb::Message& message) {
  std::string text = message.ShortDebugString();
  if (text.size() > 300) text = text.substr(0, 300) + "...";
  return text;
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

std::string Describe(const grpc::Status& status) {
  return absl::StrCat(CodeName(status.error_code()), " \"", status.error_message(), "\"");
}

namespace {

std::string ToBytes(const grpc::ByteBuffer& buffer) {
  std::string out;
  std::vector<grpc::Slice> slices;
  if (!buffer.Valid() || !buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& slice : slices) {
    out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return out;
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

void* Tag(intptr_t n) { return reinterpret_cast<void*>(n); }

// Waits for the one operation in flight on `cq`; whether it succeeded.
bool Await(grpc::CompletionQueue& cq) {
  void* tag = nullptr;
  bool ok = false;
  return cq.Next(&tag, &ok) && ok;
}

}  // namespace

Reply GenericClient::Call(const pb::MethodDescriptor& method, const std::string& request,
                          const std::optional<std::string>& authorization) {
  grpc::ClientContext context;
  if (authorization.has_value()) context.AddMetadata("authorization", *authorization);
  const bool streaming = method.client_streaming() || method.server_streaming();
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(streaming ? 5 : 10));
  const std::string path = absl::StrCat("/", method.service()->full_name(), "/", method.name());
  grpc::CompletionQueue cq;
  Reply reply = streaming ? Stream(context, cq, path, request) : Unary(context, cq, path, request);
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  return reply;
}

Reply GenericClient::Unary(grpc::ClientContext& context, grpc::CompletionQueue& cq,
                           const std::string& path, const std::string& request) {
  Reply reply;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> call =
      stub_.PrepareUnaryCall(&context, path, ToBuffer(request), &cq);
  call->StartCall();
  grpc::ByteBuffer response;
  call->Finish(&response, &reply.status, Tag(1));
  Await(cq);
  if (response.Valid()) reply.messages = 1;
  reply.bytes = ToBytes(response);
  return reply;
}

Reply GenericClient::Stream(grpc::ClientContext& context, grpc::CompletionQueue& cq,
                            const std::string& path, const std::string& request) {
  Reply reply;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub_.PrepareCall(&context, path, &cq);
  call->StartCall(Tag(1));
  if (Await(cq)) {
    call->WriteLast(ToBuffer(request), grpc::WriteOptions(), Tag(2));
    Await(cq);
    grpc::ByteBuffer message;
    call->Read(&message, Tag(3));
    if (Await(cq)) {
      reply.messages = 1;
      reply.bytes = ToBytes(message);
      context.TryCancel();
    }
  }
  call->Finish(&reply.status, Tag(4));
  Await(cq);
  return reply;
}

}  // namespace endeavour::testing::auth_matrix
