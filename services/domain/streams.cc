#include "services/domain/streams.h"

#include "absl/strings/str_cat.h"

namespace endeavour::domain {

std::string PupilStreamId(const std::string& tenant, const std::string& pupil_id) {
  return absl::StrCat("pupil/", tenant, "/", pupil_id);
}

std::string SelfEvaluationStreamId(const std::string& tenant) {
  return absl::StrCat("school/", tenant, "/self-evaluation");
}

}  // namespace endeavour::domain
