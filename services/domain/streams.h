// The names of the streams a school's records live in.
#ifndef ENDEAVOUR_SERVICES_DOMAIN_STREAMS_H_
#define ENDEAVOUR_SERVICES_DOMAIN_STREAMS_H_

#include <string>

namespace endeavour::domain {

// "pupil/<tenant>/<pupil id>": one pupil's record at one school.
std::string PupilStreamId(const std::string& tenant, const std::string& pupil_id);

// "school/<tenant>/self-evaluation": the school's SEND self-evaluation.
std::string SelfEvaluationStreamId(const std::string& tenant);

}  // namespace endeavour::domain

#endif  // ENDEAVOUR_SERVICES_DOMAIN_STREAMS_H_
