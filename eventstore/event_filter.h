// Whether an event passes a reader's EventFilter.
#ifndef ENDEAVOUR_EVENTSTORE_EVENT_FILTER_H_
#define ENDEAVOUR_EVENTSTORE_EVENT_FILTER_H_

#include <string_view>

#include "endeavour/v1/envelope.pb.h"
#include "eventstore/event_store.h"

namespace endeavour::eventstore {

bool MatchesFilter(const EventFilter& filter, const endeavour::v1::EventEnvelope& envelope);

// False when the stored envelope bytes certainly fail the filter's stream prefix, read from the
// bytes without parsing the envelope: a reader of one kind of stream (the self-evaluation views
// read only "school/" streams) skips the rest of the log at a fraction of a parse. True means
// "parse it and ask MatchesFilter", including for bytes that do not parse this far.
bool StoredBytesMayMatch(const EventFilter& filter, std::string_view stored_bytes);

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_EVENT_FILTER_H_
