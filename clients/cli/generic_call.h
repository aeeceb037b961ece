// Calling a unary RPC by its descriptor with serialized bytes (grpc::GenericStub), so the command
// subcommands need no per-RPC code: a new RPC of a command service is callable as soon as the
// protos have it.
#ifndef ENDEAVOUR_CLIENTS_CLI_GENERIC_CALL_H_
#define ENDEAVOUR_CLIENTS_CLI_GENERIC_CALL_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "clients/cli/cli.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace endeavour::cli {

// Sends `request` to `method` and parses the answer into `reply` (of the method's output type).
grpc::Status CallUnary(const Connection& connection,
                       const google::protobuf::MethodDescriptor& method,
                       const google::protobuf::Message& request, google::protobuf::Message& reply);

}  // namespace endeavour::cli

#endif  // ENDEAVOUR_CLIENTS_CLI_GENERIC_CALL_H_
