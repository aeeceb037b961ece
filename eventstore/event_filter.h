// Whether an event passes a reader's EventFilter.
#ifndef ENDEAVOUR_EVENTSTORE_EVENT_FILTER_H_
#define ENDEAVOUR_EVENTSTORE_EVENT_FILTER_H_

#include "endeavour/v1/envelope.pb.h"
#include "eventstore/event_store.h"

namespace endeavour::eventstore {

bool MatchesFilter(const EventFilter& filter, const endeavour::v1::EventEnvelope& envelope);

}  // namespace endeavour::eventstore

#endif  // ENDEAVOUR_EVENTSTORE_EVENT_FILTER_H_
